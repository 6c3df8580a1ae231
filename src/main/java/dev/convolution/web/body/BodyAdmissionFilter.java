package dev.convolution.web.body;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.error.Violation;
import dev.convolution.service.ComputationPermits;
import dev.convolution.service.MemoryAdmission;
import dev.convolution.web.problem.ProblemWriter;
import dev.convolution.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides which request bodies are read at all, before anything reads them: a body in a content
 * coding other than {@code identity} (gzip, deflate, …) is refused with 415 and {@code
 * Accept-Encoding: identity} (RFC 9110 §15.5.16: the service does not inflate bodies, so that the byte
 * limit is the limit on what it parses); a body over the byte limit is refused at once from {@code
 * Content-Length}, or while it is read when its length is not declared (the controller advice then
 * answers 413); a body still arriving after the body timeout is refused with 408 (a client trickling
 * its body holds a connection for a bounded time); a body whose heap does not fit in the {@link
 * MemoryAdmission} budget next to the requests already admitted is refused with 503 and {@code
 * Retry-After} before it is read (a body of unknown length as soon as it outgrows what is free); and a
 * body over {@link ComputationPermits#LIGHT_BODY_BYTES} (which cannot be light work) is admitted only
 * while fewer such requests than heavy permits are in the service, otherwise refused with 503 before it
 * is read. Errors written here do not pass the advice, so
 * this filter writes its own problem details.
 */
class BodyAdmissionFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(BodyAdmissionFilter.class);
    private final long maxBytes;
    private final Duration bodyTimeout;
    private final MemoryAdmission memory;
    private final ComputationPermits permits;
    private final JsonMapper json;
    private final boolean nonBlocking;
    private final long maxStreamedBytes;
    private final int streamPort;

    /**
     * {@code nonBlocking}: read a body the connector has not yet received in full with non-blocking input before the
     * request is handled ({@link NonBlockingBody}), for requests on platform threads; otherwise the handler reads bodies
     * with blocking reads (cheap on virtual threads, and for a body already received).
     */
    BodyAdmissionFilter(long maxBytes, Duration bodyTimeout, MemoryAdmission memory, ComputationPermits permits,
            JsonMapper json, boolean nonBlocking, long maxStreamedBytes, int streamPort) {
        this.maxStreamedBytes = maxStreamedBytes;
        this.streamPort = streamPort;
        this.maxBytes = maxBytes;
        this.bodyTimeout = bodyTimeout;
        this.memory = memory;
        this.permits = permits;
        this.json = json;
        this.nonBlocking = nonBlocking;
    }

    /** The ASYNC dispatch of a body read without blocking ({@link NonBlockingBody}) passes here too, to replay it. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            NonBlockingBody body = NonBlockingBody.of(request);
            chain.doFilter(body == null ? request : body.replay(request), response);
            return;
        }
        if (streamPort > 0 && request.getLocalPort() == streamPort && !StreamedBody.isStreamPath(request)) {
            String detail = "port " + streamPort + " serves streamed volumes only: POST /api/v1/arrays/convolve or /correlate, "
                    + "multipart/form-data, Accept: application/x-npy (the API is on the main port)";
            ProblemWriter.write(response, json, Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail,
                    request.getRequestURI(), List.of()));
            return;
        }
        String coding = contentCoding(request);
        if (coding != null) {
            String detail = "the body is sent with Content-Encoding " + StrictJson.abbreviate(coding)
                    + "; the service takes bodies without a content coding (identity): send the JSON itself";
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            ProblemWriter.write(response, json, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
                    "Unsupported content encoding", detail, request.getRequestURI(), List.of(new Violation("Content-Encoding", detail))));
            return;
        }
        long declared = request.getContentLengthLong();
        boolean chunked = chunked(request);
        if (StreamedBody.eligible(request, declared, chunked, maxBytes)) {
            streamed(request, response, chain, declared);
            return;
        }
        if (declared > maxBytes) {
            String detail = new BodyTooLargeException(maxBytes).getMessage();
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ProblemWriter.write(response, json, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large",
                    detail, request.getRequestURI(), List.of(new Violation("body", detail))));
            return;
        }
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response); // no body
            return;
        }
        boolean large = declared > ComputationPermits.LIGHT_BODY_BYTES;
        if (large && !permits.admitLargeBody()) {
            // not light work whatever it asks for, and as many such requests as heavy permits are in the service:
            // refused before a byte of it is read
            refuseSaturated(request, response, permits.retryAfterSeconds(), "the service holds as many requests with large "
                    + "bodies as it has heavy computation permits (convolution.concurrency.max-computations), and a body of "
                    + declared + " bytes is not light work; retry after " + permits.retryAfterSeconds() + " s");
            return;
        }
        // once only: a body read without blocking releases it on completion, which may follow a failure to start the read
        AtomicBoolean released = new AtomicBoolean(!large);
        Runnable releaseLarge = () -> {
            if (released.compareAndSet(false, true)) {
                permits.releaseLargeBody();
            }
        };
        boolean handedOver = false;
        try {
            handedOver = admitted(request, response, chain, declared, releaseLarge);
        } finally {
            if (!handedOver) {
                releaseLarge.run();
            }
        }
    }

    /**
     * Past the refusals from the headers alone: memory admission, then the body read under its limits. True when the
     * body is being read without blocking: the request then continues in an ASYNC dispatch, and what it holds (the
     * reservation, {@code releaseLarge}) is released when it completes.
     */
    private boolean admitted(HttpServletRequest request, HttpServletResponse response, FilterChain chain, long declared,
            Runnable releaseLarge) throws IOException, ServletException {
        MemoryAdmission.Reservation reservation = memory.reserve(Math.max(0, declared));
        if (reservation == null) {
            refuseSaturated(request, response, memory.retryAfterSeconds(), new MemoryRefusedException(memory).getMessage());
            return false;
        }
        // a body of unknown length (-1) reserves as it is read
        BodyMeter meter = new BodyMeter(new BodyMeter.Rules(maxBytes, bodyTimeout, declared > 0 ? declared : -1, reservation, memory));
        if (nonBlocking && !NonBlockingBody.alreadyReceived(request, declared)) {
            if (log.isDebugEnabled()) {
                log.debug("body of {} bytes not yet received: read with non-blocking input", declared > 0 ? declared : "unknown");
            }
            Runnable release = () -> {
                reservation.close();
                releaseLarge.run();
            };
            try {
                NonBlockingBody.start(request, meter, release);
            } catch (IOException | RuntimeException e) {
                release.run(); // both are idempotent: the completion of a request whose read failed to start may run it again
                throw e;
            }
            return true;
        }
        try (reservation) {
            chain.doFilter(new Limited(request, meter), response);
        }
        return false;
    }

    /**
     * A body read as a stream ({@link StreamedBody}): held to {@code max-streamed-bytes} (its parts' framing aside), with
     * the body timeout as the longest gap between its bytes, read with blocking reads whatever the threads (its reader
     * answers as it reads), admitted as a large body; its memory is reserved once its input's header is read.
     */
    private void streamed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, long declared)
            throws IOException, ServletException {
        long max = maxStreamedBytes + (1 << 20) + maxBytes; // the input's data, its framing, and the parts before it
        if (declared > max) {
            String detail = new BodyTooLargeException(max, "convolution.limits.max-streamed-bytes, with the parts before the input "
                    + "and their framing").getMessage();
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ProblemWriter.write(response, json, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large",
                    detail, request.getRequestURI(), List.of(new Violation("body", detail))));
            return;
        }
        if (!permits.admitLargeBody()) {
            refuseSaturated(request, response, permits.retryAfterSeconds(), "the service holds as many requests with large "
                    + "bodies as it has heavy computation permits (convolution.concurrency.max-computations), and a streamed body "
                    + "is not light work; retry after " + permits.retryAfterSeconds() + " s");
            return;
        }
        try (MemoryAdmission.Reservation whole = StreamedBody.hold(request, memory)) {
            request.setAttribute(StreamedBody.ATTRIBUTE, Boolean.TRUE);
            BodyMeter meter = new BodyMeter(BodyMeter.Rules.streamed(max, bodyTimeout));
            chain.doFilter(new Limited(request, meter), response);
        } finally {
            permits.releaseLargeBody();
        }
    }

    /**
     * A 503 from the headers alone: the body is never parsed, and the connection closes after the answer. A body of up to
     * the byte limit still arriving is drained for a bounded time first ({@link RefusedBodyDrain}), so that its client
     * reads the answer instead of a reset.
     */
    private void refuseSaturated(HttpServletRequest request, HttpServletResponse response, int retryAfterSeconds, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        var problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "saturated", "Service saturated", detail, request.getRequestURI(),
                List.of());
        boolean chunked = chunked(request);
        if (RefusedBodyDrain.wanted(request, request.getContentLengthLong(), chunked, maxBytes)) {
            ProblemWriter.writeAndKeepOpen(response, json, problem);
            RefusedBodyDrain.start(request, maxBytes);
        } else {
            ProblemWriter.write(response, json, problem);
        }
    }

    /** True when the body comes in chunks ({@code Transfer-Encoding: chunked}): its length is not declared. */
    private static boolean chunked(HttpServletRequest request) {
        return "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
    }

    /** The content codings of the body other than {@code identity}, as sent, or null when there are none. */
    static String contentCoding(HttpServletRequest request) {
        StringBuilder codings = new StringBuilder();
        for (var values = request.getHeaders(HttpHeaders.CONTENT_ENCODING); values != null && values.hasMoreElements(); ) {
            for (String c : values.nextElement().split(",")) {
                String t = c.trim();
                if (!t.isEmpty() && !t.equalsIgnoreCase("identity")) {
                    codings.append(codings.isEmpty() ? "" : ", ").append(t);
                }
            }
        }
        return codings.isEmpty() ? null : codings.toString();
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final BodyMeter meter;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, BodyMeter meter) {
            super(request);
            this.meter = meter;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), meter);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }

    /** A blocking read of the body, held to its {@link BodyMeter} rules. */
    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final BodyMeter meter;

        Counting(ServletInputStream in, BodyMeter meter) {
            this.in = in;
            this.meter = meter;
        }

        private int counted(int n) throws IOException {
            return meter.counted(n, in.isFinished());
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
