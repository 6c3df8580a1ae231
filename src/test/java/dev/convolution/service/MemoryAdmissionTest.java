package dev.convolution.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryAdmissionTest {
    private static final long BUDGET = 1_000_000;

    private static MemoryAdmission admission() {
        return new MemoryAdmission(BUDGET, 3, 2, null);
    }

    @Test
    void aReservationHoldsItsBodyTimesTheAmplificationUntilClosed() {
        MemoryAdmission m = admission();
        MemoryAdmission.Reservation r = m.reserve(100_000);
        assertThat(r).isNotNull();
        assertThat(r.held()).isEqualTo(300_000);
        assertThat(m.used()).isEqualTo(300_000);
        r.close();
        r.close();
        assertThat(m.used()).isZero();
    }

    @Test
    void largeRequestsAreRefusedOnceTheyWouldReachTheTenthKeptForSmallOnes() {
        MemoryAdmission m = admission();
        MemoryAdmission.Reservation a = m.reserve(100_000); // 300,000
        MemoryAdmission.Reservation b = m.reserve(100_000); // 600,000
        MemoryAdmission.Reservation c = m.reserve(100_000); // 900,000: the ceiling of large ones
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(c).isNotNull();
        assertThat(m.reserve(10_000)).as("30,000 is large: over the 900,000 ceiling").isNull();
        MemoryAdmission.Reservation small = m.reserve(3_000); // 9,000 ≤ 1% of the budget: may use the last tenth
        assertThat(small).isNotNull();
        assertThat(m.used()).isEqualTo(909_000);
        a.close();
        assertThat(m.reserve(10_000)).isNotNull();
    }

    @Test
    void aRequestLargerThanTheBudgetRunsAlone() {
        MemoryAdmission m = admission();
        MemoryAdmission.Reservation small = m.reserve(10);
        assertThat(m.reserve(5_000_000)).as("capped at the whole budget, which is not free").isNull();
        small.close();
        MemoryAdmission.Reservation huge = m.reserve(5_000_000);
        assertThat(huge).isNotNull();
        assertThat(huge.held()).isEqualTo(BUDGET);
        assertThat(m.reserve(1)).isNull();
        huge.close();
        assertThat(m.used()).isZero();
    }

    @Test
    void aBodyOfUnknownLengthReservesAsItGrowsAndIsRefusedWhenItOutgrowsWhatIsFree() {
        MemoryAdmission m = admission();
        MemoryAdmission.Reservation other = m.reserve(200_000); // 600,000
        MemoryAdmission.Reservation chunked = m.reserve(0);
        assertThat(chunked).isNotNull();
        assertThat(chunked.grow(50_000)).isTrue();
        assertThat(chunked.held()).isEqualTo(150_000);
        assertThat(chunked.grow(60_000)).as("to 330,000: past the 900,000 ceiling with the other").isFalse();
        assertThat(chunked.held()).as("a refused growth takes nothing").isEqualTo(150_000);
        other.close();
        assertThat(chunked.grow(60_000)).isTrue();
        chunked.close();
        assertThat(m.used()).isZero();
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheBudgetAndReturnEverything() throws Exception {
        MemoryAdmission m = admission();
        AtomicLong worst = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            long seed = t;
            pool.submit(() -> {
                Random rnd = new Random(seed);
                List<MemoryAdmission.Reservation> held = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    int op = rnd.nextInt(3);
                    if (op == 0) {
                        MemoryAdmission.Reservation r = m.reserve(rnd.nextInt(200_000));
                        if (r != null) {
                            held.add(r);
                        }
                    } else if (op == 1 && !held.isEmpty()) {
                        held.get(rnd.nextInt(held.size())).grow(rnd.nextInt(20_000));
                    } else if (!held.isEmpty()) {
                        held.remove(rnd.nextInt(held.size())).close();
                    }
                    worst.accumulateAndGet(m.used(), Math::max);
                    if (m.used() > BUDGET) {
                        failures.add(new AssertionError("used " + m.used()));
                    }
                }
                held.forEach(MemoryAdmission.Reservation::close);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(worst.get()).isLessThanOrEqualTo(BUDGET).isGreaterThan(BUDGET / 2);
        assertThat(m.used()).isZero();
    }
}
