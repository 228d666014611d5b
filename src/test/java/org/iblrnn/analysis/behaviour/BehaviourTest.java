package org.iblrnn.analysis.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;

/** Behavioural analyses on synthetic agents with known answers. */
class BehaviourTest {
    /** Which choice a synthetic agent makes on a trial. */
    interface Policy {
        int choose(Session s, int trial, SplittableRandom rng);
    }

    static TrialTable table(String name, int blocks, long seed, Policy policy) {
        Session s = Session.sample(TaskConfig.paper().withBlocksPerSession(blocks), new SplittableRandom(seed));
        SplittableRandom rng = new SplittableRandom(seed + 1);
        int n = s.trialCount();
        int[] zeros = new int[n];
        int[] block = new int[n];
        int[] bs = new int[n];
        int[] tib = new int[n];
        int[] stim = new int[n];
        double[] c = new double[n];
        int[] choice = new int[n];
        int[] obs = new int[n];
        int[] steps = new int[n];
        double[] rt = new double[n];
        for (int i = 0; i < n; i++) {
            block[i] = s.trialBlock(i);
            bs[i] = s.blockSide(block[i]);
            tib[i] = s.trialInBlock(i);
            stim[i] = s.stimSide(i);
            c[i] = s.contrast(i);
            choice[i] = policy.choose(s, i, rng);
            obs[i] = 1 + (int) (5 - s.contrast(i) * 2); // slower at low contrast
            steps[i] = obs[i] + 2;
            rt[i] = Double.NaN;
        }
        return new TrialTable(name, zeros, block, bs, tib, stim, c, choice, obs, steps, rt, new LinkedHashMap<>());
    }

    static final Policy PERFECT = (s, i, r) -> s.stimSide(i);
    static final Policy RANDOM = (s, i, r) -> r.nextBoolean() ? 1 : -1;
    static final Policy BLOCK = (s, i, r) -> s.blockSide(s.trialBlock(i));

    /** 5 standard errors of a proportion p over n trials. */
    static double fiveSe(double p, int n) {
        return 5 * Math.sqrt(p * (1 - p) / n);
    }

    @Test
    void perfectAgentIsAlwaysCorrect() {
        TrialTable t = table("perfect", 200, 1, PERFECT);
        Behaviour.Outcomes o = Behaviour.outcomesByContrast(t);
        for (double v : o.correct().mean()) {
            assertEquals(1.0, v);
        }
        for (double v : o.timeout().mean()) {
            assertEquals(0.0, v);
        }
        assertEquals(11, o.correct().size(), "11 signed contrasts (both zeros pooled)");
        Curve byPos = Behaviour.correctByTrialInBlock(t, false, 100);
        for (double v : byPos.mean()) {
            assertEquals(1.0, v);
        }
        Behaviour.ZeroContrast z = Behaviour.zeroContrast(t);
        assertEquals(0.8, z.chooseBlockSide(), fiveSe(0.8, z.trials()));
    }

    @Test
    void randomAgentIsAtChanceEverywhere() {
        TrialTable t = table("random", 400, 2, RANDOM);
        Curve c = Behaviour.correctByContrast(t);
        for (int i = 0; i < c.size(); i++) {
            assertEquals(0.5, c.mean()[i], fiveSe(0.5, c.n()[i]), "contrast " + c.x()[i]);
            assertEquals(Math.sqrt(0.25 / c.n()[i]), c.sem()[i], 0.01);
        }
        List<Curve> cd = Behaviour.correctByContrastAndConcordance(t);
        for (Curve k : cd) {
            for (int i = 0; i < k.size(); i++) {
                assertEquals(0.5, k.mean()[i], fiveSe(0.5, k.n()[i]));
            }
        }
    }

