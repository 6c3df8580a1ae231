package dev.convolution.api.wire;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Which outputs to trace: the listed labels, or all of them.
 *
 * @param outputs output labels, one array of indices per output, in the request's index origin
 * @param all true to trace every output
 */
@Schema(description = Docs.TRACE, example = "{\"outputs\": [[0], [3]]}")
public record TraceRequest(
        @ArraySchema(arraySchema = @Schema(description = "Output labels to trace, one array of indices per output."),
                schema = @Schema(type = "array", example = "[0]")) List<long[]> outputs,
        @Schema(description = "true to trace every output (row-major).") Boolean all) {
}
