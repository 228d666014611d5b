package org.iblrnn.nn;

/**
 * Deliberately naive single steps of PyTorch's {@code nn.GRU} and {@code nn.LSTM} (one layer,
 * biases), written gate by gate from the equations of PyTorch's documentation, independently of
 * {@link GruCell} and {@link LstmCell}: scalar loops over the flat PyTorch layout
 * (weight_ih_l0 [G H, I], weight_hh_l0 [G H, H], bias_ih_l0 [G H], bias_hh_l0 [G H], gate blocks
 * of H rows each), {@link Math#tanh} and 1 / (1 + exp(-a)). Test oracle.
 */
public final class ReferenceCells {
    private ReferenceCells() {
    }

    private static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * Pre-activation of gate row {@code row} (0 .. G H - 1), input side and recurrent side
     * separately: {W_ih[row] . x + b_ih[row], W_hh[row] . h + b_hh[row]}.
     */
    private static double[] gate(double[] theta, int gates, int in, int hid, int row, double[] x, double[] h) {
        int offHh = gates * hid * in;
        int offBih = offHh + gates * hid * hid;
        int offBhh = offBih + gates * hid;
        double si = theta[offBih + row];
        for (int j = 0; j < in; j++) {
            si += theta[row * in + j] * x[j];
        }
        double sh = theta[offBhh + row];
        for (int j = 0; j < hid; j++) {
            sh += theta[offHh + row * hid + j] * h[j];
        }
        return new double[] {si, sh};
    }

    /**
     * One GRU step: returns {h', r, z, n} as a [4][H] array.
     * r = sigma(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
     * h' = (1 - z) n + z h; gate rows ordered (r | z | n).
     */
    public static double[][] gru(double[] theta, int in, int hid, double[] x, double[] h) {
        double[][] out = new double[4][hid];
        for (int k = 0; k < hid; k++) {
            double[] ar = gate(theta, 3, in, hid, k, x, h);
            double[] az = gate(theta, 3, in, hid, hid + k, x, h);
            double[] an = gate(theta, 3, in, hid, 2 * hid + k, x, h);
            double r = sigmoid(ar[0] + ar[1]);
            double z = sigmoid(az[0] + az[1]);
            double n = Math.tanh(an[0] + r * an[1]);
            out[0][k] = (1 - z) * n + z * h[k];
            out[1][k] = r;
            out[2][k] = z;
            out[3][k] = n;
        }
        return out;
    }

    /**
     * One LSTM step from (h, c): returns {h', c', i, f, g, o} as a [6][H] array.
     * i, f, o = sigma(.), g = tanh(.) of W_i* x + b_i* + W_h* h + b_h*, gate rows ordered
     * (i | f | g | o); c' = f c + i g, h' = o tanh(c').
     */
    public static double[][] lstm(double[] theta, int in, int hid, double[] x, double[] h, double[] c) {
        double[][] out = new double[6][hid];
        for (int k = 0; k < hid; k++) {
            double[] ai = gate(theta, 4, in, hid, k, x, h);
            double[] af = gate(theta, 4, in, hid, hid + k, x, h);
            double[] ag = gate(theta, 4, in, hid, 2 * hid + k, x, h);
            double[] ao = gate(theta, 4, in, hid, 3 * hid + k, x, h);
            double i = sigmoid(ai[0] + ai[1]);
            double f = sigmoid(af[0] + af[1]);
            double g = Math.tanh(ag[0] + ag[1]);
            double o = sigmoid(ao[0] + ao[1]);
            double c2 = f * c[k] + i * g;
            out[0][k] = o * Math.tanh(c2);
            out[1][k] = c2;
            out[2][k] = i;
            out[3][k] = f;
            out[4][k] = g;
            out[5][k] = o;
        }
        return out;
    }
}
