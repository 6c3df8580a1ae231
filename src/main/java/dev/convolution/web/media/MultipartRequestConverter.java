package dev.convolution.web.media;

import dev.convolution.codec.Npy;
import dev.convolution.codec.Png;
import dev.convolution.core.error.InvalidRequestException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code multipart/form-data} bodies into the same request records as JSON bodies, so that every endpoint takes
 * them without a branch: each array field ({@link ArrayPart}) is a part of its own name holding a NumPy {@code .npy}
 * file or JSON (a field marked {@code picture} may also be a PNG), and the other fields are one JSON part named
 * {@code options}. A binary part is decoded and placed in the request's JSON tree as an embedded value, so the record
 * is built by the same readers as from JSON. The body comes through the service's byte limit like any other; a part is
 * parsed whole or refused (400 naming it), and an array larger than the element limits is refused from its header
 * (413) before its values are read.
 */
final class MultipartRequestConverter implements HttpMessageConverter<Object> {
    static final String OPTIONS = "options";

    private final JsonMapper json;
    private final long maxInputElements;
    private final long maxKernelElements;

    MultipartRequestConverter(JsonMapper json, long maxInputElements, long maxKernelElements) {
        this.json = json;
        this.maxInputElements = maxInputElements;
        this.maxKernelElements = maxKernelElements;
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return mediaType != null && MediaType.MULTIPART_FORM_DATA.includes(mediaType) && !mediaType.isWildcardType()
                && !ArrayParts.of(clazz).isEmpty();
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.MULTIPART_FORM_DATA);
    }

    @Override
    public Object read(Class<?> clazz, HttpInputMessage input) throws IOException, HttpMessageNotReadableException {
        MediaType type = input.getHeaders().getContentType();
        byte[] body = RequestBodies.read(input);
        Map<String, MultipartBody.Part> parts = MultipartBody.parse(body, type == null ? null : type.getParameter("boundary"));
        Map<String, ArrayPart> arrays = ArrayParts.of(clazz);
        ObjectNode options = options(parts.get(OPTIONS));
        for (MultipartBody.Part part : parts.values()) {
            String name = part.name();
            if (name.equals(OPTIONS)) {
                continue;
            }
            ArrayPart field = arrays.get(name);
            if (field == null) {
                throw new InvalidRequestException(name, "the part '" + name + "' is not an array field of this request; its parts are "
                        + String.join(", ", arrays.keySet()) + " and options (the other fields, as JSON)");
            }
            if (options.has(name)) {
                throw new InvalidRequestException(name, "the field '" + name + "' is given both as a part and in options");
            }
            options.set(name, switch (format(part)) {
                case JSON -> tree(name, part.content());
                case NPY -> options.pojoNode(Npy.read(name, part.body(), part.offset(), part.length(),
                        field.kernel() ? maxKernelElements : maxInputElements));
                case PNG -> {
                    if (!field.picture()) {
                        throw new InvalidRequestException(name, "the part '" + name + "' is a PNG; only an images request's image may be "
                                + "one (send arrays as .npy or JSON)");
                    }
                    yield options.pojoNode(Png.read(name, part.content(), maxInputElements));
                }
            });
        }
        try {
            return json.treeToValue(options, clazz);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("options", e, input);
        }
    }

    private enum Format { JSON, NPY, PNG }

    /** By the part's content type, else its file name, else its first bytes. */
    private static Format format(MultipartBody.Part part) {
        String type = part.contentType();
        String file = part.filename() == null ? "" : part.filename().toLowerCase(Locale.ROOT);
        if (Npy.MEDIA_TYPE.equals(type) || file.endsWith(".npy")) {
            return Format.NPY;
        }
        if (Png.MEDIA_TYPE.equals(type) || file.endsWith(".png")) {
            return Format.PNG;
        }
        if (type != null && (type.equals("application/json") || type.endsWith("+json")) || file.endsWith(".json")) {
            return Format.JSON;
        }
        return Npy.isNpy(part.body(), part.offset(), part.length()) ? Format.NPY
                : Png.isPng(part.body(), part.offset(), part.length()) ? Format.PNG : Format.JSON;
    }

    private ObjectNode options(MultipartBody.Part part) {
        if (part == null) {
            return json.createObjectNode();
        }
        JsonNode node = tree(OPTIONS, part.content());
        if (!(node instanceof ObjectNode o)) {
            throw new InvalidRequestException(OPTIONS, "the part 'options' must be a JSON object of the request's other fields");
        }
        return o;
    }

    private JsonNode tree(String part, byte[] content) {
        try {
            return json.readTree(content);
        } catch (JacksonException e) {
            throw new InvalidRequestException(part, "the part '" + part + "' is not valid JSON");
        }
    }

    @Override
    public void write(Object o, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("multipart bodies are read, not written");
    }
}
