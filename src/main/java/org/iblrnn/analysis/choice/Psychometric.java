package org.iblrnn.analysis.choice;

import java.util.List;

/**
 * {@code psychometric}: stimulus only, P(right) = lo + (1 - lo - hi) σ(bias + w f_k(c)) — no use
 * of the history or the block (the reference every other model is compared with).
 */
public final class Psychometric extends LapsePsychometric {
    public static final String NAME = "psychometric";

    public Psychometric() {
        super(NAME);
    }

    @Override
    protected List<String> regressorNames() {
        return List.of();
    }

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        // no regressor
    }
}
