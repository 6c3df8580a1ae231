package dev.convolution.api;

/** The result cannot be given in the representation asked for (406): a trace in .npy, a colour picture in JSON. */
final class ResultNotAcceptableException extends RuntimeException {
    ResultNotAcceptableException(String message) {
        super(message);
    }
}
