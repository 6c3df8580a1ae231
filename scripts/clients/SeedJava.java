import dev.convolution.client.ApiClient;
import dev.convolution.client.ApiException;
import dev.convolution.client.api.ArraysApi;
import dev.convolution.client.api.ExplainApi;
import dev.convolution.client.api.ImagesApi;
import dev.convolution.client.api.SignalsApi;
import dev.convolution.client.model.ArrayConvolutionRequest;
import dev.convolution.client.model.ArrayData;
import dev.convolution.client.model.ArrayKernel;
import dev.convolution.client.model.ArrayResult;
import dev.convolution.client.model.AxisPair;
import dev.convolution.client.model.ComplexArray;
import dev.convolution.client.model.ExplainEntryResponse;
import dev.convolution.client.model.ExplainRequest;
import dev.convolution.client.model.ExplainRequestKernelSymbols;
import dev.convolution.client.model.ExplainResponse;
import dev.convolution.client.model.ExplainTermResponse;
import dev.convolution.client.model.ImageConvolutionRequest;
import dev.convolution.client.model.ImageData;
import dev.convolution.client.model.ImageKernel;
import dev.convolution.client.model.ImageResult;
import dev.convolution.client.model.NamedKernel;
import dev.convolution.client.model.NestedArray;
import dev.convolution.client.model.Problem;
import dev.convolution.client.model.SignalConvolutionRequest;
import dev.convolution.client.model.SignalCorrelationRequest;
import dev.convolution.client.model.SignalData;
import dev.convolution.client.model.SignalKernel;
import dev.convolution.client.model.SignalResult;
import dev.convolution.client.model.TermResponse;
import dev.convolution.client.model.TraceEntryResponse;
import dev.convolution.client.model.TraceRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed examples through the Java client that openapi-generator makes from the service's own
 * OpenAPI document (scripts/client-check generates it, library jersey3, compiles this against it and
 * runs it): 1D convolution, 2D convolution with a [2, 1] stride, a 3D array, explain for convolution and for mirrored
 * cross-correlation, and one error, every field read through the typed models. Values are the seeds'
 * (quoted) or computed here by a plain direct sum.
 */
public class SeedJava {
    private static final List<String> checked = new ArrayList<>();

    private static void check(String name, boolean ok, Object got) {
        if (!ok) {
            System.err.println("SeedJava: " + name + ": got " + got);
            System.exit(1);
        }
        checked.add(name);
    }

