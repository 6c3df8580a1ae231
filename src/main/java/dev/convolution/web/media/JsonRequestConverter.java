package dev.convolution.web.media;

import dev.convolution.api.wire.WireReading;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON bodies of the requests that carry arrays ({@link ArrayPart} fields) at the wire's speed
 * ({@link WireReading}): the body whole, its large number arrays straight from the bytes, the rest by the service's
 * mapper, with the same values and the same refusals as Jackson's own converter, which still reads every other JSON
 * body. A body in a charset other than UTF-8 is left to that converter too.
 */
final class JsonRequestConverter implements HttpMessageConverter<Object> {
    private final JsonMapper json;
    /** A reader per request type, made once: {@code readerFor} resolves the type anew on every call. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return json.readerFor(type);
        }
    };

    JsonRequestConverter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        if (mediaType == null || mediaType.isWildcardType() || mediaType.isWildcardSubtype() || ArrayParts.of(clazz).isEmpty()) {
            return false;
        }
        boolean isJson = MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType)
                || mediaType.getType().equals("application") && mediaType.getSubtype().endsWith("+json");
        Charset charset = mediaType.getCharset();
        return isJson && (charset == null || charset.equals(StandardCharsets.UTF_8));
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.APPLICATION_JSON);
    }

    @Override
    public Object read(Class<?> clazz, HttpInputMessage input) throws IOException, HttpMessageNotReadableException {
        ObjectReader reader = readers.get(clazz);
        int declared = RequestBodies.declaredLength(input);
        try {
            if (declared >= 0) {
                // scanned while it arrives: the parts whose bytes are in, on the core's pool, as the rest comes
                byte[] body = new byte[declared];
                WireReading.Arrival arrival = WireReading.arriving(body);
                int n = RequestBodies.read(input, body, arrival::arrived);
                return n == declared ? WireReading.read(reader, body, arrival.finish()) : WireReading.read(reader, Arrays.copyOf(body, n));
            }
            return WireReading.read(reader, RequestBodies.read(input));
        } catch (InvalidDefinitionException e) {
            throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input);
        }
    }

    @Override
    public void write(Object o, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("request bodies are read, not written");
    }
}
