package dev.convolution.core.kernel;

import dev.convolution.core.Grid;
import dev.convolution.core.Shape;
import dev.convolution.core.error.InvalidRequestException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The named kernels of the contract (API.md, "Named kernels"): what a name with its parameters stands for at the rank of
 * the input it meets, and the catalogue {@code GET /api/v1/kernels} lists.
 *
 * <ul>
 * <li>{@code box}: all ones, divided by their count when normalised; ranks 1 to 4.</li>
 * <li>{@code gaussian}: {@code cv2.getGaussianKernel(size, sigma)} bit for bit (OpenCV's arithmetic, its exponential
 * included); in rank r its outer product with itself over every axis; ranks 1 to 4.</li>
 * <li>{@code sobel}: with {@code (kx, ky) = cv2.getDerivKernels(1, 0, size)}, {@code K[row][col] = ky[row]*kx[col]}
 * for axis x and the transpose for y; in 1D the derivative {@code kx}. {@code scharr} is the same with OpenCV's
 * Scharr pair ({@code ksize = -1}), {@code prewitt} with {@code [1,1,1]} and {@code [-1,0,1]}.</li>
 * <li>{@code laplacian} (4 or 8 neighbours), {@code log} (the Laplacian of a Gaussian, minus its mean),
 * {@code sharpen} and {@code emboss}: 2D only.</li>
 * </ul>
 * Bad names and parameters are refused with {@link InvalidRequestException}, naming the field
 * ({@code kernel.size}) and the values allowed. Sizes are bounded so that no name asks for more than 2^24 values:
 * at most {@link #maxSize(int)} along each axis.
 */
public final class NamedKernels {
    private static final String SIZE = "size";
    private static final String SIGMA = "sigma";
    private static final String AXIS = "axis";
    private static final String NORMALIZE = "normalize";
    private static final String NEIGHBOURS = "neighbours";

    /** The largest size along an axis, by rank (index = rank): 4095 in 1D, 255 in 2D and 3D, 63 in 4D. */
    private static final int[] MAX_SIZE = {0, 4095, 255, 255, 63};
    /** The range of a Laplacian of Gaussian's sigma, within which its values stay well inside double range. */
    public static final double MIN_LOG_SIGMA = 1e-6;
    public static final double MAX_LOG_SIGMA = 1e6;
    /** The sizes OpenCV's Sobel kernels come in. */
    private static final List<Integer> SOBEL_SIZES = List.of(1, 3, 5, 7);

    private static final String SIZES_TEXT = "at most 4095 in 1D, 255 in 2D and 3D, 63 in 4D";

    /** The names, in the order of the contract's table, each with its parameters and what it is. */
    private enum Kind {
        BOX("box", "All ones, divided by their count when normalised (a moving average); every axis has the same length.",
                List.of(1, 2, 3, 4), true, true,
                new ParameterDescription(SIZE, "integer", false, 3, "integer from 1, " + SIZES_TEXT,
                        "the length along every axis (odd or even)"),
                new ParameterDescription(NORMALIZE, "boolean", false, true, "true, false",
                        "divide by the number of values, so that they sum to 1")),
        GAUSSIAN("gaussian", "OpenCV's cv2.getGaussianKernel(size, sigma), value for value (its binomial tables for sigma "
                + "<= 0 and sizes 1 to 9); in 2D and up its outer product with itself over every axis.",
                List.of(1, 2, 3, 4), true, true,
                new ParameterDescription(SIZE, "integer", false, 5, "odd integer from 1, " + SIZES_TEXT,
                        "the length along every axis"),
                new ParameterDescription(SIGMA, "number", false, 0.0, "any finite number; 0 or less: chosen from size",
                        "the standard deviation in samples; 0 or less takes OpenCV's 0.3*((size-1)*0.5-1)+0.8 "
                                + "(its fixed binomial tables for sizes 1 to 9)")),
        SOBEL("sobel", "First derivative along axis, smoothed across it: with (kx, ky) = cv2.getDerivKernels(1, 0, size), "
                + "K[row][col] = ky[row]*kx[col] for x and its transpose for y (size 1: the 1x3 difference [-1, 0, 1] "
                + "for x, 3x1 for y); in 1D the derivative kx.",
                List.of(1, 2), false, true,
                new ParameterDescription(AXIS, "string", true, null, "x, y",
                        "the direction of the derivative: x along columns, y along rows (in 1D: x, which may be left out)"),
                new ParameterDescription(SIZE, "integer", false, 3, "1, 3, 5, 7", "the length of the derivative")),
        SCHARR("scharr", "Scharr's first derivative: cv2.getDerivKernels(1, 0, -1), [[-3,0,3],[-10,0,10],[-3,0,3]] for x "
                + "and its transpose for y.",
                List.of(2), false, true,
                new ParameterDescription(AXIS, "string", true, null, "x, y",
                        "the direction of the derivative: x along columns, y along rows")),
        PREWITT("prewitt", "Prewitt's first derivative: [[-1,0,1]]*3 for x and its transpose for y.",
                List.of(2), false, true,
                new ParameterDescription(AXIS, "string", true, null, "x, y",
                        "the direction of the derivative: x along columns, y along rows")),
        LAPLACIAN("laplacian", "The discrete Laplacian: [[0,1,0],[1,-4,1],[0,1,0]], or with 8 neighbours all ones with -8 "
                + "in the middle.",
                List.of(2), true, false,
                new ParameterDescription(NEIGHBOURS, "integer", false, 4, "4, 8",
                        "the neighbours counted: the 4 sharing an edge, or all 8")),
        LOG("log", "The Laplacian of the unit-mass Gaussian e^(-r^2/(2 sigma^2))/(2 pi sigma^2), sampled at the integer "
                + "offsets from the centre, minus its mean so that it sums to 0 (negative in the middle).",
                List.of(2), true, false,
                new ParameterDescription(SIZE, "integer", true, null, "odd integer from 1 to 255",
                        "the length along both axes"),
                new ParameterDescription(SIGMA, "number", true, null, "from 1e-6 to 1e6",
                        "the standard deviation of the Gaussian, in samples")),
        SHARPEN("sharpen", "Sharpening: [[0,-1,0],[-1,5,-1],[0,-1,0]].", List.of(2), true, false),
        EMBOSS("emboss", "Embossing: [[-2,-1,0],[-1,1,1],[0,1,2]].", List.of(2), false, false);

        final String label;
        final KernelDescription description;

        Kind(String label, String text, List<Integer> ranks, boolean symmetric, boolean separable,
                ParameterDescription... parameters) {
            this.label = label;
            this.description = new KernelDescription(label, text, List.of(parameters), ranks, symmetric, separable);
        }

        List<String> parameterNames() {
            return description.parameters().stream().map(ParameterDescription::name).toList();
        }
    }

    private static final String NAMES = Arrays.stream(Kind.values()).map(k -> k.label).collect(Collectors.joining(", "));

    private NamedKernels() {
    }

    /** What {@code GET /api/v1/kernels} lists: every name with its parameters, defaults, ranks and properties. */
    public static List<KernelDescription> catalogue() {
        return Arrays.stream(Kind.values()).map(k -> k.description).toList();
    }

    /** The largest size a named kernel takes along an axis of an input of this rank (1 to 4). */
    public static int maxSize(int rank) {
        requireRank(rank);
        return MAX_SIZE[rank];
    }

    /**
     * The kernel a name stands for at the rank of the input it meets.
     *
     * @param field the request field the named kernel came from ({@code kernel}); messages name its members
     *         ({@code kernel.size})
     * @param k the name and parameters as the request gave them
     * @param rank the rank of the input, 1 to 4
     * @throws InvalidRequestException for an unknown name, a name without a form at this rank, a parameter the kernel
     *         does not take, a missing required one or a value outside the allowed ones
     */
    public static NamedKernel of(String field, KernelName k, int rank) {
        requireRank(rank);
        if (k == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        Kind kind = kind(field, k.name());
        refuseParametersNotTaken(field, kind, k);
        if (!kind.description.ranks().contains(rank)) {
            throw new InvalidRequestException(field + ".name", kind.label + " has no " + rank + "D form: it exists for "
                    + kind.description.ranks().stream().map(r -> r + "D").collect(Collectors.joining(" and ")) + " inputs only");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        return switch (kind) {
            case BOX -> box(field, k, rank, parameters);
            case GAUSSIAN -> gaussian(field, k, rank, parameters);
            case SOBEL -> sobel(field, k, rank, parameters);
            case SCHARR -> {
                boolean x = axis(field, k, parameters);
                double[] smooth = {3, 10, 3};
                double[] derivative = {-1, 0, 1};
                yield separable(kind, parameters, rank, x ? new double[][] {smooth, derivative} : new double[][] {derivative, smooth});
            }
            case PREWITT -> {
                boolean x = axis(field, k, parameters);
                double[] smooth = {1, 1, 1};
                double[] derivative = {-1, 0, 1};
                yield separable(kind, parameters, rank, x ? new double[][] {smooth, derivative} : new double[][] {derivative, smooth});
            }
            case LAPLACIAN -> {
                int n = k.neighbours() == null ? 4 : k.neighbours();
                if (n != 4 && n != 8) {
                    throw new InvalidRequestException(field + "." + NEIGHBOURS, "must be 4 or 8; got " + n);
                }
                parameters.put(NEIGHBOURS, n);
                yield plain(kind, parameters, n == 4 ? new double[] {0, 1, 0, 1, -4, 1, 0, 1, 0}
                        : new double[] {1, 1, 1, 1, -8, 1, 1, 1, 1}, 3, 3);
            }
            case LOG -> laplacianOfGaussian(field, k, parameters);
            case SHARPEN -> plain(kind, parameters, new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0}, 3, 3);
            case EMBOSS -> plain(kind, parameters, new double[] {-2, -1, 0, -1, 1, 1, 0, 1, 2}, 3, 3);
        };
    }

    private static void requireRank(int rank) {
        if (rank < 1 || rank > Shape.MAX_RANK) {
            throw new IllegalArgumentException("rank " + rank + " is not 1 to " + Shape.MAX_RANK);
        }
    }

    private static Kind kind(String field, String name) {
        if (name == null) {
            throw new InvalidRequestException(field + ".name", "name is required: one of " + NAMES);
        }
        for (Kind kind : Kind.values()) {
            if (kind.label.equals(name)) {
                return kind;
            }
        }
        throw new InvalidRequestException(field + ".name", "must be one of " + NAMES + "; got '" + name + "'");
    }

    /** The first parameter given that the kernel does not take, in the order of {@link KernelName}'s components. */
    private static void refuseParametersNotTaken(String field, Kind kind, KernelName k) {
        List<String> takes = kind.parameterNames();
        Object[] given = {k.size(), k.sigma(), k.axis(), k.normalize(), k.neighbours()};
        String[] names = {SIZE, SIGMA, AXIS, NORMALIZE, NEIGHBOURS};
        for (int i = 0; i < names.length; i++) {
            if (given[i] != null && !takes.contains(names[i])) {
                throw new InvalidRequestException(field + "." + names[i], takes.isEmpty()
                        ? kind.label + " takes no parameters; leave out " + names[i]
                        : names[i] + " is not a parameter of " + kind.label + "; it takes " + String.join(", ", takes));
            }
        }
    }

    private static NamedKernel box(String field, KernelName k, int rank, Map<String, Object> parameters) {
        int size = k.size() == null ? 3 : k.size();
        if (size < 1 || size > MAX_SIZE[rank]) {
            throw new InvalidRequestException(field + "." + SIZE, "must be an integer from 1 to " + MAX_SIZE[rank] + " for a "
                    + rank + "D input; got " + size);
        }
        boolean normalize = k.normalize() == null || k.normalize();
        parameters.put(SIZE, size);
        parameters.put(NORMALIZE, normalize);
        double[][] factors = new double[rank][];
        for (int a = 0; a < rank; a++) {
            factors[a] = new double[size];
            Arrays.fill(factors[a], 1.0);
        }
        if (normalize) {
            // the first factor carries 1/count, so that the product is exactly ones / count
            long count = 1;
            for (int a = 0; a < rank; a++) {
                count *= size;
            }
            Arrays.fill(factors[0], 1.0 / count);
        }
        return separable(Kind.BOX, parameters, rank, factors);
    }

    private static NamedKernel gaussian(String field, KernelName k, int rank, Map<String, Object> parameters) {
        int size = k.size() == null ? 5 : k.size();
        if (size < 1 || size > MAX_SIZE[rank] || size % 2 == 0) {
            throw new InvalidRequestException(field + "." + SIZE, "must be an odd integer from 1 to " + MAX_SIZE[rank] + " for a "
                    + rank + "D input; got " + size);
        }
        double sigma = k.sigma() == null ? 0.0 : k.sigma();
        if (!Double.isFinite(sigma)) {
            throw new InvalidRequestException(field + "." + SIGMA, "must be a finite number (0 or less chooses it from size); got "
                    + sigma);
        }
        parameters.put(SIZE, size);
        parameters.put(SIGMA, sigma);
        double[] g = Gaussian.vector(size, sigma);
        double[][] factors = new double[rank][];
        for (int a = 0; a < rank; a++) {
            factors[a] = g.clone();
        }
        return separable(Kind.GAUSSIAN, parameters, rank, factors);
    }

    private static NamedKernel sobel(String field, KernelName k, int rank, Map<String, Object> parameters) {
        boolean x;
        if (rank == 1) {
            if (k.axis() != null && !axis(field, k, parameters)) {
                throw new InvalidRequestException(field + "." + AXIS, "a 1D sobel kernel is the derivative along the input's one "
                        + "axis: axis must be x or be left out; got 'y'");
            }
            parameters.put(AXIS, "x");
            x = true;
        } else {
            x = axis(field, k, parameters);
        }
        int size = k.size() == null ? 3 : k.size();
        if (!SOBEL_SIZES.contains(size)) {
            throw new InvalidRequestException(field + "." + SIZE, "must be one of 1, 3, 5, 7; got " + size);
        }
        parameters.put(SIZE, size);
        double[] derivative = sobelDerivative(size);
        double[] smooth = sobelSmoothing(size);
        return separable(Kind.SOBEL, parameters, rank,
                rank == 1 ? new double[][] {derivative} : x ? new double[][] {smooth, derivative} : new double[][] {derivative, smooth});
    }

    /** OpenCV's smoothing vector of a Sobel kernel: [1] for size 1, else the binomial coefficients C(size-1, i). */
    static double[] sobelSmoothing(int size) {
        return binomial(size - 1);
    }

    /**
     * OpenCV's first-derivative vector of a Sobel kernel: [-1, 0, 1] for sizes 1 and 3, else the binomial
     * coefficients C(size-3, i) convolved with [-1, 0, 1].
     */
    static double[] sobelDerivative(int size) {
        if (size <= 3) {
            return new double[] {-1, 0, 1};
        }
        double[] b = binomial(size - 3);
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = (i >= 2 ? b[i - 2] : 0) - (i < b.length ? b[i] : 0);
        }
        return d;
    }

    private static double[] binomial(int n) {
        double[] c = new double[n + 1];
        c[0] = 1;
        for (int i = 1; i <= n; i++) {
            c[i] = c[i - 1] * (n - i + 1) / i;
        }
        return c;
    }

    /** The axis of a 2D derivative (required): true for x. */
    private static boolean axis(String field, KernelName k, Map<String, Object> parameters) {
        if (k.axis() == null) {
            throw new InvalidRequestException(field + "." + AXIS, "axis is required for " + k.name() + ": x or y");
        }
        if (!k.axis().equals("x") && !k.axis().equals("y")) {
            throw new InvalidRequestException(field + "." + AXIS, "must be x or y; got '" + k.axis() + "'");
        }
        parameters.put(AXIS, k.axis());
        return k.axis().equals("x");
    }

    private static NamedKernel laplacianOfGaussian(String field, KernelName k, Map<String, Object> parameters) {
        int max = MAX_SIZE[2];
        if (k.size() == null) {
            throw new InvalidRequestException(field + "." + SIZE, "size is required for log: an odd integer from 1 to " + max);
        }
        int size = k.size();
        if (size < 1 || size > max || size % 2 == 0) {
            throw new InvalidRequestException(field + "." + SIZE, "must be an odd integer from 1 to " + max + "; got " + size);
        }
        if (k.sigma() == null) {
            throw new InvalidRequestException(field + "." + SIGMA, "sigma is required for log: a number from 1e-6 to 1e6");
        }
        double sigma = k.sigma();
        if (!(sigma >= MIN_LOG_SIGMA && sigma <= MAX_LOG_SIGMA)) {
            throw new InvalidRequestException(field + "." + SIGMA, "must be a number from 1e-6 to 1e6; got " + sigma);
        }
        parameters.put(SIZE, size);
        parameters.put(SIGMA, sigma);
        int c = (size - 1) / 2;
        double s2 = sigma * sigma;
        double[] v = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int dy = i - c;
                int dx = j - c;
                double r2 = dx * dx + dy * dy;
                v[i * size + j] = (r2 - 2.0 * s2) / (s2 * s2) * StrictMath.exp(-r2 / (2.0 * s2)) / (2.0 * Math.PI * s2);
            }
        }
        double total = 0;
        for (double value : v) {
            total += value;
        }
        double mean = total / v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
        return plain(Kind.LOG, parameters, v, size, size);
    }

    /** A kernel given by its values: not separable. */
    private static NamedKernel plain(Kind kind, Map<String, Object> parameters, double[] values, int... dims) {
        return new NamedKernel(kind.label, parameters, Grid.of(values, dims), symmetric(values), false, null);
    }

    /**
     * The outer product of one factor per axis, multiplied left to right; a single factor (rank 1) is the kernel
     * itself, which has nothing to split.
     */
    private static NamedKernel separable(Kind kind, Map<String, Object> parameters, int rank, double[][] factors) {
        if (factors.length != rank) {
            throw new IllegalStateException(factors.length + " factors for rank " + rank);
        }
        double[] values = factors[0].clone();
        int[] dims = new int[rank];
        dims[0] = factors[0].length;
        for (int a = 1; a < rank; a++) {
            double[] f = factors[a];
            double[] next = new double[values.length * f.length];
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < f.length; j++) {
                    next[i * f.length + j] = values[i] * f[j];
                }
            }
            values = next;
            dims[a] = f.length;
        }
        boolean split = rank >= 2;
        return new NamedKernel(kind.label, parameters, Grid.of(values, dims), symmetric(values), split, split ? factors : null);
    }

    /** True when the row-major values equal their reverse: the kernel is unchanged by a 180° rotation. */
    static boolean symmetric(double[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            if (values[i] != values[j]) {
                return false;
            }
        }
        return true;
    }
}
