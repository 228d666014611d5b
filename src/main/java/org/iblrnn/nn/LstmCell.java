package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Activations;
import org.iblrnn.math.Simd;

/**
 * Long short-term memory cell, PyTorch {@code nn.LSTM} with one layer, biases and no projection
 * (the equations of its documentation, Hochreiter and Schmidhuber 1997 with a forget gate):
 * <pre>
 *   i  = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
 *   f  = sigmoid(W_if x + b_if + W_hf h + b_hf)
 *   g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 *   o  = sigmoid(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g
 *   h' = o * tanh(c')
 * </pre>
 *
 * <p>Parameters (PyTorch names, order and shapes): weight_ih_l0 [4H, I] with row blocks
 * (W_ii | W_if | W_ig | W_io), weight_hh_l0 [4H, H] in the same gate order, bias_ih_l0 [4H] and
 * bias_hh_l0 [4H]; both biases are kept and trained separately (their gradients are equal).
 * Initialisation: every entry ~ U(-1/sqrt(H), 1/sqrt(H)) in float32, drawn in that order, as
 * PyTorch's {@code reset_parameters} (no forget-gate bias offset).
 *
 * <p>Stored state per step (7H entries): h' [0, H) (what the readout sees), c' [H, 2H), then the
 * cache i [2H, 3H), f [3H, 4H), g [4H, 5H), o [5H, 6H) and tanh(c') [6H, 7H). The carried state
 * is (h, c), {@link #carriedSize()} = 2H; the initial state is h = c = 0 as in PyTorch.
 *
 * <p>Backward, given dh' and the dc' carried back from the next step:
 * dc = dc' + dh' o (1 - tanh(c')^2); da_i = dc g i (1 - i); da_f = dc c f (1 - f);
 * da_g = dc i (1 - g^2); da_o = dh' tanh(c') o (1 - o). With da = (da_i | da_f | da_g | da_o):
 * dW_ih += da x^T, dW_hh += da h^T, db_ih = db_hh += da, dh = W_hh^T da and dc_prev = dc f.
 *
 * <p>Speed: the products run on {@link Simd}'s fused multiply-add kernel, as in
 * {@link TanhRnnCell}: the forward pass sums the rows of W_ih^T then W_hh^T (4H long, whole
 * vectors) scaled by x and h, each pre-activation one chain of fused multiply-adds starting from
 * b_ih + b_hh; the backward pass sums the rows of W_hh (padded to whole vectors) scaled by da;
 * the outer-product gradients are deferred and accumulated up to 60 steps per pass (h_{t-1}
 * arrays at least H padded long are used in place, shorter ones copied).
 */
public final class LstmCell extends SingleLayerCell {
    public LstmCell(int inputSize, int hiddenSize) {
        super(inputSize, hiddenSize, 4);
    }

    @Override
    public String kind() {
        return "lstm";
    }

    @Override
    public int stateSize() {
        return 7 * hid;
    }

    /** h and c: 2H. */
    @Override
    public int carriedSize() {
        return 2 * hid;
    }

    @Override
    public Kernel newKernel() {
        return new LstmKernel();
    }

    private final class LstmKernel implements Kernel {
        /** H rounded up to whole vectors; 4H is always whole vectors. */
        final int hp = Simd.padded(hid);
        final int g4 = 4 * hid;
        /** W_ih^T: [I][4H]. */
        final double[][] wihT = new double[in][g4];
        /** W_hh^T: [H][4H]. */
        final double[][] whhT = new double[hid][g4];
        /** W_hh: [4H][H padded]. */
        final double[][] whh = new double[g4][hp];
        /** b_ih + b_hh: [4H]. */
        final double[] bias = new double[g4];
        /** The rows of W_ih^T then those of W_hh^T, and their coefficients (x, h). */
        final double[][] wT = new double[in + hid][];
        final double[] coefXh = new double[in + hid];
        /** Gradient accumulators: W_ih transposed [I][4H], W_hh [4H][H padded]; one bias gradient serves both biases. */
        final double[][] gWihT = new double[in][g4];
        final double[][] gWhh = new double[g4][hp];
        final double[] gB = new double[g4];
        /** Work arrays: gate pre-activations, tanh buffers, dh. */
        final double[] a = new double[g4];
        final double[] tg = new double[hid];
        final double[] tc = new double[hid];
        final double[] scratch = new double[hid];
        final double[] dhBuf = new double[hp];
        /** Deferred outer products: da_t rows, one per slot. */
        final double[][] das = new double[DeferredOuterProducts.DEFER][g4];
        final DeferredOuterProducts outer = new DeferredOuterProducts(hid);

