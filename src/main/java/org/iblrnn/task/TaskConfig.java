package org.iblrnn.task;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.math.Checks;

/**
 * Every constant of the simulated IBL biased-block task (reference-spec sections 1-2).
 * Defaults live in {@link #paper()} and nowhere else.
 *
 * @param blocksPerSession  biased blocks per session (4 for training; analyses use 1000); the
 *                          unbiased block, if any, comes on top of these
 * @param unbiasedTrials    trials of the unbiased block that opens every session (block side 0,
 *                          stimulus side a fair coin); 0 = none (paper). The IBL protocol: 90
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
        int unbiasedTrials,
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
        Checks.nonNegative(unbiasedTrials, "unbiased trials per session");
        if (unbiasedTrials > 1_000_000) {
            throw new IllegalArgumentException("unbiased trials per session must be <= 1000000, got "
                    + unbiasedTrials);
        }
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
        long maxSteps = ((long) blocksPerSession * blockLengths.maxLength() + unbiasedTrials)
                * (blankSteps + maxObservations);
        if (maxSteps > 50_000_000L) {
            throw new IllegalArgumentException("a session could last " + maxSteps
                    + " steps; at most 50000000 are supported (reduce blocks per session)");
        }
    }

    /** A task without an unbiased block (unbiasedTrials = 0): the form before that field existed. */
    public TaskConfig(int blocksPerSession, BlockLengths blockLengths, double concordance, List<Double> contrasts,
                      double noiseSd, int blankSteps, int maxObservations, double actionThreshold,
                      double waitReward, double correctReward, double errorReward, double timeoutReward) {
        this(blocksPerSession, 0, blockLengths, concordance, contrasts, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    /** The paper's code's training task (reference-spec 1.1). */
    public static TaskConfig paper() {
        return new TaskConfig(4, 0, new BlockLengths.TruncatedGeometric(0.02, 20, 100), 0.8,
                linspace(0, 2.5, 6), 1.0, 2, 10, 0.9, -0.05, 1.0, -1.0, -1.0);
    }

    /** Trials in the opening unbiased block of the IBL protocol (reference-spec 7). */
    public static final int IBL_UNBIASED_TRIALS = 90;

    /**
     * Biased blocks per session of {@link #iblMouse()}: 90 unbiased trials + 14 blocks of mean
     * 50.87 trials = 802 trials on average (sd about 83), against the mice's median of 774
     * trials per session (their last block is cut short by the end of the session; 13 blocks would
     * give 751).
     */
    public static final int IBL_BLOCKS_PER_SESSION = 14;

    /**
     * The real IBL protocol (reference-spec 7) instead of the paper's simplification: a 90-trial
     * unbiased block, then {@link #IBL_BLOCKS_PER_SESSION} alternating 0.8 / 0.2 blocks whose
     * lengths follow the rig's truncated exponential (mean 60, [20, 100], floored:
     * {@link BlockLengths.TruncatedExponential#ibl()}), and the mouse contrasts
     * {@link #mouseContrasts()} mapped to observation means by {@link ContrastMapping#ibl()}
     * ({0, 0.625, 0.884, 1.25, 2.5}). Everything else (noise, steps, threshold, rewards) is the
     * paper's.
     */
    public static TaskConfig iblMouse() {
        TaskConfig p = paper();
        return new TaskConfig(IBL_BLOCKS_PER_SESSION, IBL_UNBIASED_TRIALS, BlockLengths.TruncatedExponential.ibl(),
                p.concordance(), ContrastMapping.ibl().means(mouseContrasts()), p.noiseSd(), p.blankSteps(),
                p.maxObservations(), p.actionThreshold(), p.waitReward(), p.correctReward(), p.errorReward(),
                p.timeoutReward());
    }

    /**
     * The mice's contrast set as Michelson fractions, {0, 0.0625, 0.125, 0.25, 1} (reference-spec 7),
     * for labels and for {@link ContrastMapping}; not observation means.
     */
    public static List<Double> mouseContrasts() {
        return List.of(0.0, 0.0625, 0.125, 0.25, 1.0);
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
        return (blocksPerSession * blockLengths.maxLength() + unbiasedTrials) * maxStepsPerTrial();
    }

    /** Blocks in a sampled session: the biased ones plus the unbiased block if there is one. */
    public int blocksInSession() {
        return blocksPerSession + (unbiasedTrials > 0 ? 1 : 0);
    }

    public TaskConfig withUnbiasedTrials(int n) {
        return new TaskConfig(blocksPerSession, n, blockLengths, concordance, contrasts, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withBlocksPerSession(int n) {
        return new TaskConfig(n, unbiasedTrials, blockLengths, concordance, contrasts, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withBlockLengths(BlockLengths law) {
        return new TaskConfig(blocksPerSession, unbiasedTrials, law, concordance, contrasts, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withConcordance(double p) {
        return new TaskConfig(blocksPerSession, unbiasedTrials, blockLengths, p, contrasts, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withContrasts(List<Double> values) {
        return new TaskConfig(blocksPerSession, unbiasedTrials, blockLengths, concordance, values, noiseSd, blankSteps,
                maxObservations, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }

    public TaskConfig withMaxObservations(int n) {
        return new TaskConfig(blocksPerSession, unbiasedTrials, blockLengths, concordance, contrasts, noiseSd,
                blankSteps, n, actionThreshold, waitReward, correctReward, errorReward, timeoutReward);
    }
}
