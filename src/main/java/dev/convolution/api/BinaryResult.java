package dev.convolution.api;

import java.util.Map;

/**
 * A result answered in a binary media type rather than JSON: an array as {@code .npy}, or a picture as PNG, with the
 * response's scalar fields as headers ({@code Convolution-Method}, {@code Convolution-Shape}, …). Arrays are not copied.
 */
sealed interface BinaryResult {
    /** Header name → value, in order; ASCII only. */
    Map<String, String> headers();

    /** One array, row-major, with its shape: written as a version-1.0 .npy ({@code <i8} when every value is an exact integer). */
    record Npy(int[] shape, double[] values, Map<String, String> headers) implements BinaryResult {
    }

    /** A picture: planes of pixel values (grey, or R, G, B; then alpha) of one bit depth. */
    record Png(int width, int height, int bitDepth, double[][] planes, Map<String, String> headers) implements BinaryResult {
    }
}
