package org.iblrnn.task;

import java.util.random.RandomGenerator;

/**
 * One sampled IBL session: its blocks, trials and every observation, drawn up front
 * (reference-spec 1.2-1.4). Immutable; nothing here depends on the agent's behaviour except how
 * many of each trial's pre-drawn observations are used.
 *
 * <p>Blocks: if the config has {@code unbiasedTrials() > 0}, block 0 is the unbiased block of that
 * many trials (side 0: each stimulus side is a fair coin); then come {@code blocksPerSession()}
 * biased blocks whose sides alternate, the first one's a coin flip. Without unbiased trials (the
 * paper) every block is biased.
 *
 * <p>Draw order from the injected generator: all biased block lengths; the first biased block's
 * side; then for each trial in order its stimulus side (one uniform, compared with the
 * concordance, or with 1/2 in the unbiased block), its contrast, and its {@code maxObservations}
 * pairs of observations (left channel, then right). With no unbiased trials this is exactly the
 * paper's order, so seeded sessions are unchanged.
 *
 * <p>Sides are encoded -1 = left, +1 = right throughout; a block side of 0 means unbiased.
 */
public final class Session {
    private final TaskConfig config;
    private final int[] blockLength;
    private final int[] blockSide;
    private final int[] trialBlock;
    private final int[] trialInBlock;
    private final int[] stimSide;
    private final int[] contrastIndex;
    /** Observations, shape [nTrials][maxObservations][2] flattened (left, right). */
    private final double[] observations;

    private Session(TaskConfig config, int[] blockLength, int[] blockSide, int[] trialBlock, int[] trialInBlock,
                    int[] stimSide, int[] contrastIndex, double[] observations) {
        this.config = config;
        this.blockLength = blockLength;
        this.blockSide = blockSide;
        this.trialBlock = trialBlock;
        this.trialInBlock = trialInBlock;
        this.stimSide = stimSide;
        this.contrastIndex = contrastIndex;
        this.observations = observations;
    }

    /** Samples a session; the generator is advanced, never stored. */
    public static Session sample(TaskConfig config, RandomGenerator rng) {
        int nBiased = config.blocksPerSession();
        int unbiased = config.unbiasedTrials();
        int first = unbiased > 0 ? 1 : 0;
        int nBlocks = nBiased + first;
        int[] lengths = new int[nBlocks];
        int nTrials = unbiased;
        if (first == 1) {
            lengths[0] = unbiased;
        }
        for (int b = first; b < nBlocks; b++) {
            lengths[b] = config.blockLengths().sample(rng);
            nTrials += lengths[b];
        }
        int[] sides = new int[nBlocks];
        sides[first] = rng.nextBoolean() ? 1 : -1;
        for (int b = first + 1; b < nBlocks; b++) {
            sides[b] = -sides[b - 1];
        }
        int nObs = config.maxObservations();
        int nContrasts = config.contrasts().size();
        double[] contrastValues = contrastArray(config);
        double sd = config.noiseSd();
        int[] trialBlock = new int[nTrials];
        int[] trialInBlock = new int[nTrials];
        int[] stim = new int[nTrials];
        int[] cIdx = new int[nTrials];
        double[] obs = new double[nTrials * nObs * 2];
        int n = 0;
        for (int b = 0; b < nBlocks; b++) {
            for (int i = 0; i < lengths[b]; i++, n++) {
                trialBlock[n] = b;
                trialInBlock[n] = i;
                if (sides[b] == 0) {
                    stim[n] = rng.nextDouble() < 0.5 ? -1 : 1;
                } else {
                    stim[n] = rng.nextDouble() < config.concordance() ? sides[b] : -sides[b];
                }
                cIdx[n] = rng.nextInt(nContrasts);
                double mu = contrastValues[cIdx[n]];
                double muL = stim[n] < 0 ? mu : 0.0;
                double muR = stim[n] > 0 ? mu : 0.0;
                int base = n * nObs * 2;
                for (int k = 0; k < nObs; k++) {
                    obs[base + 2 * k] = muL + sd * rng.nextGaussian();
                    obs[base + 2 * k + 1] = muR + sd * rng.nextGaussian();
                }
            }
        }
        return new Session(config, lengths, sides, trialBlock, trialInBlock, stim, cIdx, obs);
    }

