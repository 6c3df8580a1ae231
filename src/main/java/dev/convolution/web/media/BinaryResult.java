package dev.convolution.web.media;

import dev.convolution.core.type.ElementType;
import dev.convolution.web.problem.ResultNotAcceptableException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A result answered in a binary media type rather than JSON: an array as {@code .npy}, or a picture as PNG, with the
 * response's scalar fields as headers ({@code Convolution-Method}, {@code Convolution-Shape}, …). Arrays are not copied.
 */
public sealed interface BinaryResult {
    /** Header name → value, in order; ASCII only. */
    Map<String, String> headers();

    /**
     * One array, row-major, with its shape: written as a version-1.0 .npy of its type ({@code <f4}, {@code <i8},
     * {@code <f8}, {@code <c8}, {@code <c16}); with no type, {@code <i8} when every value is an exact integer, else
     * {@code <f8}.
     *
     * @param imag a complex result's imaginary parts ({@code values} the real parts), else null
     */
    record Npy(int[] shape, double[] values, ElementType type, Map<String, String> headers, double[] imag) implements BinaryResult {
        /** A real array. */
        public Npy(int[] shape, double[] values, ElementType type, Map<String, String> headers) {
            this(shape, values, type, headers, null);
        }
    }

    /**
     * An answer written as it is computed (a streamed input's result): {@code headers} are known before it starts; the
     * body sets the rest of its headers, then writes, as its input arrives.
     */
    record Streamed(Map<String, String> headers, Body body) implements BinaryResult {
        /** Writes the answer to the response. */
        public interface Body {
            void write(org.springframework.http.HttpOutputMessage output) throws java.io.IOException;
        }
    }

    /** A picture: planes of pixel values (grey, or R, G, B; then alpha) of one bit depth. */
    record Png(int width, int height, int bitDepth, double[][] planes, Map<String, String> headers) implements BinaryResult {
    }

    /** A trace lists terms, which only JSON can hold: a request for one in a binary answer is refused (406). */
    public static void requireNoTrace(boolean traced) {
        if (traced) {
            throw new ResultNotAcceptableException("a trace needs JSON: ask with Accept: application/json, or leave the trace out");
        }
    }

    /** Integers as a header value: {@code 3,4}. */
    public static String list(int[] v) {
        return Arrays.stream(v).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }

    /** Integers as a header value: {@code -1,0}. */
    public static String list(long[] v) {
        return Arrays.stream(v).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
