package org.iblrnn.nn;

/**
 * A deliberately naive tanh RNN + softmax readout with textbook BPTT, written from the equations
 * of reference-spec 3.1 independently of {@link Tape} and {@link TanhRnnCell}: plain index loops
 * over the flat PyTorch layout, {@link Math#tanh}, no reordering or deferral. Test oracle.
 *
 * <p>Layout (PyTorch order): W_ih [H][I], W_hh [H][H], b_ih [H], b_hh [H], W_out [K][H], b_out [K].
 */
public final class ReferenceRnn {
    private final int in;
    private final int hid;
    private final int out;

    public ReferenceRnn(ModelConfig c) {
        this.in = c.inputSize();
        this.hid = c.hiddenSize();
        this.out = c.outputSize();
    }

    private int wih(int i, int j) {
        return i * in + j;
    }

    private int whh(int i, int j) {
        return hid * in + i * hid + j;
    }

    private int bih(int i) {
        return hid * in + hid * hid + i;
    }

    private int bhh(int i) {
        return hid * in + hid * hid + hid + i;
    }

    private int wout(int o, int i) {
        return hid * in + hid * hid + 2 * hid + o * hid + i;
    }

    private int bout(int o) {
        return hid * in + hid * hid + 2 * hid + out * hid + o;
    }

    /** Hidden states h_0..h_T, shape [T+1][H], h_0 = 0. */
    public double[][] hidden(double[] theta, OpenLoop seq) {
        int steps = seq.length();
        double[][] h = new double[steps + 1][hid];
        for (int t = 0; t < steps; t++) {
            double[] x = seq.input(t);
            for (int i = 0; i < hid; i++) {
                double a = theta[bih(i)] + theta[bhh(i)];
                for (int j = 0; j < in; j++) {
                    a += theta[wih(i, j)] * x[j];
                }
                for (int j = 0; j < hid; j++) {
                    a += theta[whh(i, j)] * h[t][j];
                }
                h[t + 1][i] = Math.tanh(a);
            }
        }
        return h;
    }

    /** Softmax probabilities of step t given its hidden vector. */
    public double[] probs(double[] theta, double[] h) {
        double[] z = new double[out];
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < out; o++) {
            z[o] = theta[bout(o)];
            for (int i = 0; i < hid; i++) {
                z[o] += theta[wout(o, i)] * h[i];
            }
            max = Math.max(max, z[o]);
        }
        double sum = 0;
        double[] p = new double[out];
        for (int o = 0; o < out; o++) {
            p[o] = Math.exp(z[o] - max);
            sum += p[o];
        }
        for (int o = 0; o < out; o++) {
            p[o] /= sum;
        }
        return p;
    }

    /** scale * sum_t w_t l_t. */
    public double loss(double[] theta, OpenLoop seq, Loss loss, double scale) {
        double[][] h = hidden(theta, seq);
        double sum = 0;
        for (int t = 0; t < seq.length(); t++) {
            if (seq.weight(t) != 0.0) {
                double[] p = probs(theta, h[t + 1]);
                double pc = p[seq.target(t)];
                sum += seq.weight(t) * (loss == Loss.PROB ? -pc : -Math.log(pc));
            }
        }
        return scale * sum;
    }

    /** Gradient of {@link #loss} by textbook BPTT. */
    public double[] gradient(double[] theta, OpenLoop seq, Loss loss, double scale) {
        int steps = seq.length();
        double[][] h = hidden(theta, seq);
        double[] g = new double[theta.length];
        double[] dhNext = new double[hid];
        for (int t = steps - 1; t >= 0; t--) {
            double[] dh = dhNext.clone();
            double w = seq.weight(t);
            if (w != 0.0) {
                double[] p = probs(theta, h[t + 1]);
                int c = seq.target(t);
                for (int o = 0; o < out; o++) {
                    double ind = o == c ? 1.0 : 0.0;
                    // d(-p_c)/dz_o = -p_c (1[o=c] - p_o); d(-log p_c)/dz_o = p_o - 1[o=c]
                    double dz = scale * w * (loss == Loss.PROB ? -p[c] * (ind - p[o]) : p[o] - ind);
                    g[bout(o)] += dz;
                    for (int i = 0; i < hid; i++) {
                        g[wout(o, i)] += dz * h[t + 1][i];
                        dh[i] += dz * theta[wout(o, i)];
                    }
                }
            }
            double[] x = seq.input(t);
            double[] da = new double[hid];
            for (int i = 0; i < hid; i++) {
                da[i] = dh[i] * (1 - h[t + 1][i] * h[t + 1][i]);
                g[bih(i)] += da[i];
                g[bhh(i)] += da[i];
                for (int j = 0; j < in; j++) {
                    g[wih(i, j)] += da[i] * x[j];
                }
                for (int j = 0; j < hid; j++) {
                    g[whh(i, j)] += da[i] * h[t][j];
                }
            }
            dhNext = new double[hid];
            for (int j = 0; j < hid; j++) {
                for (int i = 0; i < hid; i++) {
                    dhNext[j] += theta[whh(i, j)] * da[i];
                }
            }
        }
        return g;
    }
}