    @Test
    void blockFollowerIsRightOnConcordantAndWrongOnDiscordantTrials() {
        TrialTable t = table("block", 300, 3, BLOCK);
        List<Curve> cd = Behaviour.correctByContrastAndConcordance(t);
        for (double v : cd.get(0).mean()) {
            assertEquals(1.0, v);
        }
        for (double v : cd.get(1).mean()) {
            assertEquals(0.0, v);
        }
        Curve all = Behaviour.correctByContrast(t);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(0.8, all.mean()[i], fiveSe(0.8, all.n()[i]));
        }
        Behaviour.ZeroContrast z = Behaviour.zeroContrast(t);
        assertEquals(1.0, z.chooseBlockSide());
        assertEquals(0.8, z.correctLeftBlock(), fiveSe(0.8, z.trials() / 2));
        // psychometric in a right block: always right
        Curve pr = Behaviour.psychometric(t, 1);
        for (double v : pr.mean()) {
            assertEquals(1.0, v);
        }
    }

    @Test
    void chronometricSplitsAndCountsEveryTrialOnce() {
        TrialTable t = table("random", 100, 4, RANDOM);
        List<Curve> ch = Behaviour.chronometric(t, false);
        int total = 0;
        for (Curve c : ch) {
            for (int k : c.n()) {
                total += k;
            }
            for (int i = 0; i < c.size(); i++) {
                double expected = 1 + (int) (5 - Math.abs(c.x()[i]) * 2) + 2;
                assertEquals(expected, c.mean()[i], 1e-12, "steps are a function of contrast here");
            }
        }
        assertTrue(total <= t.size() && total > 0.95 * t.size(), "dropped groups are small: " + total);
    }

    @Test
    void smallGroupsAreDropped() {
        TrialTable t = table("perfect", 1, 5, PERFECT);
        Curve byPos = Behaviour.correctByTrialInBlock(t, true, 100);
        for (int k : byPos.n()) {
            assertTrue(k >= Behaviour.MIN_GROUP);
        }
    }

    @Test
    void blockOnsetSlopesAreZeroForAPerfectAgentAndRecoveryIsImmediate() {
        TrialTable t = table("perfect", 50, 6, PERFECT);
        Behaviour.BlockOnset b = Behaviour.blockOnset(t, 10);
        assertEquals(49, b.slope().length);
        for (int i = 0; i < b.slope().length; i++) {
            assertEquals(0.0, b.slope()[i], 1e-12);
            assertEquals(1.0, b.intercept()[i], 1e-12);
            assertTrue(b.previousLength()[i] >= 20 && b.previousLength()[i] <= 100);
        }
        assertEquals(1.0, Behaviour.recoveryTrials(Behaviour.correctByTrialInBlock(t, false, 60), 0.02));
    }

    @Test
    void psychometricFitRecoversSimulatedParameters() {
        double bias = 0.3;
        double thr = 0.8;
        double gl = 0.06;
        double gh = 0.1;
        double[] c = {-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5};
        int[] n = new int[c.length];
        int[] r = new int[c.length];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < c.length; i++) {
            n[i] = 2000;
            double p = PsychometricFit.model(c[i], bias, thr, gl, gh);
            for (int k = 0; k < n[i]; k++) {
                r[i] += rng.nextDouble() < p ? 1 : 0;
            }
        }
        PsychometricFit.Result f = PsychometricFit.fit(c, r, n);
        assertTrue(f.converged());
        double[] truth = {bias, thr, gl, gh};
        for (int i = 0; i < 4; i++) {
            assertTrue(f.se()[i] > 0 && f.se()[i] < 0.1, "se " + i + " = " + f.se()[i]);
            // within 4 standard errors (a 95% interval misses 5% of the time; 4 SE essentially never)
            assertEquals(truth[i], f.value(i), 4 * f.se()[i], "parameter " + i);
        }
        // deterministic
        PsychometricFit.Result g = PsychometricFit.fit(c, r, n);
        assertEquals(f.bias(), g.bias());
        assertEquals(f.negLogLik(), g.negLogLik());
    }

    @Test
    void psychometricFitOfABlockBiasedAgentShiftsTheBias() {
        TrialTable t = table("noisy", 400, 7, (s, i, rng) -> {
            double c = s.stimSide(i) * s.contrast(i);
            double p = PsychometricFit.model(c, -0.4 * s.blockSide(s.trialBlock(i)), 0.7, 0.05, 0.05);
            return rng.nextDouble() < p ? 1 : -1;
        });
        PsychometricFit.Result left = Behaviour.psychometricFit(t, -1);
        PsychometricFit.Result right = Behaviour.psychometricFit(t, 1);
        assertNotNull(left);
        assertNotNull(right);
        assertEquals(0.4, left.bias(), 4 * left.se()[0]);
        assertEquals(-0.4, right.bias(), 4 * right.se()[0]);
    }
}
