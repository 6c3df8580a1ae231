package dev.convolution.web.problem;

import dev.convolution.web.http.RequestIdFilter;
import dev.convolution.web.http.ResponseHeadersFilter;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet container's error report as problem details: what Tomcat refuses before any filter or
 * controller runs (a malformed URI such as {@code %00} or {@code /%2e%2e/}, a negative or repeated
 * {@code Content-Length}, an oversized header) is answered in {@code application/problem+json} with
 * a request id, like every other error, instead of Tomcat's HTML page. Tomcat's own message is not
 * passed on; server-side failures are logged.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    private final JsonMapper json;

    public ProblemErrorReportValve(JsonMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is already broken: nothing can be written
        }
        String id = requestId(request);
        MDC.put(RequestIdFilter.MDC_KEY, id);
        try {
            HttpStatusCode status = HttpStatusCode.valueOf(code);
            HttpStatus known = HttpStatus.resolve(code);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail;
            if (status.is5xxServerError()) {
                log.error("{} from the servlet container on {} {}", code, request.getMethod(), request.getRequestURI(), throwable);
                detail = "the service failed unexpectedly; the failure has been logged";
            } else {
                detail = "the HTTP request was refused before it reached the service (" + code + " " + title
                        + "): check the request line, the path's encoding and the headers";
            }
            response.resetBuffer();
            response.setHeader(RequestIdFilter.HEADER, id);
            ResponseHeadersFilter.apply(response, null); // no path: the request never reached one
            ProblemWriter.write(response, json, Problems.of(status, status.is5xxServerError() ? "internal" : "http-" + code,
                    title, detail, null, List.of()));
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            log.debug("could not write the error report", e);
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    private static String requestId(Request request) {
        Object existing = request.getAttribute(RequestIdFilter.MDC_KEY);
        if (existing instanceof String s) {
            return s;
        }
        String sent = request.getHeader(RequestIdFilter.HEADER);
        return sent != null && RequestIdFilter.isSane(sent) ? sent : UUID.randomUUID().toString();
    }
}
