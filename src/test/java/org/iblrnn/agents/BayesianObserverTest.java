package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.junit.jupiter.api.Test;

/** The Bayesian observer against brute-force enumeration, and its trace record. */
class BayesianObserverTest {
    private static final TaskConfig PAPER = TaskConfig.paper();

    private static List<ObservedTrial> randomTrials(SplittableRandom rng, int n) {
        List<ObservedTrial> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int side = rng.nextBoolean() ? 1 : -1;
            double mu = PAPER.contrasts().get(rng.nextInt(6));
            int k = 1 + rng.nextInt(4);
            double[] l = new double[k];
            double[] r = new double[k];
            for (int i = 0; i < k; i++) {
                l[i] = (side < 0 ? mu : 0) + rng.nextGaussian();
                r[i] = (side > 0 ? mu : 0) + rng.nextGaussian();
            }
            out.add(new ObservedTrial(side, l, r));
        }
        return out;
    }

    @Test
    void exactPosteriorsMatchBruteForceEnumeration() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int rep = 0; rep < 20; rep++) {
            int n = 1 + rng.nextInt(8);
            List<ObservedTrial> trials = randomTrials(rng, n);
            ObserverTrace trace = BayesianObserver.exact(PAPER).observe(trials);
            double[][] w = new double[n][];
            for (int t = 0; t < n; t++) {
                w[t] = trials.get(t).stimSide() > 0 ? new double[] {0, 1} : new double[] {1, 0};
            }
            // block paths enumerated, likelihoods as direct products of normal densities
            double[][] blocks = Naive.markovBlocks(0.02, 0.8, w);
            for (int t = 0; t < n; t++) {
                ObservedTrial tr = trials.get(t);
                assertEquals(blocks[t][0], trace.blockPriorRight()[t], 1e-13, "block prior " + t);
                assertEquals(blocks[t][1], trace.stimulusPriorRight()[t], 1e-13, "stimulus prior " + t);
                assertEquals(blocks[t][2], trace.blockPosteriorRight()[t], 1e-13, "block posterior " + t);
                double post = Naive.posteriorRight(blocks[t][1], tr.obsLeft(), tr.obsRight(), PAPER.contrasts(), 1);
                assertEquals(post, trace.stimulusPosteriorRight()[t], 1e-12, "stimulus posterior " + t);
                assertEquals(post > 0.5 ? 1 : -1, trace.favouredSide()[t]);
                assertEquals(trace.favouredSide()[t] == tr.stimSide(), trace.correct()[t]);
            }
        }
    }

    @Test
    void semiMarkovObserverMatchesBruteForceAndMarkovUnderAGeometricLaw() {
        SplittableRandom rng = new SplittableRandom(13);
        BlockLengths law = new BlockLengths.TruncatedGeometric(0.3, 2, 5);
        TaskConfig cfg = PAPER.withBlockLengths(law);
        double[] pmf = new double[6];
        for (int l = 1; l <= 5; l++) {
            pmf[l] = law.pmf(l);
        }
        List<ObservedTrial> trials = randomTrials(rng, 9);
        ObserverTrace trace = new BayesianObserver(cfg, BayesianObserver.Variant.EXACT, BlockModel.SEMI_MARKOV)
                .observe(trials);
        double[][] w = new double[9][];
        for (int t = 0; t < 9; t++) {
            w[t] = trials.get(t).stimSide() > 0 ? new double[] {0, 1} : new double[] {1, 0};
        }
        double[][] blocks = Naive.semiMarkovBlocks(pmf, 0.8, w);
        for (int t = 0; t < 9; t++) {
            assertEquals(blocks[t][1], trace.stimulusPriorRight()[t], 1e-13);
            assertEquals(Naive.posteriorRight(blocks[t][1], trials.get(t).obsLeft(), trials.get(t).obsRight(),
                    PAPER.contrasts(), 1), trace.stimulusPosteriorRight()[t], 1e-12);
        }
        TaskConfig geometric = PAPER.withBlockLengths(new BlockLengths.TruncatedGeometric(0.02, 1, 100_000));
        List<ObservedTrial> many = randomTrials(rng, 300);
        ObserverTrace semi = new BayesianObserver(geometric, BayesianObserver.Variant.EXACT, BlockModel.SEMI_MARKOV)
                .observe(many);
        ObserverTrace markov = BayesianObserver.exact(geometric).observe(many);
        assertArrayEquals(markov.stimulusPosteriorRight(), semi.stimulusPosteriorRight(), 1e-9);
    }

    @Test
    void symmetricEvidenceGivesOneHalf() {
        List<ObservedTrial> trials = List.of(new ObservedTrial(1, new double[] {0.4, -1.0}, new double[] {0.4, -1.0}),
                new ObservedTrial(-1, new double[] {2.0}, new double[] {2.0}));
        for (BayesianObserver o : new BayesianObserver[] {BayesianObserver.exact(PAPER),
            BayesianObserver.reference(PAPER)}) {
            ObserverTrace t = o.observe(trials);
            assertEquals(0.5, t.stimulusPosteriorRight()[0], 1e-15, "first trial, oL == oR");
            assertEquals(t.stimulusPriorRight()[1], t.stimulusPosteriorRight()[1], 1e-15, "the prior is kept");
        }
        assertEquals(-1, BayesianObserver.exact(PAPER).observe(trials).favouredSide()[0],
                "an exact tie goes left, as the code's 2 round(p) - 1");
        TaskConfig zeroOnly = PAPER.withContrasts(List.of(0.0));
        ObserverTrace z = new BayesianObserver(zeroOnly, BayesianObserver.Variant.EXACT, BlockModel.NONE)
                .observe(randomTrials(new SplittableRandom(1), 10));
        for (double p : z.stimulusPosteriorRight()) {
            assertEquals(0.5, p, 0.0, "only zero contrast and no block knowledge");
        }
    }

    @Test
    void observesAClosedLoopRun() {
        TaskConfig cfg = PAPER.withBlocksPerSession(20);
        Session s = Session.sample(cfg, new SplittableRandom(40));
        TaskEnvironment env = new TaskEnvironment();
        new AgentLoop().run(new ExponentialActor(cfg), s, env);
        List<ObservedTrial> trials = ObservedTrial.listFrom(s, env);
        assertEquals(s.trialCount(), trials.size());
        for (int t = 0; t < trials.size(); t++) {
            ObservedTrial tr = trials.get(t);
            assertEquals(env.trialSteps(t) - cfg.blankSteps(), tr.observations());
            assertTrue(tr.observations() >= 1);
            assertEquals(s.stimSide(t), tr.stimSide());
            assertEquals(s.observationRight(t, tr.observations() - 1), tr.obsRight()[tr.observations() - 1], 0.0);
        }
        ObserverTrace exact = BayesianObserver.exact(cfg).observe(s, env);
        ObserverTrace ref = BayesianObserver.reference(cfg).observe(s, env);
        assertEquals(exact, BayesianObserver.exact(cfg).observe(trials), "deterministic, equals compares contents");
        assertNotEquals(exact, ref);
        // the same trials through the package's AgentRunner and its trial table
        AgentRunner.Result viaRunner = AgentRunner.run(new ExponentialActor(cfg), s, false);
        assertArrayEquals(env.trialsCompleted() == viaRunner.trials().size() ? viaRunner.trials().observations()
                : new int[0], exact.observations());
        assertEquals(exact, BayesianObserver.exact(cfg).observe(s, viaRunner.trials().observations()));
        assertTrue(exact.fractionCorrect() > 0.8 && ref.fractionCorrect() > 0.8,
                exact.fractionCorrect() + " / " + ref.fractionCorrect());
        double last = ref.blockPosteriorRight()[ref.trialCount() - 1];
        assertTrue(last > 0 && last < 1, "the last trial's block posterior is computed");
    }

    @Test
    void recordsCopyTheirArrays() {
        double[] l = {1.0};
        double[] r = {2.0};
        ObservedTrial tr = new ObservedTrial(1, l, r);
        l[0] = 5;
        tr.obsLeft()[0] = 7;
        assertEquals(1.0, tr.obsLeft()[0], 0.0);
        ObserverTrace trace = BayesianObserver.exact(PAPER).observe(List.of(tr));
        trace.stimulusPosteriorRight()[0] = -1;
        trace.correct()[0] = !trace.correct()[0];
        assertTrue(trace.stimulusPosteriorRight()[0] > 0.5);
        assertTrue(trace.correct()[0]);
        assertEquals(1.0, trace.fractionCorrect(), 0.0);
        assertTrue(Double.isNaN(BayesianObserver.exact(PAPER).observe(List.of()).fractionCorrect()));
    }

    @Test
    void rejectsInvalidInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ObservedTrial(0, new double[0], new double[0]));
        assertEquals("side must be -1 (left) or +1 (right), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ObservedTrial(1, new double[1], new double[2]));
        assertEquals("obsLeft and obsRight must have the same length, got 1 and 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ObservedTrial(1, new double[] {Double.NaN}, new double[1]));
        assertTrue(e.getMessage().startsWith("observations must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BayesianObserver(PAPER, BayesianObserver.Variant.REFERENCE, BlockModel.SEMI_MARKOV));
        assertEquals("block model must be MARKOV for the REFERENCE variant, got SEMI_MARKOV", e.getMessage());
    }
}
