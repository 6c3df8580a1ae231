package dev.convolution.web.problem;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.error.BudgetExceededException;
import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.error.Violation;
import dev.convolution.service.SaturatedException;
import dev.convolution.web.body.BodyTimeoutException;
import dev.convolution.web.body.BodyTooLargeException;
import dev.convolution.web.body.MemoryRefusedException;
import dev.convolution.web.media.AnswerAbortedException;
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

    /** An answer that failed after it started: logged where it failed; its response is committed and left short. */
    @ExceptionHandler(AnswerAbortedException.class)
    void aborted() {
        // nothing can be written: the connection closes short of the declared length
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
        Violation v = UnreadableJson.violation(find(ex, JacksonException.class));
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", sentence(v), request, List.of(v));
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
