package dev.convolution.api.explain;

import dev.convolution.web.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the explain endpoint. */
@ProblemResponses(ProblemResponses.Kind.EXPLAIN)
@Tag(name = "explain", description = "The index algebra alone: which input label meets which kernel label")
interface ExplainApi {

    @Operation(operationId = "explain", summary = "Explain outputs from shapes alone", description = "No values are needed: from the shapes and "
            + "the options, lists for each chosen output the input and kernel labels that meet, whether the input position "
            + "is padding (and where its value comes from), and a formula line such as "
            + "y[1,1] = x[0,0]·i + x[0,1]·h + … + x[2,2]·a (terms inside the input only).")
    ExplainResponse explain(ExplainRequest request);
}
