package dev.convolution.core;

/**
 * A deliberately plain reference, written from API.md's definitions and sharing no code with the
 * core: fold positions into the input one mirror at a time, pad explicitly, insert zeros into the
 * kernel, slide, then flip, mirror and stride as the contract says.
 */
final class NaiveReference {
    private NaiveReference() {
    }

    /** Folds an outside position into the input by repeated single mirrors (or shifts); -1 for fill. */
    static int fold(long p, int n, Boundary b) {
        switch (b) {
            case FILL:
                return p >= 0 && p < n ? (int) p : -1;
            case REPLICATE:
                return (int) Math.max(0, Math.min(n - 1, p));
            case WRAP:
                while (p < 0) {
                    p += n;
                }
                while (p >= n) {
                    p -= n;
                }
                return (int) p;
            case SYMMETRIC:
                while (p < 0 || p >= n) {
                    p = p < 0 ? -p - 1 : 2L * n - 1 - p;
                }
                return (int) p;
            case REFLECT:
                if (n == 1) {
                    return 0;
                }
                while (p < 0 || p >= n) {
                    p = p < 0 ? -p : 2L * n - 2 - p;
                }
                return (int) p;
            default:
                throw new AssertionError(b);
        }
    }

    /** The output of a spec, row-major, and its shape in {@code shapeOut}. */
    static double[] compute(Spec s, Grid x, Grid h, int[] shapeOut) {
        int[] n = {x.rows(), x.cols()};
        int[] k = {h.rows(), h.cols()};
        int[] d = {s.rowDilation(), s.colDilation()};
        int[] st = {s.rowStride(), s.colStride()};
        int[] e = new int[2];
        int[] before = new int[2];
        int[] len = new int[2];
        for (int a = 0; a < 2; a++) {
            e[a] = (k[a] - 1) * d[a] + 1;
            int after;
            switch (s.mode()) {
                case FULL -> {
                    before[a] = e[a] - 1;
                    after = e[a] - 1;
                }
                case SAME -> {
                    before[a] = e[a] / 2;
                    after = (e[a] - 1) / 2;
                }
                default -> {
                    before[a] = 0;
                    after = 0;
                }
            }
            len[a] = n[a] + before[a] + after;
        }
        // the padded input
        double[][] xp = new double[len[0]][len[1]];
        for (int r = 0; r < len[0]; r++) {
            for (int c = 0; c < len[1]; c++) {
                int sr = fold(r - before[0], n[0], s.boundary());
                int sc = fold(c - before[1], n[1], s.boundary());
                xp[r][c] = sr < 0 || sc < 0 ? s.fillValue() : x.at(sr, sc);
            }
        }
        // the dilated kernel, flipped for convolution
        double[][] hd = new double[e[0]][e[1]];
        for (int r = 0; r < k[0]; r++) {
            for (int c = 0; c < k[1]; c++) {
                double v = s.operation() == Operation.CONVOLUTION ? h.at(k[0] - 1 - r, k[1] - 1 - c) : h.at(r, c);
                hd[r * d[0]][c * d[1]] = v;
            }
        }
        int fr = len[0] - e[0] + 1;
        int fc = len[1] - e[1] + 1;
        double[][] y1 = new double[fr][fc];
        for (int r = 0; r < fr; r++) {
            for (int c = 0; c < fc; c++) {
                double sum = 0;
                for (int i = 0; i < e[0]; i++) {
                    for (int j = 0; j < e[1]; j++) {
                        sum += hd[i][j] * xp[r + i][c + j];
                    }
                }
                y1[r][c] = sum;
            }
        }
        boolean mirrored = s.operation() == Operation.CROSS_CORRELATION && s.convention() == CorrelationConvention.MIRRORED;
        int outR = (fr + st[0] - 1) / st[0];
        int outC = (fc + st[1] - 1) / st[1];
        double[] y = new double[outR * outC];
        for (int r = 0; r < outR; r++) {
            for (int c = 0; c < outC; c++) {
                int sr = r * st[0];
                int sc = c * st[1];
                y[r * outC + c] = mirrored ? y1[fr - 1 - sr][fc - 1 - sc] : y1[sr][sc];
            }
        }
        shapeOut[0] = outR;
        shapeOut[1] = outC;
        return y;
    }
}
