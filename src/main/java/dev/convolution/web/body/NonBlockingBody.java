package dev.convolution.web.body;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A request body read with the Servlet API's non-blocking input (a {@link ReadListener}) before the
 * request is handled, for containers whose requests run on platform threads (Java 17, or virtual threads
 * switched off): a client that trickles its body then holds a connection and a buffer, not one of the
 * container's request threads, so a thousand slow bodies cannot starve everyone else. The request is
 * started asynchronously, its bytes are gathered as they arrive under the same {@link BodyMeter} rules as
 * a blocking read, and the request is dispatched again (an {@code ASYNC} dispatch) when the body is
 * complete; that dispatch reads the body from memory ({@link #replay}). A body that breaks a rule is
 * dispatched all the same, and the first read of it throws what a blocking read would have thrown, so
 * both ways answer with the same problem details. {@code release} runs once, when the request is complete.
 */
final class NonBlockingBody implements ReadListener {
    static final String ATTRIBUTE = NonBlockingBody.class.getName();
    private static final int FIRST_CHUNKED_BUFFER = 8192;

    private final AsyncContext async;
    private final ServletInputStream in;
    private final BodyMeter meter;
    private final AtomicBoolean ended = new AtomicBoolean();
    private byte[] buffer;
    private int length;
    private volatile IOException failure;

    private NonBlockingBody(AsyncContext async, ServletInputStream in, BodyMeter meter) {
        this.async = async;
        this.in = in;
        this.meter = meter;
        long declared = meter.rules().declared();
        this.buffer = new byte[declared > 0 ? (int) Math.min(declared, Integer.MAX_VALUE - 8) : FIRST_CHUNKED_BUFFER];
    }

    /** Starts reading the body of {@code request} without a thread; the request comes back as an ASYNC dispatch. */
    static void start(HttpServletRequest request, BodyMeter meter, Runnable release) throws IOException {
        AsyncContext async = request.startAsync();
        // a body that stops arriving altogether meets the connector's read timeout (an error, below); this bounds the whole read
        async.setTimeout(meter.rules().timeout().toMillis() + 1000);
        NonBlockingBody body = new NonBlockingBody(async, request.getInputStream(), meter);
        request.setAttribute(ATTRIBUTE, body);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                release.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                body.end(new BodyTimeoutException(meter.rules().timeout()));
            }

            @Override
            public void onError(AsyncEvent event) {
                body.abandon();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        if (request.getAttribute(BodyReadingValve.SEND_CONTINUE) instanceof Runnable sendContinue) {
            sendContinue.run(); // the client sends the body only after it: a non-blocking read alone never asks for it
        }
        body.in.setReadListener(body);
    }

    /**
     * True when the connector already holds the whole declared body of {@code request} ({@link
     * BodyReadingValve#BUFFERED_BYTES}): a blocking read of it cannot wait on the client. False when it cannot tell.
     */
    static boolean alreadyReceived(HttpServletRequest request, long declared) {
        return declared > 0 && request.getAttribute(BodyReadingValve.BUFFERED_BYTES) instanceof LongSupplier buffered
                && buffered.getAsLong() >= declared;
    }

    /** The body read for this request (in its ASYNC dispatch), or null when it was not read this way. */
    static NonBlockingBody of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof NonBlockingBody b ? b : null;
    }

    @Override
    public void onDataAvailable() {
        try {
            while (!ended.get() && in.isReady()) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                meter.counted(n, in.isFinished());
                length += n;
            }
        } catch (IOException e) {
            end(e);
        }
    }

    @Override
    public void onAllDataRead() {
        end(null);
    }

    @Override
    public void onError(Throwable t) {
        abandon();
    }

    /** The body is complete, or broke a rule ({@code failure}): the request is handled in an ASYNC dispatch. */
    private void end(IOException failure) {
        if (ended.compareAndSet(false, true)) {
            this.failure = failure;
            async.dispatch();
        }
    }

    /** The connection failed or went silent past the read timeout: there is no one to answer. */
    private void abandon() {
        if (ended.compareAndSet(false, true)) {
            async.complete();
        }
    }

    /** {@code request} reading this body from memory; its first read throws the rule the body broke, if any. */
    HttpServletRequest replay(HttpServletRequest request) {
        if (!ended.get()) { // also what makes the callbacks' writes of the buffer visible to this thread
            throw new IllegalStateException("the body is still being read");
        }
        return new HttpServletRequestWrapper(request) {
            private final ServletInputStream stream = failure != null ? new Failing(failure) : new Replay(buffer, length);

            @Override
            public ServletInputStream getInputStream() {
                return stream;
            }

            @Override
            public BufferedReader getReader() {
                return new BufferedReader(new InputStreamReader(stream,
                        getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
            }
        };
    }

    private static final class Replay extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        Replay(byte[] buffer, int length) {
            bytes = new ByteArrayInputStream(buffer, 0, length);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body has been read already; it is replayed from memory");
        }
    }

    private static final class Failing extends ServletInputStream {
        private final IOException failure;

        Failing(IOException failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body broke a rule while it was read");
        }
    }
}
