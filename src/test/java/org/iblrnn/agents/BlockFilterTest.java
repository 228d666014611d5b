package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/** The paper's Markov block filter: hand values, brute-force enumeration, behaviour on sessions. */
class BlockFilterTest {
    private static final TaskConfig PAPER = TaskConfig.paper();

    @Test
    void firstTrialsByHand() {
        BlockFilter f = BlockFilter.forTask(PAPER);
        assertEquals(0.02, f.switchProbability(), 0.0);
        assertEquals(0.8, f.concordance(), 0.0);
        // session start: no transition before the first trial
        assertEquals(0.5, f.predictedBlockRight(), 0.0);
        assertEquals(0.5, f.stimulusPriorRight(), 0.0);
        assertEquals(0.5, f.blockPosteriorRight(), 0.0);
        f.update(1);
        // post = 0.8*0.5 / (0.8*0.5 + 0.2*0.5) = 0.8
        assertEquals(0.8, f.blockPosteriorRight(), 1e-16);
        // pred = 0.98*0.8 + 0.02*0.2 = 0.788; stim prior = 0.8*0.788 + 0.2*0.212 = 0.6728
        assertEquals(0.788, f.predictedBlockRight(), 1e-16);
        assertEquals(0.6728, f.stimulusPriorRight(), 1e-15);
        f.update(-1);
        // post = 0.2*0.788 / (0.2*0.788 + 0.8*0.212) = 0.1576 / 0.3272
        assertEquals(0.1576 / 0.3272, f.blockPosteriorRight(), 1e-15);
        assertEquals(2, f.trials());
        assertEquals(Math.log(f.stimulusPriorRight()), f.predictiveLogProbability(1), 1e-15);
        assertEquals(Math.log(1 - f.stimulusPriorRight()), f.predictiveLogProbability(-1), 1e-15);
        f.reset();
        assertEquals(0, f.trials());
        assertEquals(0.5, f.stimulusPriorRight(), 0.0);
    }

