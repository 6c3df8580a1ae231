package dev.convolution.api.layer;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Which values of a layer to trace: labels of one array ({@code of}), or all of it.
 *
 * @param of the array the labels index: {@code output} (forward and transposed; the default there), {@code gradInput}
 *     (the default of a backward request), {@code gradWeight} or {@code gradBias}
 */
@Schema(description = "Values to trace: labels of the array named by 'of' (one index per axis of that array), or all of it.",
        example = "{\"outputs\": [[0, 1, 2, 3]]}")
record LayerTraceRequest(
        @Schema(description = "The array the labels index: output (forward and transposed requests, the default there), "
                + "gradInput (the default of a backward request), gradWeight or gradBias.",
                allowableValues = {"output", "gradInput", "gradWeight", "gradBias"}) String of,
        @ArraySchema(arraySchema = @Schema(description = "Labels to trace, one array of indices per value: [n, c, spatial…] for "
                + "output and gradInput, [c_out, c_in_g, k…] for gradWeight, [c_out] for gradBias."),
                schema = @Schema(type = "array", example = "[0, 1, 2, 3]")) List<long[]> outputs,
        @Schema(description = "true to trace every value of the array (row-major).") Boolean all) {
}
