package org.iblrnn.nn;

/**
 * The linear softmax readout's arithmetic, shared by every float64 forward path so that they
 * agree to the bit: logits z_o = w_o . h + b_o, probabilities = softmax(z). (The float32
 * {@link FloatTape} computes its dot products in float and shares the softmax.)
 */
public final class Readout {
    private Readout() {
    }

    /**
     * Dot product of {@code w[0..n)} and {@code h[0..n)} with four interleaved accumulators,
     * summed as (a0 + a1) + (a2 + a3).
     */
    public static double dot(double[] w, double[] h, int n) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 += w[i] * h[i];
            a1 += w[i + 1] * h[i + 1];
            a2 += w[i + 2] * h[i + 2];
            a3 += w[i + 3] * h[i + 3];
        }
        for (; i < n; i++) {
            a0 += w[i] * h[i];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /**
     * Two-way softmax of logits (z0, z1) into {@code p[off]}, {@code p[off + 1]}: p1 = sigmoid(z1 - z0)
     * and p0 = sigmoid(z0 - z1), each computed without cancellation.
     */
    public static void softmax2(double z0, double z1, double[] p, int off) {
        double d = z1 - z0;
        double e = Math.exp(-Math.abs(d));
        double big = 1.0 / (1.0 + e);
        double small = e / (1.0 + e);
        p[off] = d >= 0 ? small : big;
        p[off + 1] = d >= 0 ? big : small;
    }

    /**
     * Softmax of the logits {@code z[off..off+k)} into {@code p[off..off+k)}: exp(z - max) over
     * their sum.
     */
    public static void softmax(double[] z, double[] p, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < k; o++) {
            max = Math.max(max, z[off + o]);
        }
        double sum = 0;
        for (int o = 0; o < k; o++) {
            double e = Math.exp(z[off + o] - max);
            p[off + o] = e;
            sum += e;
        }
        for (int o = 0; o < k; o++) {
            p[off + o] /= sum;
        }
    }
}
