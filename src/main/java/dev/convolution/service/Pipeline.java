package dev.convolution.service;

import dev.convolution.core.Deadline;
import dev.convolution.core.stream.SlabConvolution;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Where a streamed computation's blocks run: on a thread of the stream's own, one block at a time and in order, so the
 * request's thread reads the next rows while a block is computed and written (the work overlaps the transfer). One block
 * is in flight at most: the next waits for it, and a failure of a block is thrown to the request's thread when it waits.
 * Each block's computation takes a heavy computation permit (waited for up to the time budget) and runs within the
 * budget; the block's log lines carry the request's id.
 */
final class Pipeline implements SlabConvolution.Blocks, AutoCloseable {
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private final ComputationPermits permits;
    private final long budgetMillis;
    private final ComputationMetrics metrics;
    private final Map<String, String> context = MDC.getCopyOfContextMap();
    private ExecutorService worker;
    private Future<?> last;

    Pipeline(ComputationPermits permits, long budgetMillis, ComputationMetrics metrics) {
        this.permits = permits;
        this.budgetMillis = budgetMillis;
        this.metrics = metrics;
    }

    @Override
    public void run(Runnable work) {
        await();
        if (worker == null) {
            String name = "stream-" + STREAMS.incrementAndGet();
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        last = worker.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                work.run();
            } finally {
                MDC.clear();
            }
        });
    }

    @Override
    public Deadline begin() {
        if (!permits.acquireWithin(ComputationPermits.Lane.HEAVY, budgetMillis)) {
            metrics.rejected("saturated");
            throw new SaturatedException("the service's heavy computation permits stayed taken for the time budget while a "
                    + "streamed request waited for one", permits.retryAfterSeconds());
        }
        return Deadline.afterMillis(budgetMillis);
    }

    @Override
    public void end() {
        permits.release(ComputationPermits.Lane.HEAVY);
    }

    /** Waits for the block in flight; its failure is thrown here. */
    void await() {
        Future<?> f = last;
        last = null;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a block of a streamed computation ran", e);
        }
    }

    /** Waits for the block in flight (its failure no longer matters) and stops the thread. */
    @Override
    public void close() {
        if (worker == null) {
            return;
        }
        try {
            await();
        } catch (RuntimeException | Error e) {
            // the request is failing already; what failed first is what it reports
        } finally {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(budgetMillis + 30_000, TimeUnit.MILLISECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
