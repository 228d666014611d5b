package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Activations;

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
 * <p>Speed: all inner loops are 0-based loops over separate row arrays, the form HotSpot C2
 * vectorises (on JDK 17 it does not vectorise loops over one flat array with two different
 * offsets). The forward pass runs on W_hh^T so each input unit contributes an axpy; the backward
 * pass runs on W_hh so dh_{t-1} is a sum of axpys; the outer-product gradients are deferred to
 * the end of the sequence and accumulated five steps at a time. A loop body of up to five
 * products is vectorised by JDK 17 C2, six or more are not, and neither are loops that store
 * into two arrays (so stepping several sessions in one loop, one output array each, is slower).
 * The backward pass groups five rows (50 = 10 x 5); the forward pass keeps its four-row groups,
 * because the forward arithmetic is shared with the agents and analyses and is kept
 * bit-identical to earlier versions (its fused passes add in the same order as before).
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

    private final class RnnKernel implements Kernel {
        /** W_ih^T: [I][H]. */
        final double[][] wihT = new double[in][hid];
        /** W_hh^T: [H][H], row j = column j of W_hh. */
        final double[][] whhT = new double[hid][hid];
        /** W_hh: [H][H]. */
        final double[][] whh = new double[hid][hid];
        /** b_ih + b_hh: [H]. */
        final double[] bias = new double[hid];
        /** Gradient accumulators. */
        final double[][] gWhh = new double[hid][hid];
        /** Gradient of W_ih, transposed: [I][H]. */
        final double[][] gWihT = new double[in][hid];
        final double[] gB = new double[hid];
        /** Work array of the vectorised tanh. */
        final double[] scratch = new double[hid];
        /** Deferred outer products: da_t rows and references to h_{t-1}, x_t rows. */
        double[][] da = new double[60][];
        double[][] hp = new double[60][];
        double[][] xs = new double[60][];
        int pending;

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
            final int h = hid;
            int j = 0;
            if (in == 3 && x[0] != 0.0 && x[1] != 0.0 && x[2] != 0.0) {
                // the common case in one pass: the same additions, in the same order, as the
                // general path below
                double x0 = x[0];
                double x1 = x[1];
                double x2 = x[2];
                double[] v0 = wihT[0];
                double[] v1 = wihT[1];
                double[] v2 = wihT[2];
                double[] b = bias;
                for (int i = 0; i < h; i++) {
                    out[i] = ((b[i] + x0 * v0[i]) + x1 * v1[i]) + x2 * v2[i];
                }
            } else {
                System.arraycopy(bias, 0, out, 0, h);
                for (int c = 0; c < in; c++) {
                    double xc = x[c];
                    if (xc != 0.0) {
                        double[] w = wihT[c];
                        for (int i = 0; i < h; i++) {
                            out[i] += xc * w[i];
                        }
                    }
                }
            }
            for (; j + 3 < h; j += 4) {
                double h0 = prev[j];
                double h1 = prev[j + 1];
                double h2 = prev[j + 2];
                double h3 = prev[j + 3];
                double[] w0 = whhT[j];
                double[] w1 = whhT[j + 1];
                double[] w2 = whhT[j + 2];
                double[] w3 = whhT[j + 3];
                for (int i = 0; i < h; i++) {
                    out[i] += h0 * w0[i] + h1 * w1[i] + h2 * w2[i] + h3 * w3[i];
                }
            }
            if (h - j == 2) {
                // two remaining rows in one pass, still added one after the other
                double h0 = prev[j];
                double h1 = prev[j + 1];
                double[] w0 = whhT[j];
                double[] w1 = whhT[j + 1];
                for (int i = 0; i < h; i++) {
                    out[i] = (out[i] + h0 * w0[i]) + h1 * w1[i];
                }
                j += 2;
            }
            for (; j < h; j++) {
                double hj = prev[j];
                double[] w = whhT[j];
                for (int i = 0; i < h; i++) {
                    out[i] += hj * w[i];
                }
            }
            Activations.tanhInPlace(out, scratch, h);
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
            pending = 0;
        }

        @Override
        public void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev) {
            final int h = hid;
            if (pending == da.length) {
                flush();
            }
            double[] d = da[pending];
            if (d == null) {
                d = new double[h];
                da[pending] = d;
            }
            for (int i = 0; i < h; i++) {
                double hi = cur[i];
                d[i] = dState[i] * (1.0 - hi * hi);
            }
            hp[pending] = prev;
            xs[pending] = x;
            pending++;
            // dL/dh_{t-1} = W_hh^T da as sums of five-row axpys (five products per pass is the most
            // that JDK 17 C2 still vectorises; 50 = 10 x 5 leaves no remainder)
            int i = 0;
            if (h >= 5) {
                double d0 = d[0];
                double d1 = d[1];
                double d2 = d[2];
                double d3 = d[3];
                double d4 = d[4];
                double[] w0 = whh[0];
                double[] w1 = whh[1];
                double[] w2 = whh[2];
                double[] w3 = whh[3];
                double[] w4 = whh[4];
                for (int j = 0; j < h; j++) {
                    dPrev[j] = d0 * w0[j] + d1 * w1[j] + d2 * w2[j] + d3 * w3[j] + d4 * w4[j];
                }
                i = 5;
            } else {
                Arrays.fill(dPrev, 0, h, 0.0);
            }
            for (; i + 4 < h; i += 5) {
                double d0 = d[i];
                double d1 = d[i + 1];
                double d2 = d[i + 2];
                double d3 = d[i + 3];
                double d4 = d[i + 4];
                double[] w0 = whh[i];
                double[] w1 = whh[i + 1];
                double[] w2 = whh[i + 2];
                double[] w3 = whh[i + 3];
                double[] w4 = whh[i + 4];
                for (int j = 0; j < h; j++) {
                    dPrev[j] += d0 * w0[j] + d1 * w1[j] + d2 * w2[j] + d3 * w3[j] + d4 * w4[j];
                }
            }
            for (; i < h; i++) {
                double di = d[i];
                double[] w = whh[i];
                for (int j = 0; j < h; j++) {
                    dPrev[j] += di * w[j];
                }
            }
        }

        /** Accumulates the outer products of the pending steps, five steps per pass over gW. */
        private void flush() {
            final int h = hid;
            int n = pending;
            // bias and input-weight gradients, five steps per pass
            int r = 0;
            for (; r + 4 < n; r += 5) {
                double[] d0 = da[r];
                double[] d1 = da[r + 1];
                double[] d2 = da[r + 2];
                double[] d3 = da[r + 3];
                double[] d4 = da[r + 4];
                double[] gb = gB;
                for (int i = 0; i < h; i++) {
                    gb[i] += d0[i] + d1[i] + d2[i] + d3[i] + d4[i];
                }
                for (int j = 0; j < in; j++) {
                    double x0 = xs[r][j];
                    double x1 = xs[r + 1][j];
                    double x2 = xs[r + 2][j];
                    double x3 = xs[r + 3][j];
                    double x4 = xs[r + 4][j];
                    double[] g = gWihT[j];
                    for (int i = 0; i < h; i++) {
                        g[i] += d0[i] * x0 + d1[i] * x1 + d2[i] * x2 + d3[i] * x3 + d4[i] * x4;
                    }
                }
            }
            for (; r < n; r++) {
                double[] d = da[r];
                double[] x = xs[r];
                double[] gb = gB;
                for (int i = 0; i < h; i++) {
                    gb[i] += d[i];
                }
                for (int j = 0; j < in; j++) {
                    double xj = x[j];
                    double[] g = gWihT[j];
                    for (int i = 0; i < h; i++) {
                        g[i] += d[i] * xj;
                    }
                }
            }
            int s = 0;
            for (; s + 4 < n; s += 5) {
                double[] d0 = da[s];
                double[] d1 = da[s + 1];
                double[] d2 = da[s + 2];
                double[] d3 = da[s + 3];
                double[] d4 = da[s + 4];
                double[] p0 = hp[s];
                double[] p1 = hp[s + 1];
                double[] p2 = hp[s + 2];
                double[] p3 = hp[s + 3];
                double[] p4 = hp[s + 4];
                for (int i = 0; i < h; i++) {
                    double a0 = d0[i];
                    double a1 = d1[i];
                    double a2 = d2[i];
                    double a3 = d3[i];
                    double a4 = d4[i];
                    double[] g = gWhh[i];
                    for (int j = 0; j < h; j++) {
                        g[j] += a0 * p0[j] + a1 * p1[j] + a2 * p2[j] + a3 * p3[j] + a4 * p4[j];
                    }
                }
            }
            for (; s < n; s++) {
                double[] d = da[s];
                double[] p = hp[s];
                for (int i = 0; i < h; i++) {
                    double a = d[i];
                    double[] g = gWhh[i];
                    for (int j = 0; j < h; j++) {
                        g[j] += a * p[j];
                    }
                }
            }
            pending = 0;
        }

        @Override
        public void addGradientTo(double[] grad, int off) {
            if (pending != 0) {
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
