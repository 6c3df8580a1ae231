package dev.convolution.web.problem;


/** The result cannot be given in the representation asked for (406): a trace in .npy, a colour picture in JSON. */
public final class ResultNotAcceptableException extends RuntimeException {
    public ResultNotAcceptableException(String message) {
        super(message);
    }
}
