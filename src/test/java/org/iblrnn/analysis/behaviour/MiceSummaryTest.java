package org.iblrnn.analysis.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;

/** MiceSummary on hand-built mice with known answers. */
class MiceSummaryTest {
    /** Rows: session, block, blockSide, trialInBlock, stimSide, contrast, choice, rt. */
    static final class Rows {
        final List<double[]> rows = new ArrayList<>();

        Rows add(int session, int block, int side, int tib, int stim, double contrast, int choice, double rt) {
            rows.add(new double[] {session, block, side, tib, stim, contrast, choice, rt});
            return this;
        }

        /** A block of {@code n} trials of one kind. */
        Rows block(int session, int block, int side, int n, int stim, double contrast, int choice, double rt) {
            for (int i = 0; i < n; i++) {
                add(session, block, side, i, stim, contrast, choice, rt);
            }
            return this;
        }

        TrialTable table(String name) {
            int n = rows.size();
            int[][] c = new int[6][n];
            double[] contrast = new double[n];
            double[] rt = new double[n];
            int[] minus = new int[n];
            Arrays.fill(minus, -1);
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                c[0][i] = (int) r[0];
                c[1][i] = (int) r[1];
                c[2][i] = (int) r[2];
                c[3][i] = (int) r[3];
                c[4][i] = (int) r[4];
                c[5][i] = (int) r[6];
                contrast[i] = r[5];
                rt[i] = r[7];
            }
            return new TrialTable(name, c[0], c[1], c[2], c[3], c[4], contrast, c[5], minus, minus, rt,
                    new LinkedHashMap<>());
        }
    }

    static final MiceSummary.Options NO_FITS = MiceSummary.Options.defaults().withFitPerMouse(false).withMinMice(1);

    @Test
    void acrossMiceWeighsMiceEquallyAndAllTrialsWeighsTrials() {
        // mouse A: 10 zero-contrast trials in a left block, always chooses the block side
        TrialTable a = new Rows().block(0, 0, -1, 10, 1, 0.0, -1, 0.3).table("A");
        // mouse B: 100 trials in a right block, chooses the block side half the time, 10 timeouts
        Rows rb = new Rows();
        for (int i = 0; i < 100; i++) {
            rb.add(0, 0, 1, i, -1, 0.0, i < 10 ? 0 : (i % 2 == 0 ? 1 : -1), 0.4);
        }
        TrialTable b = rb.table("B");
        MiceSummary s = MiceSummary.of(List.of(a, b), NO_FITS);
        assertEquals(1.0, s.mice().get(0).zeroContrast().chooseBlockSide());
        assertEquals(0.5, s.mice().get(1).zeroContrast().chooseBlockSide());
        assertEquals(0.45, s.mice().get(1).zeroContrast().chooseBlockSideAll());
        assertEquals(100, s.mice().get(1).zeroContrast().trials());
        assertEquals(90, s.mice().get(1).zeroContrast().responded());
        MiceSummary.Estimate across = s.acrossMice().chooseBlockSide();
        assertEquals(0.75, across.mean(), 1e-15);
        assertEquals(0.25, across.sem(), 1e-15, "sd 0.3536 / sqrt 2");
        assertEquals(2, across.n());
        assertEquals(55.0 / 100, s.allTrials().chooseBlockSide().mean(), 1e-15);
        assertEquals(55.0 / 110, s.allTrials().chooseBlockSideAll().mean(), 1e-15);
        assertEquals(110, s.allTrials().chooseBlockSideAll().n());
        // psychometric at contrast 0: A P(right) = 0, B = 0.5; across mice 0.25, all trials 45/100
        assertEquals(0.25, s.acrossMice().psychometric().of(-1).meanAt(0) / 2 + s.acrossMice().psychometric()
                .of(1).meanAt(0) / 2, 1e-15);
        assertEquals(0.5, s.acrossMice().psychometric().of(1).meanAt(0), 1e-15);
        assertEquals(1, s.acrossMice().psychometric().of(1).n()[0], "n counts mice");
        assertEquals(0.5, s.allTrials().psychometric().of(1).meanAt(0), 1e-15);
        assertEquals(90, s.allTrials().psychometric().of(1).n()[0], "n counts trials");
    }

    @Test
    void acrossMiceDropsPointsWithTooFewMice() {
        Curve one = new Curve("a", new double[] {0, 1}, new double[] {0.2, 0.4}, new double[2], new int[] {5, 5});
        Curve two = new Curve("b", new double[] {0}, new double[] {0.6}, new double[1], new int[] {5});
        Curve c = MiceCurves.acrossCurves(List.of(one, two), "m", 2);
        assertArrayEquals(new double[] {0}, c.x());
        assertEquals(0.4, c.mean()[0], 1e-15);
        assertEquals(0.2, c.sem()[0], 1e-15);
        assertEquals(2, c.n()[0]);
    }

    @Test
    void changePointCurveSkipsTheFirstBiasedBlockOfEachSession() {
        Rows r = new Rows();
        for (int s = 0; s < 5; s++) {
            r.block(s, 0, 0, 5, 1, 1.0, -1, 0.3) // unbiased: excluded (all wrong)
                    .block(s, 1, -1, 6, -1, 1.0, 1, 0.3) // first biased block: excluded (all wrong)
                    .block(s, 2, 1, 7, 1, 1.0, 1, 0.3) // after a change: all correct
                    .block(s, 3, -1, 5, -1, 0.0, -1, 0.3); // after a change, zero contrast, correct (final)
        }
        MiceSummary s = MiceSummary.of(List.of(r.table("A")), NO_FITS);
        Curve c = s.mice().get(0).correctAfterChange();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7}, c.x());
        for (double v : c.mean()) {
            assertEquals(1.0, v);
        }
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 5, 5}, c.n(), "two later blocks per session");
        Curve z = s.mice().get(0).correctAfterChangeZero();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, z.x());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5}, z.n());
        MiceSummary.BlockLengths b = s.blockLengths();
        assertEquals(10, b.blocks(), "non-final biased blocks: blocks 1 and 2 of each session");
        assertEquals(6, b.min());
        assertEquals(7, b.max());
        assertEquals(6.5, b.mean());
        assertEquals(6.5, b.median());
        Curve capped = MiceSummary.of(List.of(r.table("A")), NO_FITS.withMaxTrialInBlock(3)).mice().get(0)
                .correctAfterChange();
        assertArrayEquals(new double[] {1, 2, 3}, capped.x());
        assertEquals(1.0, s.acrossMice().correctAfterChange().meanAt(7));
    }

    @Test
    void reactionTimeStatistics() {
        // 5 correct concordant trials at contrast +1 in a right block with RTs 0.1, 0.2, 0.4, 0.8, 60
        double[] rts = {0.1, 0.2, 0.4, 0.8, 60};
        Rows r = new Rows();
        for (int i = 0; i < rts.length; i++) {
            r.add(0, 0, 1, i, 1, 1.0, 1, rts[i]);
        }
        TrialTable t = r.table("A");
        Curve mean = MiceSummary.of(List.of(t), NO_FITS.withRt(MiceSummary.RtStatistic.MEAN)).mice().get(0)
                .chronometric().get(0);
        Curve median = MiceSummary.of(List.of(t), NO_FITS).mice().get(0).chronometric().get(0);
        Curve geo = MiceSummary.of(List.of(t), NO_FITS.withRt(MiceSummary.RtStatistic.GEOMETRIC_MEAN)).mice().get(0)
                .chronometric().get(0);
        assertEquals(61.5 / 5, mean.meanAt(1), 1e-12);
        assertEquals(0.4, median.meanAt(1));
        double logMean = 0;
        for (double v : rts) {
            logMean += Math.log(v) / rts.length;
        }
        assertEquals(Math.exp(logMean), geo.meanAt(1), 1e-12);
        assertTrue(median.sem()[0] > 0 && geo.sem()[0] > 0);
        assertEquals(mean.meanAt(1), Behaviour.chronometricSeconds(t).get(0).meanAt(1), 1e-15,
                "MEAN agrees with Behaviour");
        // the pooled chronometric uses the same statistic over all trials
        assertEquals(0.4, MiceSummary.of(List.of(t), NO_FITS).allTrials().chronometric().get(0).meanAt(1));
    }

    @Test
    void fittedBiasFollowsTheBlockSide() {
        double[] contrasts = {-1, -0.25, -0.125, -0.0625, 0, 0.0625, 0.125, 0.25, 1};
        SplittableRandom rng = new SplittableRandom(7);
        List<TrialTable> mice = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Rows r = new Rows();
            int block = 0;
            for (int side : new int[] {0, -1, 1}) {
                int i = 0;
                for (int rep = 0; rep < 60; rep++) {
                    for (double c : contrasts) {
                        double bias = -0.1 * side; // a left block moves the midpoint to +0.1
                        double p = PsychometricFit.model(c, bias, 0.15, 0.05, 0.05);
                        int choice = rng.nextDouble() < p ? 1 : -1;
                        int stim = c > 0 ? 1 : c < 0 ? -1 : (rng.nextBoolean() ? 1 : -1);
                        r.add(0, block, side, i++, stim, Math.abs(c), choice, 0.3);
                    }
                }
                block++;
            }
            mice.add(r.table("M" + m));
        }
        MiceSummary s = MiceSummary.of(mice, MiceSummary.Options.defaults());
        for (MiceSummary.PerMouse p : s.mice()) {
            assertNotNull(p.fits().leftBlock());
            assertTrue(p.fits().leftBlock().bias() > p.fits().unbiased().bias(), p.mouse());
            assertTrue(p.fits().unbiased().bias() > p.fits().rightBlock().bias(), p.mouse());
        }
        assertEquals(0.1, s.acrossMice().biasOf(-1).mean(), 0.05);
        assertEquals(-0.1, s.acrossMice().biasOf(1).mean(), 0.05);
        assertEquals(3, s.acrossMice().biasOf(1).n());
        assertEquals(0.1, s.allTrials().biasOf(-1).mean(), 5 * s.allTrials().biasOf(-1).sem());
        assertEquals(-0.1, s.allTrials().biasOf(1).mean(), 5 * s.allTrials().biasOf(1).sem());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiceSummary.Options.defaults().withMaxTrialInBlock(0));
        assertTrue(e.getMessage().contains("maxTrialInBlock must be >= 1, got 0"));
        assertThrows(IllegalArgumentException.class, () -> MiceSummary.Options.defaults().withMinMice(0));
        assertThrows(IllegalArgumentException.class, () -> MiceSummary.Options.defaults().withRt(null));
    }
}
