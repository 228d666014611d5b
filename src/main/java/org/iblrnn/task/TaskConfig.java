package org.iblrnn.task;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.math.Checks;

/**
 * Every constant of the simulated IBL biased-block task (reference-spec sections 1-2).
 * Defaults live in {@link #paper()} and nowhere else.
 *
 * @param blocksPerSession  blocks per session (4 for training; analyses use 1000)
 * @param blockLengths      the block-length law
 * @param concordance       P(stimulus on the block side), 0.8
 * @param contrasts         the possible stimulus strengths mu (observation mean on the stimulus
 *                          side), drawn uniformly; paper: linspace(0, 2.5, 6)
 * @param noiseSd           standard deviation of each observation channel, 1
 * @param blankSteps        zero-observation steps at the start of every trial, 2
 * @param maxObservations   observation steps before a timeout, 10
 * @param actionThreshold   an action is taken when max(pLeft, pRight) exceeds this, 0.9
 * @param waitReward        reward emitted on a non-terminal observation step, -0.05
 * @param correctReward     reward emitted for a correct action, +1
 * @param errorReward       reward emitted for a wrong action, -1
 * @param timeoutReward     reward emitted at a timeout, -1
 */
public record TaskConfig(
        int blocksPerSession,
        BlockLengths blockLengths,
        double concordance,
        List<Double> contrasts,
        double noiseSd,
        int blankSteps,
        int maxObservations,
        double actionThreshold,
        double waitReward,
        double correctReward,
        double errorReward,
        double timeoutReward) {

    public TaskConfig {
        Checks.positive(blocksPerSession, "blocks per session");
        if (blockLengths == null) {
            throw new IllegalArgumentException("block lengths must be given");
        }
        Checks.probability(concordance, "concordance (P(stimulus on the block side))");
        if (contrasts == null || contrasts.isEmpty()) {
            throw new IllegalArgumentException("contrasts must be a non-empty list");
        }
        for (Double c : contrasts) {
            if (c == null || !(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("contrasts must be finite and >= 0, got " + c);
            }
        }
        contrasts = List.copyOf(contrasts);
        Checks.positive(noiseSd, "observation noise sd");
        Checks.nonNegative(blankSteps, "blank steps per trial");
        Checks.positive(maxObservations, "observations per trial");
        if (!(actionThreshold >= 0.5 && actionThreshold < 1)) {
            throw new IllegalArgumentException("action threshold must be in [0.5, 1), got " + actionThreshold);
        }
        Checks.finite(waitReward, "wait reward");
        Checks.finite(correctReward, "correct reward");
        Checks.finite(errorReward, "error reward");
        Checks.finite(timeoutReward, "timeout reward");
        long maxSteps = (long) blocksPerSession * blockLengths.maxLength() * (blankSteps + maxObservations);
        if (maxSteps > 50_000_000L) {
            throw new IllegalArgumentException("a session could last " + maxSteps
                    + " steps; at most 50000000 are supported (reduce blocks per session)");
        }
    }

    /** The paper's code's training task (reference-spec 1.1). */
    public static TaskConfig paper() {
        return new TaskConfig(4, new BlockLengths.TruncatedGeometric(0.02, 20, 100), 0.8,
                linspace(0, 2.5, 6), 1.0, 2, 10, 0.9, -0.05, 1.0, -1.0, -1.0);
    }

    /** Evenly spaced values from {@code lo} to {@code hi} inclusive. */
    public static List<Double> linspace(double lo, double hi, int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(n == 1 ? lo : lo + (hi - lo) * i / (n - 1));
        }
        return out;
    }

    /** Steps in a trial that times out: blank steps plus observation steps. */
    public int maxStepsPerTrial() {
        return blankSteps + maxObservations;
    }

    /** Upper bound on the number of steps in one session. */
    public int maxStepsPerSession() {
        return blocksPerSession * blockLengths.maxLength() * maxStepsPerTrial();
    }

    public TaskConfig withBlocksPerSession(int n) {
        return new TaskConfig(n, blockLengths, concordance, contrasts, noiseSd, blankSteps, maxObservations,
                actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withBlockLengths(BlockLengths law) {
        return new TaskConfig(blocksPerSession, law, concordance, contrasts, noiseSd, blankSteps, maxObservations,
                actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withConcordance(double p) {
        return new TaskConfig(blocksPerSession, blockLengths, p, contrasts, noiseSd, blankSteps, maxObservations,
                actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withContrasts(List<Double> values) {
        return new TaskConfig(blocksPerSession, blockLengths, concordance, values, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withMaxObservations(int n) {
        return new TaskConfig(blocksPerSession, blockLengths, concordance, contrasts, noiseSd, blankSteps, n,
                actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }
}
