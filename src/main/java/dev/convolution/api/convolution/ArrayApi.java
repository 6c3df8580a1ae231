package dev.convolution.api.convolution;

import dev.convolution.web.media.BinaryAnswer;
import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the N-dimensional endpoints; examples are attached from {@code openapi/examples}. */
@ProblemResponses(ProblemResponses.Kind.COMPUTE)
@Tag(name = "arrays", description = "N-dimensional (rank 1 to 4) convolution and cross-correlation")
interface ArrayApi {
    /** How an input larger than memory streams (both operations). */
    String STREAMED = " Volumes larger than memory stream: a multipart/form-data body sent chunked (or longer than "
            + "max-body-bytes) with Accept: application/x-npy and the input as its last part, a C-order .npy over "
            + "max-input-elements (up to max-streamed-bytes, 64 GiB), is read, computed and answered slab by slab along axis 0, "
            + "holding only the kernel's reach of slabs; not wrap on a padded axis 0, not mirrored correlation, no trace. A "
            + "failure after the answer has started ends it short of its Content-Length.";

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.ARRAY)))
    @BinaryAnswer
    @Operation(operationId = "convolveArray", summary = "N-d convolution, rank 1 to 4", description = "y[m] = Σ_i x[i]·h[m−i] with multi-indices on "
            + "every axis: the kernel meets the input reversed on every axis. Every option applies on every axis; stride and "
            + "dilation take one integer or one per axis. Matches scipy.signal.convolve (N-d); for ranks 1 and 2 the "
            + "result equals the signals and images endpoints." + STREAMED)
    ConvolutionResponse convolve(ArrayConvolutionRequest request, @io.swagger.v3.oas.annotations.Parameter(hidden = true)
            jakarta.servlet.http.HttpServletRequest servletRequest);

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.ARRAY)))
    @BinaryAnswer
    @Operation(operationId = "correlateArray", summary = "N-d cross-correlation, rank 1 to 4", description = "sliding: y[m] = Σ_k h[k]·x[m+k] "
            + "(scipy.signal.correlate, PyTorch conv3d); mirrored: y[m] = Σ_i x[i]·h[m+i]." + STREAMED)
    ConvolutionResponse correlate(ArrayCorrelationRequest request, @io.swagger.v3.oas.annotations.Parameter(hidden = true)
            jakarta.servlet.http.HttpServletRequest servletRequest);
}
