package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.agents.SemiMarkovBlockFilter;
import org.iblrnn.task.BlockLengths;

/**
 * Simulated subjects for the choice-model tests: sessions of the IBL protocol (an unbiased
 * opening, then alternating 0.8 / 0.2 blocks of the rig's law, IBL contrasts) whose choices
 * follow a lapse-psychometric model with one of the families' priors, simulated trial by trial.
 */
final class ChoiceSimulator {
    private ChoiceSimulator() {
    }

    static final double[] CONTRASTS = {0, 0.0625, 0.125, 0.25, 1};

    /** The generative parameters (prior kind, decay/hazard, prior weight; core). */
    record Truth(String prior, double bias, double weight, double k, double lo, double hi, double beta, double alpha,
                 double noResponse) {
    }

    /** Protocol sessions with choices simulated from {@code truth}. */
    static List<ChoiceSession> simulate(Truth truth, int sessions, int opening, int blocks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BlockLengths law = BlockLengths.TruncatedExponential.ibl();
        List<ChoiceSession> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            List<double[]> trials = new ArrayList<>(); // contrast, side, block prob
            for (int t = 0; t < opening; t++) {
                trials.add(new double[] {CONTRASTS[rng.nextInt(CONTRASTS.length)], rng.nextBoolean() ? 1 : -1, 0.5});
            }
            int side = rng.nextBoolean() ? 1 : -1;
            for (int b = 0; b < blocks; b++) {
                int len = law.sample(rng);
                double pr = side > 0 ? 0.8 : 0.2;
                for (int t = 0; t < len; t++) {
                    trials.add(new double[] {CONTRASTS[rng.nextInt(CONTRASTS.length)], rng.nextDouble() < pr ? 1 : -1,
                            pr});
                }
                side = -side;
            }
            int n = trials.size();
            double[] contrast = new double[n];
            int[] stim = new int[n];
            int[] choice = new int[n];
            double[] prob = new double[n];
            for (int t = 0; t < n; t++) {
                contrast[t] = trials.get(t)[0];
                stim[t] = (int) trials.get(t)[1];
                prob[t] = trials.get(t)[2];
            }
            // choices, trial by trial
            double p = 0.5;
            SemiMarkovBlockFilter filter = SemiMarkovBlockFilter.forLaw(law, 0.8);
            filter.reset();
            for (int t = 0; t < n; t++) {
                double x;
                switch (truth.prior()) {
                    case "none" -> x = 0;
                    case "oracle" -> x = 2 * prob[t] - 1;
                    case "action", "stimulus" -> x = 2 * p - 1;
                    case "bayes" -> x = t < opening ? 0 : 2 * filter.stimulusPriorRight() - 1;
                    default -> throw new IllegalArgumentException(truth.prior());
                }
                double eta = truth.bias() + truth.weight() * ContrastTransform.value(stim[t] * contrast[t], truth.k())
                        + truth.beta() * x;
                double pr = truth.lo() + (1 - truth.lo() - truth.hi()) / (1 + Math.exp(-eta));
                choice[t] = rng.nextDouble() < truth.noResponse() ? 0 : (rng.nextDouble() < pr ? 1 : -1);
                int y = truth.prior().equals("action") ? choice[t] : stim[t];
                if (y != 0) {
                    p = truth.alpha() * p + (1 - truth.alpha()) * (y > 0 ? 1 : 0);
                }
                if (t >= opening) {
                    filter.update(stim[t]);
                }
            }
            out.add(new ChoiceSession(s, contrast, stim, choice, prob, opening));
        }
        return out;
    }
}
