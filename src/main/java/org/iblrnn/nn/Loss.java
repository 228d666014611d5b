package org.iblrnn.nn;

import java.util.Locale;

/**
 * Per-step losses on the softmax output, with their gradients with respect to the logits.
 *
 * <ul>
 *   <li>{@link #PROB} ("prob"): minus the probability of the correct side, l = -p_c. This is
 *       what the paper's code minimises (PyTorch NLLLoss applied to probabilities, reference-spec
 *       3.2) and what reproduces the published network; the default.
 *       dl/dz_k = -p_c (1[k = c] - p_k).</li>
 *   <li>{@link #CE} ("ce"): cross-entropy l = -log p_c, as the paper's text says.
 *       dl/dz_k = p_k - 1[k = c].</li>
 * </ul>
 */
public enum Loss {
    PROB("prob"),
    CE("ce");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The command-line and config name. */
    public String id() {
        return id;
    }

    /** Parses "prob" or "ce". */
    public static Loss parse(String s) {
        for (Loss l : values()) {
            if (l.id.equals(s.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("loss must be one of prob, ce; got " + s);
    }

    /**
     * Loss of one step.
     *
     * @param z      logits, read at {@code off..off+k}
     * @param p      softmax probabilities at the same positions
     * @param target index of the correct output
     */
    public double value(double[] z, double[] p, int off, int k, int target) {
        if (this == PROB) {
            return -p[off + target];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, z[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(z[off + i] - max);
        }
        return max + Math.log(sum) - z[off + target];
    }

    /** Writes {@code scale * dl/dz} into {@code out[0..k)}. */
    public void gradient(double[] p, int off, int k, int target, double scale, double[] out) {
        if (this == PROB) {
            double pc = p[off + target];
            for (int i = 0; i < k; i++) {
                out[i] = -scale * pc * ((i == target ? 1.0 : 0.0) - p[off + i]);
            }
        } else {
            for (int i = 0; i < k; i++) {
                out[i] = scale * (p[off + i] - (i == target ? 1.0 : 0.0));
            }
        }
    }
}
