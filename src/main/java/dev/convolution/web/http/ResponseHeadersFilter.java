package dev.convolution.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every response carries: {@code X-Content-Type-Options: nosniff} (a browser never guesses
 * another media type than the one declared), and a caching rule by path: {@code no-store} for the
 * API, errors and the operations endpoints (results belong to one request and are never reused by a
 * cache between client and service), {@code no-cache} for the OpenAPI document (it changes with each
 * release, so a cache must revalidate it). Swagger UI's static files keep the container's defaults.
 */
public class ResponseHeadersFilter extends OncePerRequestFilter {
    private static final String NO_STORE = "no-store";
    private static final String NO_CACHE = "no-cache";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response, request.getRequestURI());
        chain.doFilter(request, response);
    }

    /** Sets the headers for a response to this path (also for what the servlet container answers itself). */
    public static void apply(HttpServletResponse response, String path) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String cache = cacheControl(path);
        if (cache != null) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, cache);
        }
    }

    /** The Cache-Control value for a path, or null to leave it to the resource. */
    static String cacheControl(String path) {
        if (path == null) {
            return NO_STORE;
        }
        if (path.startsWith("/v3/api-docs")) {
            return NO_CACHE;
        }
        if (path.startsWith("/swagger-ui") || path.startsWith("/webjars/")) {
            return null;
        }
        return NO_STORE;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
