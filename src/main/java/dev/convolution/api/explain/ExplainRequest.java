package dev.convolution.api.explain;

import dev.convolution.api.wire.Docs;
import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.type.Dtype;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An explain request: shapes instead of data. */
@Schema(description = "The index algebra from shapes alone: for each listed output, which input label meets which kernel label.")
record ExplainRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Operation operation,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Input shape: one length per axis, rank 1 to 4 ([n], [rows, columns], [depth, rows, columns], …), each at least 1.",
                example = "[7, 7]") int[] inputShape,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Kernel shape, with as many axes as inputShape.",
                example = "[3, 3]") int[] kernelShape,
        @Schema(description = Docs.MODE) Mode mode,
        @Schema(description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(description = Docs.STRIDE + " An integer for every axis or a list of one per axis.") PerAxisValue stride,
        @Schema(description = Docs.DILATION + " An integer for every axis or a list of one per axis.") PerAxisValue dilation,
        @Schema(description = Docs.ORIGIN) IndexOrigin indexOrigin,
        @Schema(description = Docs.CONVENTION + " Only with operation cross-correlation.") CorrelationConvention correlationConvention,
        @Schema(description = "The data's type, for the formulas: a complex dtype (complex128, complex64) makes a correlation "
                + "conjugate the kernel, written conj(h[k]); a real one changes nothing. Default float64.") Dtype dtype,
        @Schema(description = Docs.CONJUGATE) Boolean conjugate,
        @Schema(description = "Output labels to explain (in indexOrigin's labels), one array of indices per output. Give this or all.",
                example = "[[1, 1]]") List<long[]> outputs,
        @Schema(description = "true to explain every output.") Boolean all,
        @Schema(description = "Optional names of the kernel taps, nested with the kernel's shape: an array of strings for 1D, "
                + "an array of rows of strings for 2D, and so on. They name the kernel in the terms and in the formula lines.",
                example = "[[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]]") JsonNode kernelSymbols) {
}
