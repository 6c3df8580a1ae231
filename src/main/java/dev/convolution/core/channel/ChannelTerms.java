package dev.convolution.core.channel;

import dev.convolution.core.Deadline;
import dev.convolution.core.parallel.Parallel;

/** The terms of a plan's runs over a set's inputs laid one after another: each input's taps, and their jobs. */
final class ChannelTerms {
    final ChannelLayout layout;
    /** Of each term (input {@code j}, tap {@code t} at {@code j·taps + t}) from an output's first position. */
    final int[] off;
    final int outputs;
    /** Outputs summed together (a block), and the blocks. */
    final int perBlock;
    final int blocks;
    /** Positions summed in one job. */
    final int piece;

    ChannelTerms(ChannelLayout l, int size, int outputs, int inputs) {
        this(l, size, outputs, inputs, ChannelLoop.OUTPUTS, ChannelSums.PIECE);
    }

    ChannelTerms(ChannelLayout l, int size, int outputs, int inputs, int perBlock, int piece) {
        layout = l;
        int taps = l.off.length;
        off = new int[inputs * taps];
        for (int j = 0; j < inputs; j++) {
            for (int t = 0; t < taps; t++) {
                off[j * taps + t] = j * size + l.off[t];
            }
        }
        this.outputs = outputs;
        this.perBlock = perBlock;
        blocks = (outputs + perBlock - 1) / perBlock;
        this.piece = piece;
    }

    /** Every (set, block of outputs, plane, piece of its run) as one job on the shared pool. */
    void overPieces(int sets, Deadline deadline, Piece piece) {
        ChannelLayout.Runs r = layout.runs;
        int pieces = (r.run + this.piece - 1) / this.piece;
        long work = (long) sets * outputs * off.length * r.planes * r.run;
        int perSet = blocks * r.planes * pieces;
        Parallel.forEach(sets * perSet, work, job -> {
            deadline.check();
            int from = job % pieces * this.piece;
            piece.sum(job / perSet, job % perSet / (r.planes * pieces), job / pieces % r.planes, from, Math.min(this.piece, r.run - from));
        });
    }

    /** One job of {@link #overPieces}: {@code n} positions from {@code from} of plane {@code p}'s run, for set s and block b. */
    interface Piece {
        void sum(int s, int b, int p, int from, int n);
    }
}
