package dev.convolution.api.convolution;

import dev.convolution.web.media.BinaryAnswer;
import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the 2D endpoints; examples are attached from {@code openapi/examples}. */
@ProblemResponses(ProblemResponses.Kind.COMPUTE)
@Tag(name = "images", description = "2D convolution and cross-correlation")
interface ImageApi {

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.IMAGE)))
    @BinaryAnswer(png = true)
    @Operation(operationId = "convolveImage", summary = "2D convolution", description = "y[m,n] = Σ_i Σ_j x[i,j]·h[m−i,n−j]: the kernel meets the input "
            + "rotated by 180°. Matches scipy.signal.convolve (N-d) for dilation 1.")
    ConvolutionResponse convolve(ImageConvolutionRequest request);

    @ApiResponse(responseCode = "200", description = "The result.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = ConvolutionDocs.IMAGE)))
    @BinaryAnswer(png = true)
    @Operation(operationId = "correlateImage", summary = "2D cross-correlation", description = "sliding: y[m,n] = Σ_k Σ_l h[k,l]·x[m+k,n+l] "
            + "(scipy.signal.correlate, PyTorch, TensorFlow, OpenCV); mirrored: y[m,n] = Σ_i Σ_j x[i,j]·h[m+i,n+j].")
    ConvolutionResponse correlate(ImageCorrelationRequest request);
}
