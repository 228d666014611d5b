package org.iblrnn.analysis.choice;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.iblrnn.agents.SemiMarkovBlockFilter;
import org.iblrnn.task.BlockLengths;

/**
 * {@code bayes-prior} (IBL {@code optimal_Bayesian}): the exact posterior predictive probability
 * that the next stimulus is on the right, P_t = P(s_t = R | s_1 … s_{t-1}), from the
 * {@link SemiMarkovBlockFilter} of the real protocol — unbiased opening trials (P = 0.5), then
 * alternating blocks of concordance c whose lengths follow the protocol's law, the first side
 * equally likely — fed the true side of every trial (revealed by feedback). It enters the core as
 * β (2 P_t - 1); only β and the core are fitted.
 */
public final class BayesPrior extends LapsePsychometric {
    public static final String NAME = "bayes-prior";

    private final BlockLengths law;
    private final double concordance;

    /**
     * @param law         the protocol's block-length law (the IBL rig's truncated exponential for mice)
     * @param concordance P(stimulus on the block side), 0.8 in the IBL task
     */
    public BayesPrior(BlockLengths law, double concordance) {
        super(NAME);
        this.law = law;
        this.concordance = concordance;
        SemiMarkovBlockFilter.forLaw(law, concordance); // validates
    }

    @Override
    protected List<String> regressorNames() {
        return List.of("prior_weight");
    }

    /** The prior of each session seen, by identity: it has no free parameter, so folds share it. */
    private final Map<ChoiceSession, double[]> cache = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        double[] p = cache.computeIfAbsent(s, k -> priorRight(k, SemiMarkovBlockFilter.forLaw(law, concordance)));
        for (int t = 0; t < p.length; t++) {
            x[0][t] = 2 * p[t] - 1;
        }
    }

    /**
     * P(s_t = R | sides before t) on every trial of {@code s}: 0.5 in the opening block, then the
     * filter's stimulus prior, restarted at the first biased trial.
     */
    public static double[] priorRight(ChoiceSession s, SemiMarkovBlockFilter filter) {
        int n = s.length();
        double[] p = new double[n];
        filter.reset();
        for (int t = 0; t < n; t++) {
            if (t < s.openingTrials()) {
                p[t] = 0.5;
                continue;
            }
            p[t] = filter.stimulusPriorRight();
            filter.update(s.stimSideAt(t));
        }
        return p;
    }
}
