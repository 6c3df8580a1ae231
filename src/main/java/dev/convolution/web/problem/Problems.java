package dev.convolution.web.problem;

import dev.convolution.core.error.Violation;
import dev.convolution.web.http.RequestIdFilter;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The problem types of the service: stable {@code type} URIs, titles, and the {@code errors} array. */
public final class Problems {
    private Problems() {
    }

    static final String BASE = "urn:convolution:problem:";

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail, String instance,
            List<Violation> errors) {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setType(URI.create(BASE + slug));
        p.setTitle(title);
        p.setDetail(detail);
        if (instance != null) {
            p.setInstance(URI.create(instance.replaceAll("[^A-Za-z0-9/._~-]", "")));
        }
        // a record, not a map: the members keep their order (a Map.of iterates in an order that changes from run to run)
        p.setProperty("errors", errors.stream().map(v -> new FieldError(v.field(), v.message())).toList());
        String requestId = org.slf4j.MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            p.setProperty("requestId", requestId);
        }
        return p;
    }

    /** One field to blame and what is wrong with it, as the {@code errors} array lists them. */
    record FieldError(String field, String message) {
    }
}
