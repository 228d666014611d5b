package org.iblrnn.analysis.choice;

import java.util.List;

/**
 * A model of a subject's choices: fitted on some sessions, it predicts P(right) on every trial of
 * any session from the trial's stimulus and the session's history before it.
 *
 * <p>Implementations are immutable and thread-safe (one instance fits many subjects and folds in
 * parallel); a fit's randomness (initialisations) comes only from {@code seed}, so the same
 * sessions and seed give the same bits.
 */
public interface ChoiceModel {
    /** The name used on the command line and in every table (e.g. {@code action-kernel}). */
    String name();

    /**
     * Fits the model to {@code train} by maximum likelihood (or the posterior mode, where the
     * method's authors use a prior) over the trials with a response.
     *
     * @param train sessions to fit on (at least one response in all)
     * @param seed  root seed of any random initialisation
     * @return the fitted model; a fit that did not converge is returned with
     *         {@link ChoiceFit#converged()} false, not thrown
     * @throws IllegalArgumentException if {@code train} holds no response
     */
    FittedChoiceModel fit(List<ChoiceSession> train, long seed);

    /** Throws unless {@code train} holds at least one response. */
    static int requireResponses(List<ChoiceSession> train, String model) {
        int k = 0;
        for (ChoiceSession s : train) {
            k += s.responses();
        }
        if (k == 0) {
            throw new IllegalArgumentException(model + ": no trial with a response to fit on (" + train.size()
                    + " sessions)");
        }
        return k;
    }
}
