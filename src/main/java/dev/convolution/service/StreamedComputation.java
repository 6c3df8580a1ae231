package dev.convolution.service;

import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Method;
import dev.convolution.core.stream.SlabConvolution;
import dev.convolution.core.type.ElementType;

/**
 * One streamed request in the service: its computation ({@link SlabConvolution}), the heap reserved for its working set
 * (released by {@link #close}), a computation permit taken for each block's work and the time budget applied to it.
 * The caller fills input rows ({@link #nextRow}, {@link #rowFilled}) as they arrive; blocks of output reach the sink as
 * soon as their rows are in.
 */
public final class StreamedComputation implements AutoCloseable {
    private final SlabConvolution slabs;
    private final MemoryAdmission.Reservation reservation;
    private final ElementType type;
    private final Pipeline pipeline;

    StreamedComputation(ComputeCommand c, int[] inputDims, long windowBytes, long maxWindowElements, long budgetMillis,
            Convolver convolver, ComputationPermits permits, ComputationMetrics metrics, MemoryAdmission memory,
            SlabConvolution.Sink sink) {
        ElementType t = c.type();
        // integers stay exact integers only where the padding is: a fill value that is not one makes the sums floats
        if (t == ElementType.INT64 && c.spec().boundary() == Boundary.FILL && c.spec().fillValue() != Math.rint(c.spec().fillValue())) {
            t = ElementType.FLOAT64;
        }
        this.type = t;
        boolean complex = t.isComplex();
        SlabConvolution.Sink checked = new SlabConvolution.Sink() {
            @Override
            public void block(double[] re, double[] im, int rows, boolean exact) {
                if (type == ElementType.INT64 && !exact) {
                    throw new IllegalStateException("a block of an integer result was not exact");
                }
                sink.block(re, im, rows, exact);
            }

            @Override
            public void block(float[] values, int rows) {
                sink.block(values, rows);
            }
        };
        this.pipeline = new Pipeline(permits, budgetMillis, metrics);
        this.slabs = new SlabConvolution(c.spec(), inputDims, c.kernel(), complex ? c.kernelImaginary() : null, c.conjugates(), t,
                c.method(), windowBytes, maxWindowElements, pipeline, convolver, checked);
        this.reservation = memory.reserveHeap(slabs.workingBytes());
        if (reservation == null) {
            metrics.rejected("memory");
            throw new SaturatedException("the service holds as much request data as its memory admits (" + memory.used() / (1 << 20)
                    + " of " + memory.budget() / (1 << 20) + " MiB, convolution.concurrency.memory-fraction of the heap), and this "
                    + "streamed request needs " + Math.max(1, slabs.workingBytes() / (1 << 20)) + " MiB for its rows in reach of the "
                    + "kernel; retry after " + memory.retryAfterSeconds() + " s", memory.retryAfterSeconds());
        }
    }

    /** The type of the output's values. */
    public ElementType type() {
        return type;
    }

    /** The whole computation's plan, for its index algebra (shapes, labels, strides), never computed at once. */
    public dev.convolution.core.Plan plan() {
        return slabs.plan();
    }

    /** The output's shape. */
    public int[] outputShape() {
        return slabs.outputShape();
    }

    /** The method of the blocks (auto's choice once the first block is computed). */
    public Method method() {
        return slabs.method();
    }

    /** Elements of one input row. */
    public int inputRowSize() {
        return slabs.inputRowSize();
    }


    /** True when rows are filled as floats ({@link #nextRowSingle}): float32 data. */
    public boolean single() {
        return slabs.single();
    }

    /** The next input row of float32 data, to fill. */
    public float[] nextRowSingle() {
        return slabs.nextRowSingle();
    }

    /** The real parts of the next input row, to fill (types other than float32). */
    public double[] nextRow() {
        return slabs.nextRow();
    }

    /** The imaginary parts of the next input row (complex types only), to fill. */
    public double[] nextRowImaginary() {
        return slabs.nextRowImaginary();
    }

    /**
     * The row is filled: a block whose rows are all in is computed on the stream's own thread, under a heavy computation
     * permit (waited for up to the time budget, else {@link SaturatedException}), and handed to the sink there, while this
     * thread reads the next rows; at most two blocks are in flight (the request's thread waits for the older), and after the last row,
     * the last one. A failure of a block is thrown here.
     */
    public void rowFilled() {
        slabs.rowFilled();
        if (slabs.complete()) {
            pipeline.await();
        }
    }

    /** True when every input row has arrived (and so every output block has been handed over). */
    public boolean complete() {
        return slabs.complete();
    }

    /** Stops the stream's thread (waiting for its block) and returns the reserved heap. */
    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            if (reservation != null) {
                reservation.close();
            }
        }
    }
}
