package dev.convolution.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the gateway's {@code X-Request-Id} when it is a sane token, a new
 * UUID otherwise. The id is in the response header, in every log line of the request (MDC key
 * {@code requestId}) and in problem details. One access line per request is logged at DEBUG on
 * {@code dev.convolution.access}.
 */
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final String START = RequestIdFilter.class.getName() + ".start";
    private static final Logger access = LoggerFactory.getLogger("dev.convolution.access");
    private final CallerTraffic traffic;

    RequestIdFilter(CallerTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object existing = request.getAttribute(MDC_KEY);
        String id = existing instanceof String s ? s : request.getHeader(HEADER);
        if (id == null || !isSane(id)) {
            id = randomId();
        }
        request.setAttribute(MDC_KEY, id);
        traffic.seen(request, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        // a request whose body is read without blocking returns here early and is handled in an ASYNC dispatch:
        // its access line is logged at the end of that dispatch, timed from the start of the request
        if (!(request.getAttribute(START) instanceof Long)) {
            request.setAttribute(START, System.nanoTime());
        }
        long start = (Long) request.getAttribute(START);
        try {
            chain.doFilter(request, response);
        } finally {
            if (access.isDebugEnabled() && !request.isAsyncStarted()) {
                access.debug("{} {} {} {} µs", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - start) / 1000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * A new id: a random (version 4) UUID from the thread's own generator. {@link UUID#randomUUID} draws from the
     * shared {@code SecureRandom} (a read of {@code /dev/urandom} under a lock): 1.2% of the service's CPU time
     * under the seed request's load in a profile; an id correlates log lines and is no secret.
     */
    static String randomId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L; // the IETF variant
        return new UUID(high, low).toString();
    }

    /** True for an id worth passing on: a short token of URL-safe characters. */
    public static boolean isSane(String id) {
        return SANE.matcher(id).matches();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
