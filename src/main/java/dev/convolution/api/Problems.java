package dev.convolution.api;

import dev.convolution.core.error.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The problem types of the service: stable {@code type} URIs, titles, and the {@code errors} array. */
final class Problems {
    private Problems() {
    }

    static final String BASE = "urn:convolution:problem:";

    static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail, String instance,
            List<Violation> errors) {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setType(URI.create(BASE + slug));
        p.setTitle(title);
        p.setDetail(detail);
        if (instance != null) {
            p.setInstance(URI.create(instance.replaceAll("[^A-Za-z0-9/._~-]", "")));
        }
        p.setProperty("errors", errors.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        String requestId = org.slf4j.MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            p.setProperty("requestId", requestId);
        }
        return p;
    }
}
