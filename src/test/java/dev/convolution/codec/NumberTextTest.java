package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NumberText} against the text written a number at a time ({@link ShortestDecimal}, non-finite values quoted):
 * leaves of random lengths (empty ones, ones spanning parts and windows, gaps between them), tiny and odd windows and
 * parts, copied out in random pieces as bytes and as characters, formatted in order ({@link Spread#SERIAL}) and at once
 * on a thread pool.
 */
public class NumberTextTest {
    /** Three threads, more than the machine may have cores: parts finish in any order. Daemons, shared by other tests. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "number-text-test");
        t.setDaemon(true);
        return t;
    });

    /**
     * A spread on the test's pool, counting its calls: {@code fork} hands the tasks to the pool and returns at once, so
     * the next window is formatted while the test copies the current one out.
     */
    public static Spread pool(AtomicInteger calls) {
        return new Spread() {
            @Override
            public void forEach(int count, IntConsumer task) {
                fork(count, task).run();
            }

            @Override
            public Runnable fork(int count, IntConsumer task) {
                calls.incrementAndGet();
                List<Future<?>> started = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int index = i;
                    started.add(POOL.submit(() -> task.accept(index)));
                }
                return () -> {
                    try {
                        for (Future<?> f : started) {
                            f.get();
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        };
    }

    /** Values of every kind the writer meets: Gaussians, any bits, integers, ±0, non-finite, powers of 2, floats, subnormals, small. */
    public static double[] values(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (rnd.nextInt(10)) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                case 2 -> rnd.nextInt(2001) - 1000;
                case 3 -> rnd.nextBoolean() ? -0.0 : 0.0;
                case 4 -> switch (rnd.nextInt(3)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    default -> Double.NEGATIVE_INFINITY;
                };
                case 5 -> Math.scalb(rnd.nextBoolean() ? 1.0 : -1.0, rnd.nextInt(2100) - 1075);
                case 6 -> (float) rnd.nextGaussian();
                case 7 -> Double.MIN_VALUE * rnd.nextInt(100);
                case 8 -> (rnd.nextBoolean() ? 1 : -1) * (double) (rnd.nextLong() >>> rnd.nextInt(64));
                default -> rnd.nextDouble() * 1e-3;
            };
        }
        return v;
    }

    /** The text of one number, as the serial writer writes it. */
    static String one(double v, boolean float32) {
        byte[] b = new byte[ShortestDecimal.MAX_LENGTH];
        int n;
        if (float32) {
            float f = (float) v;
            n = Float.isFinite(f) ? ShortestDecimal.write(f, b, 0) : NumberText.nonFinite(f, b, 0);
        } else {
            n = Double.isFinite(v) ? ShortestDecimal.write(v, b, 0) : NumberText.nonFinite(v, b, 0);
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    static String leaf(double[] v, int from, int to, boolean float32) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(i > from ? "," : "").append(one(v[i], float32));
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void leavesAreTheTextWrittenNumberByNumber(int seed) {
        Random rnd = new Random(seed);
        int n = rnd.nextInt(3000);
        double[] v = values(rnd, n);
        int from = rnd.nextInt(1 + n / 10);
        int to = n - rnd.nextInt(1 + n / 10);
        int window = 1 + rnd.nextInt(seed % 3 == 0 ? 10 : 600);
        int part = 1 + rnd.nextInt(window + 3);
        for (boolean float32 : new boolean[] {false, true}) {
            for (boolean parallel : new boolean[] {false, true}) {
                AtomicInteger calls = new AtomicInteger();
                boolean chars = rnd.nextBoolean();
                NumberText text = new NumberText(v, from, to, float32, parallel ? pool(calls) : Spread.SERIAL, window, part);
                int reach = from;
                int at = from;
                while (at < to) {
                    int start = at + (rnd.nextInt(8) == 0 ? rnd.nextInt(3) : 0); // now and then a gap
                    int end = Math.min(to, start + (rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 8 : 3 * window + 2)));
                    if (start > end) {
                        break;
                    }
                    text.leaf(start, end);
                    assertThat(copied(text, rnd, chars)).as("numbers %d…%d, window %d, part %d, float32 %s", start, end, window, part, float32)
                            .isEqualTo(leaf(v, start, end, float32));
                    assertThat(text.leafDone()).isTrue();
                    reach = start < end ? end : reach;
                    at = end;
                }
                if (parallel) {
                    int reached = (reach - from + window - 1) / window;
                    int windows = (to - from + window - 1) / window;
                    assertThat(calls.get()).as("windows formatted: up to the last leaf's, and the one after it ahead")
                            .isEqualTo(reached == 0 ? 0 : Math.min(windows, reached + 1));
                }
            }
        }
    }

    @Test
    void aMillionNumbersInTheDefaultWindowsAsOneLeafAndAsRows() {
        Random rnd = new Random(99);
        double[] v = values(rnd, 1_000_003);
        AtomicInteger calls = new AtomicInteger();
        NumberText whole = new NumberText(v, 0, v.length, false, pool(calls));
        whole.leaf(0, v.length);
        assertThat(copied(whole, rnd, false)).isEqualTo(leaf(v, 0, v.length, false));
        assertThat(calls.get()).isEqualTo((v.length + NumberText.WINDOW - 1) / NumberText.WINDOW);

        NumberText rows = new NumberText(v, 0, v.length, true, pool(calls));
        for (int r = 0; r + 1000 <= v.length; r += 1000) {
            rows.leaf(r, r + 1000);
            assertThat(copied(rows, rnd, r % 3 == 0)).isEqualTo(leaf(v, r, r + 1000, true));
        }
    }

    @Test
    void leavesGoForwardOnly() {
        double[] v = {1, 2, 3, 4};
        NumberText text = new NumberText(v, 0, 4, false, Spread.SERIAL, 2, 1);
        text.leaf(1, 3);
        assertThatThrownBy(() -> text.leaf(3, 4)).as("the last leaf unfinished").isInstanceOf(IllegalStateException.class);
        assertThat(copied(text, new Random(1), false)).isEqualTo("2,3");
        assertThatThrownBy(() -> text.leaf(2, 4)).as("behind the last leaf").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> text.leaf(3, 5)).as("past the end").isInstanceOf(IllegalStateException.class);
        text.leaf(3, 3);
        assertThat(text.leafDone()).isTrue();
        text.leaf(3, 4);
        byte[] out = new byte[4];
        assertThat(text.copy(out, 2, 4)).isEqualTo(1);
        assertThat(out[2]).isEqualTo((byte) '4');
        assertThat(text.leafDone()).isTrue();
        assertThat(text.copy(out, 0, 4)).as("nothing left").isZero();
    }

    /** The rest of the leaf, copied in pieces of random sizes (sometimes none) at random offsets. */
    private static String copied(NumberText text, Random rnd, boolean chars) {
        StringBuilder s = new StringBuilder();
        int stuck = 0;
        while (!text.leafDone()) {
            int offset = rnd.nextInt(5);
            int room = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 9000);
            int n;
            if (chars) {
                char[] out = new char[offset + room + 3];
                n = text.copy(out, offset, offset + room);
                assertThat(out[offset + room]).as("nothing past the limit").isEqualTo('\0');
                s.append(out, offset, n);
            } else {
                byte[] out = new byte[offset + room + 3];
                n = text.copy(out, offset, offset + room);
                assertThat(out[offset + room]).as("nothing past the limit").isZero();
                s.append(new String(out, offset, n, StandardCharsets.US_ASCII));
            }
            assertThat(n).isBetween(room == 0 ? 0 : 1, room);
            stuck = n == 0 ? stuck + 1 : 0;
            assertThat(stuck).as("copying makes progress").isLessThan(50);
        }
        return s.toString();
    }
}
