package dev.convolution.api.wire;


/** Description texts shared by the OpenAPI annotations, so every endpoint documents a field alike. */
public final class Docs {
    private Docs() {
    }

    public static final String MODE = "Which outputs: `full` (default; every output with at least one term), `same` (as many "
            + "outputs as inputs, centred like scipy), `valid` (only outputs whose terms all lie inside the input; the "
            + "dilated kernel must fit). With E = (K−1)·dilation+1: full pads E−1 on both sides, same pads ⌊E/2⌋ before and "
            + "⌊(E−1)/2⌋ after, valid pads nothing.";
    public static final String BOUNDARY = "How values outside the input are made, for input `a b c d`: "
            + "`fill` (default) `k k | a b c d | k k` with k = fillValue; `wrap` `c d | a b c d | a b`; "
            + "`symmetric` `d c b a | a b c d | d c b a`; `reflect` `d c b | a b c d | c b a`; "
            + "`replicate` `a a | a b c d | d d`. Padding wider than the input repeats the pattern, as numpy.pad does.";
    public static final String FILL = "The constant used by boundary `fill` (default 0). Accepted with any boundary, used only by `fill`.";
    public static final String STRIDE = "Keep every stride-th output of the stride-1 result, starting with the first "
            + "(for mirrored correlation, of the mirrored result). Default 1.";
    public static final String DILATION = "Kernel taps are dilation apart: the result equals the operation with dilation−1 zeros "
            + "inserted between taps. Kernel labels still count taps. Default 1.";
    public static final String METHOD = "`auto` (default) picks the cheaper of `direct` and `fft` by a cost model (direct for "
            + "kernels of at most 32 taps); `direct` sums products; `fft` goes through the Fourier transform. Integer data "
            + "give exact integers whatever the method (fft falls back to direct where its error bound cannot prove it). "
            + "The response says which ran.";
    public static final String DTYPE = "The type to compute in and answer: `float64`, `float32`, `complex128` or `complex64`. "
            + "Without it numpy's rule (numpy.result_type) gives it from the data's types: JSON numbers are float64, or exact "
            + "integers when every value is one (the answer's dtype then says int64); a {\"re\", \"im\"} object is complex128; "
            + "a .npy part has its file's dtype; float32 with float32, or with an integer of at most 16 bits, is float32; "
            + "complex with anything is complex (complex64 where the parts would be float32). Asked for, it converts the data "
            + "first, as scipy.signal.convolve(x.astype(d), h.astype(d)) does (a real dtype for complex data is refused). A "
            + "float32 result is written in float32's shortest form (0.1, not 0.10000000149011612) and as <f4 in .npy; a "
            + "complex result is one {\"re\", \"im\"} object (<c16 or <c8 in .npy).";
    public static final String CONJUGATE = "Complex correlation only: true (default) conjugates the kernel, y[m] = Σ_k "
            + "conj(h[k])·x[m+k], as numpy.correlate, scipy.signal.correlate and MATLAB's xcorr do; false gives the "
            + "unconjugated sum Σ_k h[k]·x[m+k] that PyTorch's complex conv1d/conv2d/conv3d compute. Changes nothing for real data; "
            + "refused with a convolution, which never conjugates.";
    public static final String ORIGIN = "How indices are labelled (labels only, never values): `corner` (default) counts array "
            + "positions from 0 as numpy does; `center` makes position ⌊n/2⌋ of every axis label 0 (a 7×7 image runs −3…3) "
            + "and labels outputs as the formulas make them (7×7 with 3×3: full −4…4, same −3…3, valid −2…2).";
    public static final String CONVENTION = "`sliding` (default): y[m] = Σ_k h[k]·x[m+k], as scipy.signal.correlate, PyTorch, "
            + "TensorFlow, OpenCV. `mirrored`: y[m] = Σ_i x[i]·h[m+i] (the seed post's form), equal to the sliding result "
            + "at −m, so the output array is the sliding one reversed on every axis.";
    public static final String TRACE = "Optional. `{\"outputs\": [[0], [3]]}` traces the listed outputs (labels in the request's "
            + "indexOrigin); `{\"all\": true}` traces every output. Each traced output lists every term: input label, kernel "
            + "label, values, product, padded, and source (the input label a padded value came from, except for fill).";
    public static final String NESTED_INPUT = "The input x: a rectangular nested array of finite numbers of rank 1 to 4 "
            + "(a number[] is rank 1, a number[][] rank 2, and so on), row-major; or complex numbers {\"re\": …, \"im\": …}, two "
            + "such arrays of one shape.";
    public static final String NESTED_KERNEL = "The kernel h: a rectangular nested array of the input's rank. A length of 1 on an "
            + "axis leaves that axis alone: [[[1, 0, -1]]] filters every row of a volume independently.";
}
