package org.iblrnn.analysis.choice;

import java.util.List;

import org.iblrnn.math.Activations;

/**
 * The IBL's exponential-smoothing priors (Findling et al.; IBL {@code behavior_models}): a latent
 * prior p_t that starts every session at 0.5 and is updated after each trial,
 * p_{t+1} = a p_t + (1 - a) y_t, with y_t = 1 for right and 0 for left, and enters the core as
 * β (2 p_t - 1). The decay a = σ(α) in (0, 1) is fitted (from the best of a grid of starting decays, 0.3 … 0.98).
 *
 * <ul>
 * <li>{@code action-kernel}: y_t is the subject's own choice; a no-response trial leaves p unchanged.</li>
 * <li>{@code stimulus-kernel}: y_t is trial t's true stimulus side (revealed by feedback), on every trial.</li>
 * </ul>
 * The prior enters linearly (on the -1..+1 scale) rather than as logit(p), which diverges as a → 0.
 */
public final class ExponentialKernel extends LapsePsychometric {
    public static final String ACTION = "action-kernel";
    public static final String STIMULUS = "stimulus-kernel";

    private final boolean actions;

    private ExponentialKernel(String name, boolean actions) {
        super(name);
        this.actions = actions;
    }

    /** The action kernel: smoothing of the subject's own choices. */
    public static ExponentialKernel action() {
        return new ExponentialKernel(ACTION, true);
    }

    /** The stimulus kernel: smoothing of the true stimulus sides. */
    public static ExponentialKernel stimulus() {
        return new ExponentialKernel(STIMULUS, false);
    }

    @Override
    protected List<String> regressorNames() {
        return List.of("prior_weight");
    }

    @Override
    protected List<String> nonlinearNames() {
        return List.of("decay");
    }

    @Override
    protected List<double[]> nonlinearStarts() {
        return grid(LapsePsychometric::logit, 0.3, 0.6, 0.8, 0.9, 0.95, 0.98);
    }

    @Override
    protected double natural(int m, double raw) {
        return Activations.sigmoid(raw);
    }

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        double a = Activations.sigmoid(alpha[0]);
        double da = a * (1 - a);
        double p = 0.5;
        double dp = 0; // dp / da
        int n = s.length();
        for (int t = 0; t < n; t++) {
            x[0][t] = 2 * p - 1;
            if (dx != null) {
                dx[0][0][t] = 2 * dp * da;
            }
            int y = actions ? s.choiceAt(t) : s.stimSideAt(t);
            if (y != 0) {
                double target = y > 0 ? 1.0 : 0.0;
                dp = p - target + a * dp;
                p = a * p + (1 - a) * target;
            }
        }
    }
}
