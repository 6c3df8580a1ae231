package dev.convolution.web.body;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of a request refused from its headers alone, read and thrown away after the answer is sent, without a
 * thread and for a bounded time: a lingering close, as nginx's {@code lingering_close} does. A socket closed with
 * unread input is reset (TCP drops what it has not sent yet and sends RST), and a client still sending its body then
 * often fails with a reset, or an empty answer, instead of reading the 503 it was sent. So the answer is sent at
 * once and kept open (it carries {@code Connection: close} and no length: its body ends with the connection), the
 * client's bytes are read and dropped as they arrive, and the connection closes once the body has come
 * in full (an orderly close), or after {@link #LINGER} or {@code limit} bytes, whichever comes first: a refused client
 * that trickles on holds its connection for {@link #LINGER} at most, and no thread at all.
 */
final class RefusedBodyDrain implements ReadListener {
    /** The longest a refused body is drained after its answer. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final AsyncContext async;
    private final ServletInputStream in;
    private final long limit;
    private final byte[] scratch = new byte[16 * 1024];
    private final AtomicBoolean closed = new AtomicBoolean();
    private long drained;

    private RefusedBodyDrain(AsyncContext async, ServletInputStream in, long limit) {
        this.async = async;
        this.in = in;
        this.limit = limit;
    }

    /**
     * True when the body of {@code request}, refused from its headers, is worth draining: it is on its way from a client
     * on the connector ({@link BodyReadingValve}: not yet all received, {@code declared} bytes, or chunked: {@code
     * declared} -1) and no longer than {@code limit} bytes. A body the connector already holds leaves nothing unread in
     * the socket. A request that asked for {@code 100 Continue} has not sent its body (the refusal came before the 100),
     * so its connection closes at once, as does one whose body is longer than {@code limit}.
     */
    static boolean wanted(HttpServletRequest request, long declared, boolean chunked, long limit) {
        return (declared > 0 || chunked) && declared <= limit && request.getAttribute(BodyReadingValve.SEND_CONTINUE) == null
                && request.getAttribute(BodyReadingValve.BUFFERED_BYTES) != null && !NonBlockingBody.alreadyReceived(request, declared);
    }

    /**
     * Drains the body of {@code request}, whose answer is sent and kept open ({@code ProblemWriter.writeAndKeepOpen}),
     * and completes the request when the body is in, after {@link #LINGER}, or past {@code limit} bytes.
     */
    static void start(HttpServletRequest request, long limit) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(LINGER.toMillis());
        RefusedBodyDrain drain = new RefusedBodyDrain(async, request.getInputStream(), limit);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                drain.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                drain.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        drain.in.setReadListener(drain);
    }

    @Override
    public void onDataAvailable() {
        try {
            while (!closed.get() && in.isReady()) {
                int n = in.read(scratch);
                if (n < 0) {
                    return;
                }
                drained += n;
                if (drained > limit) {
                    close();
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public void onAllDataRead() {
        close();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            async.complete();
        }
    }
}
