package dev.convolution.api;

import dev.convolution.api.binary.Npy;
import dev.convolution.api.binary.NpyArray;
import dev.convolution.api.binary.Picture;
import dev.convolution.api.binary.Png;
import dev.convolution.core.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * them without a branch: each array field is a part of its own name holding a NumPy {@code .npy} file or JSON (an
 * images request's {@code image} may also be a PNG), and the other fields are one JSON part named {@code options}. The
 * body comes through the service's byte limit like any other; a part is parsed whole or refused (400 naming it), and an
 * array larger than the element limits is refused from its header (413) before its values are read.
 */
public final class MultipartRequestConverter implements HttpMessageConverter<Object> {
    static final String OPTIONS = "options";

    /** The array fields of each request type that may come as parts. */
    private static final Map<Class<?>, List<String>> ARRAY_FIELDS = Map.ofEntries(
            Map.entry(SignalConvolutionRequest.class, List.of("signal", "kernel")),
            Map.entry(SignalCorrelationRequest.class, List.of("signal", "kernel")),
            Map.entry(ImageConvolutionRequest.class, List.of("image", "kernel")),
            Map.entry(ImageCorrelationRequest.class, List.of("image", "kernel")),
            Map.entry(ArrayConvolutionRequest.class, List.of("input", "kernel")),
            Map.entry(ArrayCorrelationRequest.class, List.of("input", "kernel")),
            Map.entry(LayerRequest.Forward.class, List.of("input", "weight", "bias")),
            Map.entry(LayerRequest.Backward.class, List.of("input", "weight", "bias", "gradOutput")),
            Map.entry(LayerRequest.Transpose.class, List.of("input", "weight", "bias")));

    private final JsonMapper json;
    private final long maxInputElements;
    private final long maxKernelElements;

    public MultipartRequestConverter(JsonMapper json, long maxInputElements, long maxKernelElements) {
        this.json = json;
        this.maxInputElements = maxInputElements;
        this.maxKernelElements = maxKernelElements;
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return ARRAY_FIELDS.containsKey(clazz) && mediaType != null && MediaType.MULTIPART_FORM_DATA.includes(mediaType)
                && !mediaType.isWildcardType();
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
        long declared = input.getHeaders().getContentLength();
        // sized from Content-Length when there is one (the memory admission has reserved it): no growing and copying
        byte[] body = declared >= 0 && declared <= Integer.MAX_VALUE - 8 ? readDeclared(input.getBody(), (int) declared)
                : input.getBody().readAllBytes();
        Map<String, MultipartBody.Part> parts = MultipartBody.parse(body, type == null ? null : type.getParameter("boundary"));
        List<String> arrays = ARRAY_FIELDS.get(clazz);
        ObjectNode options = options(parts.get(OPTIONS));
        Map<String, Object> binary = new LinkedHashMap<>();
        Picture picture = null;
        for (MultipartBody.Part part : parts.values()) {
            String name = part.name();
            if (name.equals(OPTIONS)) {
                continue;
            }
            if (!arrays.contains(name)) {
                throw new InvalidRequestException(name, "the part '" + name + "' is not an array field of this request; its parts are "
                        + String.join(", ", arrays) + " and options (the other fields, as JSON)");
            }
            if (options.has(name)) {
                throw new InvalidRequestException(name, "the field '" + name + "' is given both as a part and in options");
            }
            switch (format(part)) {
                case JSON -> options.set(name, tree(name, part.content()));
                case NPY -> binary.put(name, Npy.read(name, part.body(), part.offset(), part.length(), limit(name)));
                case PNG -> {
                    if (!name.equals("image")) {
                        throw new InvalidRequestException(name, "the part '" + name + "' is a PNG; only an images request's image may be "
                                + "one (send arrays as .npy or JSON)");
                    }
                    picture = Png.read(name, part.content(), maxInputElements);
                }
            }
        }
        Object record;
        try {
            record = json.treeToValue(options, clazz);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("options", e, input);
        }
        return withArrays(record, binary, picture);
    }

    private enum Format { JSON, NPY, PNG }

    /** By the part's content type, else its file name, else its first bytes. */
    private static Format format(MultipartBody.Part part) {
        String type = part.contentType();
        String file = part.filename() == null ? "" : part.filename().toLowerCase(java.util.Locale.ROOT);
        if (Npy.MEDIA_TYPE.equals(type) || file.endsWith(".npy")) {
            return Format.NPY;
        }
        if (Png.MEDIA_TYPE.equals(type) || file.endsWith(".png")) {
            return Format.PNG;
        }
        if (type != null && (type.equals("application/json") || type.endsWith("+json")) || file.endsWith(".json")) {
            return Format.JSON;
        }
        return Npy.isNpy(part.body(), part.offset(), part.length()) ? Format.NPY : Png.isPng(part.body(), part.offset(), part.length()) ? Format.PNG : Format.JSON;
    }

    /**
     * The body of a declared length, read straight into one array of that length ({@code InputStream.readNBytes(int)}
     * would read it in 16 KiB pieces and copy them together); a body that ends early comes back shorter, for the
     * multipart parser to call truncated.
     */
    private static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = new byte[declared];
        int n = in.readNBytes(body, 0, declared);
        return n == declared ? body : Arrays.copyOf(body, n);
    }

    private long limit(String field) {
        return field.equals("kernel") || field.equals("weight") ? maxKernelElements : maxInputElements;
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

    /** The record with its binary parts in place: the same record a JSON body with those arrays gives. */
    private static Object withArrays(Object record, Map<String, Object> binary, Picture picture) {
        if (binary.isEmpty() && picture == null) {
            return record;
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                args[i] = c.getAccessor().invoke(record);
                Object value = binary.get(c.getName());
                if (value != null) {
                    args[i] = convert(c.getName(), (NpyArray) value, c.getType());
                }
                if (picture != null && c.getName().equals("image")) {
                    args[i] = picture.colours() == 1 && !picture.alpha() ? rows(picture.planes()[0], picture.height(), picture.width()) : null;
                }
                if (picture != null && c.getName().equals("picture")) {
                    args[i] = picture;
                }
            }
            return record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }

    /** A .npy array as the record component's type: numbers, rows, a nested array, or a kernel of those forms. */
    private static Object convert(String field, NpyArray a, Class<?> type) {
        int rank = a.shape().length;
        if (type == double[].class) {
            requireRank(field, a, 1, 1);
            return a.values();
        }
        if (type == double[][].class) {
            requireRank(field, a, 2, 2);
            return rows(a.values(), a.shape()[0], a.shape()[1]);
        }
        if (type == KernelField.Signal.class) {
            requireRank(field, a, 1, 1);
            return new KernelField.Signal(a.values(), null);
        }
        if (type == KernelField.Image.class) {
            requireRank(field, a, 2, 2);
            return new KernelField.Image(rows(a.values(), a.shape()[0], a.shape()[1]), null);
        }
        if (type == NestedArray.class || type == KernelField.Array.class) {
            requireRank(field, a, 1, dev.convolution.core.Shape.MAX_RANK);
            NestedArray nested = new NestedArray(nested(a.values(), a.shape()));
            return type == NestedArray.class ? nested : new KernelField.Array(nested, null);
        }
        if (type == TensorArray.class) {
            requireRank(field, a, 3, TensorArray.MAX_RANK);
            return new TensorArray(nested(a.values(), a.shape()));
        }
        throw new IllegalStateException("no .npy form for " + type.getSimpleName() + " (" + field + ", rank " + rank + ")");
    }

    private static void requireRank(String field, NpyArray a, int min, int max) {
        int rank = a.shape().length;
        if (rank < min || rank > max) {
            throw new InvalidRequestException(field, "the part '" + field + "' holds an array of rank " + rank + " (shape "
                    + Arrays.toString(a.shape()) + "); " + field + " takes rank " + (min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    private static double[][] rows(double[] values, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(values, r * cols, r * cols + cols);
        }
        return out;
    }

    /** Row-major values as the nested form JSON gives: {@code double[]} leaves under {@code Object[]} nodes. */
    private static Object nested(double[] values, int[] shape) {
        return nested(values, shape, 0, 0);
    }

    private static Object nested(double[] values, int[] shape, int depth, int offset) {
        if (depth == shape.length - 1) {
            return Arrays.copyOfRange(values, offset, offset + shape[depth]);
        }
        int stride = 1;
        for (int a = depth + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        Object[] children = new Object[shape[depth]];
        for (int i = 0; i < children.length; i++) {
            children[i] = nested(values, shape, depth + 1, offset + i * stride);
        }
        return children;
    }

    @Override
    public void write(Object o, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("multipart bodies are read, not written");
    }
}
