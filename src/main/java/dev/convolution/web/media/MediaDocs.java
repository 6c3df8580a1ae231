package dev.convolution.web.media;

import dev.convolution.codec.Npy;
import dev.convolution.codec.Png;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The binary forms of an operation in the OpenAPI document, from the types: a multipart/form-data body whose parts are
 * the request record's {@link ArrayPart} fields (and {@code options}), and the {@code .npy} and PNG answers its API
 * interface declares ({@link BinaryAnswer}).
 */
@Configuration(proxyBeanMethods = false)
class MediaDocs {

    @Bean
    OperationCustomizer binaryForms() {
        return (operation, handler) -> {
            multipartBody(operation, handler);
            BinaryAnswer answer = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), BinaryAnswer.class);
            ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
            if (answer != null && ok != null && ok.getContent() != null) {
                ok.getContent().addMediaType(Npy.MEDIA_TYPE, new MediaType().schema(new BinarySchema().description("With Accept: "
                        + Npy.MEDIA_TYPE + ": " + answer.npy() + " as a version-1.0 .npy in C order, of the result's dtype (<f8, <f4 for "
                        + "float32, <c16 and <c8 for complex128 and complex64, <i8 for exact integers); the other scalar fields in Convolution-* headers (Convolution-Dtype, "
                        + "Convolution-Shape, …).")));
                if (answer.png()) {
                    ok.getContent().addMediaType(Png.MEDIA_TYPE, new MediaType().schema(new BinarySchema().description("With Accept: "
                            + Png.MEDIA_TYPE + ": the result as a PNG of the input's bit depth (8 for an image given as numbers), each "
                            + "value rounded and clipped as png.scale says.")));
                }
            }
            return operation;
        };
    }

    /** The request body as parts: each array field a part of its own name, the other fields in a JSON part named options. */
    private static void multipartBody(Operation operation, HandlerMethod handler) {
        Class<?> type = null;
        for (MethodParameter p : handler.getMethodParameters()) {
            if (p.hasParameterAnnotation(RequestBody.class)) {
                type = p.getParameterType();
            }
        }
        Map<String, ArrayPart> parts = type == null ? Map.of() : ArrayParts.of(type);
        Content body = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent();
        if (body == null) {
            return;
        }
        if (parts.isEmpty()) {
            body.remove(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE);
            return;
        }
        ObjectSchema form = new ObjectSchema();
        form.description("The request as parts: each array field a part of its own name holding a NumPy .npy file (versions "
                + "1.0–3.0; float64, float32, complex128, complex64, int8–int64, uint8–uint64, bool; either byte order; C or Fortran order) or JSON; the "
                + "other fields in one JSON part named options.");
        MediaType multipart = new MediaType().schema(form);
        parts.forEach((name, part) -> {
            form.addProperty(name, new BinarySchema().description(part.picture() ? "A PNG (8 or 16 bits; grey, grey+alpha, RGB, "
                    + "RGBA: each colour channel filtered on its own, alpha passed through in same mode), a .npy, or JSON."
                    : "A .npy file or JSON, as the JSON field " + name + "."));
            multipart.addEncoding(name, new Encoding().contentType((part.picture() ? Png.MEDIA_TYPE + ", " : "") + Npy.MEDIA_TYPE
                    + ", application/json"));
        });
        form.addProperty(MultipartRequestConverter.OPTIONS, new ObjectSchema().description("The JSON request's other fields, as in "
                + "the JSON body."));
        multipart.addEncoding(MultipartRequestConverter.OPTIONS, new Encoding().contentType("application/json"));
        body.addMediaType(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE, multipart);
    }
}
