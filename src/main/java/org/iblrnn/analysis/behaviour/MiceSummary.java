package org.iblrnn.analysis.behaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.iblrnn.task.TrialTable;

/**
 * Behavioural summary of a group of mice (or any agents), per mouse and pooled in two ways:
 * <ul>
 * <li>{@link #acrossMice()}: every point is the mean over mice of the per-mouse value, with SEM =
 *     sd across mice / sqrt(mice) and n = number of mice, so a mouse with many sessions does not
 *     dominate (points present in fewer than {@link Options#minMice()} mice are dropped);</li>
 * <li>{@link #allTrials()}: all trials of all mice in one group (n = trials; SEMs are
 *     trial-level and ignore the between-mouse spread).</li>
 * </ul>
 * Analyses (reference-spec 5.12, applied to mice):
 * <ul>
 * <li>psychometric curves P(choose right | signed contrast) among responded trials, per block
 *     side (left block, unbiased, right block), with the IBL psychometric fit
 *     ({@link PsychometricFit}) per mouse and on all trials; bias = contrast at the midpoint, so a
 *     left block shifts it to positive contrasts;</li>
 * <li>chronometric curves in seconds (biased blocks, responded trials, split into correct /
 *     incorrect x concordant / discordant as {@link Behaviour#chronometricSeconds}) summarised by
 *     {@link RtStatistic}: the mean (as Behaviour; sensitive to the long tail up to 60 s), the
 *     median (robust), or the geometric mean exp(mean log RT) over RT &gt; 0;</li>
 * <li>fraction correct (timeouts wrong) by position in the block, x = trialInBlock + 1 up to
 *     {@link Options#maxTrialInBlock()}, for biased blocks after the first biased block of their
 *     session (so trial 1 follows a change point), over all contrasts and at zero contrast;</li>
 * <li>use of the block prior at zero contrast in biased blocks: P(choice = block side) among
 *     responded trials, and over all trials with timeouts counted as not choosing the block side
 *     (the second is the README's 66.7%);</li>
 * <li>lengths of non-final biased blocks (the last block of a session is cut short by its end).</li>
 * </ul>
 * Pure: reads the tables, never modifies them.
 *
 * @param mice            one summary per table, in input order
 * @param acrossMice      mean and SEM across mice
 * @param allTrials       all trials pooled
 * @param blockLengths    lengths of non-final biased blocks, over all tables
 * @param options         the options used
 */
