package org.iblrnn.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent's (or one mouse's) behaviour, one row per trial: the common input of every
 * behavioural analysis. Columns are parallel arrays of length {@link #size()}.
 *
 * <p>Conventions: sides and choices are -1 = left, +1 = right; {@code choice} 0 = timeout / no
 * response; {@code blockSide} 0 = unbiased block (mouse sessions start with 90 such trials).
 * {@code observations} and {@code steps} are in RNN steps (NaN-free ints; -1 where unknown, e.g.
 * mice); {@code reactionTime} in seconds (NaN where unknown, e.g. models). Extra numeric columns
 * (e.g. Bayesian posteriors) go in {@code extra}, keyed by name.
 *
 * @param agent        who produced the trials ("rnn", "actor", a mouse id)
 * @param session      session index per trial (0-based)
 * @param block        block index within the session per trial (0-based)
 * @param blockSide    side of the block per trial (-1, +1, or 0 for unbiased)
 * @param trialInBlock 0-based index of the trial within its block
 * @param stimSide     stimulus (correct) side
 * @param contrast     unsigned contrast (observation mean for models; Michelson fraction for mice)
 * @param choice       -1 left, +1 right, 0 timeout
 * @param observations observation steps seen before the decision (models)
 * @param steps        RNN steps in the trial, blank steps included (models)
 * @param reactionTime seconds (mice)
 * @param extra        further named columns, each of length size()
 */
public record TrialTable(String agent, int[] session, int[] block, int[] blockSide, int[] trialInBlock,
                         int[] stimSide, double[] contrast, int[] choice, int[] observations, int[] steps,
                         double[] reactionTime, Map<String, double[]> extra) {

    public TrialTable {
        int n = stimSide.length;
        check("session", session.length, n);
        check("block", block.length, n);
        check("blockSide", blockSide.length, n);
        check("trialInBlock", trialInBlock.length, n);
        check("contrast", contrast.length, n);
        check("choice", choice.length, n);
        check("observations", observations.length, n);
        check("steps", steps.length, n);
        check("reactionTime", reactionTime.length, n);
        session = session.clone();
        block = block.clone();
        blockSide = blockSide.clone();
        trialInBlock = trialInBlock.clone();
        stimSide = stimSide.clone();
        contrast = contrast.clone();
        choice = choice.clone();
        observations = observations.clone();
        steps = steps.clone();
        reactionTime = reactionTime.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : extra.entrySet()) {
            check(e.getKey(), e.getValue().length, n);
            copy.put(e.getKey(), e.getValue().clone());
        }
        extra = java.util.Collections.unmodifiableMap(copy);
        for (int i = 0; i < n; i++) {
            if (stimSide[i] != -1 && stimSide[i] != 1) {
                throw new IllegalArgumentException("stimSide[" + i + "] must be -1 or +1, got " + stimSide[i]);
            }
            if (choice[i] < -1 || choice[i] > 1) {
                throw new IllegalArgumentException("choice[" + i + "] must be -1, 0 or +1, got " + choice[i]);
            }
            if (blockSide[i] < -1 || blockSide[i] > 1) {
                throw new IllegalArgumentException("blockSide[" + i + "] must be -1, 0 or +1, got " + blockSide[i]);
            }
        }
    }

    private static void check(String name, int len, int n) {
        if (len != n) {
            throw new IllegalArgumentException("column " + name + " must have " + n + " rows, got " + len);
        }
    }

    public int size() {
        return stimSide.length;
    }

    /** Stimulus side times contrast; both signs of zero pool at 0. */
    public double signedContrast(int i) {
        double c = stimSide[i] * contrast[i];
        return c == 0 ? 0.0 : c;
    }

    /** Stimulus on the block side (false in unbiased blocks). */
    public boolean concordant(int i) {
        return blockSide[i] != 0 && stimSide[i] == blockSide[i];
    }

    /** A correct response (timeouts are incorrect). */
    public boolean correct(int i) {
        return choice[i] == stimSide[i];
    }

    /** A response was made (not a timeout / no-go). */
    public boolean responded(int i) {
        return choice[i] != 0;
    }

    /** Names of the extra columns. */
    public List<String> extraNames() {
        return List.copyOf(extra.keySet());
    }

    @Override
    public int[] session() {
        return session.clone();
    }

    @Override
    public int[] block() {
        return block.clone();
    }

    @Override
    public int[] blockSide() {
        return blockSide.clone();
    }

    @Override
    public int[] trialInBlock() {
        return trialInBlock.clone();
    }

    @Override
    public int[] stimSide() {
        return stimSide.clone();
    }

    @Override
    public double[] contrast() {
        return contrast.clone();
    }

    @Override
    public int[] choice() {
        return choice.clone();
    }

    @Override
    public int[] observations() {
        return observations.clone();
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public double[] reactionTime() {
        return reactionTime.clone();
    }

    /** Single-cell accessors, cheaper than the cloning column accessors. */
    public int sessionAt(int i) {
        return session[i];
    }

    public int blockAt(int i) {
        return block[i];
    }

    public int blockSideAt(int i) {
        return blockSide[i];
    }

    public int trialInBlockAt(int i) {
        return trialInBlock[i];
    }

    public int stimSideAt(int i) {
        return stimSide[i];
    }

    public double contrastAt(int i) {
        return contrast[i];
    }

    public int choiceAt(int i) {
        return choice[i];
    }

    public int observationsAt(int i) {
        return observations[i];
    }

    public int stepsAt(int i) {
        return steps[i];
    }

    public double reactionTimeAt(int i) {
        return reactionTime[i];
    }

    /** Value of extra column {@code name} at row {@code i}. */
    public double extraAt(String name, int i) {
        double[] c = extra.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column named " + name + "; have " + extra.keySet());
        }
        return c[i];
    }

    /** A copy with one more extra column. */
    public TrialTable withExtra(String name, double[] values) {
        Map<String, double[]> m = new LinkedHashMap<>(extra);
        m.put(name, values);
        return new TrialTable(agent, session, block, blockSide, trialInBlock, stimSide, contrast, choice,
                observations, steps, reactionTime, m);
    }
}
