package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Activations;
import org.iblrnn.math.Simd;

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
 *
 * <p>Speed: the products run on {@link Simd}'s fused multiply-add kernel over rows padded to a
 * whole number of 4-lane vectors, as in {@link TanhRnnCell}: the forward pass sums the rows of
 * W_ih^T and W_hh^T (3H long) scaled by x and h, each pre-activation one chain of fused
 * multiply-adds starting from its bias; the backward pass sums the rows of W_hh scaled by gh,
 * starting from dh' z; the outer-product gradients are deferred and accumulated up to 60 steps
 * per pass (h_{t-1} arrays at least H padded long are used in place, shorter ones copied).
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
        /** H and 3H rounded up to whole vectors: the lengths of the kernel's rows. */
        final int hp = Simd.padded(hid);
        final int gp = Simd.padded(3 * hid);
        /** W_ih^T: [I][3H padded]. */
        final double[][] wihT = new double[in][gp];
        /** W_hh^T: [H][3H padded]. */
        final double[][] whhT = new double[hid][gp];
        /** W_hh: [3H][H padded]. */
        final double[][] whh = new double[3 * hid][hp];
        final double[] bih = new double[gp];
        final double[] bhh = new double[gp];
        /** Gradient accumulators: W_ih transposed [I][3H padded], W_hh [3H][H padded]. */
        final double[][] gWihT = new double[in][gp];
        final double[][] gWhh = new double[3 * hid][hp];
        final double[] gBih = new double[gp];
        final double[] gBhh = new double[gp];
        /** Work arrays: input-side and recurrent-side pre-activations, tanh buffers, dh. */
        final double[] gi = new double[gp];
        final double[] gh = new double[gp];
        final double[] cand = new double[hid];
        final double[] scratch = new double[hid];
        final double[] dhBuf = new double[hp];
        /** Deferred outer products: gi_t and gh_t rows, one per slot. */
        final double[][] gis = new double[DeferredOuterProducts.DEFER][gp];
        final double[][] ghs = new double[DeferredOuterProducts.DEFER][gp];
        final DeferredOuterProducts outer = new DeferredOuterProducts(hid);

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
            // gi = b_ih + W_ih x, gh = b_hh + W_hh h: chains from the bias over the inputs / units in order
            System.arraycopy(bih, 0, gi, 0, gp);
            Simd.axpyRows(wihT, 0, in, x, 0, gi, 0, gp);
            System.arraycopy(bhh, 0, gh, 0, gp);
            Simd.axpyRows(whhT, 0, h, prev, 0, gh, 0, gp);
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
            for (double[] r : gWihT) {
                Arrays.fill(r, 0.0);
            }
            for (double[] r : gWhh) {
                Arrays.fill(r, 0.0);
            }
            Arrays.fill(gBih, 0.0);
            Arrays.fill(gBhh, 0.0);
            outer.clear();
        }

        @Override
        public void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev) {
            final int h = hid;
            if (outer.full()) {
                flush();
            }
            final double[] ai = gis[outer.slot()];
            final double[] ah = ghs[outer.slot()];
            final double[] dh0 = dhBuf;
            for (int i = 0; i < h; i++) {
                double dh = dState[i];
                double r = cur[h + i];
                double z = cur[2 * h + i];
                double n = cur[3 * h + i];
                double hn = cur[4 * h + i];
                double dan = dh * (1.0 - z) * (1.0 - n * n);
                double dar = dan * hn * r * (1.0 - r);
                double daz = dh * (prev[i] - n) * z * (1.0 - z);
                ai[i] = dar;
                ai[h + i] = daz;
                ai[2 * h + i] = dan;
                ah[i] = dar;
                ah[h + i] = daz;
                ah[2 * h + i] = dan * r;
                dh0[i] = dh * z;
            }
            Arrays.fill(dh0, h, hp, 0.0);
            outer.push(x, prev);
            // dL/dh = dh' z + W_hh^T gh: the rows of W_hh scaled by gh
            Simd.axpyRows(whh, 0, 3 * h, ah, 0, dh0, 0, hp);
            System.arraycopy(dh0, 0, dPrev, 0, h);
            Arrays.fill(dPrev, h, dPrev.length, 0.0);
        }

        /** Accumulates the outer products of the pending steps, one pass over each gradient row. */
        private void flush() {
            outer.addBias(gis, gBih, gp);
            outer.addBias(ghs, gBhh, gp);
            outer.addInput(gis, gWihT, gp);
            outer.addRecurrent(ghs, 3 * hid, gWhh);
            outer.clear();
        }

        @Override
        public void addGradientTo(double[] grad, int off) {
            if (outer.pending() != 0) {
                flush();
            }
            final int g = 3 * hid;
            for (int r = 0; r < g; r++) {
                for (int j = 0; j < in; j++) {
                    grad[off + r * in + j] += gWihT[j][r];
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
