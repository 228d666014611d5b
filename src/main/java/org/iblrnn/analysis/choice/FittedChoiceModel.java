package org.iblrnn.analysis.choice;

/** A fitted {@link ChoiceModel}: predictions for any session, and what was fitted. */
public interface FittedChoiceModel {
    /**
     * P(choice = right | stimulus of trial t, history before t) for every trial t of {@code s}
     * (no-response trials included; their value is a prediction, not scored).
     */
    double[] probRight(ChoiceSession s);

    /** The fitted parameters and the optimiser's diagnostics. */
    ChoiceFit fit();

    /**
     * Natural-log likelihood of the session's responses: sum over trials with a response of
     * log P(observed choice). No-response trials are excluded.
     */
    default double logLikelihood(ChoiceSession s) {
        return Scores.logLikelihood(s, probRight(s));
    }

    /**
     * The model's prior on each trial: P(right) had trial t shown zero contrast, its history
     * unchanged. The default predicts the session with every contrast set to zero, which is exact
     * for models whose history terms use choices, sides and rewards but not past contrasts (all but
     * the GLM-HMM, whose state filter weighs past choices by their stimuli; it overrides this).
     */
    default double[] priorProbRight(ChoiceSession s) {
        return probRight(s.withZeroContrast());
    }
}
