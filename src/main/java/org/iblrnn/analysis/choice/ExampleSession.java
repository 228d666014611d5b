package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One held-out session of one subject, as the figures draw it: the true block, each model's
 * trial-by-trial prior (P(right) at zero contrast given the history; {@link FittedChoiceModel#priorProbRight})
 * from the fit that did not see the session, and, for the richest GLM-HMM fitted, its smoothed
 * state posteriors and per-state psychometric curves.
 *
 * @param subject          the subject
 * @param session          the session's position in the subject's list
 * @param blockProbRight   true P(stimulus right) per trial
 * @param choice           the subject's choice per trial (-1, 0, +1)
 * @param priors           model name to its prior per trial, in table order
 * @param glmHmm           the GLM-HMM drawn (e.g. glm-hmm-4), or null when none was fitted
 * @param statePosteriors  [trial][state] smoothed posteriors of that GLM-HMM (empty without one)
 * @param stateContrasts   signed contrasts of the per-state curves
 * @param stateCurves      [state][contrast] P(right) in each state with no previous choice
 * @param stateWeights     [state][stimulus, prev choice, bias]
 */
public record ExampleSession(String subject, int session, double[] blockProbRight, int[] choice,
                             Map<String, double[]> priors, String glmHmm, double[][] statePosteriors,
                             double[] stateContrasts, double[][] stateCurves, double[][] stateWeights) {

    /**
     * Builds the example from a result that kept its fits ({@code keepFits}) and the same
     * sessions it was run on.
     */
    public static ExampleSession of(CrossValidation.SubjectResult r, List<ChoiceSession> sessions, int index) {
        if (r.fits().isEmpty()) {
            throw new IllegalArgumentException(r.subject() + ": the result kept no fits");
        }
        int fold = r.foldOfSession()[index];
        if (fold < 0) {
            throw new IllegalArgumentException(r.subject() + ": session " + index + " has no response");
        }
        ChoiceSession s = sessions.get(index);
        Map<String, double[]> priors = new LinkedHashMap<>();
        GlmHmm.Fitted hmm = null;
        String hmmName = null;
        for (int m = 0; m < r.scores().size(); m++) {
            FittedChoiceModel f = r.fits().get(m).get(fold);
            String name = r.scores().get(m).model();
            priors.put(name, f.priorProbRight(s));
            if (f instanceof GlmHmm.Fitted g && (hmm == null || g.states() >= hmm.states())) {
                hmm = g;
                hmmName = name;
            }
        }
        double[] contrasts = {-1, -0.25, -0.125, -0.0625, 0, 0.0625, 0.125, 0.25, 1};
        double[][] post = new double[0][];
        double[][] curves = new double[0][];
        double[][] weights = new double[0][];
        if (hmm != null) {
            post = hmm.statePosteriors(s);
            curves = new double[hmm.states()][contrasts.length];
            for (int k = 0; k < hmm.states(); k++) {
                for (int c = 0; c < contrasts.length; c++) {
                    curves[k][c] = hmm.stateProbRight(k, contrasts[c], 0);
                }
            }
            weights = hmm.weights();
        }
        return new ExampleSession(r.subject(), index, s.blockProbRight(), s.choice(), priors, hmmName, post,
                contrasts, curves, weights);
    }

    /** The session with the most responses (the first of equals): the example figures' session. */
    public static int longest(List<ChoiceSession> sessions) {
        int best = 0;
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i).responses() > sessions.get(best).responses()) {
                best = i;
            }
        }
        return best;
    }

    /** The models with a prior, in order. */
    public List<String> models() {
        return new ArrayList<>(priors.keySet());
    }
}
