package dev.convolution.api;

/** Description texts shared by the OpenAPI annotations, so every endpoint documents a field alike. */
final class Docs {
    private Docs() {
    }

    static final String MODE = "Which outputs: `full` (default; every output with at least one term), `same` (as many "
            + "outputs as inputs, centred like scipy), `valid` (only outputs whose terms all lie inside the input; the "
            + "dilated kernel must fit). With E = (K−1)·dilation+1: full pads E−1 on both sides, same pads ⌊E/2⌋ before and "
            + "⌊(E−1)/2⌋ after, valid pads nothing.";
    static final String BOUNDARY = "How values outside the input are made, for input `a b c d`: "
            + "`fill` (default) `k k | a b c d | k k` with k = fillValue; `wrap` `c d | a b c d | a b`; "
            + "`symmetric` `d c b a | a b c d | d c b a`; `reflect` `d c b | a b c d | c b a`; "
            + "`replicate` `a a | a b c d | d d`. Padding wider than the input repeats the pattern, as numpy.pad does.";
    static final String FILL = "The constant used by boundary `fill` (default 0). Accepted with any boundary, used only by `fill`.";
    static final String STRIDE = "Keep every stride-th output of the stride-1 result, starting with the first "
            + "(for mirrored correlation, of the mirrored result). Default 1.";
    static final String DILATION = "Kernel taps are dilation apart: the result equals the operation with dilation−1 zeros "
            + "inserted between taps. Kernel labels still count taps. Default 1.";
    static final String METHOD = "`auto` (default) picks the cheaper of `direct` and `fft` by a cost model (direct for "
            + "kernels of at most 32 taps); `direct` sums products; `fft` goes through the Fourier transform. Integer data "
            + "give exact integers whatever the method (fft falls back to direct where its error bound cannot prove it). "
            + "The response says which ran.";
    static final String ORIGIN = "How indices are labelled (labels only, never values): `corner` (default) counts array "
            + "positions from 0 as numpy does; `center` makes position ⌊n/2⌋ of every axis label 0 (a 7×7 image runs −3…3) "
            + "and labels outputs as the formulas make them (7×7 with 3×3: full −4…4, same −3…3, valid −2…2).";
    static final String CONVENTION = "`sliding` (default): y[m] = Σ_k h[k]·x[m+k], as scipy.signal.correlate, PyTorch, "
            + "TensorFlow, OpenCV. `mirrored`: y[m] = Σ_i x[i]·h[m+i] (the seed post's form), equal to the sliding result "
            + "at −m, so the output array is the sliding one reversed on every axis.";
    static final String TRACE = "Optional. `{\"outputs\": [[0], [3]]}` traces the listed outputs (labels in the request's "
            + "indexOrigin); `{\"all\": true}` traces every output. Each traced output lists every term: input label, kernel "
            + "label, values, product, padded, and source (the input label a padded value came from, except for fill).";
    static final String NESTED_INPUT = "The input x: a rectangular nested array of finite numbers of rank 1 to 4 "
            + "(a number[] is rank 1, a number[][] rank 2, and so on), row-major.";
    static final String NESTED_KERNEL = "The kernel h: a rectangular nested array of the input's rank. A length of 1 on an "
            + "axis leaves that axis alone: [[[1, 0, -1]]] filters every row of a volume independently.";

    static final String LAYER_INPUT = "The input: a nested array N × C_in × spatial… (one spatial axis for conv1d, two for conv2d, three "
            + "for conv3d) of finite numbers.";
    static final String LAYER_WEIGHT = "The weight: C_out × (C_in / groups) × k… (PyTorch's layout).";
    static final String LAYER_BIAS = "One value per output channel (C_out), added to every output of its channel; none when absent.";
    static final String LAYER_STRIDE = "A positive integer for every spatial axis or a list of one per spatial axis (default 1).";
    static final String LAYER_DILATION = "Distance between kernel taps: a positive integer for every spatial axis or one per spatial "
            + "axis (default 1).";
    static final String LAYER_PADDING = "Positions added before and after the input: a non-negative integer for every spatial axis, "
            + "one per spatial axis, \"valid\" (none) or \"same\" (output as long as the input; stride 1 only; an odd total "
            + "puts the extra position after, as PyTorch does). Default 0.";
    static final String LAYER_GROUPS = "Input and output channels split into this many groups, each output channel seeing only its "
            + "group's C_in / groups input channels; must divide C_in and C_out (default 1).";
    static final String LAYER_PADDING_MODE = "How padded values are made, PyTorch's padding_mode (default zeros): zeros, reflect "
            + "(mirror without the edge; padding < input size), replicate (the edge value), circular (periodic; padding ≤ input size).";
    static final String LAYER_FORWARD = "A convolution layer's forward pass, value for value as PyTorch 1.13 (float64): a "
            + "cross-correlation of the padded input with each output channel's weight over its group's input channels, plus the "
            + "bias. Stride, dilation and padding take one integer or one per spatial axis; padding also \"same\" or \"valid\"; "
            + "paddingMode zeros, reflect, replicate or circular. A trace lists, for each traced output [n, c_out, spatial…], "
            + "every input × weight product and the bias.";
    static final String LAYER_BACKWARD = "The gradients of the forward pass for a given gradOutput, equal to PyTorch autograd of "
            + "(output · gradOutput).sum(): gradInput is a convolution (full) of gradOutput dilated by the stride with the weight, "
            + "gradWeight a cross-correlation of the padded input with gradOutput, gradBias gradOutput summed; 'relations' says so "
            + "per gradient. trace.of names the gradient whose values are traced: a gradInput term names the gradOutput and "
            + "weight labels that met, the weight taps running backwards against the gradOutput positions (the convolution).";
    static final String LAYER_TRANSPOSE = "A transposed convolution, as torch.nn.functional.conv_transpose*d: the gradInput of "
            + "the forward layer with this weight, stride, padding and dilation for a gradOutput equal to this input, plus the "
            + "bias. outputPadding (each smaller than its axis's stride or dilation) adds positions at the end of each axis.";
}
