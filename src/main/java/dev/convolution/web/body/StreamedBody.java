package dev.convolution.web.body;

import dev.convolution.service.MemoryAdmission;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * Which request bodies are read as a stream rather than whole: a {@code multipart/form-data} POST to the arrays endpoints
 * that asks for {@code .npy} ({@code Accept: application/x-npy}) and is either of unknown length (chunked) or longer
 * than {@code max-body-bytes}. Such a body is held to {@code max-streamed-bytes}, its body timeout counts the gaps between
 * its bytes rather than its whole time, and its memory is reserved from its input's {@code .npy} header, not from its
 * length; its last part, the input, may then stream through the service (the arrays controller's {@code .npy} answer).
 * The admission filter marks it with {@link #ATTRIBUTE}; the multipart reader reads it part by part.
 */
public final class StreamedBody {
    /** The request attribute (a {@code Boolean}) that marks a body read as a stream. */
    public static final String ATTRIBUTE = StreamedBody.class.getName();
    private static final String NPY = "application/x-npy";

    private StreamedBody() {
    }

    private static final String RESERVATION = StreamedBody.class.getName() + ".reservation";

    /**
     * Reserves heap for {@code bytes} more of a streamed body read whole (its parts before the input, an input read whole
     * after all), as a body of that length would reserve; {@link MemoryRefusedException} when they do not fit.
     */
    public static void reserveWhole(ServletRequest request, long bytes) throws MemoryRefusedException {
        if (request.getAttribute(RESERVATION) instanceof Held h && !h.reservation().grow(bytes)) {
            throw new MemoryRefusedException(h.memory());
        }
    }

    private record Held(MemoryAdmission.Reservation reservation, MemoryAdmission memory) {
    }

    /** Starts the reservation of what a streamed body holds whole; the caller closes it when the request ends. */
    static MemoryAdmission.Reservation hold(ServletRequest request, MemoryAdmission memory) {
        MemoryAdmission.Reservation r = memory.reserve(0);
        request.setAttribute(RESERVATION, new Held(r, memory));
        return r;
    }

    /** True for a request the admission filter marked as streamed. */
    public static boolean isStreamed(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    /** True when the request's body is to be read as a stream (see the class comment). */
    static boolean eligible(HttpServletRequest request, long declared, boolean chunked, long maxBodyBytes) {
        return (chunked && declared < 0 || declared > maxBodyBytes) && isStreamPath(request);
    }

    /** A POST to the arrays endpoints, multipart, asking for .npy: what may stream. */
    static boolean isStreamPath(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String uri = request.getRequestURI();
        if (!uri.equals("/api/v1/arrays/convolve") && !uri.equals("/api/v1/arrays/correlate")) {
            return false;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return false;
        }
        for (Enumeration<String> accept = request.getHeaders(HttpHeaders.ACCEPT); accept != null && accept.hasMoreElements(); ) {
            if (accept.nextElement().toLowerCase(Locale.ROOT).contains(NPY)) {
                return true;
            }
        }
        return false;
    }
}
