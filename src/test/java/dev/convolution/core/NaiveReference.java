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

    /** The output of a spec, row-major, and its shape in {@code shapeOut} (as long as the rank). */
    static double[] compute(Spec s, Grid x, Grid h, int[] shapeOut) {
        int rank = x.rank();
        int[] n = x.shape().dims();
        int[] k = h.shape().dims();
        int[] d = new int[rank];
        int[] st = new int[rank];
        int[] e = new int[rank];
        int[] before = new int[rank];
        int[] len = new int[rank];
        for (int a = 0; a < rank; a++) {
            d[a] = s.dilation().at(a);
            st[a] = s.stride().at(a);
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
        double[] xp = new double[product(len)];
        for (int i = 0; i < xp.length; i++) {
            int[] q = unflat(i, len);
            int src = 0;
            boolean filled = false;
            for (int a = 0; a < rank; a++) {
                int f = fold(q[a] - before[a], n[a], s.boundary());
                if (f < 0) {
                    filled = true;
                }
                src = src * n[a] + Math.max(f, 0);
            }
            xp[i] = filled ? s.fillValue() : x.at(src);
        }
        // the dilated kernel, flipped for convolution
        double[] hd = new double[product(e)];
        for (int i = 0; i < h.size(); i++) {
            int[] t = unflat(i, k);
            int at = 0;
            int from = 0;
            for (int a = 0; a < rank; a++) {
                at = at * e[a] + t[a] * d[a];
                int ta = s.operation() == Operation.CONVOLUTION ? k[a] - 1 - t[a] : t[a];
                from = from * k[a] + ta;
            }
            hd[at] = h.at(from);
        }
        int[] f = new int[rank];
        for (int a = 0; a < rank; a++) {
            f[a] = len[a] - e[a] + 1;
        }
        double[] y1 = new double[product(f)];
        for (int i = 0; i < y1.length; i++) {
            int[] u = unflat(i, f);
            double sum = 0;
            for (int j = 0; j < hd.length; j++) {
                int[] t = unflat(j, e);
                int at = 0;
                for (int a = 0; a < rank; a++) {
                    at = at * len[a] + u[a] + t[a];
                }
                sum += hd[j] * xp[at];
            }
            y1[i] = sum;
        }
        boolean mirrored = s.operation() == Operation.CROSS_CORRELATION && s.convention() == CorrelationConvention.MIRRORED;
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = (f[a] + st[a] - 1) / st[a];
        }
        double[] y = new double[product(out)];
        for (int i = 0; i < y.length; i++) {
            int[] j = unflat(i, out);
            int at = 0;
            for (int a = 0; a < rank; a++) {
                int u = j[a] * st[a];
                at = at * f[a] + (mirrored ? f[a] - 1 - u : u);
            }
            y[i] = y1[at];
        }
        System.arraycopy(out, 0, shapeOut, 0, rank);
        return y;
    }

    private static int product(int[] dims) {
        int p = 1;
        for (int v : dims) {
            p *= v;
        }
        return p;
    }

    private static int[] unflat(int i, int[] dims) {
        int[] q = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            q[a] = i % dims[a];
            i /= dims[a];
        }
        return q;
    }
}
