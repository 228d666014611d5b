package org.iblrnn.agents;

/**
 * A forward filter over the latent block side of the IBL task, trial by trial (paper section 2.3,
 * "block side inference").
 *
 * <p>Notation: b_n is the block side of trial n, s_n its stimulus side (-1 left, +1 right), and
 * D_n whatever the filter was told about trials 0..n. The emission is P(s | b) = c if s = b and
 * 1 - c otherwise (c = concordance, 0.8). One update per trial, in order:
 * <pre>
 *   predicted    P(b_n | D_{n-1})                   (before trial 0: the session-start prior)
 *   stim prior   P(s_n = R | D_{n-1}) = c P(b_n = R | D_{n-1}) + (1 - c) P(b_n = L | D_{n-1})
 *   update       P(b_n | D_n) ∝ P(b_n | D_{n-1}) sum_s w(s) P(s | b_n)
 * </pre>
 * where w(s) = [s = s_n] when the true side is known ({@link #update(int)}) and
 * w(s) = P(data_n | s) when only evidence about it is ({@link #updateSoftLog}, e.g. a timeout).
 *
 * <p>Lifecycle: {@link #reset()} at the start of every session, then one update per trial.
 * One instance belongs to one thread.
 */
public interface BlockInference {
    /** Forgets every trial: the start of a session. */
    void reset();

    /**
     * Conditions the current trial on side weights wL, wR proportional to P(data | s = L) and
     * P(data | s = R) (finite, &gt;= 0, not both 0), and moves on to the next trial.
     */
    void updateWeights(double wL, double wR);

    /** The precondition of {@link #updateWeights}, for implementations. */
    static void checkWeights(double wL, double wR) {
        if (!(wL >= 0) || !(wR >= 0) || !Double.isFinite(wL) || !Double.isFinite(wR) || wL + wR == 0) {
            throw new IllegalArgumentException("side weights must be finite, >= 0 and not both 0, got (" + wL + ", "
                    + wR + ")");
        }
    }

    /** Conditions the current trial on its true stimulus side, -1 (left) or +1 (right), and moves on. */
    default void update(int side) {
        if (StimulusLikelihood.sideIndex(side) == 1) {
            updateWeights(0.0, 1.0);
        } else {
            updateWeights(1.0, 0.0);
        }
    }

    /**
     * Conditions the current trial on evidence about its side, given as log-likelihoods
     * log P(data | s = L) and log P(data | s = R) (any common additive constant), and moves on.
     */
    default void updateSoftLog(double logLikLeft, double logLikRight) {
        double max = Math.max(logLikLeft, logLikRight);
        if (Double.isNaN(logLikLeft) || Double.isNaN(logLikRight) || max == Double.NEGATIVE_INFINITY
                || max == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("log-likelihoods must be < +inf, not NaN and not both -inf, got ("
                    + logLikLeft + ", " + logLikRight + ")");
        }
        updateWeights(Math.exp(logLikLeft - max), Math.exp(logLikRight - max));
    }

    /**
     * As {@link #updateSoftLog} with plain likelihoods P(data | s = L), P(data | s = R): finite,
     * &gt;= 0, not both 0 (any common scale).
     */
    default void updateSoft(double likLeft, double likRight) {
        if (!(likLeft >= 0) || !(likRight >= 0) || !Double.isFinite(likLeft) || !Double.isFinite(likRight)
                || likLeft + likRight == 0) {
            throw new IllegalArgumentException("likelihoods must be finite, >= 0 and not both 0, got ("
                    + likLeft + ", " + likRight + ")");
        }
        updateSoftLog(Math.log(likLeft), Math.log(likRight));
    }

    /** P(b = right) for the next (not yet updated) trial, given everything so far. */
    double predictedBlockRight();

    /** P(s = right) for the next trial: the emission applied to {@link #predictedBlockRight()}. */
    double stimulusPriorRight();

    /**
     * Filtered P(b = right) of the last updated trial given everything up to it (no transition
     * applied); 0.5 before the first update.
     */
    double blockPosteriorRight();

    /** Trials conditioned on since the last {@link #reset()}. */
    int trials();

    /** log P(s_next = side | everything so far), for side -1 or +1. */
    default double predictiveLogProbability(int side) {
        double pr = stimulusPriorRight();
        StimulusLikelihood.sideIndex(side);
        return side > 0 ? Math.log(pr) : Math.log1p(-pr);
    }
}
