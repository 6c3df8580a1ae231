package dev.convolution.core.error;

import java.util.List;

/** A computation ran past its time budget and was stopped; nothing of it is returned. */
public class BudgetExceededException extends ConvolutionException {
    public BudgetExceededException(long budgetMillis) {
        super("the computation ran past its time budget of " + budgetMillis + " ms and was stopped "
                + "(use a smaller input or kernel, mode valid, a stride, or method auto)", List.of(new Violation("body",
                "the computation ran past its time budget of " + budgetMillis + " ms")));
    }
}
