package dev.convolution.web.media;

import dev.convolution.codec.Npy;
import dev.convolution.codec.Png;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/** Writes {@link BinaryResult}s: {@code application/x-npy} for arrays, {@code image/png} for pictures, headers first. */
final class BinaryResultConverter implements HttpMessageConverter<BinaryResult> {
    static final MediaType NPY = MediaType.parseMediaType(Npy.MEDIA_TYPE);

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        if (!BinaryResult.class.isAssignableFrom(clazz)) {
            return false;
        }
        if (mediaType == null || mediaType.isWildcardType()) {
            return true;
        }
        MediaType own = clazz == BinaryResult.Png.class ? MediaType.IMAGE_PNG : NPY;
        return mediaType.includes(own);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(NPY, MediaType.IMAGE_PNG);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
        if (clazz == BinaryResult.Png.class) {
            return List.of(MediaType.IMAGE_PNG);
        }
        return BinaryResult.class.isAssignableFrom(clazz) ? List.of(NPY) : List.of();
    }

    @Override
    public BinaryResult read(Class<? extends BinaryResult> clazz, HttpInputMessage input) {
        throw new UnsupportedOperationException("binary results are written, not read");
    }

    @Override
    public void write(BinaryResult result, MediaType contentType, HttpOutputMessage output) throws IOException {
        result.headers().forEach(output.getHeaders()::set);
        if (result instanceof BinaryResult.Streamed s) {
            output.getHeaders().setContentType(NPY);
            s.body().write(output);
            return;
        }
        if (result instanceof BinaryResult.Npy n) {
            // streamed in pieces with its length known ahead: no second copy of the values in memory
            output.getHeaders().setContentType(NPY);
            if (n.imag() != null) {
                output.getHeaders().setContentLength(Npy.length(n.shape(), n.values().length, n.type()));
                Npy.writeComplex(n.shape(), n.values(), n.imag(), n.type(), output.getBody());
            } else if (n.type() == null) {
                output.getHeaders().setContentLength(Npy.length(n.shape(), n.values().length));
                Npy.write(n.shape(), n.values(), output.getBody());
            } else {
                output.getHeaders().setContentLength(Npy.length(n.shape(), n.values().length, n.type()));
                Npy.write(n.shape(), n.values(), n.type(), output.getBody());
            }
            return;
        }
        BinaryResult.Png p = (BinaryResult.Png) result;
        output.getHeaders().setContentType(MediaType.IMAGE_PNG);
        byte[] body = Png.write(p.width(), p.height(), p.bitDepth(), p.planes());
        output.getHeaders().setContentLength(body.length);
        output.getBody().write(body);
    }
}
