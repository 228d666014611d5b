package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.task.TrialTable;

/**
 * One session of one subject as a choice model sees it, one entry per trial in order.
 *
 * <p>Conventions (those of {@link TrialTable}): sides and choices are -1 = left, +1 = right;
 * {@code choice} 0 = no response. {@code contrast} is unsigned; the signed stimulus is
 * {@code stimSide * contrast}, so a zero-contrast trial still has a side (revealed by feedback).
 * {@code blockProbRight} is the true probability that the stimulus is on the right in the trial's
 * block (0.5 in the unbiased opening, then c or 1 - c): unknown to the subject, used only by the
 * oracle model. {@code openingTrials} is the length of the unbiased opening block, a fact of the
 * protocol (90 for the IBL mice) that an ideal observer knows.
 *
 * @param id             the session's index within its subject (for folds and reports)
 * @param contrast       unsigned contrast per trial, &gt;= 0
 * @param stimSide       stimulus side per trial, -1 or +1
 * @param choice         -1, +1, or 0 for no response
 * @param blockProbRight true P(stimulus right) of the trial's block, in [0, 1]
 * @param openingTrials  trials of the unbiased opening block, 0 &lt;= openingTrials &lt;= length
 */
public record ChoiceSession(int id, double[] contrast, int[] stimSide, int[] choice, double[] blockProbRight,
                            int openingTrials) {
    public ChoiceSession {
        int n = stimSide.length;
        if (contrast.length != n || choice.length != n || blockProbRight.length != n) {
            throw new IllegalArgumentException("session " + id + ": columns must all have " + n + " trials, got "
                    + contrast.length + " contrasts, " + choice.length + " choices, " + blockProbRight.length
                    + " block probabilities");
        }
        if (openingTrials < 0 || openingTrials > n) {
            throw new IllegalArgumentException("session " + id + ": opening trials must be in [0, " + n + "], got "
                    + openingTrials);
        }
        for (int t = 0; t < n; t++) {
            if (stimSide[t] != -1 && stimSide[t] != 1) {
                throw new IllegalArgumentException("session " + id + ", trial " + t + ": stimulus side must be -1 or"
                        + " +1, got " + stimSide[t]);
            }
            if (choice[t] < -1 || choice[t] > 1) {
                throw new IllegalArgumentException("session " + id + ", trial " + t + ": choice must be -1, 0 or"
                        + " +1, got " + choice[t]);
            }
            if (!(contrast[t] >= 0 && contrast[t] <= 1)) {
                throw new IllegalArgumentException("session " + id + ", trial " + t + ": contrast must be in [0, 1],"
                        + " got " + contrast[t]);
            }
            if (!(blockProbRight[t] >= 0 && blockProbRight[t] <= 1)) {
                throw new IllegalArgumentException("session " + id + ", trial " + t + ": block probability must be "
                        + "in [0, 1], got " + blockProbRight[t]);
            }
        }
        contrast = contrast.clone();
        stimSide = stimSide.clone();
        choice = choice.clone();
        blockProbRight = blockProbRight.clone();
    }

    public int length() {
        return stimSide.length;
    }

    /** Signed contrast of trial t (negative = left); zero contrast gives 0. */
    public double signedContrast(int t) {
        double c = stimSide[t] * contrast[t];
        return c == 0 ? 0.0 : c;
    }

    /** Contrast of trial t (no copy). */
    public double contrastAt(int t) {
        return contrast[t];
    }

    /** Stimulus side of trial t (no copy). */
    public int stimSideAt(int t) {
        return stimSide[t];
    }

    /** Choice of trial t (no copy). */
    public int choiceAt(int t) {
        return choice[t];
    }

    /** True block P(right) of trial t (no copy). */
    public double blockProbRightAt(int t) {
        return blockProbRight[t];
    }

    /** Whether trial t has a response (the only trials a likelihood scores). */
    public boolean responded(int t) {
        return choice[t] != 0;
    }

    /** Whether trial t was rewarded (a response on the stimulus side). */
    public boolean rewarded(int t) {
        return choice[t] == stimSide[t];
    }

    /** Trials with a response. */
    public int responses() {
        int k = 0;
        for (int c : choice) {
            if (c != 0) {
                k++;
            }
        }
        return k;
    }

    /** The same session with every contrast set to 0 (sides, choices and blocks unchanged). */
    public ChoiceSession withZeroContrast() {
        return new ChoiceSession(id, new double[length()], stimSide, choice, blockProbRight, openingTrials);
    }

    @Override
    public double[] contrast() {
        return contrast.clone();
    }

    @Override
    public int[] stimSide() {
        return stimSide.clone();
    }

    @Override
    public int[] choice() {
        return choice.clone();
    }

    @Override
    public double[] blockProbRight() {
        return blockProbRight.clone();
    }

    /**
     * Splits a trial table into sessions, in order of first appearance (a table's trials are in
     * session order). Block probabilities come from the block side: 0.5 for side 0, else
     * {@code concordance} on the block's side; the opening block is the session's leading run of
     * side-0 trials.
     *
     * @param table       one subject's trials
     * @param concordance P(stimulus on the block side) in biased blocks (0.8 for the IBL task)
     */
    public static List<ChoiceSession> fromTable(TrialTable table, double concordance) {
        return fromTable(table, concordance, 1.0);
    }

    /**
     * As {@link #fromTable(TrialTable, double)} with every contrast divided by {@code contrastScale}
     * (a model task's contrasts are observation means; divided by the largest they are on the
     * mice's [0, 1] scale).
     */
    public static List<ChoiceSession> fromTable(TrialTable table, double concordance, double contrastScale) {
        if (!(contrastScale > 0) || !Double.isFinite(contrastScale)) {
            throw new IllegalArgumentException("contrast scale must be > 0 and finite, got " + contrastScale);
        }
        List<ChoiceSession> out = new ArrayList<>();
        int n = table.size();
        int start = 0;
        while (start < n) {
            int session = table.sessionAt(start);
            int end = start;
            while (end < n && table.sessionAt(end) == session) {
                end++;
            }
            int m = end - start;
            double[] contrast = new double[m];
            int[] side = new int[m];
            int[] choice = new int[m];
            double[] prob = new double[m];
            int opening = 0;
            boolean inOpening = true;
            for (int i = 0; i < m; i++) {
                int j = start + i;
                contrast[i] = table.contrastAt(j) / contrastScale;
                side[i] = table.stimSideAt(j);
                choice[i] = table.choiceAt(j);
                int b = table.blockSideAt(j);
                prob[i] = b == 0 ? 0.5 : (b > 0 ? concordance : 1 - concordance);
                if (inOpening && b == 0) {
                    opening++;
                } else {
                    inOpening = false;
                }
            }
            out.add(new ChoiceSession(out.size(), contrast, side, choice, prob, opening));
            start = end;
        }
        return out;
    }
}
