package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Activations;

/**
 * Gated recurrent unit, PyTorch {@code nn.GRU} with one layer and biases (the equations of its
 * documentation, which follow Cho et al. 2014 with the reset gate applied after the recurrent
 * product):
 * <pre>
 *   r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>Parameters (PyTorch names, order and shapes): weight_ih_l0 [3H, I] with row blocks
 * (W_ir | W_iz | W_in), weight_hh_l0 [3H, H] with (W_hr | W_hz | W_hn), bias_ih_l0 [3H] and
 * bias_hh_l0 [3H] in the same gate order; the two biases are separate parameters (b_hn sits
 * inside the reset product, so they are not interchangeable). Initialisation: every entry
 * ~ U(-1/sqrt(H), 1/sqrt(H)) in float32, drawn in that order, as PyTorch's
 * {@code reset_parameters}.
 *
 * <p>Stored state per step (5H entries): h' [0, H), then the cache r [H, 2H), z [2H, 3H),
 * n [3H, 4H) and hn = W_hn h + b_hn [4H, 5H). Only h is carried to the next step.
 *
 * <p>Backward, given dh' (and h the previous state): dn = dh' (1 - z); dz = dh' (h - n);
 * da_n = dn (1 - n^2); da_r = da_n hn r (1 - r); da_z = dz z (1 - z). The input-side
 * pre-activation gradient is gi = (da_r | da_z | da_n), the recurrent-side one
 * gh = (da_r | da_z | r da_n); dW_ih += gi x^T, db_ih += gi, dW_hh += gh h^T, db_hh += gh and
 * dh = dh' z + W_hh^T gh.
 */
public final class GruCell extends SingleLayerCell {
    public GruCell(int inputSize, int hiddenSize) {
        super(inputSize, hiddenSize, 3);
    }

    @Override
    public String kind() {
        return "gru";
    }

    @Override
    public int stateSize() {
        return 5 * hid;
    }

    @Override
    public Kernel newKernel() {
        return new GruKernel();
    }

    private final class GruKernel implements Kernel {
        /** W_ih^T: [I][3H]. */
        final double[][] wihT = new double[in][3 * hid];
        /** W_hh^T: [H][3H]. */
        final double[][] whhT = new double[hid][3 * hid];
        /** W_hh: [3H][H]. */
        final double[][] whh = new double[3 * hid][hid];
        final double[] bih = new double[3 * hid];
        final double[] bhh = new double[3 * hid];
        /** Gradient accumulators, PyTorch shapes. */
        final double[][] gWih = new double[3 * hid][in];
        final double[][] gWhh = new double[3 * hid][hid];
        final double[] gBih = new double[3 * hid];
        final double[] gBhh = new double[3 * hid];
        /** Work arrays: input-side and recurrent-side pre-activations or their gradients. */
        final double[] gi = new double[3 * hid];
        final double[] gh = new double[3 * hid];
        final double[] cand = new double[hid];
        final double[] scratch = new double[hid];

        @Override
        public void load(double[] theta, int off) {
            final int g = 3 * hid;
            for (int r = 0; r < g; r++) {
                for (int j = 0; j < in; j++) {
                    wihT[j][r] = theta[off + r * in + j];
                }
                for (int j = 0; j < hid; j++) {
                    double w = theta[off + offHh() + r * hid + j];
                    whh[r][j] = w;
                    whhT[j][r] = w;
                }
                bih[r] = theta[off + offBih() + r];
                bhh[r] = theta[off + offBhh() + r];
            }
        }

        @Override
        public void forward(double[] x, double[] prev, double[] out) {
            final int h = hid;
            final int g = 3 * h;
            System.arraycopy(bih, 0, gi, 0, g);
            for (int j = 0; j < in; j++) {
                double xj = x[j];
                if (xj != 0.0) {
                    double[] w = wihT[j];
                    for (int r = 0; r < g; r++) {
                        gi[r] += xj * w[r];
                    }
                }
            }
            System.arraycopy(bhh, 0, gh, 0, g);
            for (int j = 0; j < h; j++) {
                double hj = prev[j];
                double[] w = whhT[j];
                for (int r = 0; r < g; r++) {
                    gh[r] += hj * w[r];
                }
            }
            for (int i = 0; i < h; i++) {
                double r = Activations.sigmoid(gi[i] + gh[i]);
                double z = Activations.sigmoid(gi[h + i] + gh[h + i]);
                double hn = gh[2 * h + i];
                out[h + i] = r;
                out[2 * h + i] = z;
                out[4 * h + i] = hn;
                cand[i] = gi[2 * h + i] + r * hn;
            }
            Activations.tanhInPlace(cand, scratch, h);
            for (int i = 0; i < h; i++) {
                double n = cand[i];
                double z = out[2 * h + i];
                out[3 * h + i] = n;
                out[i] = (1.0 - z) * n + z * prev[i];
            }
        }

        @Override
        public void zeroGradient() {
            for (double[] r : gWih) {
                Arrays.fill(r, 0.0);
            }
            for (double[] r : gWhh) {
                Arrays.fill(r, 0.0);
            }
            Arrays.fill(gBih, 0.0);
            Arrays.fill(gBhh, 0.0);
        }

        @Override
        public void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev) {
            final int h = hid;
            final int g = 3 * h;
            for (int i = 0; i < h; i++) {
                double dh = dState[i];
                double r = cur[h + i];
                double z = cur[2 * h + i];
                double n = cur[3 * h + i];
                double hn = cur[4 * h + i];
                double dan = dh * (1.0 - z) * (1.0 - n * n);
                double dar = dan * hn * r * (1.0 - r);
                double daz = dh * (prev[i] - n) * z * (1.0 - z);
                gi[i] = dar;
                gi[h + i] = daz;
                gi[2 * h + i] = dan;
                gh[i] = dar;
                gh[h + i] = daz;
                gh[2 * h + i] = dan * r;
                dPrev[i] = dh * z;
            }
            Arrays.fill(dPrev, h, stateSize(), 0.0);
            for (int r = 0; r < g; r++) {
                double a = gi[r];
                double b = gh[r];
                gBih[r] += a;
                gBhh[r] += b;
                double[] gw = gWih[r];
                for (int j = 0; j < in; j++) {
                    gw[j] += a * x[j];
                }
                if (b != 0.0) {
                    double[] gv = gWhh[r];
                    double[] w = whh[r];
                    for (int j = 0; j < h; j++) {
                        gv[j] += b * prev[j];
                        dPrev[j] += b * w[j];
                    }
                }
            }
        }

        @Override
        public void addGradientTo(double[] grad, int off) {
            final int g = 3 * hid;
            for (int r = 0; r < g; r++) {
                for (int j = 0; j < in; j++) {
                    grad[off + r * in + j] += gWih[r][j];
                }
                for (int j = 0; j < hid; j++) {
                    grad[off + offHh() + r * hid + j] += gWhh[r][j];
                }
                grad[off + offBih() + r] += gBih[r];
                grad[off + offBhh() + r] += gBhh[r];
            }
        }
    }
}
