package org.iblrnn.analysis.choice;

/**
 * The compressive contrast transform of the psychometric core: f_k(c) = tanh(k c) / tanh(k) for
 * signed contrast c in [-1, 1], so f(0) = 0, f(±1) = ±1, and k sets the compression (k → 0 is
 * linear in c; IBL contrasts 0.0625 … 1 are best fitted with k of a few units, since a mouse's
 * performance saturates well below full contrast). Models fit k; the GLM-HMM uses the fixed
 * {@link #GLM_HMM_K}.
 */
public final class ContrastTransform {
    private ContrastTransform() {
    }

    /** The GLM-HMM's fixed compression (the median k of the psychometric fits to the 54 mice is near it). */
    public static final double GLM_HMM_K = 5.0;

    /** Smallest and largest k a fit may reach. */
    public static final double K_MIN = 0.05;
    public static final double K_MAX = 50.0;

    /** f_k(c). */
    public static double value(double c, double k) {
        return Math.tanh(k * c) / Math.tanh(k);
    }

    /** d f_k(c) / dk. */
    public static double derivativeK(double c, double k) {
        double tk = Math.tanh(k);
        double tkc = Math.tanh(k * c);
        double sk = 1 - tk * tk;
        double skc = 1 - tkc * tkc;
        return (c * skc * tk - tkc * sk) / (tk * tk);
    }
}
