package dev.convolution.codec;

import java.util.function.IntConsumer;

/**
 * How a codec's large job is spread over cores: {@code forEach(count, task)} runs {@code task.accept(i)} for every
 * {@code i} from 0 to {@code count − 1}, perhaps at once, and returns when all have run (the first failure rethrown).
 * The codecs are pure Java and own no threads; the caller lends its pool (the service lends the core's).
 */
@FunctionalInterface
public interface Spread {
    /** Everything in order on the caller's thread. */
    Spread SERIAL = (count, task) -> {
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    };

    void forEach(int count, IntConsumer task);

    /**
     * Starts {@code forEach(count, task)} and returns its join, which waits for it (and rethrows its first failure): the
     * caller goes on with other work meanwhile. By default it runs now, and the join has nothing to wait for.
     */
    default Runnable fork(int count, IntConsumer task) {
        forEach(count, task);
        return () -> {
        };
    }
}