    @Test
    void matchesBruteForceEnumerationOfBlockPaths() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int rep = 0; rep < 30; rep++) {
            double h = rng.nextDouble(0.01, 0.5);
            double c = rng.nextDouble(0.55, 0.95);
            int n = 1 + rng.nextInt(9);
            double[][] w = new double[n][];
            BlockFilter f = new BlockFilter(h, c);
            double[][] expected;
            double[][] got = new double[n][3];
            for (int k = 0; k < n; k++) {
                got[k][0] = f.predictedBlockRight();
                got[k][1] = f.stimulusPriorRight();
                if (rng.nextInt(3) == 0) {
                    // soft evidence, given as plain likelihoods
                    w[k] = new double[] {rng.nextDouble(), rng.nextDouble()};
                    f.updateSoft(w[k][0], w[k][1]);
                } else {
                    int side = rng.nextBoolean() ? 1 : -1;
                    w[k] = side > 0 ? new double[] {0, 1} : new double[] {1, 0};
                    f.update(side);
                }
                got[k][2] = f.blockPosteriorRight();
            }
            expected = Naive.markovBlocks(h, c, w);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[k][0], got[k][0], 1e-13, "predicted, trial " + k);
                assertEquals(expected[k][1], got[k][1], 1e-13, "stimulus prior, trial " + k);
                assertEquals(expected[k][2], got[k][2], 1e-13, "posterior, trial " + k);
            }
        }
    }

    @Test
    void softUpdatesGeneraliseHardOnes() {
        BlockFilter hard = BlockFilter.forTask(PAPER);
        BlockFilter soft = BlockFilter.forTask(PAPER);
        BlockFilter flat = BlockFilter.forTask(PAPER);
        BlockFilter ref = BlockFilter.forTask(PAPER);
        int[] sides = {1, 1, -1, 1, 1, 1, -1};
        for (int s : sides) {
            hard.update(s);
            soft.updateSoftLog(s < 0 ? 0.0 : Double.NEGATIVE_INFINITY, s > 0 ? 0.0 : Double.NEGATIVE_INFINITY);
            assertEquals(hard.blockPosteriorRight(), soft.blockPosteriorRight(), 0.0);
            ref.update(s);
            flat.update(s);
        }
        // uninformative evidence: only the transition acts
        double before = flat.predictedBlockRight();
        flat.updateSoftLog(-3.0, -3.0);
        assertEquals(before, flat.blockPosteriorRight(), 1e-15);
        assertEquals(0.98 * before + 0.02 * (1 - before), flat.predictedBlockRight(), 1e-15);
        // the common scale of the log-likelihoods does not matter
        BlockFilter a = BlockFilter.forTask(PAPER);
        BlockFilter b = BlockFilter.forTask(PAPER);
        a.updateSoftLog(-1000.0, -1001.5);
        b.updateSoft(1.0, Math.exp(-1.5));
        assertEquals(a.blockPosteriorRight(), b.blockPosteriorRight(), 1e-15);
    }

    @Test
    void convergesToTheTrueBlockOnSampledSessions() {
        TaskConfig cfg = PAPER.withBlocksPerSession(200);
        Session s = Session.sample(cfg, new SplittableRandom(21));
        BlockFilter f = BlockFilter.forTask(cfg);
        int late = 0;
        int lateRight = 0;
        int ends = 0;
        int endsSure = 0;
        for (int t = 0; t < s.trialCount(); t++) {
            f.update(s.stimSide(t));
            int block = s.trialBlock(t);
            double pTrue = s.blockSide(block) > 0 ? f.blockPosteriorRight() : 1 - f.blockPosteriorRight();
            if (s.trialInBlock(t) >= 19) {
                late++;
                lateRight += pTrue > 0.5 ? 1 : 0;
            }
            if (s.trialInBlock(t) == s.blockLength(block) - 1) {
                ends++;
                endsSure += pTrue > 0.9 ? 1 : 0;
            }
        }
        // measured (seed 21): 0.977 of 5709 trials from the 20th of a block on favour the true
        // block (5 SE = 0.010); 0.790 of 200 blocks end with P(true block) > 0.9 (5 SE = 0.144)
        assertTrue((double) lateRight / late > 0.967, "late-in-block accuracy " + (double) lateRight / late);
        assertTrue((double) endsSure / ends > 0.646, "sure at block end " + (double) endsSure / ends);
    }

    @Test
    void predictedStimulusPriorNeverExceedsTheConcordance() {
        TaskConfig cfg = PAPER.withBlocksPerSession(100);
        Session s = Session.sample(cfg, new SplittableRandom(4));
        SplittableRandom rng = new SplittableRandom(9);
        BlockInference[] filters = {BlockFilter.forTask(cfg), SemiMarkovBlockFilter.forTask(cfg)};
        for (BlockInference f : filters) {
            double max = 0;
            double min = 1;
            for (int t = 0; t < s.trialCount(); t++) {
                double p = f.stimulusPriorRight();
                max = Math.max(max, p);
                min = Math.min(min, p);
                if (rng.nextInt(10) == 0) {
                    f.updateSoftLog(3 * rng.nextGaussian(), 3 * rng.nextGaussian());
                } else {
                    f.update(s.stimSide(t));
                }
            }
            assertTrue(max <= 0.8 + 1e-15 && min >= 0.2 - 1e-15, f.getClass().getSimpleName() + ": [" + min + ", " + max + "]");
            assertTrue(max > 0.75 && min < 0.25, "the prior does reach near the concordance");
        }
    }

    @Test
    void rejectsInvalidInput() {
        BlockFilter f = BlockFilter.forTask(PAPER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.update(0));
        assertEquals("side must be -1 (left) or +1 (right), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockFilter(1.2, 0.8));
        assertEquals("switch probability must be in [0, 1], got 1.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> f.updateSoftLog(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertTrue(e.getMessage().startsWith("log-likelihoods must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.updateSoft(0, 0));
        assertTrue(e.getMessage().startsWith("likelihoods must be finite, >= 0 and not both 0"), e.getMessage());
        BlockFilter certain = new BlockFilter(0.0, 1.0);
        certain.update(1);
        assertThrows(IllegalStateException.class, () -> certain.update(-1));
    }
}
