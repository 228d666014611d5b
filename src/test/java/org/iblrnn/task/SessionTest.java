package org.iblrnn.task;

import static org.iblrnn.testsupport.StatAsserts.assertChiSquareFits;
import static org.iblrnn.testsupport.StatAsserts.assertNormalMoments;
import static org.iblrnn.testsupport.StatAsserts.assertProportion;
import static org.iblrnn.testsupport.StatAsserts.assertWithinSe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.math.Seeds;
import org.iblrnn.testsupport.StatAsserts.Moments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a sampler that loops forever must fail, not hang the build. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionTest {
    /** One long analysis-style session (~1000 blocks, ~49,400 trials), shared by the statistical tests. */
    private static Session big;

    @BeforeAll
    static void sampleBig() {
        big = Session.sample(TaskConfig.paper().withBlocksPerSession(1000), new SplittableRandom(20_200_608L));
    }

    // --- structure ------------------------------------------------------------------------------

    @Test
    void structureIsConsistent() {
        for (Session s : List.of(big,
                Session.sample(TaskConfig.paper(), new SplittableRandom(1)),
                Session.sample(TaskConfig.paper().withBlockLengths(new BlockLengths.Hazard(0.02, 20, 100))
                        .withBlocksPerSession(30), new SplittableRandom(2)))) {
            TaskConfig cfg = s.config();
            assertEquals(cfg.blocksPerSession(), s.blockCount());
            int sum = 0;
            for (int b = 0; b < s.blockCount(); b++) {
                int len = s.blockLength(b);
                assertTrue(len >= cfg.blockLengths().minLength() && len <= cfg.blockLengths().maxLength(),
                        "block length " + len);
                sum += len;
                int side = s.blockSide(b);
                assertTrue(side == -1 || side == 1);
                if (b > 0) {
                    assertEquals(-s.blockSide(b - 1), side, "block sides must strictly alternate at block " + b);
                }
            }
            assertEquals(sum, s.trialCount(), "trial count = sum of block lengths");
            // trials are laid out block by block, with a 0-based within-block index
            int n = 0;
            for (int b = 0; b < s.blockCount(); b++) {
                for (int i = 0; i < s.blockLength(b); i++, n++) {
                    assertEquals(b, s.trialBlock(n));
                    assertEquals(i, s.trialInBlock(n));
                    int stim = s.stimSide(n);
                    assertTrue(stim == -1 || stim == 1);
                    int c = s.contrastIndex(n);
                    assertTrue(c >= 0 && c < cfg.contrasts().size());
                    assertEquals(cfg.contrasts().get(c), s.contrast(n));
                }
            }
        }
    }

    @Test
    void firstBlockSideIsAFairCoin() {
        TaskConfig cfg = TaskConfig.paper().withBlocksPerSession(1).withMaxObservations(1);
        int n = 4000;
        int right = 0;
        for (int seed = 0; seed < n; seed++) {
            Session s = Session.sample(cfg, new SplittableRandom(1_000_003L * seed + 17));
            if (s.blockSide(0) == 1) {
                right++;
            }
        }
        assertProportion(0.5, right, n, "P(first block is right)");
    }

    @Test
    void blockLengthsInSessionsFollowTheLaw() {
        long[] h = new long[101];
        for (int b = 0; b < big.blockCount(); b++) {
            h[big.blockLength(b)]++;
        }
        double[] p = new double[101];
        for (int l = 0; l <= 100; l++) {
            p[l] = big.config().blockLengths().pmf(l);
        }
        // 1000 lengths: bins pooled to expected >= 5
        assertChiSquareFits(h, p, "session block lengths");
    }

    // --- trial statistics -----------------------------------------------------------------------

    @Test
    void concordanceIsPointEight() {
        long n = big.trialCount();
        long concordant = 0;
        long[] perSideN = new long[2];
        long[] perSideC = new long[2];
        for (int t = 0; t < n; t++) {
            int bs = big.blockSide(big.trialBlock(t));
            boolean c = big.stimSide(t) == bs;
            int i = bs > 0 ? 1 : 0;
            perSideN[i]++;
            if (c) {
                concordant++;
                perSideC[i]++;
            }
        }
        assertTrue(n > 40_000, "the analysis session should have ~49,400 trials, has " + n);
        assertProportion(0.8, concordant, n, "P(stimulus side == block side)");
        assertProportion(0.8, perSideC[0], perSideN[0], "concordance in left blocks");
        assertProportion(0.8, perSideC[1], perSideN[1], "concordance in right blocks");
    }

    @Test
    void concordanceFollowsTheConfig() {
        Session s = Session.sample(TaskConfig.paper().withBlocksPerSession(200).withConcordance(0.6)
                .withMaxObservations(1), new SplittableRandom(5));
        long c = 0;
        for (int t = 0; t < s.trialCount(); t++) {
            if (s.stimSide(t) == s.blockSide(s.trialBlock(t))) {
                c++;
            }
        }
        assertProportion(0.6, c, s.trialCount(), "concordance 0.6");
        Session all = Session.sample(TaskConfig.paper().withConcordance(1.0), new SplittableRandom(6));
        for (int t = 0; t < all.trialCount(); t++) {
            assertEquals(all.blockSide(all.trialBlock(t)), all.stimSide(t));
        }
        Session none = Session.sample(TaskConfig.paper().withConcordance(0.0), new SplittableRandom(6));
        for (int t = 0; t < none.trialCount(); t++) {
            assertEquals(-none.blockSide(none.trialBlock(t)), none.stimSide(t));
        }
    }

    @Test
    void contrastsAreUniform() {
        int k = big.config().contrasts().size();
        assertEquals(6, k);
        long[] counts = new long[k];
        long[][] bySide = new long[2][k];
        for (int t = 0; t < big.trialCount(); t++) {
            counts[big.contrastIndex(t)]++;
            bySide[big.stimSide(t) > 0 ? 1 : 0][big.contrastIndex(t)]++;
        }
        double[] uniform = new double[k];
        java.util.Arrays.fill(uniform, 1.0 / k);
        // df = 5, critical value at p = 1e-4 is 25.74
        assertEquals(5, assertChiSquareFits(counts, uniform, "contrast frequencies").df());
        // contrast independent of side
        assertChiSquareFits(bySide[0], uniform, "contrast frequencies on left trials");
        assertChiSquareFits(bySide[1], uniform, "contrast frequencies on right trials");
    }

    @Test
    void observationMomentsMatchTheGenerativeModel() {
        TaskConfig cfg = big.config();
        int nObs = cfg.maxObservations();
        int k = cfg.contrasts().size();
        // [stim side index][contrast][channel 0 = stimulus side, 1 = other side]
        Moments[][][] m = new Moments[2][k][2];
        for (Moments[][] a : m) {
            for (Moments[] b : a) {
                b[0] = new Moments();
                b[1] = new Moments();
            }
        }
        Moments pooledSignalNoise = new Moments();
        Moments pooledOther = new Moments();
        double sumCross = 0;
        double sumLag1 = 0;
        long pairs = 0;
        for (int t = 0; t < big.trialCount(); t++) {
            int side = big.stimSide(t);
            double mu = big.contrast(t);
            Moments[] cell = m[side > 0 ? 1 : 0][big.contrastIndex(t)];
            for (int j = 0; j < nObs; j++) {
                double l = big.observationLeft(t, j);
                double r = big.observationRight(t, j);
                double stim = side < 0 ? l : r;
                double other = side < 0 ? r : l;
                cell[0].add(stim);
                cell[1].add(other);
                pooledSignalNoise.add(stim - mu);
                pooledOther.add(other);
                // cross-channel product of the noise parts, for an independence check
                sumCross += (stim - mu) * other;
                pairs++;
                if (j > 0) {
                    double prevStim = side < 0 ? big.observationLeft(t, j - 1) : big.observationRight(t, j - 1);
                    sumLag1 += (stim - mu) * (prevStim - mu);
                }
            }
        }
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < k; c++) {
                String where = (s == 0 ? "left" : "right") + " trials, contrast " + cfg.contrasts().get(c);
                assertNormalMoments(m[s][c][0], cfg.contrasts().get(c), 1.0, where + ", stimulus channel");
                assertNormalMoments(m[s][c][1], 0.0, 1.0, where + ", other channel");
            }
        }
        assertNormalMoments(pooledSignalNoise, 0.0, 1.0, "stimulus channel minus contrast, pooled");
        assertNormalMoments(pooledOther, 0.0, 1.0, "other channel, pooled");
        // E[(stim - mu) * other] = 0 with sd 1 per product; lag-1 autocorrelation likewise
        assertWithinSe(0.0, sumCross / pairs, 1.0 / Math.sqrt(pairs), "cross-channel covariance");
        long lagPairs = (long) big.trialCount() * (nObs - 1);
        assertWithinSe(0.0, sumLag1 / lagPairs, 1.0 / Math.sqrt(lagPairs), "lag-1 covariance in the stimulus channel");
    }

    @Test
    void noiseSdFollowsTheConfig() {
        TaskConfig base = TaskConfig.paper().withBlocksPerSession(40);
        TaskConfig cfg = new TaskConfig(base.blocksPerSession(), base.blockLengths(), base.concordance(),
                List.of(3.0), 2.0, base.blankSteps(), base.maxObservations(), base.actionThreshold(),
                base.waitReward(), base.correctReward(), base.errorReward(), base.timeoutReward());
        Session s = Session.sample(cfg, new SplittableRandom(77));
        Moments stim = new Moments();
        Moments other = new Moments();
        for (int t = 0; t < s.trialCount(); t++) {
            for (int j = 0; j < cfg.maxObservations(); j++) {
                double l = s.observationLeft(t, j);
                double r = s.observationRight(t, j);
                stim.add(s.stimSide(t) < 0 ? l : r);
                other.add(s.stimSide(t) < 0 ? r : l);
            }
        }
        assertNormalMoments(stim, 3.0, 2.0, "stimulus channel with mu 3, sd 2");
        assertNormalMoments(other, 0.0, 2.0, "other channel with sd 2");
    }

    // --- determinism ----------------------------------------------------------------------------

    private static void assertSameSession(Session a, Session b) {
        assertEquals(a.blockCount(), b.blockCount());
        assertEquals(a.trialCount(), b.trialCount());
        for (int bl = 0; bl < a.blockCount(); bl++) {
            assertEquals(a.blockLength(bl), b.blockLength(bl));
            assertEquals(a.blockSide(bl), b.blockSide(bl));
        }
        int nObs = a.config().maxObservations();
        for (int t = 0; t < a.trialCount(); t++) {
            assertEquals(a.trialBlock(t), b.trialBlock(t));
            assertEquals(a.trialInBlock(t), b.trialInBlock(t));
            assertEquals(a.stimSide(t), b.stimSide(t));
            assertEquals(a.contrastIndex(t), b.contrastIndex(t));
            for (int j = 0; j < nObs; j++) {
                // bitwise equality
                assertEquals(Double.doubleToRawLongBits(a.observationLeft(t, j)),
                        Double.doubleToRawLongBits(b.observationLeft(t, j)));
                assertEquals(Double.doubleToRawLongBits(a.observationRight(t, j)),
                        Double.doubleToRawLongBits(b.observationRight(t, j)));
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalSessions() {
        TaskConfig cfg = TaskConfig.paper().withBlocksPerSession(20);
        for (long seed : new long[] {0L, 1L, -5L, 123_456_789_012L}) {
            Session a = Session.sample(cfg, new SplittableRandom(seed));
            Session b = Session.sample(cfg, new SplittableRandom(seed));
            assertSameSession(a, b);
        }
        long child = Seeds.derive(42L, "task");
        assertSameSession(Session.sample(cfg, Seeds.stream(42L, "task")),
                Session.sample(cfg, new SplittableRandom(child)));
    }

    @Test
    void differentSeedsGiveDifferentSessions() {
        TaskConfig cfg = TaskConfig.paper();
        Session a = Session.sample(cfg, new SplittableRandom(1));
        Session b = Session.sample(cfg, new SplittableRandom(2));
        assertTrue(a.observationLeft(0, 0) != b.observationLeft(0, 0)
                || a.observationRight(0, 0) != b.observationRight(0, 0), "first observations coincide");
        int diffLengths = 0;
        for (int bl = 0; bl < cfg.blocksPerSession(); bl++) {
            if (a.blockLength(bl) != b.blockLength(bl)) {
                diffLengths++;
            }
        }
        assertTrue(diffLengths > 0 || a.trialCount() != b.trialCount(), "block lengths coincide");
        // consecutive sessions from one generator also differ
        SplittableRandom rng = new SplittableRandom(3);
        Session c = Session.sample(cfg, rng);
        Session d = Session.sample(cfg, rng);
        assertTrue(c.observationLeft(0, 0) != d.observationLeft(0, 0));
    }

    @Test
    void sampleConsumesOnlyTheInjectedGenerator() {
        // two generators in the same state give the same session even after other sampling in between
        TaskConfig cfg = TaskConfig.paper().withBlocksPerSession(2);
        SplittableRandom r1 = new SplittableRandom(11);
        Session s1 = Session.sample(cfg, r1);
        Session.sample(cfg, new SplittableRandom(999));
        SplittableRandom r2 = new SplittableRandom(11);
        Session s2 = Session.sample(cfg, r2);
        assertSameSession(s1, s2);
        // and both generators end in the same state
        assertEquals(r1.nextLong(), r2.nextLong());
    }

    // --- Session.of -----------------------------------------------------------------------------

    @Test
    void ofBuildsTheGivenSessionAndCopiesItsInputs() {
        TaskConfig cfg = TaskConfig.paper().withMaxObservations(2);
        int[] lengths = {2, 1};
        int[] stim = {-1, 1, 1};
        int[] contrast = {0, 5, 3};
        double[] obs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Session s = Session.of(cfg, lengths, 1, stim, contrast, obs);
        lengths[0] = 7;
        stim[0] = 1;
        contrast[0] = 4;
        obs[0] = 100;
        assertSame(cfg, s.config());
        assertEquals(2, s.blockCount());
        assertEquals(3, s.trialCount());
        assertEquals(2, s.blockLength(0));
        assertEquals(1, s.blockSide(0));
        assertEquals(-1, s.blockSide(1));
        assertEquals(-1, s.stimSide(0));
        assertEquals(0, s.contrastIndex(0));
        assertEquals(2.5, s.contrast(1));
        assertEquals(1.5, s.contrast(2));
        assertEquals(1, s.trialBlock(2));
        assertEquals(0, s.trialInBlock(2));
        assertEquals(1.0, s.observationLeft(0, 0));
        assertEquals(2.0, s.observationRight(0, 0));
        assertEquals(3.0, s.observationLeft(0, 1));
        assertEquals(8.0, s.observationRight(1, 1));
        assertEquals(11.0, s.observationLeft(2, 1));
        assertEquals(12.0, s.observationRight(2, 1));
    }

    @Test
    void ofRejectsInconsistentInput() {
        TaskConfig cfg = TaskConfig.paper().withMaxObservations(1);
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {0}, 1, new int[0], new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {1}, 0, new int[] {1}, new int[] {0}, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {1}, 1, new int[] {0}, new int[] {0}, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {1}, 1, new int[] {1}, new int[] {6}, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {1}, 1, new int[] {1}, new int[] {-1}, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {1}, 1, new int[] {1}, new int[] {0}, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {2}, 1, new int[] {1}, new int[] {0, 0}, new double[4]));
    }

    // --- unbiased opening block -------------------------------------------------------------------

    @Test
    void unbiasedBlockOpensTheSessionAndBiasedBlocksAlternateAfterIt() {
        TaskConfig cfg = TaskConfig.paper().withUnbiasedTrials(30).withBlocksPerSession(5);
        SplittableRandom rng = new SplittableRandom(2024);
        int firstRight = 0;
        int sessions = 400;
        for (int r = 0; r < sessions; r++) {
            Session s = Session.sample(cfg, rng);
            assertEquals(6, s.blockCount());
            assertEquals(30, s.unbiasedTrials());
            assertEquals(30, s.blockLength(0));
            assertEquals(0, s.blockSide(0));
            int total = 0;
            for (int b = 0; b < s.blockCount(); b++) {
                total += s.blockLength(b);
                if (b >= 1) {
                    assertTrue(s.blockLength(b) >= 20 && s.blockLength(b) <= 100);
                    assertTrue(s.blockSide(b) == 1 || s.blockSide(b) == -1);
                }
                if (b >= 2) {
                    assertEquals(-s.blockSide(b - 1), s.blockSide(b), "biased sides alternate at block " + b);
                }
            }
            assertEquals(total, s.trialCount());
            for (int t = 0; t < 30; t++) {
                assertEquals(0, s.trialBlock(t));
                assertEquals(t, s.trialInBlock(t));
            }
            assertEquals(1, s.trialBlock(30));
            assertEquals(0, s.trialInBlock(30));
            firstRight += s.blockSide(1) > 0 ? 1 : 0;
        }
        assertProportion(0.5, firstRight, sessions, "first biased block on the right");
    }

    @Test
    void unbiasedTrialsHaveFairStimulusSidesAndUniformContrasts() {
        TaskConfig cfg = TaskConfig.paper().withUnbiasedTrials(500).withBlocksPerSession(1);
        SplittableRandom rng = new SplittableRandom(77);
        long right = 0;
        long n = 0;
        long[] contrastCounts = new long[6];
        for (int r = 0; r < 40; r++) {
            Session s = Session.sample(cfg, rng);
            for (int t = 0; t < 500; t++) {
                right += s.stimSide(t) > 0 ? 1 : 0;
                contrastCounts[s.contrastIndex(t)]++;
                n++;
            }
        }
        assertProportion(0.5, right, n, "P(stimulus right) in the unbiased block");
        assertChiSquareFits(contrastCounts, new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0},
                "contrasts in the unbiased block");
    }

    @Test
    void noUnbiasedTrialsKeepsThePapersSessions() {
        // the default (0) must leave seeded sessions exactly as before: no extra block, same draws
        Session a = Session.sample(TaskConfig.paper(), new SplittableRandom(5));
        Session b = Session.sample(TaskConfig.paper().withUnbiasedTrials(0), new SplittableRandom(5));
        assertEquals(0, a.unbiasedTrials());
        assertEquals(4, a.blockCount());
        assertEquals(a.trialCount(), b.trialCount());
        for (int t = 0; t < a.trialCount(); t++) {
            assertEquals(a.stimSide(t), b.stimSide(t));
            assertEquals(a.observationLeft(t, 3), b.observationLeft(t, 3));
        }
        // and a session with an unbiased block draws its biased blocks from the same stream position
        Session u = Session.sample(TaskConfig.paper().withUnbiasedTrials(10), new SplittableRandom(5));
        for (int bl = 0; bl < 4; bl++) {
            assertEquals(a.blockLength(bl), u.blockLength(bl + 1), "biased block lengths are drawn first");
        }
        assertEquals(a.blockSide(0), u.blockSide(1), "then the first biased side");
    }

    @Test
    void ofWithAnUnbiasedConfig() {
        TaskConfig cfg = TaskConfig.paper().withUnbiasedTrials(2).withMaxObservations(1);
        int[] lengths = {2, 1, 2};
        int[] stim = {1, -1, 1, -1, -1};
        int[] contrast = {0, 1, 2, 3, 4};
        Session s = Session.of(cfg, lengths, -1, stim, contrast, new double[10]);
        assertEquals(2, s.unbiasedTrials());
        assertEquals(0, s.blockSide(0));
        assertEquals(-1, s.blockSide(1));
        assertEquals(1, s.blockSide(2));
        assertEquals(2, s.trialBlock(3));
        assertEquals(1, s.trialInBlock(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Session.of(cfg, new int[] {3, 2}, 1, new int[] {1, 1, 1, 1, 1}, new int[5], new double[10]));
        assertTrue(e.getMessage().contains("first block length must be 2") && e.getMessage().contains("got 3"),
                e.getMessage());
        // only the unbiased block is allowed too
        Session only = Session.of(cfg, new int[] {2}, 1, new int[] {1, -1}, new int[2], new double[4]);
        assertEquals(1, only.blockCount());
        assertEquals(0, only.blockSide(0));
    }
}
