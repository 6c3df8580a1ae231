package dev.convolution.api.kernel;

import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** OpenAPI description of the named kernels' catalogue. */
@ProblemResponses(ProblemResponses.Kind.READ)
@Tag(name = "kernels", description = "Kernels by name: what a request may give as {\"name\": …} instead of numbers")
interface KernelApi {

    @Operation(operationId = "listKernels", summary = "List the named kernels", description = "Every name a request's kernel may take "
            + "({\"kernel\": {\"name\": \"gaussian\", \"size\": 5, \"sigma\": 1.2}}), with its parameters, their defaults and "
            + "allowed values, the ranks it exists in, and whether it is symmetric under a 180° rotation (convolution then "
            + "equals correlation) and separable, for its default parameters.")
    List<KernelResponse> kernels();
}
