package dev.convolution.service;

import dev.convolution.config.ConcurrencyProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The bounded number of computations that may run at once, in two lanes decided by the cost the plan
 * already states, its multiply-adds: a light computation ({@value #LIGHT_MULTIPLY_ADDS} multiply-adds
 * or fewer, about a millisecond on the caller's thread, like every seed example) takes a permit of the
 * light lane ({@code convolution.concurrency.max-light-computations}), any other one of the heavy lane
 * ({@code convolution.concurrency.max-computations}). So heavy work, however much of it arrives, never
 * takes the permits cheap work needs. A request that finds its lane full is refused at once ({@link
 * SaturatedException}), never queued.
 */
@Component
public class ComputationPermits {
    /** Multiply-adds up to which a computation is light (the shared pool's small-job size: it runs on the caller's thread). */
    public static final long LIGHT_MULTIPLY_ADDS = 1L << 20;

    /**
     * Bodies over this many bytes are not cheap work whatever they ask for (reading, parsing and answering
     * them is itself milliseconds of work): such a request is admitted before its body is read only while
     * fewer than {@code max-computations} of them are in the service ({@link #admitLargeBody}); otherwise it is
     * refused from its {@code Content-Length}, so a refusal costs no parsing and the cores stay with the
     * requests admitted.
     */
    public static final long LIGHT_BODY_BYTES = 64 * 1024;

    /** The two lanes. */
    public enum Lane { LIGHT, HEAVY }

    private final ConcurrencyProperties concurrency;
    private final ComputationMetrics metrics;
    private final Semaphore heavy;
    private final Semaphore light;
    private final Semaphore largeBodies;

    public ComputationPermits(ConcurrencyProperties concurrency, ComputationMetrics metrics) {
        this.concurrency = concurrency;
        this.metrics = metrics;
        this.heavy = new Semaphore(concurrency.maxComputations());
        this.light = new Semaphore(concurrency.maxLightComputations());
        this.largeBodies = new Semaphore(concurrency.maxComputations());
        metrics.permitsInUse("light", light, concurrency.maxLightComputations());
        metrics.permitsInUse("heavy", heavy, concurrency.maxComputations());
        metrics.permitsInUse("large-body", largeBodies, concurrency.maxComputations());
    }

    /**
     * Admits a request whose body is over {@link #LIGHT_BODY_BYTES} before the body is read: true while
     * fewer than {@code max-computations} such requests are being read, parsed, computed or answered; the
     * caller must {@link #releaseLargeBody} it when the response is written. A refusal counts as {@code saturated} in
     * {@code convolution.rejected}, like a full lane.
     */
    public boolean admitLargeBody() {
        if (largeBodies.tryAcquire()) {
            return true;
        }
        metrics.rejected("saturated");
        return false;
    }

    public void releaseLargeBody() {
        largeBodies.release();
    }

    /** The lane of a computation of this many multiply-adds. */
    public static Lane laneOf(long multiplyAdds) {
        return multiplyAdds <= LIGHT_MULTIPLY_ADDS ? Lane.LIGHT : Lane.HEAVY;
    }

    /** Takes a permit of the lane or throws {@link SaturatedException}; the caller must {@link #release} it. */
    public void acquire(Lane lane) {
        if (!tryAcquire(lane)) {
            int max = lane == Lane.LIGHT ? concurrency.maxLightComputations() : concurrency.maxComputations();
            throw new SaturatedException(max, lane == Lane.LIGHT ? "light" : "heavy", concurrency.retryAfterSeconds());
        }
    }

    /** Takes a permit of the lane, waiting up to {@code millis} for one; false when none came free (the caller must not release). */
    public boolean acquireWithin(Lane lane, long millis) {
        try {
            return semaphore(lane).tryAcquire(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Tries to take a permit of the lane without failing; true when one was taken. */
    public boolean tryAcquire(Lane lane) {
        return semaphore(lane).tryAcquire();
    }

    public void release(Lane lane) {
        semaphore(lane).release();
    }

    /** Permits of the lane free now (for health and tests). */
    public int available(Lane lane) {
        return semaphore(lane).availablePermits();
    }

    /** The {@code Retry-After} of a refusal, in seconds. */
    public int retryAfterSeconds() {
        return concurrency.retryAfterSeconds();
    }

    private Semaphore semaphore(Lane lane) {
        return lane == Lane.LIGHT ? light : heavy;
    }
}