public record MiceSummary(List<PerMouse> mice, Group acrossMice, Group allTrials, BlockLengths blockLengths,
                          Options options) {

    public MiceSummary {
        mice = List.copyOf(mice);
    }

    /** How reaction times are summarised per contrast. */
    public enum RtStatistic {
        /** arithmetic mean (as {@link Behaviour#chronometricSeconds}) */
        MEAN,
        /** median, SEM from the distribution-free 95% interval of the median */
        MEDIAN,
        /** exp(mean log RT) over RT &gt; 0, SEM by the delta method */
        GEOMETRIC_MEAN
    }

    /**
     * Options.
     *
     * @param rt              reaction-time statistic of the chronometric curves
     * @param maxTrialInBlock last block position (1-based) of the change-point curves
     * @param minMice         fewest mice that must have a point for the across-mice curve to show it
     * @param fitPerMouse     whether to fit the psychometric function per mouse and block side
     */
    public record Options(RtStatistic rt, int maxTrialInBlock, int minMice, boolean fitPerMouse) {
        public Options {
            if (rt == null) {
                throw new IllegalArgumentException("rt must be non-null, got null");
            }
            if (maxTrialInBlock < 1) {
                throw new IllegalArgumentException("maxTrialInBlock must be >= 1, got " + maxTrialInBlock);
            }
            if (minMice < 1) {
                throw new IllegalArgumentException("minMice must be >= 1, got " + minMice);
            }
        }

        /** Median RT, positions 1..100 (mouse blocks last at most 99 trials), 3 mice, fits on. */
        public static Options defaults() {
            return new Options(RtStatistic.MEDIAN, 100, 3, true);
        }

        public Options withRt(RtStatistic v) {
            return new Options(v, maxTrialInBlock, minMice, fitPerMouse);
        }

        public Options withMaxTrialInBlock(int v) {
            return new Options(rt, v, minMice, fitPerMouse);
        }

        public Options withMinMice(int v) {
            return new Options(rt, maxTrialInBlock, v, fitPerMouse);
        }

        public Options withFitPerMouse(boolean v) {
            return new Options(rt, maxTrialInBlock, minMice, v);
        }
    }

    /** A value with its standard error and the number of things (mice or trials) behind it. */
    public record Estimate(double mean, double sem, int n) {
    }

    /** Psychometric curves per block side. */
    public record Psychometrics(Curve leftBlock, Curve unbiased, Curve rightBlock) {
        /** The curve of block side -1, 0 or +1. */
        public Curve of(int blockSide) {
            return blockSide < 0 ? leftBlock : blockSide > 0 ? rightBlock : unbiased;
        }
    }

    /** Psychometric fits per block side; an entry is null where fewer than 3 contrasts had data. */
    public record Fits(PsychometricFit.Result leftBlock, PsychometricFit.Result unbiased,
                       PsychometricFit.Result rightBlock) {
        public PsychometricFit.Result of(int blockSide) {
            return blockSide < 0 ? leftBlock : blockSide > 0 ? rightBlock : unbiased;
        }

        double bias(int blockSide) {
            PsychometricFit.Result r = of(blockSide);
            return r == null ? Double.NaN : r.bias();
        }
    }

    /**
     * Zero-contrast trials in biased blocks.
     *
     * @param chooseBlockSide    P(choice = block side) among responded trials
     * @param chooseBlockSideAll P(choice = block side) over all trials (timeouts count as not)
     * @param trials             zero-contrast trials in biased blocks
     * @param responded          of those, trials with a response
     */
    public record ZeroContrastPrior(double chooseBlockSide, double chooseBlockSideAll, int trials, int responded) {
    }

    /**
     * One mouse.
     *
     * @param mouse                  the table's agent
     * @param trials                 its trials
     * @param psychometric           P(right) by signed contrast per block side
     * @param fits                   psychometric fits (all null if fits were switched off)
     * @param chronometric           RT in seconds by signed contrast: correct concordant, correct
     *                               discordant, incorrect concordant, incorrect discordant
     * @param correctAfterChange     fraction correct by block position after a change point
     * @param correctAfterChangeZero the same at zero contrast
     * @param zeroContrast           block-prior use at zero contrast
     */
    public record PerMouse(String mouse, int trials, Psychometrics psychometric, Fits fits, List<Curve> chronometric,
                           Curve correctAfterChange, Curve correctAfterChangeZero, ZeroContrastPrior zeroContrast) {
        public PerMouse {
            chronometric = List.copyOf(chronometric);
        }
    }

    /**
     * A pooled summary (across mice or over all trials).
     *
     * @param label                  what was pooled
     * @param psychometric           P(right) curves per block side
     * @param chronometric           RT curves, order as in {@link PerMouse#chronometric()}
     * @param correctAfterChange     fraction correct by block position after a change point
     * @param correctAfterChangeZero the same at zero contrast
     * @param chooseBlockSide        zero-contrast P(choice = block side), responded trials
     * @param chooseBlockSideAll     zero-contrast P(choice = block side), timeouts as not
     * @param bias                   psychometric bias per block side, index 0 left block, 1
     *                               unbiased, 2 right block (across mice: mean and SEM of the
     *                               per-mouse fits; all trials: the pooled fit and its SE)
     */
    public record Group(String label, Psychometrics psychometric, List<Curve> chronometric, Curve correctAfterChange,
                        Curve correctAfterChangeZero, Estimate chooseBlockSide, Estimate chooseBlockSideAll,
                        List<Estimate> bias) {
        public Group {
            chronometric = List.copyOf(chronometric);
            bias = List.copyOf(bias);
        }

        /** The bias estimate for block side -1, 0 or +1. */
        public Estimate biasOf(int blockSide) {
            return bias.get(blockSide + 1);
        }
    }

    /** Lengths in trials of non-final biased blocks. */
    public record BlockLengths(int blocks, int min, int max, double mean, double median) {
    }

    private static final String[] CHRONO = {"correct, concordant", "correct, discordant", "incorrect, concordant",
        "incorrect, discordant"};

    /** Summarises {@code tables} (one per mouse) with {@code options}. */
    public static MiceSummary of(List<TrialTable> tables, Options options) {
        List<PerMouse> per = new ArrayList<>();
        for (TrialTable t : tables) {
            per.add(perMouse(t, options));
        }
        return new MiceSummary(per, acrossMice(per, options), allTrials(tables, options), blockLengths(tables), options);
    }

    static PerMouse perMouse(TrialTable t, Options o) {
        Psychometrics psy = new Psychometrics(Behaviour.psychometric(t, -1), Behaviour.psychometric(t, 0),
                Behaviour.psychometric(t, 1));
        Fits fits = o.fitPerMouse() ? new Fits(Behaviour.psychometricFit(t, -1), Behaviour.psychometricFit(t, 0),
                Behaviour.psychometricFit(t, 1)) : new Fits(null, null, null);
        List<TrialTable> one = List.of(t);
        Curve[] change = afterChange(one, t.agent(), o.maxTrialInBlock());
        long[] z = zeroCounts(one);
        return new PerMouse(t.agent(), t.size(), psy, fits, chronometric(one, o.rt(), t.agent()), change[0], change[1],
                new ZeroContrastPrior(z[2] == 0 ? Double.NaN : (double) z[0] / z[2], z[1] == 0 ? Double.NaN
                        : (double) z[0] / z[1], (int) z[1], (int) z[2]));
    }

    private static Group acrossMice(List<PerMouse> per, Options o) {
        String label = "mice (mean of " + per.size() + ")";
        int k = per.size();
        List<Curve> left = new ArrayList<>();
        List<Curve> unb = new ArrayList<>();
        List<Curve> right = new ArrayList<>();
        List<List<Curve>> chrono = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Curve> change = new ArrayList<>();
        List<Curve> changeZero = new ArrayList<>();
        double[] choose = new double[k];
        double[] chooseAll = new double[k];
        double[][] bias = new double[3][k];
        for (int m = 0; m < k; m++) {
            PerMouse p = per.get(m);
            left.add(p.psychometric().leftBlock());
            unb.add(p.psychometric().unbiased());
            right.add(p.psychometric().rightBlock());
            for (int j = 0; j < 4; j++) {
                chrono.get(j).add(p.chronometric().get(j));
            }
            change.add(p.correctAfterChange());
            changeZero.add(p.correctAfterChangeZero());
            choose[m] = p.zeroContrast().chooseBlockSide();
            chooseAll[m] = p.zeroContrast().chooseBlockSideAll();
            for (int s = -1; s <= 1; s++) {
                bias[s + 1][m] = p.fits().bias(s);
            }
        }
        int min = o.minMice();
        Psychometrics psy = new Psychometrics(MiceCurves.acrossCurves(left, label + " left block", min),
                MiceCurves.acrossCurves(unb, label + " unbiased", min),
                MiceCurves.acrossCurves(right, label + " right block", min));
        List<Curve> ch = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            ch.add(MiceCurves.acrossCurves(chrono.get(j), label + " " + CHRONO[j], min));
        }
        return new Group(label, psy, ch, MiceCurves.acrossCurves(change, label, min),
                MiceCurves.acrossCurves(changeZero, label + " (zero contrast)", min), MiceCurves.across(choose),
                MiceCurves.across(chooseAll), List.of(MiceCurves.across(bias[0]), MiceCurves.across(bias[1]),
                MiceCurves.across(bias[2])));
    }

    private static Group allTrials(List<TrialTable> tables, Options o) {
        String label = "mice (all trials)";
        List<Estimate> bias = new ArrayList<>();
        Curve[] psy = new Curve[3];
        for (int s = -1; s <= 1; s++) {
            GroupMeans g = new GroupMeans();
            TreeMap<Double, int[]> counts = new TreeMap<>();
            for (TrialTable t : tables) {
                for (int i = 0; i < t.size(); i++) {
                    if (t.blockSideAt(i) == s && t.responded(i)) {
                        double c = t.signedContrast(i);
                        int right = t.choiceAt(i) > 0 ? 1 : 0;
                        g.add(c, right);
                        int[] k = counts.computeIfAbsent(c, x -> new int[2]);
                        k[0] += right;
                        k[1]++;
                    }
                }
            }
            psy[s + 1] = g.curve(label + (s < 0 ? " left block" : s > 0 ? " right block" : " unbiased"),
                    Behaviour.MIN_GROUP);
            bias.add(pooledBias(counts));
        }
        Curve[] change = afterChange(tables, label, o.maxTrialInBlock());
        long[] z = zeroCounts(tables);
        Estimate choose = proportion(z[0], z[2]);
        Estimate chooseAll = proportion(z[0], z[1]);
        return new Group(label, new Psychometrics(psy[0], psy[1], psy[2]), chronometric(tables, o.rt(), label),
                change[0], change[1], choose, chooseAll, bias);
    }

    private static Estimate pooledBias(TreeMap<Double, int[]> counts) {
        if (counts.size() < 3) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        PsychometricFit.Result f = PsychometricFit.fit(counts);
        return new Estimate(f.bias(), f.se()[0], f.trials());
    }

    private static Estimate proportion(long k, long n) {
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double p = (double) k / n;
        return new Estimate(p, Math.sqrt(p * (1 - p) / n), (int) n);
    }

    /** {chose block side (responded), zero-contrast biased trials, of which responded}. */
    private static long[] zeroCounts(List<TrialTable> tables) {
        long[] z = new long[3];
        for (TrialTable t : tables) {
            for (int i = 0; i < t.size(); i++) {
                if (t.contrastAt(i) != 0 || t.blockSideAt(i) == 0) {
                    continue;
                }
                z[1]++;
                if (t.responded(i)) {
                    z[2]++;
                    if (t.choiceAt(i) == t.blockSideAt(i)) {
                        z[0]++;
                    }
                }
            }
        }
        return z;
    }

    /** Fraction correct by block position in biased blocks that are not their session's first biased block. */
    private static Curve[] afterChange(List<TrialTable> tables, String label, int maxPosition) {
        GroupMeans all = new GroupMeans();
        GroupMeans zero = new GroupMeans();
        for (TrialTable t : tables) {
            int biasedSeen = 0; // biased blocks begun so far in the current session
            for (int i = 0; i < t.size(); i++) {
                boolean newSession = i == 0 || t.sessionAt(i) != t.sessionAt(i - 1);
                boolean newBlock = newSession || t.blockAt(i) != t.blockAt(i - 1);
                if (newSession) {
                    biasedSeen = 0;
                }
                if (newBlock && t.blockSideAt(i) != 0) {
                    biasedSeen++;
                }
                if (t.blockSideAt(i) == 0 || biasedSeen < 2) {
                    continue;
                }
                int pos = t.trialInBlockAt(i) + 1;
                if (pos > maxPosition) {
                    continue;
                }
                double y = t.correct(i) ? 1 : 0;
                all.add(pos, y);
                if (t.contrastAt(i) == 0) {
                    zero.add(pos, y);
                }
            }
        }
        return new Curve[] {all.curve(label, Behaviour.MIN_GROUP),
            zero.curve(label + " (zero contrast)", Behaviour.MIN_GROUP)};
    }

    private static List<Curve> chronometric(List<TrialTable> tables, RtStatistic stat, String label) {
        if (stat == RtStatistic.MEAN && tables.size() == 1) {
            return Behaviour.chronometricSeconds(tables.get(0));
        }
        GroupMeans[] mean = new GroupMeans[4];
        MiceCurves.RobustGroups[] robust = new MiceCurves.RobustGroups[4];
        for (int k = 0; k < 4; k++) {
            mean[k] = new GroupMeans();
            robust[k] = new MiceCurves.RobustGroups(stat == RtStatistic.MEDIAN);
        }
        for (TrialTable t : tables) {
            for (int i = 0; i < t.size(); i++) {
                if (t.blockSideAt(i) == 0 || !t.responded(i)) {
                    continue;
                }
                int k = (t.correct(i) ? 0 : 2) + (t.concordant(i) ? 0 : 1);
                if (stat == RtStatistic.MEAN) {
                    mean[k].add(t.signedContrast(i), t.reactionTimeAt(i));
                } else {
                    robust[k].add(t.signedContrast(i), t.reactionTimeAt(i));
                }
            }
        }
        List<Curve> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            String l = label + " " + CHRONO[k];
            out.add(stat == RtStatistic.MEAN ? mean[k].curve(l, Behaviour.MIN_GROUP)
                    : robust[k].curve(l, Behaviour.MIN_GROUP));
        }
        return out;
    }

    /** Lengths of biased blocks that are not the last block of their session. */
    static BlockLengths blockLengths(List<TrialTable> tables) {
        int[] len = new int[64];
        int m = 0;
        for (TrialTable t : tables) {
            int i = 0;
            while (i < t.size()) {
                int j = i;
                while (j < t.size() && t.sessionAt(j) == t.sessionAt(i) && t.blockAt(j) == t.blockAt(i)) {
                    j++;
                }
                boolean last = j == t.size() || t.sessionAt(j) != t.sessionAt(i);
                if (!last && t.blockSideAt(i) != 0) {
                    if (m == len.length) {
                        len = Arrays.copyOf(len, 2 * m);
                    }
                    len[m++] = j - i;
                }
                i = j;
            }
        }
        if (m == 0) {
            return new BlockLengths(0, 0, 0, Double.NaN, Double.NaN);
        }
        int[] v = Arrays.copyOf(len, m);
        Arrays.sort(v);
        long sum = 0;
        for (int x : v) {
            sum += x;
        }
        double median = m % 2 == 1 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
        return new BlockLengths(m, v[0], v[m - 1], (double) sum / m, median);
    }
}
