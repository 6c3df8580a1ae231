package dev.convolution.core.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The bounded pool shared by all large computations: one worker per core, so concurrent requests
 * share the cores instead of multiplying threads. Small jobs run on the caller's thread.
 */
public final class Parallel {
    /** Below this many multiply-adds (or element-steps) a job stays on the caller's thread. */
    public static final long SMALL_JOB = 1L << 20;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Numbers the workers' names: a worker's pool index is not yet set when the factory makes it (it would read 0). */
    private static final AtomicInteger WORKERS = new AtomicInteger();
    private static final ForkJoinPool POOL = new ForkJoinPool(CORES, Parallel::newWorker, null, false);

    private Parallel() {
    }

    /** A worker of the pool: a daemon named {@code convolution-N}, N counted from 0 over the workers made. */
    static ForkJoinWorkerThread newWorker(ForkJoinPool pool) {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("convolution-" + WORKERS.getAndIncrement());
        t.setDaemon(true);
        return t;
    }

    /**
     * Runs {@code task.accept(i)} for {@code i = 0 … count−1}, spread over the shared pool when the
     * job is large, in order on this thread otherwise. The first failure is rethrown.
     *
     * @param work the job's size in multiply-adds, to decide whether it is worth spreading
     */
    public static void forEach(int count, long work, IntConsumer task) {
        if (count <= 1 || work < SMALL_JOB || CORES == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        int chunks = Math.min(count, CORES * 4);
        Range root = new Range(0, count, Math.max(1, count / chunks), task);
        if (inPool()) {
            root.invoke();
        } else {
            POOL.invoke(root);
        }
    }

    /** Elements of one range of {@link #forRanges}. */
    private static final int RANGE = 1 << 16;

    /**
     * Runs {@code task.run(from, to)} over consecutive ranges that cover {@code 0 … length−1}, spread over the shared pool
     * when there are many (element-wise passes such as conversions, which are memory-bound: two cores move more).
     */
    public static void forRanges(int length, RangeTask task) {
        int ranges = (length + RANGE - 1) / RANGE;
        forEach(ranges, length, r -> task.run(r * RANGE, Math.min(length, (r + 1) * RANGE)));
    }

    /** One range of {@link #forRanges}: the elements {@code from … to−1}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Starts {@code task.accept(i)} for {@code i = 0 … count−1} on the shared pool and returns its join (which waits for
     * all of them and rethrows the first failure), so the caller goes on with other work meanwhile. On one core, or on a
     * worker of the pool, the tasks run now and the join has nothing to wait for.
     */
    public static Runnable fork(int count, IntConsumer task) {
        if (count < 1 || CORES == 1 || inPool()) {
            forEach(count, 0, task);
            return () -> {
            };
        }
        ForkJoinTask<Void> f = POOL.submit(new Range(0, count, Math.max(1, count / Math.min(count, CORES * 4)), task));
        return f::join;
    }

    /** True on one of the shared pool's worker threads. */
    public static boolean inPool() {
        return ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == POOL;
    }

    /** How many parts a job of this size is worth splitting into. */
    public static int parts(long work) {
        return work < SMALL_JOB ? 1 : CORES * 4;
    }

    private static final class Range extends RecursiveAction {
        private final int from;
        private final int to;
        private final int grain;
        private final transient IntConsumer task;

        Range(int from, int to, int grain, IntConsumer task) {
            this.from = from;
            this.to = to;
            this.grain = grain;
            this.task = task;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                for (int i = from; i < to; i++) {
                    task.accept(i);
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(from, mid, grain, task), new Range(mid, to, grain, task));
        }
    }
}
