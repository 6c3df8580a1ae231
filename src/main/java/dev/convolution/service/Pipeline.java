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
 * request's thread reads the next rows while a block is computed and written (the work overlaps the transfer). Two blocks
 * are in flight at most (one running, one waiting behind it): the third waits for the first, so reading the input is
 * not held up by one slow write of the answer; a failure of a block is thrown to the request's thread when it waits.
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
    private final java.util.ArrayDeque<Future<?>> pending = new java.util.ArrayDeque<>();

    Pipeline(ComputationPermits permits, long budgetMillis, ComputationMetrics metrics) {
        this.permits = permits;
        this.budgetMillis = budgetMillis;
        this.metrics = metrics;
    }

    /** Blocks whose work may wait behind the one running: the request's thread reads ahead by as many. */
    static final int AHEAD = 2;

    @Override
    public int ahead() {
        return AHEAD;
    }

    @Override
    public void run(Runnable work) {
        while (pending.size() >= AHEAD) {
            join(pending.poll());
        }
        if (worker == null) {
            String name = "stream-" + STREAMS.incrementAndGet();
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        pending.add(worker.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                work.run();
            } finally {
                MDC.clear();
            }
        }));
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

    /** Waits for the blocks in flight; the first failure is thrown here. */
    void await() {
        while (!pending.isEmpty()) {
            join(pending.poll());
        }
    }

    private static void join(Future<?> f) {
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
