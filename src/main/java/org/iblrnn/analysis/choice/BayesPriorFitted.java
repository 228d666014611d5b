package org.iblrnn.analysis.choice;

import java.util.List;

import org.iblrnn.math.Activations;
import org.iblrnn.math.Checks;

/**
 * {@code bayes-prior-fitted}: the Bayesian prior with the subject's own belief about how often
 * blocks switch — a Markov block process with a fitted constant switch probability h in (0, 0.5)
 * per trial, instead of the protocol's block-length law. The two-state filter runs from the first
 * biased trial (P = 0.5 in the opening), fed the true side of every trial with the protocol's
 * concordance c; its predictive P_t = P(s_t = R | sides before t) enters the core as
 * β (2 P_t - 1). The derivative in h is carried forward exactly through the filter.
 *
 * <p>Why c is not fitted too: with both free the likelihood keeps rising toward c → 0.5 with
 * β → ∞, where the filter becomes a leaky integrator of the sides with decay 1 - 2h (the stimulus
 * kernel), so (c, β) has no finite maximum for a mouse whose prior follows the sides smoothly
 * (seen on KS014: c = 0.501, β = 8.7e4 at the iteration limit).
 */
public final class BayesPriorFitted extends LapsePsychometric {
    public static final String NAME = "bayes-prior-fitted";

    private final double c;

    /** @param concordance P(stimulus on the block side) of the protocol, in (0.5, 1] */
    public BayesPriorFitted(double concordance) {
        super(NAME);
        this.c = Checks.probability(concordance, "concordance");
        if (!(concordance > 0.5)) {
            throw new IllegalArgumentException("concordance must be > 0.5, got " + concordance);
        }
    }

    @Override
    protected List<String> regressorNames() {
        return List.of("prior_weight");
    }

    @Override
    protected List<String> nonlinearNames() {
        return List.of("hazard");
    }

    @Override
    protected List<double[]> nonlinearStarts() {
        // around h = 1/50 (the IBL block law's mean length is ~51), slower and faster
        return grid(h -> logit(2 * h), 0.005, 0.02, 0.05, 0.1, 0.2);
    }

    @Override
    protected double natural(int m, double raw) {
        return 0.5 * Activations.sigmoid(raw);
    }

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        double sh = Activations.sigmoid(alpha[0]);
        double h = 0.5 * sh;
        double dhRaw = 0.5 * sh * (1 - sh);
        double q = 0.5; // P(block right | sides so far)
        double qh = 0; // dq / dh
        int n = s.length();
        for (int t = 0; t < n; t++) {
            if (t < s.openingTrials()) {
                x[0][t] = 0;
                if (dx != null) {
                    dx[0][0][t] = 0;
                }
                continue;
            }
            // P(s = R) = c q + (1 - c)(1 - q);  x = 2P - 1 = (2c - 1)(2q - 1)
            x[0][t] = (2 * c - 1) * (2 * q - 1);
            if (dx != null) {
                dx[0][0][t] = 2 * (2 * c - 1) * qh * dhRaw;
            }
            boolean right = s.stimSideAt(t) > 0;
            double eR = right ? c : 1 - c;
            double eL = right ? 1 - c : c;
            double z = q * eR + (1 - q) * eL;
            double post = q * eR / z;
            double postH = eR * eL / (z * z) * qh;
            // predict: q' = h + post (1 - 2h)
            qh = (1 - 2 * post) + (1 - 2 * h) * postH;
            q = h + post * (1 - 2 * h);
        }
    }
}
