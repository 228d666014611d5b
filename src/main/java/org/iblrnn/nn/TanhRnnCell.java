package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Activations;
import org.iblrnn.math.Simd;

/**
 * Vanilla tanh RNN cell, PyTorch {@code nn.RNN} with one layer:
 * h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh).
 *
 * <p>Parameters (PyTorch order, shapes): weight_ih_l0 [H, I], weight_hh_l0 [H, H],
 * bias_ih_l0 [H], bias_hh_l0 [H]; both biases are kept and trained separately as in the paper's
 * code. Initialisation: every entry ~ U(-1/sqrt(H), 1/sqrt(H)), drawn in that order and rounded
 * to float32 as PyTorch draws them.
 *
 * <p>Backward, with a_t the pre-activation: da_t = dh_t * (1 - h_t^2);
 * dW_hh = sum_t da_t h_{t-1}^T; dW_ih = sum_t da_t x_t^T; db_ih = db_hh = sum_t da_t;
 * dh_{t-1} = W_hh^T da_t.
 *
 * <p>Speed: the products run on {@link Simd}'s fused multiply-add kernels over rows padded to a
 * whole number of 4-lane vectors (H = 50 is stored as 52): the forward pass sums the rows of
 * W_ih^T and W_hh^T scaled by x and h_{t-1}; the backward pass sums the rows of W_hh scaled by
 * da_t; the outer-product gradients are deferred and accumulated up to 60 steps per pass. Each
 * pre-activation is one chain of fused multiply-adds starting from 0: the hidden units in order,
 * then b_ih + b_hh (times 1), then the inputs in order, whichever implementation of {@link Simd}
 * runs it.
 * State arrays at least {@link #paddedSize()} long are used in place (the {@link Tape} allocates
 * them so); shorter ones (agents, analyses) go through a padded copy, with the same bits.
 */
public final class TanhRnnCell extends SingleLayerCell {
    public TanhRnnCell(int inputSize, int hiddenSize) {
        super(inputSize, hiddenSize, 1);
    }

    @Override
    public String kind() {
        return "rnn";
    }

    @Override
    public int stateSize() {
        return hid;
    }

    @Override
    public Kernel newKernel() {
        return new RnnKernel();
    }

    /** H rounded up to whole vectors: the length of the kernel's rows and working arrays. */
    public int paddedSize() {
        return Simd.padded(hid);
    }

    private final class RnnKernel implements Kernel {
        final int hp = Simd.padded(hid);
        /** W_ih^T: [I][HP]. */
        final double[][] wihT = new double[in][hp];
        /** W_hh^T: [H][HP], row j = column j of W_hh. */
        final double[][] whhT = new double[hid][hp];
        /** W_hh: [H][HP]. */
        final double[][] whh = new double[hid][hp];
        /** b_ih + b_hh: [HP]. */
        final double[] bias = new double[hp];
        /** Gradient of W_hh: [H][HP]. */
        final double[][] gWhh = new double[hid][hp];
        /** Gradient of W_ih, transposed: [I][HP]. */
        final double[][] gWihT = new double[in][hp];
        final double[] gB = new double[hp];
        /** Work arrays: the tanh's, padded copies for short state arrays. */
        final double[] scratch = new double[hp];
        final double[] outBuf = new double[hp];
        final double[] dPrevBuf = new double[hp];
        /** The bias row and the rows of W_ih^T, and their coefficients (1, x). */
        final double[][] biasAndWihT = new double[1 + in][];
        final double[] coefIn = new double[1 + in];
        /** Deferred outer products: da_t rows, one per slot. */
        final double[][] da = new double[DeferredOuterProducts.DEFER][hp];
        final DeferredOuterProducts outer = new DeferredOuterProducts(hid);

        RnnKernel() {
            biasAndWihT[0] = bias;
            System.arraycopy(wihT, 0, biasAndWihT, 1, in);
        }

        @Override
        public void load(double[] theta, int off) {
            for (int i = 0; i < hid; i++) {
                for (int j = 0; j < in; j++) {
                    wihT[j][i] = theta[off + i * in + j];
                }
                for (int j = 0; j < hid; j++) {
                    double w = theta[off + offHh() + i * hid + j];
                    whh[i][j] = w;
                    whhT[j][i] = w;
                }
                bias[i] = theta[off + offBih() + i] + theta[off + offBhh() + i];
            }
        }

        @Override
        public void forward(double[] x, double[] prev, double[] out) {
            double[] o = out.length >= hp ? out : outBuf;
            Arrays.fill(o, 0, hp, 0.0);
            Simd.axpyRows(whhT, 0, hid, prev, 0, o, 0, hp);
            coefIn[0] = 1.0;
            System.arraycopy(x, 0, coefIn, 1, in);
            Simd.axpyRows(biasAndWihT, 0, 1 + in, coefIn, 0, o, 0, hp);
            Activations.tanhInPlace(o, scratch, hid);
            if (o != out) {
                System.arraycopy(o, 0, out, 0, hid);
            }
        }

        @Override
        public void zeroGradient() {
            for (double[] r : gWhh) {
                Arrays.fill(r, 0.0);
            }
            for (double[] r : gWihT) {
                Arrays.fill(r, 0.0);
            }
            Arrays.fill(gB, 0.0);
            outer.clear();
        }

        @Override
        public void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev) {
            final int h = hid;
            if (outer.full()) {
                flush();
            }
            double[] d = da[outer.slot()];
            for (int i = 0; i < h; i++) {
                double hi = cur[i];
                d[i] = dState[i] * (1.0 - hi * hi);
            }
            outer.push(x, prev);
            // dL/dh_{t-1} = W_hh^T da: the rows of W_hh scaled by da
            double[] o = dPrev.length >= hp ? dPrev : dPrevBuf;
            Arrays.fill(o, 0, hp, 0.0);
            Simd.axpyRows(whh, 0, h, d, 0, o, 0, hp);
            if (o != dPrev) {
                System.arraycopy(o, 0, dPrev, 0, h);
            }
        }

        /** Accumulates the outer products of the pending steps, one pass over each gradient row. */
        private void flush() {
            outer.addBias(da, gB, hp);
            outer.addInput(da, gWihT, hp);
            outer.addRecurrent(da, hid, gWhh);
            outer.clear();
        }

        @Override
        public void addGradientTo(double[] grad, int off) {
            if (outer.pending() != 0) {
                flush();
            }
            for (int i = 0; i < hid; i++) {
                for (int j = 0; j < in; j++) {
                    grad[off + i * in + j] += gWihT[j][i];
                }
                for (int j = 0; j < hid; j++) {
                    grad[off + offHh() + i * hid + j] += gWhh[i][j];
                }
                grad[off + offBih() + i] += gB[i];
                grad[off + offBhh() + i] += gB[i];
            }
        }
    }
}
