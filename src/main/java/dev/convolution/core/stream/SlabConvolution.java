package dev.convolution.core.stream;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Plan;
import dev.convolution.core.Result;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.type.ComplexConvolver;
import dev.convolution.core.type.ComplexResult;
import dev.convolution.core.type.ElementType;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution or correlation of an input that arrives along its first axis, row by row (a row: one index of the first
 * axis, every element of the others; a slab of a volume), with memory bounded by the kernel's reach along that axis, not
 * by the input's length: overlap-save along the first axis. The output is made in blocks of rows along the first axis,
 * each as soon as the input rows it needs have arrived.
 *
 * <p>One definition of the index algebra: the first axis is planned as for the whole input ({@link AxisPlan#of}), and
 * output rows {@code ja … jb−1} meet padded positions {@code ja·stride … (jb−1)·stride + span − 1} of it. A block is
 * those padded rows gathered (each the input row its {@link Boundary#source} names, or a row of the fill value), planned
 * with no padding on the first axis and the request's on the others, and computed by the {@link Convolver} as any
 * request. Along the other axes the block is the whole input, so every output equals the whole array's up to the
 * rounding of the method's sums (the direct method's sums are the same sums).
 *
 * <p>Not streamed (refused with 400 naming the field and the axis): {@code mirrored} correlation (its first output needs
 * the input's last rows) and {@code wrap} on a padded first axis (its first rows need the input's last ones).
 */
public final class SlabConvolution {
    /**
     * How the caller runs blocks: {@link #run} runs a block's work (its computation, then the sink), in the order given,
     * one at a time, on this thread or another (so the next rows may be read while a block is computed); {@link #begin}
     * and {@link #end} surround each computation (a permit, a time budget).
     */
    public interface Blocks {
        /** Runs a block's work: here and now by default. */
        default void run(Runnable work) {
            work.run();
        }

        /** Before a block's computation: its time budget. */
        default Deadline begin() {
            return Deadline.none();
        }

        /** After it, computed or failed. */
        default void end() {
        }

        /**
         * How many blocks after the one being computed may have their rows arrive before it is done (the ring holds their
         * rows too): 0 when {@link #run} runs the work here and now; 1 or more when it runs it elsewhere.
         */
        default int ahead() {
            return 0;
        }
    }

    /** Every block computed here and now, with no budget. */
    public static final Blocks INLINE = new Blocks() {
    };

    /** The rows of one output block, row-major: {@code rows} rows of the output's elements after the first axis. */
    public interface Sink {
        /**
         * One block of output rows, in order.
         *
         * @param re the values (a complex output: their real parts)
         * @param im a complex output's imaginary parts, or null
         * @param exact true when the sums were exact integers
         */
        void block(double[] re, double[] im, int rows, boolean exact);

        /**
         * One block of a float32 output, in floats (as wide as the type): by default widened to doubles. The array is
         * the computation's own and holds the next block once this returns: write or copy the values before (the last
         * block's are never overwritten).
         */
        default void block(float[] values, int rows) {
            double[] wide = new double[values.length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = values[i];
            }
            block(wide, null, rows, false);
        }
    }

    private final Spec spec;
    private final ElementType type;
    private final boolean complex;
    private final boolean conjugate;
    private final Grid kernelRe;
    private final Grid kernelIm;
    private final Blocks blocks;
    /** The gathered input of the block being computed (one at a time), reused. */
    private double[][] gathered;
    /** The same in floats, for float32 data: computed in float as it is gathered, never widened. */
    private float[] gatheredSingle;
    /** The output of the last float32 block, the next one's to store into (blocks of one shape allocate nothing). */
    private float[] outputSingle;
    private final boolean single;
    private final float[] kernelSingle;
    private final Convolver convolver;
    private final ComplexConvolver complexConvolver;
    private final AxisPlan first;
    private final String firstName;
    private final List<AxisPlan> others;
    private final int[] inputDims;
    private final int rowIn;
    private final int rowOut;
    private final int blockRows;
    private final int window;
    private final RowRing ring;
    private final BlockSources sources;
    private final Sink sink;
    private volatile Method method;
    private int nextBlock;
    private int arrived;

    /**
     * Plans a streamed computation.
     *
     * @param inputDims the whole input's shape (rank 1 to 4); its first axis is the one that streams
     * @param kernelIm a complex kernel's imaginary parts, or null; with {@code type} complex, the input is complex too
     * @param conjugate a complex correlation conjugates the kernel
     * @param type the type the data are computed in (float32 in float, complex, or float64/exact integers)
     * @param windowBytes about how much memory the input rows a block needs may take (a block has at least one row)
     * @param maxWindowElements the most elements one block's input may have (larger, for one row: 413)
     * @param blocks where and under what budget each block's work runs
     */
    public SlabConvolution(Spec spec, int[] inputDims, Grid kernelRe, Grid kernelIm, boolean conjugate, ElementType type,
            Method requested, long windowBytes, long maxWindowElements, Blocks blocks, Convolver convolver,
            Sink sink) {
        int rank = inputDims.length;
        if (rank < 1 || rank > Shape.MAX_RANK) {
            throw new IllegalArgumentException("a streamed input has 1 to " + Shape.MAX_RANK + " axes");
        }
        if (kernelRe.rank() != rank) {
            throw new InvalidRequestException("kernel", "kernel has " + kernelRe.rank() + " ax" + (kernelRe.rank() == 1 ? "is" : "es")
                    + "; input has " + rank + " (both must have the same rank)");
        }
        if (spec.reversesOutput()) {
            throw new InvalidRequestException("convention", "mirrored correlation cannot stream: its first output is made from "
                    + "the input's last rows along axis 0 (use sliding correlation, or send the input whole)");
        }
        spec.stride().requireRank(rank);
        spec.dilation().requireRank(rank);
        this.spec = spec;
        this.type = type;
        this.complex = type.isComplex();
        this.conjugate = conjugate;
        // the kernel as the type holds it (float32, complex64: each value rounded to float)
        this.kernelRe = type.round(kernelRe);
        this.single = type == ElementType.FLOAT32;
        this.kernelSingle = single ? narrow(this.kernelRe.values()) : null;
        this.kernelIm = complex ? type.round(kernelIm != null ? kernelIm : new Grid(kernelRe.shape(), new double[kernelRe.size()])) : null;
        this.blocks = blocks;
        this.convolver = convolver;
        this.complexConvolver = new ComplexConvolver(convolver);
        this.sink = sink;
        this.inputDims = inputDims.clone();
        this.firstName = rank == 1 ? "" : rank == 2 ? "rows" : "axis 0";
        this.first = AxisPlan.of(firstName, "kernel", inputDims[0], kernelRe.shape().dim(0), spec.dilation().at(0), spec.stride().at(0),
                spec.mode(), spec.flipsKernel(), false, Long.MAX_VALUE);
        if (spec.boundary() == Boundary.WRAP && first.padBefore() + first.padAfter() > 0) {
            throw new InvalidRequestException("boundary", "boundary wrap cannot stream along axis 0: its first padded rows are "
                    + "the input's last ones (use another boundary, mode valid, or send the input whole)");
        }
        long rowInL = 1;
        long rowOutL = 1;
        List<AxisPlan> rest = new ArrayList<>();
        for (int a = 1; a < rank; a++) {
            AxisPlan p = AxisPlan.of(rank == 2 ? "columns" : "axis " + a, "kernel", inputDims[a], kernelRe.shape().dim(a),
                    spec.dilation().at(a), spec.stride().at(a), spec.mode(), spec.flipsKernel(), false, maxWindowElements);
            rest.add(p);
            rowInL *= inputDims[a];
            rowOutL *= p.count();
        }
        this.others = rest;
        int stride = first.stride();
        long paddedRow = 1;
        for (AxisPlan p : rest) {
            paddedRow *= p.paddedLength();
        }
        if ((long) first.span() * paddedRow > maxWindowElements) {
            throw new LimitExceededException("input", "one block of the streamed input (" + first.span() + " rows of " + paddedRow
                    + " padded elements, the kernel's reach along axis 0) would have more than " + maxWindowElements
                    + " elements (use a smaller kernel along axis 0, or smaller rows)");
        }
        this.rowIn = (int) rowInL;
        this.rowOut = (int) rowOutL;
        int parts = complex ? 2 : 1;
        long perRow = Math.max(1, paddedRow * 8L * parts);
        long fits = Math.min(windowBytes / perRow, maxWindowElements / Math.max(1, paddedRow)); // window rows that fit
        long b = fits <= first.span() ? 1 : (fits - first.span()) / stride + 1;
        this.blockRows = (int) Math.max(1, Math.min(b, first.count()));
        this.window = (blockRows - 1) * stride + first.span();
        this.sources = new BlockSources(first, spec.boundary(), blockRows, blocks.ahead());
        this.ring = new RowRing(sources.capacity(), rowIn, parts, type == ElementType.FLOAT32);
        this.method = requested;
    }

    /** The output's shape. */
    public int[] outputShape() {
        int[] out = new int[inputDims.length];
        out[0] = first.count();
        for (int a = 1; a < out.length; a++) {
            out[a] = others.get(a - 1).count();
        }
        return out;
    }

    /**
     * The whole computation's plan (its axes as for the whole input; its sizes may exceed what one array holds, so it is
     * for the index algebra only: output shape, start labels, strides, the formula), never computed at once.
     */
    public Plan plan() {
        List<AxisPlan> axes = new ArrayList<>(others.size() + 1);
        axes.add(first);
        axes.addAll(others);
        return Plan.of(spec, axes, new Limits(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    /** Elements in one input row (the product of the input's dimensions after the first). */
    public int inputRowSize() {
        return rowIn;
    }


    /** Output rows computed at once. */
    public int blockRows() {
        return blockRows;
    }

    /** Input rows held at most: the ring (a block's rows and the next block's), and the block gathered for computing. */
    public long heldRows() {
        return ring.capacity() + (long) window;
    }

    /**
     * About the most heap this computation holds at once, in bytes: the rows held, one gathered block, its padded copy and
     * its output (each in doubles; complex data twice).
     */
    public long workingBytes() {
        long paddedRow = 1;
        for (AxisPlan p : others) {
            paddedRow *= p.paddedLength();
        }
        int parts = complex ? 2 : 1;
        long bytes = single ? 4 : 8; // float32 data are held in floats
        return bytes * parts * ((long) ring.capacity() * rowIn + (long) window * rowIn + (long) window * paddedRow
                + (long) blockRows * rowOut) + 16L * kernelRe.size();
    }

    /** The method of the blocks: the requested one, or auto's choice for the first block once it is computed. */
    public Method method() {
        return method;
    }


    /** True when the rows are filled as floats ({@link #nextRowSingle}): float32 data. */
    public boolean single() {
        return single;
    }

    /** True when every input row has arrived. */
    public boolean complete() {
        return arrived == first.n();
    }

    /** The next input row of float32 data (type float32), to be filled with floats before {@link #rowFilled}. */
    public float[] nextRowSingle() {
        requireRoom();
        return ring.single(arrived);
    }

    /** The real parts of the next input row, to be filled before {@link #rowFilled} (types other than float32). */
    public double[] nextRow() {
        requireRoom();
        return ring.row(arrived, 0);
    }

    /** The imaginary parts of the next input row (complex data only). */
    public double[] nextRowImaginary() {
        requireRoom();
        return ring.row(arrived, 1);
    }

    private void requireRoom() {
        if (arrived >= first.n()) {
            throw new IllegalStateException("every row of the input has arrived");
        }
    }


    /** The next row is filled: computes and hands to the sink every block whose rows are now in. */
    public void rowFilled() {
        requireRoom();
        if (type.isSingle() && !single) {
            // the data as the type holds them: each value rounded to float (float32 data are, as they are gathered)
            for (int part = 0; part < (complex ? 2 : 1); part++) {
                double[] row = ring.row(arrived, part);
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) row[i];
                }
            }
        }
        arrived++;
        while (nextBlock < sources.blocks() && sources.lastSource(nextBlock) < arrived) {
            int b = nextBlock++;
            // gathered where it is computed: the ring keeps block b's rows while the next block's arrive
            if (single) {
                blocks.run(() -> computeSingle(b, gatherSingle(b)));
            } else {
                blocks.run(() -> compute(b, gather(b)));
            }
        }
    }

    /** The padded rows block b reads, copied out of the ring into one block (where it is computed). */
    private double[][] gather(int b) {
        int ja = b * blockRows;
        int rows = Math.min(blockRows, first.count() - ja);
        int padded = (rows - 1) * first.stride() + first.span();
        int parts = complex ? 2 : 1;
        int size = (int) ((long) padded * rowIn);
        double[][] x = gathered;
        if (x == null || x[0].length != size) {
            x = new double[parts][size];
            gathered = x;
        }
        ring.gather(first, spec.boundary(), spec.fillValue(), (long) ja * first.stride(), padded, x);
        return x;
    }

    /** The padded rows block b reads, in floats (float32 data: the ring holds floats). */
    private float[] gatherSingle(int b) {
        int ja = b * blockRows;
        int rows = Math.min(blockRows, first.count() - ja);
        int padded = (rows - 1) * first.stride() + first.span();
        int size = (int) ((long) padded * rowIn);
        float[] x = gatheredSingle;
        if (x == null || x.length != size) {
            x = new float[size];
            gatheredSingle = x;
        }
        ring.gather(first, spec.boundary(), (float) spec.fillValue(), (long) ja * first.stride(), padded, x);
        return x;
    }

    private void computeSingle(int b, float[] x) {
        int rows = Math.min(blockRows, first.count() - b * blockRows);
        Plan plan = blockPlan(rows);
        Convolver.Single r;
        Deadline deadline = blocks.begin();
        try {
            // refuses an output that overflows
            r = convolver.computeSingle(plan, x, kernelSingle, method, deadline, outputSingle);
        } finally {
            blocks.end();
        }
        outputSingle = r.y();
        method = r.method();
        sink.block(r.y(), rows);
    }

    private static float[] narrow(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** The plan of a block of output rows: its padded rows along axis 0, unpadded there; the other axes as the request's. */
    private Plan blockPlan(int rows) {
        int padded = (rows - 1) * first.stride() + first.span();
        List<AxisPlan> axes = new ArrayList<>(others.size() + 1);
        axes.add(AxisPlan.padded(firstName, padded, 1, first.taps(), first.dilation(), first.stride(), 0, 0,
                first.flipped(), false, Long.MAX_VALUE));
        axes.addAll(others);
        return Plan.of(spec, axes, Limits.NONE);
    }

    private void compute(int b, double[][] x) {
        int ja = b * blockRows;
        int rows = Math.min(blockRows, first.count() - ja);
        int padded = (rows - 1) * first.stride() + first.span();
        Plan plan = blockPlan(rows);
        int[] dims = inputDims.clone();
        dims[0] = padded;
        Shape shape = Shape.of(dims);
        double[] re;
        double[] im = null;
        boolean exact = false;
        Deadline deadline = blocks.begin();
        try {
            if (complex) {
                ComplexResult r = complexConvolver.compute(plan, new Grid(shape, x[0]), new Grid(shape, x[1]), kernelRe, kernelIm,
                        conjugate, method, deadline, type);
                re = type.round(r.re());
                im = type.round(r.im());
                plan.requireFinite(re, type.isSingle());
                plan.requireFinite(im, type.isSingle());
                method = r.method();
            } else {
                Result r = convolver.compute(plan, new Grid(shape, x[0]), kernelRe, method, deadline, type);
                if (type == ElementType.FLOAT32) {
                    plan.requireFinite(r.output(), true);
                }
                method = r.method();
                re = r.output();
                exact = r.exact();
            }
        } finally {
            blocks.end();
        }
        sink.block(re, im, rows, exact);
    }
}
