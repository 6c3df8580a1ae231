package dev.convolution.core;

import dev.convolution.core.error.BudgetExceededException;

/**
 * A time budget for one computation. The convolvers check it between rows and between
 * transform passes, so a computation over budget stops within about one row's work.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);
    private final long endNanos;
    private final long budgetMillis;

    private Deadline(long endNanos, long budgetMillis) {
        this.endNanos = endNanos;
        this.budgetMillis = budgetMillis;
    }

    /** No budget: the computation runs to its end. */
    public static Deadline none() {
        return NONE;
    }

    /** A budget of the given milliseconds from now. */
    public static Deadline afterMillis(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L, millis);
    }

    /** Throws {@link BudgetExceededException} when the budget is spent. */
    public void check() {
        if (this != NONE && System.nanoTime() - endNanos > 0) {
            throw new BudgetExceededException(budgetMillis);
        }
    }
}
