package dev.convolution.api.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.convolution.core.kernel.KernelDescription;
import dev.convolution.core.kernel.ParameterDescription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One named kernel in the catalogue. */
@Schema(name = "KernelDescription", description = "A named kernel: its parameters and properties.")
record KernelResponse(
        @Schema(example = "gaussian") String name,
        @Schema(example = "OpenCV's Gaussian: the outer product of cv2.getGaussianKernel(size, sigma) with itself") String description,
        List<Parameter> parameters,
        @Schema(description = "The input ranks it exists in.", example = "[1, 2, 3, 4]") List<Integer> ranks,
        @Schema(description = "Equal to itself rotated 180° (for its default parameters).") boolean symmetric,
        @Schema(description = "An outer product of one 1D kernel per axis (for its default parameters).") boolean separable) {

    /** One parameter of a named kernel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "KernelParameter")
    record Parameter(
            @Schema(example = "size") String name,
            @Schema(allowableValues = {"integer", "number", "boolean", "string"}) String type,
            boolean required,
            @Schema(description = "The value used when it is not given (absent when required).", example = "5",
                    oneOf = {Double.class, Boolean.class, String.class}) Object defaultValue,
            @Schema(description = "The values it may take.", example = "odd, 1–255") String allowed,
            String description) {
    }

    static KernelResponse of(KernelDescription d) {
        List<Parameter> parameters = d.parameters().stream().map(KernelResponse::of).toList();
        return new KernelResponse(d.name(), d.description(), parameters, d.ranks(), d.symmetric(), d.separable());
    }

    private static Parameter of(ParameterDescription p) {
        return new Parameter(p.name(), p.type(), p.required(), p.defaultValue(), p.allowed(), p.description());
    }
}
