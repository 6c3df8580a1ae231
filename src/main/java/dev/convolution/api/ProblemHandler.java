package dev.convolution.api;

import dev.convolution.core.error.BudgetExceededException;
import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.error.Violation;
import dev.convolution.service.SaturatedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one exit for every failure: core and service exceptions, unreadable JSON, and Spring's own
 * 404/405/406/415, all as {@code application/problem+json} with our own sentence in {@code detail}
 * and the fields to blame in {@code errors}. Framework messages are never passed on.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String NOT_FOUND_DETAIL = "there is no endpoint at this path; the API is under /api/v1 (see /v3/api-docs)";

    @ExceptionHandler(ConvolutionException.class)
    ResponseEntity<Object> core(ConvolutionException e, HttpServletRequest request) {
        if (e instanceof BudgetExceededException) {
            // the service's own deadline passed: 504, as Google's API design maps DEADLINE_EXCEEDED; not 413
            // (the request was not too large to read) and not 503 (retrying, as gateways do for 503, costs the same again)
            return problem(HttpStatus.GATEWAY_TIMEOUT, "time-budget", "Computation past its time budget", e.getMessage(), request,
                    e.violations());
        }
        if (e instanceof LimitExceededException) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", e.getMessage(), request, e.violations());
        }
        if (e instanceof ResultNotRepresentableException) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "not-representable", "Result not representable", e.getMessage(),
                    request, e.violations());
        }
        String detail = e instanceof InvalidRequestException && e.violations().size() == 1
                ? sentence(e.violations().get(0)) : e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, request, e.violations());
    }

    /** A result that cannot be given as asked: a trace in .npy, a colour PNG's result in JSON. */
    @ExceptionHandler(ResultNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(ResultNotAcceptableException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", e.getMessage(), request,
                List.of(new Violation("Accept", e.getMessage())));
    }

    @ExceptionHandler(SaturatedException.class)
    ResponseEntity<Object> saturated(SaturatedException e, HttpServletRequest request) {
        return saturated(e.getMessage(), e.retryAfterSeconds(), request.getRequestURI());
    }

    /** 503 with Retry-After: a lane, or the memory budget, is full. */
    private static ResponseEntity<Object> saturated(String detail, int retryAfterSeconds, String uri) {
        ProblemDetail body = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "saturated", "Service saturated", detail, uri, List.of());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** A body declared multipart that cannot be read as such (no boundary, truncated parts): the client's fault. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> multipart(org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
        String detail = "the body is declared multipart/form-data but cannot be read as such (a boundary and well-formed "
                + "parts are needed)";
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, request,
                List.of(new Violation("body", detail)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the service failed unexpectedly; the failure has been logged", request, List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = find(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", tooLarge.getMessage(), request,
                    List.of(new Violation("body", tooLarge.getMessage())));
        }
        MemoryRefusedException refused = find(ex, MemoryRefusedException.class);
        if (refused != null) {
            return saturated(refused.getMessage(), refused.retryAfterSeconds(), uri(request));
        }
        BodyTimeoutException late = find(ex, BodyTimeoutException.class);
        if (late != null) {
            return problem(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Request body too slow", late.getMessage(), request,
                    List.of(new Violation("body", late.getMessage())));
        }
        Violation v = unreadable(find(ex, JacksonException.class));
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", sentence(v), request, List.of(v));
    }

    /** Our own words for a body Jackson could not read; Jackson's messages name classes and are not shown. */
    static Violation unreadable(JacksonException e) {
        if (e == null) {
            return new Violation("body", "the request body is missing or unreadable; send a JSON object");
        }
        String path = path(e);
        if (e instanceof WireValueException) {
            return new Violation(path, e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String name = u.getPropertyName();
            if ("correlationConvention".equals(name)) {
                return new Violation(path, "correlationConvention applies only to cross-correlation, not to convolution");
            }
            String known = u.getKnownPropertyIds() == null ? ""
                    : "; the fields are " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new Violation(path, "unknown field '" + StrictJson.abbreviate(name) + "'" + known);
        }
        if (e instanceof InvalidNullException) {
            return new Violation(path, "must not be null");
        }
        if (e instanceof MismatchedInputException m) {
            String original = String.valueOf(m.getOriginalMessage());
            if (original.startsWith("Trailing token")) {
                return new Violation("body", "there is content after the JSON value; send exactly one JSON object");
            }
            if (original.startsWith("No content")) {
                return new Violation("body", "the request body is empty; send a JSON object");
            }
            if (path.equals("body")) {
                return new Violation("body", "the body must be a JSON object");
            }
            return new Violation(path, "must be " + expected(m.getTargetType()));
        }
        if (e instanceof StreamConstraintsException) {
            return new Violation("body", "the body exceeds the JSON parser's limits (nesting depth, number or string length)");
        }
        String duplicate = duplicateName(e);
        if (duplicate != null) {
            String name = StrictJson.abbreviate(duplicate);
            String field = path.equals("body") ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
            return new Violation(field, "the field '" + StrictJson.abbreviate(duplicate)
                    + "' appears twice in one object; send each field once");
        }
        if (e instanceof StreamReadException r && r.getLocation() != null) {
            return new Violation("body", "the body is not valid JSON (near line " + r.getLocation().getLineNr() + ", column "
                    + r.getLocation().getColumnNr() + ")");
        }
        return new Violation(path, "could not be read as JSON of the expected shape");
    }

    /** The repeated name when the parser refused a duplicate property (strict duplicate detection), else null. */
    private static String duplicateName(JacksonException e) {
        String m = e.getOriginalMessage();
        String prefix = "Duplicate Object property \"";
        if (!(e instanceof StreamReadException) || m == null || !m.startsWith(prefix) || m.lastIndexOf('"') <= prefix.length()) {
            return null;
        }
        return m.substring(prefix.length(), m.lastIndexOf('"'));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a JSON integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        return "a JSON object";
    }

    /** The field path in the request's own notation: {@code image[2][1]}, {@code trace.outputs[0]}. */
    static String path(JacksonException e) {
        StringBuilder s = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(StrictJson.abbreviate(r.getPropertyName()));
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.isEmpty() ? "body" : s.toString();
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail;
        String slug;
        String title;
        HttpHeaders out = new HttpHeaders();
        if (ex instanceof NoResourceFoundException) {
            slug = "not-found";
            title = "Not found";
            detail = NOT_FOUND_DETAIL;
        } else if (ex instanceof HttpRequestMethodNotSupportedException m) {
            Set<HttpMethod> allowed = m.getSupportedHttpMethods();
            slug = "method-not-allowed";
            title = "Method not allowed";
            detail = "this path does not take " + StrictJson.abbreviate(String.valueOf(m.getMethod())) + "; it takes "
                    + (allowed == null ? "other methods" : allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
            if (allowed != null) {
                out.setAllow(allowed);
            }
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            slug = "not-acceptable";
            title = "Not acceptable";
            detail = "this endpoint cannot answer in the media type asked for: compute endpoints answer application/json, "
                    + "application/x-npy (the result array) and, for images, image/png; errors are application/problem+json";
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            slug = "unsupported-media-type";
            title = "Unsupported media type";
            detail = "send the body as application/json, or as multipart/form-data (array fields as .npy or JSON parts, the "
                    + "other fields in a JSON part named options)";
            out.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA));
        } else {
            slug = "http-" + status.value();
            HttpStatus known = HttpStatus.resolve(status.value());
            title = known == null ? "Error" : known.getReasonPhrase();
            detail = "the request could not be handled (" + status.value() + " " + title + ")";
        }
        ProblemDetail problem = Problems.of(status, slug, title, detail, uri(request), List.of());
        return ResponseEntity.status(status).headers(out).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String slug, String title, String detail, Object request,
            List<Violation> errors) {
        String uri = request instanceof HttpServletRequest r ? r.getRequestURI() : uri((WebRequest) request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, slug, title, detail, uri, errors));
    }

    private static String uri(WebRequest request) {
        if (request instanceof NativeWebRequest n && n.getNativeRequest() instanceof HttpServletRequest r) {
            return r.getRequestURI();
        }
        return null;
    }

    private static String sentence(Violation v) {
        return v.field().equals("body") || v.message().startsWith(v.field()) ? v.message() : v.field() + ": " + v.message();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