    /**
     * Builds a session from explicit trials (for tests and hand-made protocols).
     *
     * <p>If the config has an unbiased block ({@code unbiasedTrials() > 0}), block 0 is that block:
     * {@code blockLength[0]} must equal {@code unbiasedTrials()}, its side is 0, and
     * {@code firstSide} is the side of block 1, the first biased block. Otherwise every block is
     * biased and block 0 has side {@code firstSide}. Biased sides alternate.
     *
     * @param blockLength  trials per block, length nBlocks
     * @param firstSide    side of the first biased block, -1 or +1 (sides alternate)
     * @param stimSide     stimulus side per trial, -1 or +1
     * @param contrastIndex index into the config's contrasts per trial
     * @param observations shape [nTrials][maxObservations][2] flattened
     */
    public static Session of(TaskConfig config, int[] blockLength, int firstSide, int[] stimSide,
                             int[] contrastIndex, double[] observations) {
        if (blockLength.length == 0) {
            throw new IllegalArgumentException("a session must have at least one block, got 0");
        }
        int nTrials = 0;
        for (int l : blockLength) {
            if (l < 1) {
                throw new IllegalArgumentException("block length must be >= 1, got " + l);
            }
            nTrials += l;
        }
        int first = config.unbiasedTrials() > 0 ? 1 : 0;
        if (first == 1 && blockLength[0] != config.unbiasedTrials()) {
            throw new IllegalArgumentException("first block length must be " + config.unbiasedTrials()
                    + " (the config's unbiased trials), got " + blockLength[0]);
        }
        if (firstSide != -1 && firstSide != 1) {
            throw new IllegalArgumentException("first block side must be -1 or +1, got " + firstSide);
        }
        if (stimSide.length != nTrials || contrastIndex.length != nTrials
                || observations.length != nTrials * config.maxObservations() * 2) {
            throw new IllegalArgumentException("per-trial arrays must match " + nTrials + " trials");
        }
        int[] sides = new int[blockLength.length];
        int[] trialBlock = new int[nTrials];
        int[] trialInBlock = new int[nTrials];
        int n = 0;
        for (int b = 0; b < blockLength.length; b++) {
            sides[b] = b < first ? 0 : (b == first ? firstSide : -sides[b - 1]);
            for (int i = 0; i < blockLength[b]; i++, n++) {
                trialBlock[n] = b;
                trialInBlock[n] = i;
            }
        }
        for (int i = 0; i < nTrials; i++) {
            if (stimSide[i] != -1 && stimSide[i] != 1) {
                throw new IllegalArgumentException("stimulus side must be -1 or +1, got " + stimSide[i]);
            }
            if (contrastIndex[i] < 0 || contrastIndex[i] >= config.contrasts().size()) {
                throw new IllegalArgumentException("contrast index out of range: " + contrastIndex[i]);
            }
        }
        return new Session(config, blockLength.clone(), sides, trialBlock, trialInBlock, stimSide.clone(),
                contrastIndex.clone(), observations.clone());
    }

    static double[] contrastArray(TaskConfig config) {
        double[] c = new double[config.contrasts().size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = config.contrasts().get(i);
        }
        return c;
    }

    public TaskConfig config() {
        return config;
    }

    public int trialCount() {
        return stimSide.length;
    }

    public int blockCount() {
        return blockLength.length;
    }

    /** Trials in the unbiased opening block (0 if the session has none). */
    public int unbiasedTrials() {
        return blockSide[0] == 0 ? blockLength[0] : 0;
    }

    public int blockLength(int block) {
        return blockLength[block];
    }

    /** Side of block {@code block}: -1 left, +1 right, 0 for the unbiased opening block. */
    public int blockSide(int block) {
        return blockSide[block];
    }

    public int trialBlock(int trial) {
        return trialBlock[trial];
    }

    /** 0-based index of the trial within its block. */
    public int trialInBlock(int trial) {
        return trialInBlock[trial];
    }

    /** Stimulus (correct) side of the trial: -1 left, +1 right. */
    public int stimSide(int trial) {
        return stimSide[trial];
    }

    public int contrastIndex(int trial) {
        return contrastIndex[trial];
    }

    /** Unsigned contrast (observation mean on the stimulus side). */
    public double contrast(int trial) {
        return config.contrasts().get(contrastIndex[trial]);
    }

    /** Left observation of the trial's {@code obs}-th observation step (0-based). */
    public double observationLeft(int trial, int obs) {
        return observations[(trial * config.maxObservations() + obs) * 2];
    }

    /** Right observation of the trial's {@code obs}-th observation step (0-based). */
    public double observationRight(int trial, int obs) {
        return observations[(trial * config.maxObservations() + obs) * 2 + 1];
    }

    /** Direct access for the environment's hot loop; do not modify. */
    double[] observationArray() {
        return observations;
    }
}
