package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Simd;

/**
 * The weight-gradient outer products of a single-layer cell's backward pass, deferred over up to
 * {@link #DEFER} steps and accumulated one gradient row per pass over {@link Simd#axpyRows}:
 * dW_hh += sum_t a_t h_{t-1}^T, dW_ih += sum_t a_t x_t^T, db += sum_t a_t, for per-step
 * pre-activation gradients a_t that the cell keeps in its own rows (one row per slot).
 *
 * <p>Use: {@link #full()} -&gt; flush; write a_t into the cell's row {@link #slot()};
 * {@link #push} the step's x and h_{t-1}; flush with the {@code add...} methods then
 * {@link #clear()}. The pushed arrays are kept by reference until the flush, except h_{t-1}
 * arrays shorter than the padded hidden size, which are copied.
 */
final class DeferredOuterProducts {
    /** Steps per flush. */
    static final int DEFER = 60;

    private final int hid;
    private final int hp;
    private final double[][] prevs = new double[DEFER][];
    private final double[][] prevCopies = new double[DEFER][];
    private final double[][] xs = new double[DEFER][];
    private final double[] coef = new double[DEFER];
    private final double[] ones = new double[DEFER];
    private int pending;

    DeferredOuterProducts(int hiddenSize) {
        this.hid = hiddenSize;
        this.hp = Simd.padded(hiddenSize);
        Arrays.fill(ones, 1.0);
    }

    /** Whether every slot is taken (flush before the next step). */
    boolean full() {
        return pending == DEFER;
    }

    /** Steps waiting to be accumulated. */
    int pending() {
        return pending;
    }

    /** The slot of the next {@link #push}: the row the cell writes this step's a_t into. */
    int slot() {
        return pending;
    }

    /**
     * Records step {@link #slot()}'s input and previous hidden state: {@code prev} itself when it
     * is at least the padded hidden size long (the tape's state arrays), else its first H entries
     * copied into a padded row of this slot (padding zero).
     */
    void push(double[] x, double[] prev) {
        if (prev.length >= hp) {
            prevs[pending] = prev;
        } else {
            double[] c = prevCopies[pending];
            if (c == null) {
                c = new double[hp];
                prevCopies[pending] = c;
            }
            System.arraycopy(prev, 0, c, 0, hid);
            prevs[pending] = c;
        }
        xs[pending] = x;
        pending++;
    }

    /** gB[0..n) += sum over the pending steps of a_s. */
    void addBias(double[][] a, double[] gB, int n) {
        Simd.axpyRows(a, 0, pending, ones, 0, gB, 0, n);
    }

    /** gWihT[j][0..n) += sum over the pending steps of x_s[j] a_s, for every input j. */
    void addInput(double[][] a, double[][] gWihT, int n) {
        for (int j = 0; j < gWihT.length; j++) {
            for (int s = 0; s < pending; s++) {
                coef[s] = xs[s][j];
            }
            Simd.axpyRows(a, 0, pending, coef, 0, gWihT[j], 0, n);
        }
    }

    /** gWhh[r][0..H padded) += sum over the pending steps of a_s[r] h_{s-1}, for r in [0, rows). */
    void addRecurrent(double[][] a, int rows, double[][] gWhh) {
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < pending; s++) {
                coef[s] = a[s][r];
            }
            Simd.axpyRows(prevs, 0, pending, coef, 0, gWhh[r], 0, hp);
        }
    }

    /** Forgets the pending steps (after a flush, or when gradients are zeroed). */
    void clear() {
        pending = 0;
    }
}
