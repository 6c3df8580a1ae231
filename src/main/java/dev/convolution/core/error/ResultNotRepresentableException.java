package dev.convolution.core.error;

import java.util.List;

/** A valid request whose result overflows to ±infinity or NaN in double precision. */
public class ResultNotRepresentableException extends ConvolutionException {
    public ResultNotRepresentableException(String message) {
        super(message, List.of(new Violation("output", message)));
    }
}
