package dev.convolution.service;

import dev.convolution.config.ConcurrencyProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Admission by memory, decided before a request body is read: the heap a request will take (its body
 * bytes times {@code convolution.concurrency.memory-per-body-byte}, the measured amplification of
 * parsing, padding, computing and writing) is reserved from a budget, {@code
 * convolution.concurrency.memory-fraction} of the maximum heap. A reservation that does not fit is
 * refused at once (the caller answers 503 with {@code Retry-After} before reading the body), so no
 * sequence of requests within the size limits can take more than the budget. Properties:
 * <ul>
 *   <li>the reservations held never add up to more than the budget;</li>
 *   <li>the last tenth of the budget is kept for small requests (a reservation of at most 1% of the
 *       budget), so seed-sized work still gets in while large uploads fill the rest;</li>
 *   <li>a reservation larger than the whole budget is capped at it: such a request runs alone;</li>
 *   <li>a body of unknown length (chunked) reserves as it is read ({@link Reservation#grow}).</li>
 * </ul>
 */
@Component
public class MemoryAdmission {
    private final long budget;
    private final long smallLimit;
    private final long largeCeiling;
    private final double perBodyByte;
    private final int retryAfterSeconds;
    private final AtomicLong used = new AtomicLong();
    private final ComputationMetrics metrics;

    @Autowired
    public MemoryAdmission(ConcurrencyProperties concurrency, ComputationMetrics metrics) {
        this((long) (Runtime.getRuntime().maxMemory() * concurrency.memoryFraction()), concurrency.memoryPerBodyByte(),
                concurrency.retryAfterSeconds(), metrics);
    }

    MemoryAdmission(long budget, double perBodyByte, int retryAfterSeconds, ComputationMetrics metrics) {
        this.metrics = metrics;
        this.budget = Math.max(1, budget);
        this.smallLimit = this.budget / 100;
        this.largeCeiling = this.budget - this.budget / 10;
        this.perBodyByte = perBodyByte;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The budget in bytes. */
    public long budget() {
        return budget;
    }

    /** Bytes reserved now. */
    public long used() {
        return used.get();
    }

    /** The {@code Retry-After} of a refusal, in seconds. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The heap reserved for a body of this many bytes. */
    public long cost(long bodyBytes) {
        return (long) Math.min(budget, Math.ceil(Math.max(0, bodyBytes) * perBodyByte));
    }

    /** Reserves the heap for a body of this many bytes (0 when unknown); null when it does not fit now. */
    public Reservation reserve(long bodyBytes) {
        Reservation r = new Reservation();
        return r.grow(bodyBytes) ? r : null;
    }

    /**
     * Reserves {@code heapBytes} of heap itself (not a body's amplified bytes): the working set of a streamed computation,
     * known from its input's header; null when it does not fit now.
     */
    public Reservation reserveHeap(long heapBytes) {
        Reservation r = new Reservation();
        long bytes = Math.min(budget, Math.max(0, heapBytes));
        if (bytes > 0 && !take(bytes, bytes)) {
            return null;
        }
        r.held = bytes;
        return r;
    }

    /** Adds {@code bytes} to the reservations held when the result stays within the ceiling; true when it did. */
    private boolean take(long bytes, long total) {
        long ceiling = total <= smallLimit ? budget : largeCeiling;
        if (bytes > largeCeiling) {
            ceiling = budget; // larger than any share: admitted only when nothing else is held
        }
        while (true) {
            long now = used.get();
            if (now + bytes > ceiling) {
                if (metrics != null) {
                    metrics.rejected("memory");
                }
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Heap reserved for one request; {@link #close} returns it. */
    public final class Reservation implements AutoCloseable {
        private long held;
        private long bodyBytes;
        private boolean closed;

        private Reservation() {
        }

        /** Reserves for {@code more} body bytes besides those already reserved for; false (and nothing taken) when they do not fit. */
        public synchronized boolean grow(long more) {
            if (closed || more <= 0) {
                return !closed;
            }
            long wanted = cost(bodyBytes + more) - held;
            if (wanted > 0 && !take(wanted, held + wanted)) {
                return false;
            }
            held += Math.max(0, wanted);
            bodyBytes += more;
            return true;
        }

        /** The bytes this reservation holds. */
        public synchronized long held() {
            return held;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                used.addAndGet(-held);
                held = 0;
            }
        }
    }
}
