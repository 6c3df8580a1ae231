package dev.convolution.web.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a caller's API request has arrived since the start, as the request id filter sees requests: any request to
 * {@code /api/} whose id is not the warm-up's own. The warm-up stops at the first one ({@link WarmUp}): behind a
 * gateway that routes to a replica as soon as it listens (nginx without active health checks), callers' requests would
 * otherwise share the cores with it, and they warm the same code. Probes and other paths do not count.
 */
final class CallerTraffic {
    private volatile boolean arrived;

    void seen(HttpServletRequest request, String requestId) {
        if (!arrived && request.getRequestURI().startsWith("/api/") && !requestId.startsWith(WarmUp.REQUEST_ID_PREFIX)) {
            arrived = true;
        }
    }

    boolean arrived() {
        return arrived;
    }
}
