package dev.convolution.core.fft;

import dev.convolution.core.Deadline;
import dev.convolution.core.parallel.Parallel;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * {@link OverlapSave2D} in single precision, for float32 data: the same tiles, passes and layouts with JTransforms'
 * float transforms ({@link FloatFFT_1D}), half the bytes moved and twice the values a vector instruction.
 */
final class OverlapSave2DFloat {
    /** Columns gathered at a time, so the gathers read whole cache lines. */
    private static final int GROUP = 8;
    private final int tr;
    private final int tc;
    /** Complex values per spectrum row: {@code tc/2 + 1}. */
    private final int w;
    private final int stepR;
    private final int stepC;
    /** The kernel's spectrum by column: {@code kernel[k]} holds column k, interleaved complex, {@code 2·tr} values. */
    private final float[][] kernel;

    private OverlapSave2DFloat(int tr, int tc, int er, int ec) {
        this.tr = tr;
        this.tc = tc;
        this.w = tc / 2 + 1;
        this.stepR = tr - er + 1;
        this.stepC = tc - ec + 1;
        this.kernel = new float[w][];
    }

    /**
     * The stride-1 sums of a padded input ({@code pr × pc}) with a dilated kernel ({@code er × ec}):
     * {@code (pr − er + 1) × (pc − ec + 1)} outputs.
     */
    static float[] correlate(float[] xp, int pr, int pc, float[] gd, int er, int ec, int[] tiles, Deadline deadline) {
        OverlapSave2DFloat o = new OverlapSave2DFloat(tiles[0], tiles[1], er, ec);
        o.kernelSpectrum(gd, er, ec);
        deadline.check();
        int outR = pr - er + 1;
        int outC = pc - ec + 1;
        float[] y1 = new float[outR * outC];
        int tilesR = (outR + o.stepR - 1) / o.stepR;
        int tilesC = (outC + o.stepC - 1) / o.stepC;
        int count = tilesR * tilesC;
        long work = (long) count * o.tr * o.tc * 40;
        if (count == 1) {
            o.tile(xp, pr, pc, y1, outR, outC, 0, 0, true, deadline);
        } else {
            Parallel.forEach(count, work, b -> o.tile(xp, pr, pc, y1, outR, outC,
                    (b / tilesC) * o.stepR, (b % tilesC) * o.stepC, false, deadline));
        }
        return y1;
    }

    /** The kernel's spectrum at the tile size, stored by column. */
    private void kernelSpectrum(float[] gd, int er, int ec) {
        float[] s = new float[tr * 2 * w];
        FloatFFT_1D rowFft = new FloatFFT_1D(tc);
        float[] buf = new float[tc];
        for (int r = 0; r < er; r++) {
            java.util.Arrays.fill(buf, 0);
            System.arraycopy(gd, r * ec, buf, 0, ec);
            rowFft.realForward(buf);
            SpectrumLines.unpack(buf, tc, s, r * 2 * w);
        }
        int work = tr * w * 40;
        int parts = Math.min(w, Parallel.parts(work));
        int per = (w + parts - 1) / parts;
        Parallel.forEach(parts, work, part -> {
            FloatFFT_1D colFft = new FloatFFT_1D(tr);
            for (int k = part * per; k < Math.min(w, (part + 1) * per); k++) {
                float[] col = new float[2 * tr];
                for (int r = 0; r < er; r++) {
                    col[2 * r] = s[r * 2 * w + 2 * k];
                    col[2 * r + 1] = s[r * 2 * w + 2 * k + 1];
                }
                colFft.complexForward(col);
                kernel[k] = col;
            }
        });
    }

    /** A thread's buffers and transforms for one tile at a time. */
    private final class Workspace {
        final float[] s = new float[tr * 2 * w];
        final FloatFFT_1D rowFft = new FloatFFT_1D(tc);
        final FloatFFT_1D colFft = new FloatFFT_1D(tr);
        final float[] buf = new float[tc];
        final float[][] col = new float[GROUP][2 * tr];
    }