    private static List<Double> numbers(double... v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private static boolean same(List<BigDecimal> got, double... want) {
        if (got.size() != want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (got.get(i).compareTo(BigDecimal.valueOf(want[i])) != 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        ApiClient client = new ApiClient();
        client.setBasePath(args[0]);
        SignalsApi signals = new SignalsApi(client);
        ImagesApi images = new ImagesApi(client);
        ExplainApi explain = new ExplainApi(client);

        // numpy's example: np.convolve([2,1,3,5,4], [1,-1], 'valid'), traced
        SignalResult r = signals.convolveSignal(new SignalConvolutionRequest().signal(new SignalData(numbers(2, 1, 3, 5, 4))).kernel(new SignalKernel(numbers(1, -1)))
                .mode(SignalConvolutionRequest.ModeEnum.VALID).trace(new TraceRequest().outputs(List.of(List.of(0L)))));
        check("1D output", same(r.getOutput().getListBigDecimal(), -1, 2, 2, -1), r.getOutput());
        check("1D fields", r.getOperation() == SignalResult.OperationEnum.CONVOLUTION && r.getMode() == SignalResult.ModeEnum.VALID
                && r.getBoundary() == SignalResult.BoundaryEnum.FILL && r.getMethod() == SignalResult.MethodEnum.DIRECT
                && r.getIndexOrigin() == SignalResult.IndexOriginEnum.CORNER && r.getShape().equals(List.of(4))
                && r.getOutputStart().equals(List.of(0L)) && r.getStride().equals(List.of(1)) && r.getDilation().equals(List.of(1)), r);
        check("1D kernel as applied", same(r.getKernelAsApplied().getListBigDecimal(), -1, 1), r.getKernelAsApplied());
        check("1D formula", "y[m] = Σ_k h[k]·x[m+1−k]".equals(r.getFormula()), r.getFormula());
        TraceEntryResponse t = r.getTrace().get(0);
        TermResponse a = t.getTerms().get(0);
        TermResponse b = t.getTerms().get(1);
        check("1D trace", t.getOutput().equals(List.of(0L)) && t.getValue().getBigDecimal().intValue() == -1 && a.getInput().equals(List.of(0L))
                && a.getKernel().equals(List.of(1L)) && a.getInputValue().getBigDecimal().intValue() == 2
                && a.getKernelValue().getBigDecimal().intValue() == -1 && a.getProduct().getBigDecimal().intValue() == -2
                && !a.getPadded() && b.getInput().equals(List.of(1L)) && b.getKernel().equals(List.of(0L)) && b.getProduct().getBigDecimal().intValue() == 1, t);

        // 2D: the 7x7 image 1..49 with the kernel 1..9, same, stride [2, 1]
        double[][] x = new double[7][7];
        double[][] h = new double[3][3];
        List<List<Double>> image = new ArrayList<>();
        List<List<Double>> kernel = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                x[i][j] = 7 * i + j + 1;
            }
            image.add(numbers(x[i]));
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                h[i][j] = 3 * i + j + 1;
            }
            kernel.add(numbers(h[i]));
        }
        ImageResult im = images.convolveImage(new ImageConvolutionRequest().image(new ImageData(image)).kernel(new ImageKernel(kernel))
                .mode(ImageConvolutionRequest.ModeEnum.SAME).stride(new AxisPair(List.of(2, 1))));
        check("2D shape", im.getShape().equals(List.of(4, 7)) && im.getStride().equals(List.of(2, 1)), im.getShape());
        List<List<BigDecimal>> rows = im.getOutput().getListListBigDecimal();
        boolean values = rows.size() == 4;
        for (int m = 0; m < 4 && values; m++) {
            for (int n = 0; n < 7; n++) {
                // same: y[m, n] = Σ h[k, l]·x[m' + 1 − k, n + 1 − l] at m' = 2m, zeros outside
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        int i = 2 * m + 1 - k;
                        int j = n + 1 - l;
                        if (i >= 0 && i < 7 && j >= 0 && j < 7) {
                            s += h[k][l] * x[i][j];
                        }
                    }
                }
                values &= rows.get(m).get(n).compareTo(BigDecimal.valueOf(s)) == 0;
            }
        }
        check("2D values", values, im.getOutput());

        // a named kernel: OpenCV's 3x3 Gaussian, symmetric and separable, its values given back typed
        ImageResult named = images.convolveImage(new ImageConvolutionRequest().image(new ImageData(image))
                .kernel(new ImageKernel(new NamedKernel().name(NamedKernel.NameEnum.GAUSSIAN).size(3)))
                .mode(ImageConvolutionRequest.ModeEnum.SAME));
        check("named kernel", named.getKernel() != null && "gaussian".equals(named.getKernel().getName())
                && Boolean.TRUE.equals(named.getKernel().getSymmetric()) && Boolean.TRUE.equals(named.getKernel().getSeparable())
                && named.getKernel().getParameters().getSize() == 3, named.getKernel());

        // a 3D volume filtered along its last axis: [[[1, 2, 3, 4, 5]]] with [[[1, 1]]], valid
        ArrayResult ar = new ArraysApi(client).convolveArray(new ArrayConvolutionRequest()
                .input(new ArrayData(new NestedArray(List.of(List.of(numbers(1, 2, 3, 4, 5)))))).kernel(new ArrayKernel(new NestedArray(List.of(List.of(numbers(1, 1))))))
                .mode(ArrayConvolutionRequest.ModeEnum.VALID));
        List<?> volume = (List<?>) ((List<?>) ((List<?>) ar.getOutput().getNestedArray().getActualInstance()).get(0)).get(0);
        boolean sums = ar.getShape().equals(List.of(1, 1, 4)) && volume.size() == 4;
        for (int i = 0; i < 4 && sums; i++) {
            sums = new BigDecimal(String.valueOf(volume.get(i))).compareTo(BigDecimal.valueOf((i + 1) + (i + 2))) == 0;
        }
        check("3D output", sums, ar.getOutput().getActualInstance());

        // complex: a matched filter; numpy.correlate(x, h) conjugates h, and so does the service (peak 4 at offset 3)
        SignalResult c = signals.correlateSignal(new SignalCorrelationRequest()
                .signal(new SignalData(new ComplexArray().re(new NestedArray(numbers(0, 0, 0, 1, 0, -1, 0, 0, 0)))
                        .im(new NestedArray(numbers(0, 0, 0, 0, 1, 0, -1, 0, 0)))))
                .kernel(new SignalKernel(new ComplexArray().re(new NestedArray(numbers(1, 0, -1, 0))).im(new NestedArray(numbers(0, 1, 0, -1)))))
                .mode(SignalCorrelationRequest.ModeEnum.VALID));
        ComplexArray y = c.getOutput().getComplexArray();
        check("complex matched filter", c.getDtype() == SignalResult.DtypeEnum.COMPLEX128
                && String.valueOf(y.getRe().getActualInstance()).equals("[0, -2, 0, 4, 0, -2]")
                && String.valueOf(y.getIm().getActualInstance()).equals("[1, 0, -3, 0, 3, 0]"), y);

        // explain: convolution y[1,1] meets x[0..2, 0..2] with the kernel flipped; mirrored correlation y[-1,-1] meets it unflipped
        ExplainResponse e = explain.explain(new ExplainRequest().operation(ExplainRequest.OperationEnum.CONVOLUTION)
                .inputShape(List.of(7, 7)).kernelShape(List.of(3, 3)).mode(ExplainRequest.ModeEnum.SAME)
                .indexOrigin(ExplainRequest.IndexOriginEnum.CENTER).outputs(List.of(List.of(1L, 1L)))
                .kernelSymbols(new ExplainRequestKernelSymbols(List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g", "h", "i")))));
        check("explain convolution", patch(e.getOutputs().get(0), true), e.getOutputs().get(0));
        check("explain symbols", ("y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b"
                + " + x[2,2]·a").equals(e.getOutputs().get(0).getFormula()), e.getOutputs().get(0).getFormula());
        check("explain fields", e.getOutputShape().equals(List.of(7, 7)) && e.getOutputStart().equals(List.of(-3L, -3L)), e);
        e = explain.explain(new ExplainRequest().operation(ExplainRequest.OperationEnum.CROSS_CORRELATION)
                .correlationConvention(ExplainRequest.CorrelationConventionEnum.MIRRORED).inputShape(List.of(7, 7))
                .kernelShape(List.of(3, 3)).mode(ExplainRequest.ModeEnum.SAME).indexOrigin(ExplainRequest.IndexOriginEnum.CENTER)
                .outputs(List.of(List.of(-1L, -1L))));
        check("explain mirrored", patch(e.getOutputs().get(0), false), e.getOutputs().get(0));

        // one error: a ragged image, as a problem naming the field
        try {
            images.convolveImage(new ImageConvolutionRequest().image(new ImageData(List.of(numbers(1, 2), numbers(3)))).kernel(new ImageKernel(List.of(numbers(1)))));
            check("error", false, "a ragged image was accepted");
        } catch (ApiException ex) {
            Problem p = client.getJSON().getMapper().readValue(ex.getResponseBody(), Problem.class);
            check("error", ex.getCode() == 400 && p.getStatus() == 400 && "image[1]".equals(p.getErrors().get(0).getField())
                    && "urn:convolution:problem:invalid-request".equals(p.getType()) && p.getRequestId() != null, ex.getResponseBody());
        }
        System.out.println("SeedJava: " + checked.size() + " checks passed: " + String.join(", ", checked));
    }

    /** The nine terms meet x[0..2, 0..2] (centre labels), the kernel flipped (tap −k at row k) or not. */
    private static boolean patch(ExplainEntryResponse entry, boolean flipped) {
        List<ExplainTermResponse> terms = entry.getTerms();
        if (terms.size() != 9) {
            return false;
        }
        for (ExplainTermResponse term : terms) {
            long i = term.getInput().get(0);
            long j = term.getInput().get(1);
            long k = term.getKernel().get(0);
            long l = term.getKernel().get(1);
            if (i < 0 || i > 2 || j < 0 || j > 2 || term.getPadded()) {
                return false;
            }
            // the patch's centre x[1,1] meets tap [0,0]; the others meet ±(offset from the centre)
            long wantK = flipped ? 1 - i : i - 1;
            long wantL = flipped ? 1 - j : j - 1;
            if (k != wantK || l != wantL) {
                return false;
            }
        }
        return true;
    }
}
