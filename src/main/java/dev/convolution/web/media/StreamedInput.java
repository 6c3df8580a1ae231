package dev.convolution.web.media;

import dev.convolution.codec.NpyStream;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.type.ElementType;
import jakarta.servlet.ServletRequest;
import java.io.IOException;

/**
 * The input of a streamed request (a {@code .npy} last part, C order, larger than the input element limit) whose header
 * has been read and whose data is still arriving: the multipart reader leaves it in the request for the {@code .npy}
 * answer, which reads it row by row as it computes. The request record holds a stand-in of one element per axis with
 * the input's dtype, so the request is mapped (options, kernel, types) as any other.
 */
public final class StreamedInput {
    private static final String ATTRIBUTE = StreamedInput.class.getName();
    private final String part;
    private final NpyStream npy;
    private final MultipartStream body;

    StreamedInput(String part, NpyStream npy, MultipartStream body) {
        this.part = part;
        this.npy = npy;
        this.body = body;
    }

    void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The streamed input of this request, or null when its input was read whole. */
    public static StreamedInput of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof StreamedInput s ? s : null;
    }

    /** The input's shape, from its header. */
    public int[] shape() {
        return npy.shape();
    }

    /** The element type of its dtype. */
    public ElementType type() {
        return npy.type();
    }

    /** Reads the next row of the input (C order) into {@code re} (and a complex input's imaginary parts into {@code im}). */
    public void readRow(double[] re, double[] im) throws IOException {
        npy.readRow(re, im);
    }

    /** Reads the next row of the input into floats (float32 data). */
    public void readRow(float[] values) throws IOException {
        npy.readRow(values);
    }

    /**
     * After the last row: the part must end where its data does, and be the body's last part (400 otherwise, named by the
     * part: nothing after the input may change the request, which is computed already).
     */
    public void finish() throws IOException {
        if (body.content().read() >= 0) {
            throw new InvalidRequestException(part, "the part '" + part + "' has trailing bytes: more data than its header "
                    + "declares (" + npy.dataBytes() + " bytes)");
        }
        MultipartBody.Headers next = body.next();
        if (next != null) {
            throw new InvalidRequestException(next.name(), "the part '" + next.name() + "' follows the streamed input; a streamed "
                    + "body sends options and kernel before the input, which is its last part");
        }
    }
}
