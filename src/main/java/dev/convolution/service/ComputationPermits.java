package dev.convolution.service;

import dev.convolution.config.ConcurrencyProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The bounded number of computations that may run at once, shared by all requests. A request
 * that finds none free is refused at once ({@link SaturatedException}), never queued.
 */
@Component
public class ComputationPermits {
    private final ConcurrencyProperties concurrency;
    private final Semaphore permits;

    public ComputationPermits(ConcurrencyProperties concurrency) {
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency.maxComputations());
    }

    /** Takes a permit or throws {@link SaturatedException}; the caller must {@link #release()} it. */
    public void acquire() {
        if (!permits.tryAcquire()) {
            throw new SaturatedException(concurrency.maxComputations(), concurrency.retryAfterSeconds());
        }
    }

    /** Tries to take a permit without failing; true when one was taken. */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void release() {
        permits.release();
    }

    /** Permits free now (for health and tests). */
    public int available() {
        return permits.availablePermits();
    }
}
