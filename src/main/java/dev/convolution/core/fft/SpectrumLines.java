package dev.convolution.core.fft;

/**
 * The spectrum layouts the overlap-save tiles share: a real line's half spectrum stored interleaved (complex value k at
 * {@code 2k, 2k + 1}, {@code n/2 + 1} of them), to and from JTransforms' packed form, and groups of neighbouring complex
 * lines gathered into contiguous ones for a 1D transform and scattered back, so the gathers read whole cache lines.
 */
final class SpectrumLines {
    private SpectrumLines() {
    }

    /** JTransforms' packed real spectrum of a line of length n (Re 0, Re n/2, then pairs) into the half spectrum at {@code s[at…]}. */
    static void unpack(double[] packed, int n, double[] s, int at) {
        int last = at + 2 * (n / 2);
        s[at] = packed[0];
        s[at + 1] = 0;
        s[last] = packed[1];
        s[last + 1] = 0;
        System.arraycopy(packed, 2, s, at + 2, n - 2);
    }

    /** The half spectrum at {@code s[at…]} of a line of length n, packed for JTransforms' real inverse ({@link #unpack} undone). */
    static void pack(double[] s, int at, int n, double[] packed) {
        packed[0] = s[at];
        packed[1] = s[at + 2 * (n / 2)];
        System.arraycopy(s, at + 2, packed, 2, n - 2);
    }

    /**
     * Gathers values {@code i = 0 … count−1} of {@code lines} neighbouring complex lines: value i of line j from
     * {@code s[at + i·step + 2j]} (and the next place) to {@code col[j][2i]} (and the next).
     */
    static void gather(double[] s, int at, int step, int count, int lines, double[][] col) {
        for (int i = 0; i < count; i++) {
            int base = at + i * step;
            for (int j = 0; j < lines; j++) {
                col[j][2 * i] = s[base + 2 * j];
                col[j][2 * i + 1] = s[base + 2 * j + 1];
            }
        }
    }

    /** Writes values {@code i = 0 … count−1} of the lines back to where {@link #gather} took them from. */
    static void scatter(double[][] col, int count, int lines, double[] s, int at, int step) {
        for (int i = 0; i < count; i++) {
            int base = at + i * step;
            for (int j = 0; j < lines; j++) {
                s[base + 2 * j] = col[j][2 * i];
                s[base + 2 * j + 1] = col[j][2 * i + 1];
            }
        }
    }

    // the same in float, for float32 data (OverlapSave2DFloat)

    static void unpack(float[] packed, int n, float[] s, int at) {
        int last = at + 2 * (n / 2);
        s[at] = packed[0];
        s[at + 1] = 0;
        s[last] = packed[1];
        s[last + 1] = 0;
        System.arraycopy(packed, 2, s, at + 2, n - 2);
    }

    static void pack(float[] s, int at, int n, float[] packed) {
        packed[0] = s[at];
        packed[1] = s[at + 2 * (n / 2)];
        System.arraycopy(s, at + 2, packed, 2, n - 2);
    }

    static void gather(float[] s, int at, int step, int count, int lines, float[][] col) {
        for (int i = 0; i < count; i++) {
            int base = at + i * step;
            for (int j = 0; j < lines; j++) {
                col[j][2 * i] = s[base + 2 * j];
                col[j][2 * i + 1] = s[base + 2 * j + 1];
            }
        }
    }

    static void scatter(float[][] col, int count, int lines, float[] s, int at, int step) {
        for (int i = 0; i < count; i++) {
            int base = at + i * step;
            for (int j = 0; j < lines; j++) {
                s[base + 2 * j] = col[j][2 * i];
                s[base + 2 * j + 1] = col[j][2 * i + 1];
            }
        }
    }
}
