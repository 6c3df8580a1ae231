package dev.convolution.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named kernels against OpenCV 4.6 and numpy ({@code scripts/generate_named_kernels.py}): values bit for bit
 * (the Laplacian of Gaussian within 1e-15 of its scale), shapes, the parameters with their defaults, the properties
 * and the factors; every refusal with its field and message; and the point of {@code symmetric}: convolution equals
 * cross-correlation exactly when it is true.
 */
class NamedKernelsTest {
    private static final String NAMES = "box, gaussian, sobel, scharr, prewitt, laplacian, log, sharpen, emboss";

    record Case(String name, KernelName request, Map<String, Object> filled, int rank, int[] shape, double[] values, Double scale,
            boolean symmetric, boolean separable, String reference) {
        @Override
        public String toString() {
            return name + " " + request + " rank " + rank + " (" + reference + ")";
        }
    }

    private static List<Case> cases;

    static synchronized List<Case> golden() {
        if (cases != null) {
            return cases;
        }
        try (InputStream in = NamedKernelsTest.class.getResourceAsStream("/golden/named-kernels.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Case> all = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode p = c.get("parameters");
                KernelName request = new KernelName(c.get("name").asString(),
                        p.has("size") ? p.get("size").asInt() : null,
                        p.has("sigma") ? p.get("sigma").asDouble() : null,
                        p.has("axis") ? p.get("axis").asString() : null,
                        p.has("normalize") ? p.get("normalize").asBoolean() : null,
                        p.has("neighbours") ? p.get("neighbours").asInt() : null);
                Map<String, Object> filled = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : c.get("filled").properties()) {
                    JsonNode v = e.getValue();
                    filled.put(e.getKey(), v.isBoolean() ? (Object) v.asBoolean() : v.isString() ? v.asString()
                            : v.isIntegralNumber() ? (Object) v.asInt() : (Object) v.asDouble());
                }
                JsonNode s = c.get("shape");
                int[] shape = new int[s.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = s.get(i).asInt();
                }
                JsonNode v = c.get("values");
                double[] values = new double[v.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = v.get(i).asDouble();
                }
                JsonNode scale = c.get("scale");
                all.add(new Case(c.get("name").asString(), request, filled, c.get("rank").asInt(), shape, values,
                        scale.isNull() ? null : scale.asDouble(), c.get("symmetric").asBoolean(), c.get("separable").asBoolean(),
                        c.get("reference").asString()));
            }
            cases = all;
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> goldenCases() {
        return golden().stream().map(c -> Arguments.of(c.toString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesOpenCvAndNumpy(String label, Case c) {
        NamedKernel k = NamedKernels.of("kernel", c.request(), c.rank());
        assertThat(k.name()).isEqualTo(c.name());
        assertThat(k.parameters()).as("parameters with defaults (%s)", c).containsExactlyEntriesOf(c.filled());
        assertThat(k.kernel().shape().dims()).as("shape (%s)", c).containsExactly(c.shape());
        double[] actual = k.kernel().values();
        assertThat(actual).hasSameSizeAs(c.values());
        for (int i = 0; i < actual.length; i++) {
            if (c.scale() == null) {
                // bit for bit: OpenCV's own arithmetic, or small integers and their ratios
                assertThat(Double.doubleToLongBits(actual[i])).as("value %d: %s vs %s (%s)", i, actual[i], c.values()[i], c)
                        .isEqualTo(Double.doubleToLongBits(c.values()[i] + 0.0));
            } else {
                assertThat(Math.abs(actual[i] - c.values()[i])).as("value %d: %s vs %s (%s)", i, actual[i], c.values()[i], c)
                        .isLessThanOrEqualTo(1e-15 * c.scale());
            }
        }
        assertThat(k.symmetric()).as("symmetric (%s)", c).isEqualTo(c.symmetric());
        assertThat(k.separable()).as("separable (%s)", c).isEqualTo(c.separable());
        if (k.separable()) {
            assertThat(k.factors().length).isEqualTo(c.rank());
            assertThat(outer(k.factors())).as("the factors multiply back to the kernel (%s)", c).isEqualTo(actual);
        } else {
            assertThat(k.factors()).isNull();
        }
    }

    /** The outer product of the factors, multiplied left to right, as the test computes it. */
    private static double[] outer(double[][] factors) {
        double[] values = {1.0};
        boolean first = true;
        for (double[] f : factors) {
            double[] next = new double[values.length * f.length];
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < f.length; j++) {
                    next[i * f.length + j] = first ? f[j] : values[i] * f[j];
                }
            }
            values = next;
            first = false;
        }
        return values;
    }

    @Test
    void theFixturesCoverTheTable() {
        Set<String> seen = new HashSet<>();
        for (Case c : golden()) {
            seen.add(c.name() + "/" + c.rank());
        }
        assertThat(seen).containsExactlyInAnyOrder("box/1", "box/2", "box/3", "box/4", "gaussian/1", "gaussian/2", "gaussian/3",
                "gaussian/4", "sobel/1", "sobel/2", "scharr/2", "prewitt/2", "laplacian/2", "log/2", "sharpen/2", "emboss/2");
        for (int size = 1; size <= 31; size += 2) {
            for (double sigma : new double[] {0, 0.3, 1.2, 5}) {
                for (int rank = 1; rank <= 2; rank++) {
                    int s = size;
                    int r = rank;
                    assertThat(golden()).as("gaussian size %d sigma %s rank %d", size, sigma, rank)
                            .anyMatch(c -> c.name().equals("gaussian") && c.rank() == r && c.filled().get("size").equals(s)
                                    && c.filled().get("sigma").equals(sigma));
                }
            }
        }
        for (int size : new int[] {1, 3, 5, 7}) {
            for (String axis : new String[] {"x", "y"}) {
                assertThat(golden()).as("sobel size %d axis %s", size, axis).anyMatch(c -> c.name().equals("sobel") && c.rank() == 2
                        && c.filled().get("size").equals(size) && c.filled().get("axis").equals(axis));
            }
        }
        assertThat(golden()).filteredOn(c -> c.name().equals("box")).anyMatch(c -> c.shape()[0] % 2 == 0)
                .anyMatch(c -> c.filled().get("normalize").equals(false));
        assertThat(golden()).filteredOn(c -> c.scale() != null).allMatch(c -> c.name().equals("log"));
    }

    @Test
    void openCvsSizeOneSobelIsADifferenceAcrossTheAxis() {
        // cv2.getDerivKernels(1, 0, 1): kx = [-1, 0, 1], ky = [1]
        NamedKernel x = NamedKernels.of("kernel", new KernelName("sobel", 1, null, "x", null, null), 2);
        assertThat(x.kernel().shape().dims()).containsExactly(1, 3);
        assertThat(x.kernel().values()).containsExactly(-1, 0, 1);
        NamedKernel y = NamedKernels.of("kernel", new KernelName("sobel", 1, null, "y", null, null), 2);
        assertThat(y.kernel().shape().dims()).containsExactly(3, 1);
        assertThat(y.factors()).isDeepEqualTo(new double[][] {{-1, 0, 1}, {1}});
        assertThat(NamedKernels.of("kernel", new KernelName("sobel", 7, null, null, null, null), 1).kernel().values())
                .containsExactly(-1, -4, -5, 0, 5, 4, 1);
    }

    @Test
    void theGaussianTablesAndRuleAreOpenCvs() {
        assertThat(Gaussian.vector(5, 0)).containsExactly(1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0);
        assertThat(Gaussian.vector(9, -3)).containsExactly(0.015625, 0.05078125, 0.1171875, 0.19921875, 0.234375, 0.19921875,
                0.1171875, 0.05078125, 0.015625);
        // from size 11 the rule sigma = 0.3*((size-1)*0.5-1)+0.8 = 0.15*size+0.35 (as a fused multiply-add)
        assertThat(Gaussian.vector(11, 0)).isEqualTo(Gaussian.vector(11, Math.fma(11, 0.15, 0.35)));
        assertThat(Gaussian.vector(11, 0)).isEqualTo(Gaussian.vector(11, 2.0));
    }

    @Test
    void theExponentialsTableHoldsTwoToTheKOver64RoundedToNearest() {
        for (int k = 0; k < 64; k++) {
            double d = Gaussian.twoToKOver64(k);
            BigDecimal half = new BigDecimal(Math.ulp(d)).divide(BigDecimal.valueOf(2));
            BigDecimal below = new BigDecimal(d).subtract(half).pow(64);
            BigDecimal above = new BigDecimal(d).add(half).pow(64);
            BigDecimal target = BigDecimal.valueOf(2).pow(k);
            assertThat(below).as("entry %d: (d - ulp/2)^64 < 2^k", k).isLessThan(target);
            assertThat(above).as("entry %d: (d + ulp/2)^64 > 2^k", k).isGreaterThan(target);
        }
    }

    @Test
    void theExponentialIsClose() {
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double x = -700 * rnd.nextDouble();
            assertThat(Gaussian.exp(x)).as("exp(%s)", x).isCloseTo(StrictMath.exp(x), org.assertj.core.api.Assertions.withinPercentage(1e-11));
        }
        assertThat(Gaussian.exp(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(Gaussian.exp(-5000)).isZero();
        assertThat(Gaussian.exp(Double.NaN)).isNaN();
    }

    @Test
    void theCatalogueListsEveryNameWithItsParameters() {
        List<KernelDescription> all = NamedKernels.catalogue();
        assertThat(all).extracting(KernelDescription::name).containsExactly(NAMES.split(", "));
        for (KernelDescription d : all) {
            assertThat(d.description()).isNotBlank();
            for (ParameterDescription p : d.parameters()) {
                assertThat(p.allowed()).isNotBlank();
                assertThat(p.description()).isNotBlank();
                assertThat(p.required() || p.defaultValue() != null).as("%s.%s has a default or is required", d.name(), p.name()).isTrue();
            }
            // the listed defaults and properties are those of() fills in and reports (an axis, where required, is x)
            Map<String, ParameterDescription> byName = new LinkedHashMap<>();
            d.parameters().forEach(p -> byName.put(p.name(), p));
            KernelName request = new KernelName(d.name(),
                    byName.containsKey("size") && byName.get("size").required() ? 5 : null,
                    byName.containsKey("sigma") && byName.get("sigma").required() ? 1.0 : null,
                    byName.containsKey("axis") ? "x" : null, null, null);
            for (int rank = 1; rank <= Shape.MAX_RANK; rank++) {
                int r = rank;
                if (!d.ranks().contains(rank)) {
                    assertThatThrownBy(() -> NamedKernels.of("kernel", request, r)).isInstanceOf(InvalidRequestException.class);
                    continue;
                }
                NamedKernel k = NamedKernels.of("kernel", request, rank);
                assertThat(k.parameters().keySet()).as("%s parameters", d.name()).containsExactlyElementsOf(byName.keySet());
                for (ParameterDescription p : d.parameters()) {
                    if (!p.required()) {
                        assertThat(k.parameters().get(p.name())).as("%s.%s default", d.name(), p.name()).isEqualTo(p.defaultValue());
                    }
                }
                assertThat(k.symmetric()).as("%s symmetric", d.name()).isEqualTo(d.symmetric());
                assertThat(k.separable()).as("%s separable in %dD", d.name(), rank).isEqualTo(d.separable() && rank >= 2);
            }
        }
        assertThat(all.stream().filter(d -> d.name().equals("box")).findFirst().orElseThrow().ranks()).containsExactly(1, 2, 3, 4);
        assertThat(all.stream().filter(d -> d.name().equals("sobel")).findFirst().orElseThrow().ranks()).containsExactly(1, 2);
        assertThat(all.stream().filter(d -> d.name().equals("emboss")).findFirst().orElseThrow().ranks()).containsExactly(2);
    }

    @Test
    void sizesAreBoundedByRank() {
        assertThat(new int[] {NamedKernels.maxSize(1), NamedKernels.maxSize(2), NamedKernels.maxSize(3), NamedKernels.maxSize(4)})
                .containsExactly(4095, 255, 255, 63);
        for (int rank = 1; rank <= 4; rank++) {
            assertThat(Math.pow(NamedKernels.maxSize(rank), rank)).isLessThanOrEqualTo(16_777_216);
        }
        assertThat(NamedKernels.of("kernel", new KernelName("gaussian", 4095, 0.0, null, null, null), 1).kernel().size()).isEqualTo(4095);
        assertThat(NamedKernels.of("kernel", new KernelName("box", 255, null, null, false, null), 2).kernel().size()).isEqualTo(255 * 255);
        assertThat(NamedKernels.of("kernel", new KernelName("log", 255, 40.0, null, null, null), 2).kernel().size()).isEqualTo(255 * 255);
        assertThatThrownBy(() -> NamedKernels.maxSize(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamedKernels.of("kernel", KernelName.of("box"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- refusals ---------------------------------------------------------------------------------------------------

    private static Violation refusal(KernelName k, int rank) {
        return refusal("kernel", k, rank);
    }

    private static Violation refusal(String field, KernelName k, int rank) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> NamedKernels.of(field, k, rank));
        assertThat(e).as("%s in %dD is refused", k, rank).isNotNull();
        assertThat(e.violations()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo(e.violations().get(0).message());
        return e.violations().get(0);
    }

    private static KernelName name(String name, Integer size, Double sigma, String axis, Boolean normalize, Integer neighbours) {
        return new KernelName(name, size, sigma, axis, normalize, neighbours);
    }

    @Test
    void unknownAndMissingNamesAreRefusedListingTheNames() {
        assertThat(refusal(KernelName.of("gauss"), 2))
                .isEqualTo(new Violation("kernel.name", "must be one of " + NAMES + "; got 'gauss'"));
        assertThat(refusal(KernelName.of("Gaussian"), 2).message()).contains(NAMES, "got 'Gaussian'");
        assertThat(refusal(KernelName.of(null), 2)).isEqualTo(new Violation("kernel.name", "name is required: one of " + NAMES));
        assertThat(refusal("kernel", null, 2)).isEqualTo(new Violation("kernel", "kernel is required"));
        assertThat(refusal("layers[1].kernel", KernelName.of("blur"), 1).field()).isEqualTo("layers[1].kernel.name");
    }

    @Test
    void parametersAKernelDoesNotTakeAreRefusedListingTheOnesItTakes() {
        assertThat(refusal(name("sharpen", 3, null, null, null, null), 2))
                .isEqualTo(new Violation("kernel.size", "sharpen takes no parameters; leave out size"));
        assertThat(refusal(name("emboss", null, null, "x", null, null), 2))
                .isEqualTo(new Violation("kernel.axis", "emboss takes no parameters; leave out axis"));
        assertThat(refusal(name("prewitt", 3, null, "x", null, null), 2))
                .isEqualTo(new Violation("kernel.size", "size is not a parameter of prewitt; it takes axis"));
        assertThat(refusal(name("scharr", null, 1.0, "x", null, null), 2))
                .isEqualTo(new Violation("kernel.sigma", "sigma is not a parameter of scharr; it takes axis"));
        assertThat(refusal(name("box", 3, 1.0, null, null, null), 2))
                .isEqualTo(new Violation("kernel.sigma", "sigma is not a parameter of box; it takes size, normalize"));
        assertThat(refusal(name("gaussian", 3, null, null, true, null), 2))
                .isEqualTo(new Violation("kernel.normalize", "normalize is not a parameter of gaussian; it takes size, sigma"));
        assertThat(refusal(name("gaussian", null, null, null, null, 8), 2))
                .isEqualTo(new Violation("kernel.neighbours", "neighbours is not a parameter of gaussian; it takes size, sigma"));
        assertThat(refusal(name("laplacian", 3, null, null, null, 8), 2))
                .isEqualTo(new Violation("kernel.size", "size is not a parameter of laplacian; it takes neighbours"));
        assertThat(refusal(name("sobel", 3, 1.0, "x", null, null), 2))
                .isEqualTo(new Violation("kernel.sigma", "sigma is not a parameter of sobel; it takes axis, size"));
        assertThat(refusal(name("log", 5, 1.0, null, false, null), 2))
                .isEqualTo(new Violation("kernel.normalize", "normalize is not a parameter of log; it takes size, sigma"));
    }

    @Test
    void kernelsWithoutAFormAtTheInputsRankAreRefusedSayingWhereTheyExist() {
        for (String n : List.of("scharr", "prewitt", "laplacian", "log", "sharpen", "emboss")) {
            assertThat(refusal(KernelName.of(n), 1))
                    .isEqualTo(new Violation("kernel.name", n + " has no 1D form: it exists for 2D inputs only"));
            assertThat(refusal(KernelName.of(n), 3).message()).isEqualTo(n + " has no 3D form: it exists for 2D inputs only");
            assertThat(refusal(KernelName.of(n), 4).message()).isEqualTo(n + " has no 4D form: it exists for 2D inputs only");
        }
        assertThat(refusal(name("sobel", null, null, "x", null, null), 3))
                .isEqualTo(new Violation("kernel.name", "sobel has no 3D form: it exists for 1D and 2D inputs only"));
        assertThat(refusal(name("sobel", null, null, "x", null, null), 4).message()).contains("no 4D form", "1D and 2D");
    }

    @Test
    void sizesOutsideTheAllowedOnesAreRefusedListingThem() {
        for (int size : new int[] {0, -1, 4, 256, 257}) {
            assertThat(refusal(name("gaussian", size, null, null, null, null), 2)).as("gaussian size %d", size)
                    .isEqualTo(new Violation("kernel.size", "must be an odd integer from 1 to 255 for a 2D input; got " + size));
        }
        assertThat(refusal(name("gaussian", 4097, null, null, null, null), 1).message())
                .isEqualTo("must be an odd integer from 1 to 4095 for a 1D input; got 4097");
        assertThat(refusal(name("gaussian", 65, null, null, null, null), 4).message())
                .isEqualTo("must be an odd integer from 1 to 63 for a 4D input; got 65");
        assertThat(refusal(name("gaussian", 257, null, null, null, null), 3).message()).contains("1 to 255 for a 3D input");
        for (int size : new int[] {0, -3, 256}) {
            assertThat(refusal(name("box", size, null, null, null, null), 2)).as("box size %d", size)
                    .isEqualTo(new Violation("kernel.size", "must be an integer from 1 to 255 for a 2D input; got " + size));
        }
        assertThat(refusal(name("box", 64, null, null, null, null), 4).message())
                .isEqualTo("must be an integer from 1 to 63 for a 4D input; got 64");
        assertThat(refusal(name("box", 4096, null, null, null, null), 1).message()).contains("1 to 4095 for a 1D input");
        for (int size : new int[] {0, 2, 9, -1}) {
            assertThat(refusal(name("sobel", size, null, "x", null, null), 2)).as("sobel size %d", size)
                    .isEqualTo(new Violation("kernel.size", "must be one of 1, 3, 5, 7; got " + size));
            assertThat(refusal(name("sobel", size, null, null, null, null), 1).field()).isEqualTo("kernel.size");
        }
        for (int size : new int[] {0, 4, 257}) {
            assertThat(refusal(name("log", size, 1.0, null, null, null), 2)).as("log size %d", size)
                    .isEqualTo(new Violation("kernel.size", "must be an odd integer from 1 to 255; got " + size));
        }
        assertThat(refusal(name("log", null, 1.0, null, null, null), 2))
                .isEqualTo(new Violation("kernel.size", "size is required for log: an odd integer from 1 to 255"));
    }

    @Test
    void sigmasOutsideTheAllowedOnesAreRefused() {
        for (double sigma : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(refusal(name("gaussian", 5, sigma, null, null, null), 2)).as("gaussian sigma %s", sigma)
                    .isEqualTo(new Violation("kernel.sigma", "must be a finite number (0 or less chooses it from size); got " + sigma));
        }
        for (double sigma : new double[] {0, -1, 9e-7, 1.1e6, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(refusal(name("log", 5, sigma, null, null, null), 2)).as("log sigma %s", sigma)
                    .isEqualTo(new Violation("kernel.sigma", "must be a number from 1e-6 to 1e6; got " + sigma));
        }
        assertThat(refusal(name("log", 5, null, null, null, null), 2))
                .isEqualTo(new Violation("kernel.sigma", "sigma is required for log: a number from 1e-6 to 1e6"));
        // the ends are taken, and a negative sigma is OpenCV's "choose it from size"
        NamedKernels.of("kernel", name("log", 5, 1e-6, null, null, null), 2);
        NamedKernels.of("kernel", name("log", 5, 1e6, null, null, null), 2);
        assertThat(NamedKernels.of("kernel", name("gaussian", 5, -2.0, null, null, null), 2).kernel())
                .isEqualTo(NamedKernels.of("kernel", KernelName.of("gaussian"), 2).kernel());
    }

    @Test
    void axesNeighboursAndTheirAbsenceAreRefusedListingTheAllowedValues() {
        for (String n : List.of("sobel", "scharr", "prewitt")) {
            assertThat(refusal(KernelName.of(n), 2)).isEqualTo(new Violation("kernel.axis", "axis is required for " + n + ": x or y"));
            for (String axis : List.of("z", "X", "", "xy")) {
                assertThat(refusal(name(n, null, null, axis, null, null), 2))
                        .isEqualTo(new Violation("kernel.axis", "must be x or y; got '" + axis + "'"));
            }
        }
        assertThat(refusal(name("sobel", null, null, "y", null, null), 1)).isEqualTo(new Violation("kernel.axis",
                "a 1D sobel kernel is the derivative along the input's one axis: axis must be x or be left out; got 'y'"));
        assertThat(refusal(name("sobel", null, null, "z", null, null), 1))
                .isEqualTo(new Violation("kernel.axis", "must be x or y; got 'z'"));
        for (int n : new int[] {0, 6, 9, -4}) {
            assertThat(refusal(name("laplacian", null, null, null, null, n), 2))
                    .isEqualTo(new Violation("kernel.neighbours", "must be 4 or 8; got " + n));
        }
        assertThat(refusal("requests[2].kernel", name("laplacian", null, null, null, null, 5), 2).field())
                .isEqualTo("requests[2].kernel.neighbours");
    }

    // --- the seed's point: convolution equals cross-correlation exactly for a symmetric kernel ----------------------

    static Stream<Arguments> kernelsOnImages() {
        return Stream.of(
                Arguments.of(KernelName.of("gaussian"), 2),
                Arguments.of(new KernelName("gaussian", 7, 1.2, null, null, null), 2),
                Arguments.of(new KernelName("gaussian", 9, 0.3, null, null, null), 1),
                Arguments.of(new KernelName("gaussian", 3, 0.8, null, null, null), 3),
                Arguments.of(KernelName.of("box"), 2),
                Arguments.of(new KernelName("box", 4, null, null, null, null), 2),
                Arguments.of(new KernelName("box", 2, null, null, false, null), 4),
                Arguments.of(KernelName.of("laplacian"), 2),
                Arguments.of(new KernelName("laplacian", null, null, null, null, 8), 2),
                Arguments.of(new KernelName("log", 7, 1.4, null, null, null), 2),
                Arguments.of(KernelName.of("sharpen"), 2),
                Arguments.of(KernelName.of("emboss"), 2),
                Arguments.of(new KernelName("sobel", 3, null, "x", null, null), 2),
                Arguments.of(new KernelName("sobel", 5, null, "y", null, null), 2),
                Arguments.of(new KernelName("sobel", 1, null, "y", null, null), 2),
                Arguments.of(new KernelName("sobel", 5, null, null, null, null), 1),
                Arguments.of(new KernelName("scharr", null, null, "y", null, null), 2),
                Arguments.of(new KernelName("prewitt", null, null, "x", null, null), 2));
    }

    @ParameterizedTest(name = "{0} in {1}D")
    @MethodSource("kernelsOnImages")
    void convolutionEqualsCorrelationExactlyWhenTheKernelIsSymmetric(KernelName name, int rank) {
        NamedKernel k = NamedKernels.of("kernel", name, rank);
        Random rnd = new Random(name.hashCode() * 31L + rank);
        int[] dims = new int[rank];
        int side = rank == 1 ? 40 : rank == 2 ? 12 : 6;
        int n = 1;
        for (int a = 0; a < rank; a++) {
            dims[a] = side - a;
            n *= dims[a];
        }
        double[] pixels = new double[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = rnd.nextInt(256);
        }
        Grid image = Grid.of(pixels, dims);
        Convolver convolver = new Convolver();
        for (Method method : new Method[] {Method.DIRECT, Method.FFT}) {
            for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME}) {
                double[] conv = run(convolver, Operation.CONVOLUTION, mode, image, k.kernel(), method);
                double[] corr = run(convolver, Operation.CROSS_CORRELATION, mode, image, k.kernel(), method);
                if (k.symmetric()) {
                    assertThat(conv).as("%s, %s, %s: convolution equals correlation", k, method, mode).isEqualTo(corr);
                } else {
                    assertThat(Arrays.equals(conv, corr)).as("%s, %s, %s: convolution differs from correlation", k, method, mode).isFalse();
                }
            }
        }
    }

    private static double[] run(Convolver convolver, Operation op, Mode mode, Grid x, Grid h, Method method) {
        Spec spec = Spec.defaults(op).withMode(mode);
        Plan plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
        return convolver.compute(plan, x, h, method).output();
    }
}