    /** Workspaces of finished tiles, reused by the next (at most one per worker is ever made). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Workspace> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * One tile: padded input rows r0… and columns c0…, outputs at the same origin. With {@code spread}
     * its rows and column groups run over the shared pool; otherwise on this thread.
     */
    private void tile(float[] xp, int pr, int pc, float[] y1, int outR, int outC, int r0, int c0, boolean spread,
            Deadline deadline) {
        deadline.check();
        Workspace ws = spare.poll();
        if (ws == null) {
            ws = new Workspace();
        }
        float[] s = ws.s;
        int dataRows = Math.min(tr, pr - r0);
        int dataCols = Math.min(tc, pc - c0);
        int outRows = Math.min(stepR, outR - r0);
        int outCols = Math.min(stepC, outC - c0);
        long rowWork = spread ? (long) tr * tc * 20 : 0;
        // rows: real forward transforms of the rows that hold data (the columns pass treats the rest as zero)
        eachPart(dataRows, rowWork, ws, (fft, buf, r) -> {
            System.arraycopy(xp, (r0 + r) * pc + c0, buf, 0, dataCols);
            java.util.Arrays.fill(buf, dataCols, tc, 0);
            fft.realForward(buf);
            SpectrumLines.unpack(buf, tc, s, r * 2 * w);
        });
        deadline.check();
        // columns: forward, times the conjugate of the kernel's column, inverse; only output rows kept
        int groups = (w + GROUP - 1) / GROUP;
        long colWork = spread ? (long) tr * w * 40 : 0;
        int parts = Math.min(groups, Parallel.parts(colWork));
        int per = (groups + parts - 1) / parts;
        Workspace own = ws;
        Parallel.forEach(parts, colWork, part -> {
            boolean alone = parts == 1;
            FloatFFT_1D colFft = alone ? own.colFft : new FloatFFT_1D(tr);
            float[][] col = alone ? own.col : new float[GROUP][2 * tr];
            for (int gi = part * per; gi < Math.min(groups, (part + 1) * per); gi++) {
                int k0 = gi * GROUP;
                int kn = Math.min(GROUP, w - k0);
                SpectrumLines.gather(s, 2 * k0, 2 * w, dataRows, kn, col);
                for (int j = 0; j < kn; j++) {
                    float[] c = col[j];
                    java.util.Arrays.fill(c, 2 * dataRows, 2 * tr, 0);
                    colFft.complexForward(c);
                    FloatFft.multiplyConjugate(c, kernel[k0 + j], 0);
                    colFft.complexInverse(c, true);
                }
                SpectrumLines.scatter(col, outRows, kn, s, 2 * k0, 2 * w);
            }
        });
        deadline.check();
        // rows: real inverse transforms of the rows that hold outputs
        eachPart(outRows, rowWork, ws, (fft, buf, r) -> {
            SpectrumLines.pack(s, r * 2 * w, tc, buf);
            fft.realInverse(buf, true);
            System.arraycopy(buf, 0, y1, (r0 + r) * outC + c0, outCols);
        });
        spare.add(ws);
    }

    /** One row of a row pass, with the part's own transform and buffer. */
    private interface RowTask {
        void run(FloatFFT_1D fft, float[] buf, int row);
    }

    /**
     * Runs a row task for rows 0 … count−1 in contiguous parts, over the shared pool when the work is
     * large (each part with its own transform and buffer), else on this thread with the workspace's.
     */
    private void eachPart(int count, long work, Workspace ws, RowTask task) {
        int parts = Math.max(1, Math.min(count, Parallel.parts(work)));
        int per = (count + parts - 1) / parts;
        Parallel.forEach(parts, work, part -> {
            FloatFFT_1D fft = parts == 1 ? ws.rowFft : new FloatFFT_1D(tc);
            float[] buf = parts == 1 ? ws.buf : new float[tc];
            for (int r = part * per; r < Math.min(count, (part + 1) * per); r++) {
                task.run(fft, buf, r);
            }
        });
    }
}
