package dev.convolution.web.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem response where Spring MVC's advice does not reach: in servlet filters, and in the
 * servlet container's own error report (requests it refuses before any filter runs).
 */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    /** Writes {@code problem} as the whole response body; the caller has set any extra headers. */
    public static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        byte[] body = head(response, json, problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Writes {@code problem} and sends it at once, without a {@code Content-Length}, so the response stays open until the
     * request completes: the container closes a response whose declared length is written, and the request's input with
     * it, which a caller still reading the request's body must not have happen. The caller has set {@code Connection:
     * close}: the body ends where the connection does.
     */
    public static void writeAndKeepOpen(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        response.getOutputStream().write(head(response, json, problem));
        response.flushBuffer();
    }

    /** Sets the problem's status and media type on {@code response}; the problem's body, to be written. */
    private static byte[] head(HttpServletResponse response, JsonMapper json, ProblemDetail problem) {
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        return body;
    }
}
