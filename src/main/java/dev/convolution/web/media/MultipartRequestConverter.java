package dev.convolution.web.media;

import dev.convolution.codec.Npy;
import dev.convolution.codec.NpyArray;
import dev.convolution.codec.NpyStream;
import dev.convolution.web.body.StreamedBody;
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
    private final long maxBodyBytes;
    private final long maxStreamedBytes;

    MultipartRequestConverter(JsonMapper json, long maxInputElements, long maxKernelElements, long maxBodyBytes,
            long maxStreamedBytes) {
        this.json = json;
        this.maxInputElements = maxInputElements;
        this.maxKernelElements = maxKernelElements;
        this.maxBodyBytes = maxBodyBytes;
        this.maxStreamedBytes = maxStreamedBytes;
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
        String boundary = type == null ? null : type.getParameter("boundary");
        jakarta.servlet.http.HttpServletRequest request = currentRequest();
        if (request != null && StreamedBody.isStreamed(request)) {
            return streamed(clazz, input, boundary, request);
        }
        byte[] body = RequestBodies.read(input);
        Map<String, MultipartBody.Part> parts = MultipartBody.parse(body, boundary);
        return record(clazz, input, parts, Map.of());
    }

    /** The request record from parts held whole, and arrays already decoded from their parts (by name). */
    private Object record(Class<?> clazz, HttpInputMessage input, Map<String, MultipartBody.Part> parts, Map<String, NpyArray> decoded) {
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
            NpyArray read = decoded.get(name);
            options.set(name, read != null ? options.pojoNode(read) : switch (format(part)) {
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

    /**
     * A body read as a stream ({@link StreamedBody}), part by part: each part before the input is read whole (within the
     * body limit); the input, a C-order {@code .npy} larger than the input element limit, is left streaming
     * ({@link StreamedInput}, with a stand-in of its dtype and rank in the record) and the parts after it are not read
     * here. Any other input (JSON, a Fortran-order or small {@code .npy}) is read whole, under the v1 limits, and the
     * request is the one its parts held whole would make.
     */
    private Object streamed(Class<?> clazz, HttpInputMessage input, String boundary, jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        MultipartStream body = new MultipartStream(input.getBody(), boundary);
        Map<String, MultipartBody.Part> parts = new java.util.LinkedHashMap<>();
        Map<String, NpyArray> decoded = new java.util.HashMap<>();
        Map<String, ArrayPart> arrays = ArrayParts.of(clazz);
        MultipartBody.Headers h;
        while ((h = body.next()) != null) {
            ArrayPart field = arrays.get(h.name());
            MultipartBody.Part part;
            if (field != null && !field.kernel() && !field.picture() && format(h.contentType(), h.filename(), null, 0, 0) == Format.NPY) {
                NpyStream npy = NpyStream.open(h.name(), body.content(), maxStreamedBytes, "convolution.limits.max-streamed-bytes");
                part = new MultipartBody.Part(h.name(), h.filename(), h.contentType(), new byte[0], 0, 0);
                if (!npy.fortranOrder() && npy.dataBytes() / npy.itemSize() > maxInputElements) {
                    npy.rowSize(); // a row must fit one array (413 otherwise)
                    requireBefore(h.name(), arrays, parts);
                    put(parts, part);
                    decoded.put(h.name(), standIn(npy));
                    new StreamedInput(h.name(), npy, body).attachTo(request);
                    return record(clazz, input, parts, decoded);
                }
                npy.requireElements(maxInputElements);
                StreamedBody.reserveWhole(request, npy.dataBytes());
                decoded.put(h.name(), npy.readWhole(maxInputElements));
            } else {
                byte[] content = readPart(body.content());
                StreamedBody.reserveWhole(request, content.length);
                part = new MultipartBody.Part(h.name(), h.filename(), h.contentType(), content, 0, content.length);
            }
            put(parts, part);
        }
        return record(clazz, input, parts, decoded);
    }

    /**
     * The other array fields (the kernel) must have come before a streamed input, as parts or in options: nothing after it
     * is read before the answer starts.
     */
    private void requireBefore(String input, Map<String, ArrayPart> arrays, Map<String, MultipartBody.Part> parts) {
        MultipartBody.Part options = parts.get(OPTIONS);
        JsonNode given = options == null ? null : tree(OPTIONS, options.content());
        for (String field : arrays.keySet()) {
            if (!field.equals(input) && !parts.containsKey(field) && (given == null || !given.has(field))) {
                throw new InvalidRequestException(field, "the part '" + input + "' streams, so '" + field + "' must come before it: "
                        + "a streamed body sends options and " + field + " first and the input last");
            }
        }
    }

    /** A part read whole from a streamed body, within the body limit. */
    private byte[] readPart(java.io.InputStream content) throws IOException {
        byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (bytes.length > maxBodyBytes) {
            throw new dev.convolution.core.error.LimitExceededException("body", "a part before the streamed input is larger than "
                    + maxBodyBytes + " bytes (convolution.limits.max-body-bytes)");
        }
        return bytes;
    }

    private static void put(Map<String, MultipartBody.Part> parts, MultipartBody.Part part) {
        if (parts.put(part.name(), part) != null) {
            throw new InvalidRequestException(part.name(), "the part '" + part.name() + "' is sent twice");
        }
    }

    /** One element of the input's dtype per axis, zero: the record's input while the real one streams. */
    private static NpyArray standIn(NpyStream npy) {
        int[] ones = new int[npy.shape().length];
        java.util.Arrays.fill(ones, 1);
        return new NpyArray(ones, new double[1], npy.type(), npy.type().isComplex() ? new double[1] : null);
    }

    /** The streaming request of this thread (the converter is called in the request's thread), or null outside one. */
    private static jakarta.servlet.http.HttpServletRequest currentRequest() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes a ? a.getRequest() : null;
    }

    private enum Format { JSON, NPY, PNG }

    /** By the part's content type, else its file name, else its first bytes. */
    private static Format format(MultipartBody.Part part) {
        return format(part.contentType(), part.filename(), part.body(), part.offset(), part.length());
    }

    /** By the content type, else the file name, else the first bytes (none: JSON). */
    private static Format format(String type, String filename, byte[] body, int offset, int length) {
        String file = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (Npy.MEDIA_TYPE.equals(type) || file.endsWith(".npy")) {
            return Format.NPY;
        }
        if (Png.MEDIA_TYPE.equals(type) || file.endsWith(".png")) {
            return Format.PNG;
        }
        if (type != null && (type.equals("application/json") || type.endsWith("+json")) || file.endsWith(".json")) {
            return Format.JSON;
        }
        if (body == null) {
            return Format.JSON;
        }
        return Npy.isNpy(body, offset, length) ? Format.NPY : Png.isPng(body, offset, length) ? Format.PNG : Format.JSON;
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
