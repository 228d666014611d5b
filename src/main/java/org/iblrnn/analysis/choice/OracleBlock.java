package org.iblrnn.analysis.choice;

import java.util.List;

/**
 * {@code oracle-block}: the psychometric core plus the true block probability, x_t = 2 p_t - 1
 * with p_t the true P(stimulus right) of trial t's block (0.5, 0.8 or 0.2). The subject cannot
 * know p_t: this is the upper reference for "uses the block perfectly", not a candidate model.
 */
public final class OracleBlock extends LapsePsychometric {
    public static final String NAME = "oracle-block";

    public OracleBlock() {
        super(NAME);
    }

    @Override
    protected List<String> regressorNames() {
        return List.of("prior_weight");
    }

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        for (int t = 0; t < s.length(); t++) {
            x[0][t] = 2 * s.blockProbRightAt(t) - 1;
        }
    }
}
