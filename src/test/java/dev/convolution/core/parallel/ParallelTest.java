package dev.convolution.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared pool: every task runs once, a fork lets its caller go on, and a failure comes back to whoever waits. */
class ParallelTest {
    @Test
    void forEachRunsEveryTaskOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(37);
        Parallel.forEach(37, Long.MAX_VALUE, runs::incrementAndGet);
        for (int i = 0; i < 37; i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    @Test
    void aForkRunsWhileItsCallerGoesOnAndItsJoinWaitsForEveryTask() throws InterruptedException {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        AtomicIntegerArray runs = new AtomicIntegerArray(9);
        Runnable join = Parallel.fork(9, i -> {
            try {
                // on a machine of more than one core the tasks wait here for the caller, which must not be waiting for them
                callerWentOn.await(Runtime.getRuntime().availableProcessors() > 1 ? 10 : 0, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runs.incrementAndGet(i);
        });
        callerWentOn.countDown();
        join.run();
        for (int i = 0; i < 9; i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    @Test
    void aForkedTasksFailureIsRethrownByTheJoin() {
        Runnable join = Parallel.fork(4, i -> {
            if (i == 2) {
                throw new IllegalStateException("task 2 failed");
            }
        });
        assertThatThrownBy(join::run).hasMessageContaining("task 2 failed");
    }

    @Test
    void forRangesCoversEveryElementOnce() {
        int length = 3 * 65_536 + 5;
        AtomicIntegerArray runs = new AtomicIntegerArray(length);
        Parallel.forRanges(length, (from, to) -> {
            for (int i = from; i < to; i++) {
                runs.incrementAndGet(i);
            }
        });
        for (int i = 0; i < length; i++) {
            assertThat(runs.get(i)).as("element %d", i).isEqualTo(1);
        }
    }

    @Test
    void theWorkersHaveNamesOfTheirOwn() throws InterruptedException {
        // a pool of two made by the shared pool's factory, each worker holding one task until both have started
        ForkJoinPool pool = new ForkJoinPool(2, Parallel::newWorker, null, false);
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            CountDownLatch started = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    names.add(Thread.currentThread().getName());
                    started.countDown();
                    try {
                        started.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).as("both tasks started").isTrue();
            assertThat(names).as("one name a worker").hasSize(2).allMatch(n -> n.matches("convolution-\\d+"));
        } finally {
            pool.shutdownNow();
        }
    }
}
