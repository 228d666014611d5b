package org.iblrnn.analysis.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.iblrnn.task.TrialTable;

/**
 * The behavioural analyses of the paper (Figs. 2-3, reference-spec 5.12) as pure functions from a
 * {@link TrialTable} to curves. Every curve carries mean and standard error per group; groups with
 * fewer than {@link #MIN_GROUP} trials are dropped rather than plotted as noise.
 */
public final class Behaviour {
    /** Smallest group that gets a point on a curve. */
    public static final int MIN_GROUP = 5;

    private Behaviour() {
    }

    /** Fractions correct, wrong and timed out by signed contrast (Fig. 2a). */
    public record Outcomes(Curve correct, Curve wrong, Curve timeout) {
    }

    public static Outcomes outcomesByContrast(TrialTable t) {
        GroupMeans c = new GroupMeans();
        GroupMeans w = new GroupMeans();
        GroupMeans o = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            double x = t.signedContrast(i);
            boolean resp = t.responded(i);
            c.add(x, t.correct(i) ? 1 : 0);
            w.add(x, resp && !t.correct(i) ? 1 : 0);
            o.add(x, resp ? 0 : 1);
        }
        return new Outcomes(c.curve(t.agent() + " correct", MIN_GROUP), w.curve(t.agent() + " wrong", MIN_GROUP),
                o.curve(t.agent() + " timeout", MIN_GROUP));
    }

    /** Fraction correct by signed contrast (timeouts count as wrong). */
    public static Curve correctByContrast(TrialTable t) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            g.add(t.signedContrast(i), t.correct(i) ? 1 : 0);
        }
        return g.curve(t.agent(), MIN_GROUP);
    }

    /**
     * Chronometric curves (Figs. 2b, 2c): mean RNN steps per trial (blank steps included) by
     * signed contrast, split into correct/incorrect x concordant/discordant; timeouts count as
     * incorrect. With {@code observations}, the number of observations instead of steps.
     * Order: correct concordant, correct discordant, incorrect concordant, incorrect discordant.
     */
    public static List<Curve> chronometric(TrialTable t, boolean observations) {
        return chronometric(t, i -> true, i -> observations ? t.observationsAt(i) : t.stepsAt(i));
    }

    /** Mean reaction time in seconds by signed contrast (mice), split as {@link #chronometric}. */
    public static List<Curve> chronometricSeconds(TrialTable t) {
        return chronometric(t, t::responded, t::reactionTimeAt);
    }

    private static List<Curve> chronometric(TrialTable t, java.util.function.IntPredicate keep,
                                            java.util.function.IntToDoubleFunction value) {
        GroupMeans[] g = {new GroupMeans(), new GroupMeans(), new GroupMeans(), new GroupMeans()};
        for (int i = 0; i < t.size(); i++) {
            if (t.blockSideAt(i) == 0 || !keep.test(i)) {
                continue;
            }
            int k = (t.correct(i) ? 0 : 2) + (t.concordant(i) ? 0 : 1);
            g[k].add(t.signedContrast(i), value.applyAsDouble(i));
        }
        String[] names = {"correct, concordant", "correct, discordant", "incorrect, concordant",
            "incorrect, discordant"};
        List<Curve> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            out.add(g[k].curve(t.agent() + " " + names[k], MIN_GROUP));
        }
        return out;
    }

    /** Fraction correct by signed contrast for concordant and discordant trials (Fig. 3a). */
    public static List<Curve> correctByContrastAndConcordance(TrialTable t) {
        GroupMeans con = new GroupMeans();
        GroupMeans dis = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            if (t.blockSideAt(i) == 0) {
                continue;
            }
            (t.concordant(i) ? con : dis).add(t.signedContrast(i), t.correct(i) ? 1 : 0);
        }
        return List.of(con.curve(t.agent() + " concordant", MIN_GROUP), dis.curve(t.agent() + " discordant",
                MIN_GROUP));
    }

    /**
     * Fraction correct by trial position within the block, x = index + 1 (Fig. 3b), for trials up
     * to position {@code maxPosition}; optionally zero-contrast trials only.
     */
    public static Curve correctByTrialInBlock(TrialTable t, boolean zeroContrastOnly, int maxPosition) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            if (t.blockSideAt(i) == 0 || (zeroContrastOnly && t.contrastAt(i) != 0)) {
                continue;
            }
            int pos = t.trialInBlockAt(i) + 1;
            if (pos <= maxPosition) {
                g.add(pos, t.correct(i) ? 1 : 0);
            }
        }
        return g.curve(t.agent() + (zeroContrastOnly ? " (zero contrast)" : ""), MIN_GROUP);
    }

    /** Fraction correct by number of observations before the decision. */
    public static Curve correctByObservations(TrialTable t) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            g.add(t.observationsAt(i), t.correct(i) ? 1 : 0);
        }
        return g.curve(t.agent(), MIN_GROUP);
    }

    /**
     * Reward per trial by number of observations (Fig. 3c): the final +1 / -1 (timeouts -1) plus
     * the wait reward for every observation step before the last.
     */
    public static Curve rewardByObservations(TrialTable t, double waitReward) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            int obs = t.observationsAt(i);
            double r = (t.correct(i) ? 1.0 : -1.0) + (obs - 1) * waitReward;
            g.add(obs, r);
        }
        return g.curve(t.agent(), MIN_GROUP);
    }

    /**
     * P(choose right) by signed contrast among trials with a response, for trials whose block
     * side is {@code blockSide} (-1, +1, or 0 for unbiased blocks).
     */
    public static Curve psychometric(TrialTable t, int blockSide) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < t.size(); i++) {
            if (t.blockSideAt(i) == blockSide && t.responded(i)) {
                g.add(t.signedContrast(i), t.choiceAt(i) > 0 ? 1 : 0);
            }
        }
        String side = blockSide < 0 ? "left block" : blockSide > 0 ? "right block" : "unbiased";
        return g.curve(t.agent() + " " + side, MIN_GROUP);
    }

    /** Psychometric fit of the responded trials in blocks of side {@code blockSide}; null if too few contrasts. */
    public static PsychometricFit.Result psychometricFit(TrialTable t, int blockSide) {
        TreeMap<Double, int[]> counts = new TreeMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.blockSideAt(i) == blockSide && t.responded(i)) {
                int[] k = counts.computeIfAbsent(t.signedContrast(i), x -> new int[2]);
                k[0] += t.choiceAt(i) > 0 ? 1 : 0;
                k[1]++;
            }
        }
        if (counts.size() < 3) {
            return null;
        }
        return PsychometricFit.fit(counts);
    }

    /**
     * Use of the block prior at zero contrast, per block side: the fraction of responded
     * zero-contrast trials on which the block side was chosen, and the fraction correct (timeouts
     * wrong). An ideal observer chooses the block side on 80% of such trials, mice on ~67%.
     *
     * @param chooseBlockSide  P(choice = block side | zero contrast, responded), all biased blocks
     * @param chooseBlockSideSem its standard error
     * @param correctLeftBlock  fraction correct at zero contrast in left blocks
     * @param correctRightBlock fraction correct at zero contrast in right blocks
     * @param trials            zero-contrast trials in biased blocks
     */
    public record ZeroContrast(double chooseBlockSide, double chooseBlockSideSem, double correctLeftBlock,
                               double correctRightBlock, int trials) {
    }

    public static ZeroContrast zeroContrast(TrialTable t) {
        GroupMeans choose = new GroupMeans();
        GroupMeans correct = new GroupMeans();
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.contrastAt(i) != 0 || t.blockSideAt(i) == 0) {
                continue;
            }
            n++;
            if (t.responded(i)) {
                choose.add(0, t.choiceAt(i) == t.blockSideAt(i) ? 1 : 0);
            }
            correct.add(t.blockSideAt(i), t.correct(i) ? 1 : 0);
        }
        Curve ch = choose.curve("", 1);
        Curve co = correct.curve("", 1);
        return new ZeroContrast(ch.isEmpty() ? Double.NaN : ch.mean()[0], ch.isEmpty() ? Double.NaN : ch.sem()[0],
                co.meanAt(-1), co.meanAt(1), n);
    }

    /**
     * Learning at block onset against the previous block's length: for each block after the first
     * whose first {@code window} trials exist, the least-squares line of correct (0/1) against the
     * trial position over those trials.
     *
     * @param previousLength length in trials of the previous block, per analysed block
     * @param slope          fitted slope (fraction correct per trial)
     * @param intercept      fitted value at the block's first trial
     */
    public record BlockOnset(double[] previousLength, double[] slope, double[] intercept) {
        public BlockOnset {
            previousLength = previousLength.clone();
            slope = slope.clone();
            intercept = intercept.clone();
        }

        @Override
        public double[] previousLength() {
            return previousLength.clone();
        }

        @Override
        public double[] slope() {
            return slope.clone();
        }

        @Override
        public double[] intercept() {
            return intercept.clone();
        }
    }

    public static BlockOnset blockOnset(TrialTable t, int window) {
        List<double[]> rows = new ArrayList<>();
        int i = 0;
        int prevLen = -1;
        while (i < t.size()) {
            int j = i;
            while (j < t.size() && t.sessionAt(j) == t.sessionAt(i) && t.blockAt(j) == t.blockAt(i)) {
                j++;
            }
            int len = j - i;
            boolean sameSession = i > 0 && t.sessionAt(i - 1) == t.sessionAt(i);
            if (!sameSession) {
                prevLen = -1;
            }
            if (prevLen > 0 && len >= window && t.blockSideAt(i) != 0 && t.blockSideAt(i - 1) != 0) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double sxy = 0;
                for (int k = 0; k < window; k++) {
                    double y = t.correct(i + k) ? 1 : 0;
                    sx += k;
                    sy += y;
                    sxx += (double) k * k;
                    sxy += k * y;
                }
                double slope = (window * sxy - sx * sy) / (window * sxx - sx * sx);
                double intercept = (sy - slope * sx) / window;
                rows.add(new double[] {prevLen, slope, intercept});
            }
            prevLen = len;
            i = j;
        }
        double[] pl = new double[rows.size()];
        double[] sl = new double[rows.size()];
        double[] ic = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            pl[k] = rows.get(k)[0];
            sl[k] = rows.get(k)[1];
            ic[k] = rows.get(k)[2];
        }
        return new BlockOnset(pl, sl, ic);
    }

    /**
     * Trials after a block change needed for the fraction correct to recover: the first position
     * p (1-based) at which the curve is within {@code tolerance} of its plateau (the mean over
     * positions 30..50); NaN if the curve is too short.
     */
    public static double recoveryTrials(Curve byTrialInBlock, double tolerance) {
        double plateau = 0;
        int n = 0;
        double[] x = byTrialInBlock.x();
        double[] y = byTrialInBlock.mean();
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= 30 && x[i] <= 50) {
                plateau += y[i];
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        plateau /= n;
        for (int i = 0; i < x.length; i++) {
            if (y[i] >= plateau - tolerance) {
                return x[i];
            }
        }
        return Double.NaN;
    }
}
