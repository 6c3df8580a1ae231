package dev.convolution.api.layer;

import dev.convolution.web.media.BinaryAnswer;
import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the layer endpoints; examples are attached from {@code openapi/examples}. */
@ProblemResponses(ProblemResponses.Kind.COMPUTE)
@Tag(name = "layers", description = "CNN layers with PyTorch semantics: forward, gradients, transposed convolution, every value traced")
interface LayerApi {

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "conv1d", summary = "conv1d forward (torch.nn.functional.conv1d)", description = LayerDocs.FORWARD)
    LayerResponses.Output conv1d(LayerRequest.Forward request);

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "conv2d", summary = "conv2d forward (torch.nn.functional.conv2d)", description = LayerDocs.FORWARD)
    LayerResponses.Output conv2d(LayerRequest.Forward request);

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "conv3d", summary = "conv3d forward (torch.nn.functional.conv3d)", description = LayerDocs.FORWARD)
    LayerResponses.Output conv3d(LayerRequest.Forward request);

    @BinaryAnswer(npy = "the one gradient asked for with wrt")
    @Operation(operationId = "conv1dBackward", summary = "conv1d gradients (PyTorch autograd)", description = LayerDocs.BACKWARD)
    LayerResponses.Gradients conv1dBackward(LayerRequest.Backward request);

    @BinaryAnswer(npy = "the one gradient asked for with wrt")
    @Operation(operationId = "conv2dBackward", summary = "conv2d gradients (PyTorch autograd)", description = LayerDocs.BACKWARD)
    LayerResponses.Gradients conv2dBackward(LayerRequest.Backward request);

    @BinaryAnswer(npy = "the one gradient asked for with wrt")
    @Operation(operationId = "conv3dBackward", summary = "conv3d gradients (PyTorch autograd)", description = LayerDocs.BACKWARD)
    LayerResponses.Gradients conv3dBackward(LayerRequest.Backward request);

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "convTranspose1d", summary = "conv_transpose1d", description = LayerDocs.TRANSPOSE)
    LayerResponses.Output convTranspose1d(LayerRequest.Transpose request);

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "convTranspose2d", summary = "conv_transpose2d", description = LayerDocs.TRANSPOSE)
    LayerResponses.Output convTranspose2d(LayerRequest.Transpose request);

    @BinaryAnswer(npy = "the output")
    @Operation(operationId = "convTranspose3d", summary = "conv_transpose3d", description = LayerDocs.TRANSPOSE)
    LayerResponses.Output convTranspose3d(LayerRequest.Transpose request);

    @Operation(operationId = "explainLayer", summary = "Explain a layer from shapes", description = "For chosen values of a layer's "
            + "output or of one of its gradients (trace.of), which labels meet: a formula line and the terms, from shapes alone. "
            + "The input gradient's lines show the weight taps running backwards against the gradOutput positions.")
    LayerResponses.Explanation explain(LayerExplainRequest request);
}
