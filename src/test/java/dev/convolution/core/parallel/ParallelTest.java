package dev.convolution.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
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
}
