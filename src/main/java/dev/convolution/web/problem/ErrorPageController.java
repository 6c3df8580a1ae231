package dev.convolution.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, filters) reach {@code /error} by an error
 * dispatch; this answers them as problem details too, never with a stack trace or the default error
 * page, and logs every server-side failure it answers (with the exception, when there is one). A
 * client asking for {@code /error} itself gets the 404 of any path that is not an endpoint.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping(path = "${server.error.path:/error}", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            ProblemDetail p = Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ProblemHandler.NOT_FOUND_DETAIL,
                    request.getRequestURI(), List.of());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.resolve(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status.is5xxServerError()) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("{} on {} {} outside the controllers", status.value(), request.getMethod(), uri,
                    failure instanceof Throwable t ? t : null);
        }
        String detail = status.is4xxClientError() ? "the request could not be handled (" + status.value() + " "
                + status.getReasonPhrase() + ")" : "the service failed unexpectedly; the failure has been logged";
        ProblemDetail p = Problems.of(status, status.is4xxClientError() ? "http-" + status.value() : "internal",
                status.getReasonPhrase(), detail, uri == null ? null : uri.toString(), List.of());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
