package dev.convolution.core;

/** How the values are computed; the result agrees within the contract's tolerance either way. */
public enum Method {
    /** Picks {@code DIRECT} or {@code FFT} by the {@link dev.convolution.core.auto.MethodChooser}'s cost model. */
    AUTO,
    /** The sum of products, term by term: exact for integers. */
    DIRECT,
    /** Through the discrete Fourier transform: {@code O(N log N)}, for large kernels. */
    FFT;

    /** The method a request runs when it names none. */
    public static final Method DEFAULT = AUTO;
}