        LstmKernel() {
            System.arraycopy(wihT, 0, wT, 0, in);
            System.arraycopy(whhT, 0, wT, in, hid);
        }

        @Override
        public void load(double[] theta, int off) {
            final int g = g4;
            for (int r = 0; r < g; r++) {
                for (int j = 0; j < in; j++) {
                    wihT[j][r] = theta[off + r * in + j];
                }
                for (int j = 0; j < hid; j++) {
                    double w = theta[off + offHh() + r * hid + j];
                    whh[r][j] = w;
                    whhT[j][r] = w;
                }
                bias[r] = theta[off + offBih() + r] + theta[off + offBhh() + r];
            }
        }

        @Override
        public void forward(double[] x, double[] prev, double[] out) {
            final int h = hid;
            // a = b + W_ih x + W_hh h: one chain per gate from the bias, over the inputs then the units
            System.arraycopy(bias, 0, a, 0, g4);
            System.arraycopy(x, 0, coefXh, 0, in);
            System.arraycopy(prev, 0, coefXh, in, h);
            Simd.axpyRows(wT, 0, in + h, coefXh, 0, a, 0, g4);
            System.arraycopy(a, 2 * h, tg, 0, h);
            Activations.tanhInPlace(tg, scratch, h);
            for (int k = 0; k < h; k++) {
                double ig = Activations.sigmoid(a[k]);
                double fg = Activations.sigmoid(a[h + k]);
                double og = Activations.sigmoid(a[3 * h + k]);
                double gg = tg[k];
                out[2 * h + k] = ig;
                out[3 * h + k] = fg;
                out[4 * h + k] = gg;
                out[5 * h + k] = og;
                tc[k] = fg * prev[h + k] + ig * gg;
            }
            System.arraycopy(tc, 0, out, h, h);
            Activations.tanhInPlace(tc, scratch, h);
            for (int k = 0; k < h; k++) {
                out[6 * h + k] = tc[k];
                out[k] = out[5 * h + k] * tc[k];
            }
        }

        @Override
        public void zeroGradient() {
            for (double[] r : gWihT) {
                Arrays.fill(r, 0.0);
            }
            for (double[] r : gWhh) {
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
            final double[] d = das[outer.slot()];
            for (int k = 0; k < h; k++) {
                double dh = dState[k];
                double ig = cur[2 * h + k];
                double fg = cur[3 * h + k];
                double gg = cur[4 * h + k];
                double og = cur[5 * h + k];
                double tck = cur[6 * h + k];
                double dc = dState[h + k] + dh * og * (1.0 - tck * tck);
                d[k] = dc * gg * ig * (1.0 - ig);
                d[h + k] = dc * prev[h + k] * fg * (1.0 - fg);
                d[2 * h + k] = dc * ig * (1.0 - gg * gg);
                d[3 * h + k] = dh * tck * og * (1.0 - og);
                dPrev[h + k] = dc * fg;
            }
            outer.push(x, prev);
            // dL/dh = W_hh^T da: the rows of W_hh scaled by da
            Arrays.fill(dhBuf, 0.0);
            Simd.axpyRows(whh, 0, g4, d, 0, dhBuf, 0, hp);
            System.arraycopy(dhBuf, 0, dPrev, 0, h);
            Arrays.fill(dPrev, 2 * h, dPrev.length, 0.0);
        }

        /** Accumulates the outer products of the pending steps, one pass over each gradient row. */
        private void flush() {
            outer.addBias(das, gB, g4);
            outer.addInput(das, gWihT, g4);
            outer.addRecurrent(das, g4, gWhh);
            outer.clear();
        }

        @Override
        public void addGradientTo(double[] grad, int off) {
            if (outer.pending() != 0) {
                flush();
            }
            for (int r = 0; r < g4; r++) {
                for (int j = 0; j < in; j++) {
                    grad[off + r * in + j] += gWihT[j][r];
                }
                for (int j = 0; j < hid; j++) {
                    grad[off + offHh() + r * hid + j] += gWhh[r][j];
                }
                grad[off + offBih() + r] += gB[r];
                grad[off + offBhh() + r] += gB[r];
            }
        }
    }
}
