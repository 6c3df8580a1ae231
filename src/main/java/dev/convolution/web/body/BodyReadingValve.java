package dev.convolution.web.body;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.ContinueResponseTiming;

/**
 * What the body admission needs from the HTTP connector about a request's body and the Servlet API does
 * not say, as request attributes:
 * <ul>
 *   <li>{@link #BUFFERED_BYTES}, a {@link LongSupplier}: the bytes the connector has received and holds for the
 *       request, without reading the socket. When they cover the declared {@code Content-Length} (a small body that
 *       came with its headers, as almost all do), a blocking read of the body cannot wait on the client, so it is
 *       read the cheap way; only a body still on its way is read with non-blocking input ({@link NonBlockingBody}).</li>
 *   <li>{@link #SEND_CONTINUE}, a {@link Runnable}, when the request carries {@code Expect: 100-continue}: sends the
 *       {@code 100 Continue}. The connector sends it when the body is first read with a blocking read
 *       ({@code continueResponseTiming=onRead}); a non-blocking read waits for data the client sends only after the
 *       100, so it is sent this way just before such a read starts, after the refusals from the headers alone
 *       (which must come without a 100). The connector sends it at most once.</li>
 * </ul>
 */
final class BodyReadingValve extends ValveBase {
    static final String BUFFERED_BYTES = BodyReadingValve.class.getName() + ".bufferedBytes";
    static final String SEND_CONTINUE = BodyReadingValve.class.getName() + ".sendContinue";

    BodyReadingValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        request.setAttribute(BUFFERED_BYTES, (LongSupplier) () -> {
            coyote.action(ActionCode.AVAILABLE, Boolean.FALSE); // what is buffered; false: no read from the socket
            return coyote.getAvailable();
        });
        if (coyote.hasExpectation()) {
            request.setAttribute(SEND_CONTINUE, (Runnable) () -> coyote.action(ActionCode.ACK, ContinueResponseTiming.ALWAYS));
        }
        getNext().invoke(request, response);
    }
}
