package dev.convolution.api.convolution;

import dev.convolution.web.media.BinaryAnswer;
import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the 1D endpoints; examples are attached from {@code openapi/examples}. */
@ProblemResponses(ProblemResponses.Kind.COMPUTE)
@Tag(name = "signals", description = "1D convolution and cross-correlation")
interface SignalApi {

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.SIGNAL)))
    @BinaryAnswer
    @Operation(operationId = "convolveSignal", summary = "1D convolution", description = "y[m] = Σ_i x[i]·h[m−i]: the kernel meets the input flipped. "
            + "Matches numpy.convolve and scipy.signal.convolve for dilation 1 (full, same, valid).")
    ConvolutionResponse convolve(SignalConvolutionRequest request);

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.SIGNAL)))
    @BinaryAnswer
    @Operation(operationId = "correlateSignal", summary = "1D cross-correlation", description = "sliding: y[m] = Σ_k h[k]·x[m+k] (scipy.signal.correlate, "
            + "numpy.correlate); mirrored: y[m] = Σ_i x[i]·h[m+i]. The kernel meets the input unflipped.")
    ConvolutionResponse correlate(SignalCorrelationRequest request);
}
