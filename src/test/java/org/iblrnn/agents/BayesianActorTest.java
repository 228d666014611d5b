package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.testsupport.StatAsserts;
import org.junit.jupiter.api.Test;

/**
 * The Bayesian actors: the exact actor's bookkeeping on hand-made input, and every actor in closed
 * loop on a sampled 200-block session.
 */
class BayesianActorTest {
    private static final TaskConfig PAPER = TaskConfig.paper();
    private static final TaskConfig LONG = PAPER.withBlocksPerSession(200);
    /** The closed-loop session (seed 1): 9788 trials, 1566 of them at zero contrast. */
    private static final Session SESSION = Session.sample(LONG, new SplittableRandom(1));

    /** Outcome of one closed-loop run. */
    private record Run(int[] choice, double[] endPosteriorRight, double maxPrior, long stepHash) {
        int trials() {
            return choice.length;
        }
    }

    private static Run run(Agent agent, Session session) {
        TaskEnvironment env = new TaskEnvironment();
        double[] end = new double[session.trialCount()];
        double[] maxPrior = {0};
        long[] hash = {17};
        int priorIdx = agent.stateNames().indexOf("stimulusPriorRight");
        double[] state = new double[agent.stateSize()];
        new AgentLoop().run(agent, session, env, (t, x, p, a, e) -> {
            hash[0] = 31 * hash[0] + Double.doubleToLongBits(p[1]);
            a.stateInto(state, 0);
            maxPrior[0] = Math.max(maxPrior[0], Math.max(state[priorIdx], 1 - state[priorIdx]));
            if (e.lastTrialEnded()) {
                end[e.trial() - 1] = p[1];
            }
        });
        int[] choice = new int[env.trialsCompleted()];
        for (int t = 0; t < choice.length; t++) {
            choice[t] = env.choice(t);
        }
        return new Run(choice, end, maxPrior[0], hash[0]);
    }

    /** [correct, trials] over trials with the contrast index (or all if -1), by choice or by favoured side. */
    private static long[] count(Run r, Session s, int contrast, boolean actedOnly, boolean favoured) {
        long ok = 0;
        long n = 0;
        for (int t = 0; t < r.trials(); t++) {
            if (contrast >= 0 && s.contrastIndex(t) != contrast) {
                continue;
            }
            if (actedOnly && r.choice[t] == 0) {
                continue;
            }
            int side = favoured ? (r.endPosteriorRight[t] > 0.5 ? 1 : -1) : r.choice[t];
            n++;
            ok += side == s.stimSide(t) ? 1 : 0;
        }
        return new long[] {ok, n};
    }

    private static double frac(long[] c) {
        return (double) c[0] / c[1];
    }

    /** Asserts fraction >= measured - 5 SE (SE from the measured value and n). */
    private static void atLeast(double measured, long[] c, String what) {
        double se = Math.sqrt(measured * (1 - measured) / c[1]);
        double bound = measured - StatAsserts.Z * se;
        assertTrue(frac(c) >= bound, what + ": " + frac(c) + " (n=" + c[1] + ") below " + bound);
    }

    @Test
    void exactActorPerformsWellInClosedLoop() {
        Run r = run(BayesianActor.exact(LONG), SESSION);
        assertEquals(SESSION.trialCount(), r.trials());
        // measured (seed 1): correct / all trials 0.7981 (timeouts count as errors; it acts on 0.830
        // of the trials), correct / actions 0.9620, side favoured at the trial's end 0.9191
        atLeast(0.7981, count(r, SESSION, -1, false, false), "correct / trials");
        atLeast(0.9620, count(r, SESSION, -1, true, false), "correct / actions");
        atLeast(0.9191, count(r, SESSION, -1, false, true), "favoured side at trial end");
        // zero contrast: only the block prior helps. Measured: correct / actions 0.723 (540 actions),
        // favoured side at trial end 0.695 (1566 trials); it acts on 0.345 of them
        long[] zeroActs = count(r, SESSION, 0, true, false);
        long[] zeroFav = count(r, SESSION, 0, false, true);
        atLeast(0.723, zeroActs, "zero contrast, correct / actions");
        atLeast(0.695, zeroFav, "zero contrast, favoured side");
        assertTrue(frac(zeroFav) > 0.6 && frac(zeroActs) > 0.6, "well above chance at zero contrast");
        // never more confident before a trial than the concordance
        assertTrue(r.maxPrior <= 0.8 + 1e-15, "max prior " + r.maxPrior);
    }

    @Test
    void blockBlindActorsAreAtChanceAtZeroContrast() {
        Run exact = run(BayesianActor.exact(LONG), SESSION);
        double exactZero = frac(count(exact, SESSION, 0, false, true));
        for (BayesianActor blind : new BayesianActor[] {BayesianActor.blockBlind(LONG),
            BayesianActor.blockBlind(LONG, BayesianActor.Variant.EXACT)}) {
            Run r = run(blind, SESSION);
            // measured: favoured side at zero contrast 0.508 (code's blockless) / 0.503 (exact blind)
            long[] zero = count(r, SESSION, 0, false, true);
            StatAsserts.assertProportion(0.5, zero[0], zero[1], blind.name() + " at zero contrast");
            assertTrue(frac(zero) < exactZero - 0.1, blind.name() + " " + frac(zero) + " vs exact " + exactZero);
            assertEquals(0.5, r.maxPrior, 0.0, "the prior is always 1/2");
        }
    }

    @Test
    void referenceAndExponentialActorsInClosedLoop() {
        Run ref = run(BayesianActor.reference(LONG), SESSION);
        // measured: correct / trials 0.8687 (acts on 0.991), zero contrast correct / actions 0.698
        atLeast(0.8687, count(ref, SESSION, -1, false, false), "reference correct / trials");
        atLeast(0.698, count(ref, SESSION, 0, true, false), "reference zero contrast");
        // the code's prior T B omits the emission and exceeds the concordance
        assertTrue(ref.maxPrior > 0.95, "reference prior reaches " + ref.maxPrior);
        Run expo = run(new ExponentialActor(LONG), SESSION);
        // measured: correct / trials 0.8809, zero contrast correct / actions 0.584
        atLeast(0.8809, count(expo, SESSION, -1, false, false), "exponential correct / trials");
        atLeast(0.584, count(expo, SESSION, 0, true, false), "exponential zero contrast");
    }

    @Test
    void semiMarkovActorIsAtLeastAsGood() {
        Run markov = run(BayesianActor.exact(LONG), SESSION);
        Run semi = run(BayesianActor.exactSemiMarkov(LONG), SESSION);
        // measured: favoured side 0.9191 (Markov) vs 0.9214 (semi-Markov); correct / trials 0.7981 vs 0.8009
        double m = frac(count(markov, SESSION, -1, false, true));
        double s = frac(count(semi, SESSION, -1, false, true));
        assertTrue(s > m - 0.01, "semi-Markov " + s + " vs Markov " + m);
    }

    @Test
    void closedLoopIsDeterministic() {
        Run a = run(BayesianActor.exact(LONG), SESSION);
        BayesianActor reused = BayesianActor.exact(LONG);
        run(reused, Session.sample(LONG, new SplittableRandom(77)));
        Run b = run(reused, SESSION);
        assertArrayEquals(a.choice, b.choice, "same session, same choices (after reuse and reset)");
        assertEquals(a.stepHash, b.stepHash, "same probabilities at every step");
        Run c = run(BayesianActor.exact(LONG), Session.sample(LONG, new SplittableRandom(2)));
        assertNotEquals(a.stepHash, c.stepHash, "another session gives other output");
        Run ra = run(BayesianActor.reference(LONG), SESSION);
        Run rb = run(BayesianActor.reference(LONG), SESSION);
        assertEquals(ra.stepHash, rb.stepHash);
    }

    @Test
    void exactActorAgreesWithTheObserverUntilItsFirstTimeout() {
        // up to and including its first timeout the actor has learnt every true side, exactly the
        // observer's information, so the posteriors at its decision steps must coincide
        TaskConfig cfg = PAPER.withBlocksPerSession(2);
        int compared = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Session s = Session.sample(cfg, new SplittableRandom(seed));
            TaskEnvironment env = new TaskEnvironment();
            List<Double> endPost = new ArrayList<>();
            new AgentLoop().run(BayesianActor.exact(cfg), s, env, (t, x, p, a, e) -> {
                if (e.lastTrialEnded()) {
                    endPost.add(p[1]);
                }
            });
            double[] post = BayesianObserver.exact(cfg).observe(s, env).stimulusPosteriorRight();
            for (int t = 0; t < post.length; t++) {
                assertEquals(post[t], endPost.get(t), 1e-12, "seed " + seed + ", trial " + t);
                compared++;
                if (env.choice(t) == TaskEnvironment.TIMEOUT) {
                    break;
                }
            }
        }
        assertTrue(compared >= 60, "trials compared: " + compared);
    }

    // ---- hand-made input ------------------------------------------------------------------

    private static double[] step(Agent a, double oL, double oR, double r) {
        double[] p = new double[2];
        a.step(new double[] {oL, oR, r}, p);
        return p;
    }

    @Test
    void exactActorBookkeepingOnHandMadeInput() {
        BayesianActor actor = BayesianActor.exact(PAPER);
        BlockFilter replica = BlockFilter.forTask(PAPER);
        // trial 0: two blank steps output the prior 1/2, then a strong right observation
        assertArrayEquals(new double[] {0.5, 0.5}, step(actor, 0, 0, 0), 0.0);
        assertArrayEquals(new double[] {0.5, 0.5}, step(actor, 0, 0, 0), 0.0);
        double[] p = step(actor, 0.2, 2.9, 0);
        double expected = Naive.posteriorRight(0.5, new double[] {0.2}, new double[] {2.9}, PAPER.contrasts(), 1);
        assertEquals(expected, p[1], 1e-13);
        assertTrue(p[1] > 0.9, "acts right");
        // trial 1: feedback +1 -> true side right
        p = step(actor, 0, 0, 1);
        replica.update(1);
        assertEquals(0.8, actor.blockPosteriorRight(), 1e-15);
        assertEquals(replica.stimulusPriorRight(), p[1], 1e-15);
        assertEquals(0.6728, actor.stimulusPriorRight(), 1e-15);
        step(actor, 0, 0, 0);
        p = step(actor, 2.8, 0.1, 0);
        assertTrue(p[0] > 0.9, "acts left");
        // trial 2: feedback -1 after acting left -> true side right
        p = step(actor, 0, 0, -1);
        replica.update(1);
        assertEquals(replica.blockPosteriorRight(), actor.blockPosteriorRight(), 1e-15);
        assertEquals(replica.stimulusPriorRight(), p[1], 1e-15);
        step(actor, 0, 0, 0);
        // ten weak observations: no action, a timeout
        double[] oL = {0.3, -0.2, 0.6, 0.1, 0.4, -0.3, 0.2, 0.5, 0.0, 0.3};
        double[] oR = {0.1, 0.2, -0.4, 0.3, 0.0, 0.1, -0.1, 0.2, 0.2, -0.2};
        double prior = actor.stimulusPriorRight();
        for (int k = 0; k < 10; k++) {
            p = step(actor, oL[k], oR[k], k == 0 ? 0 : -0.05);
            assertTrue(p[0] <= 0.9 && p[1] <= 0.9, "no action at observation " + k + ": " + p[1]);
        }
        assertEquals(Naive.posteriorRight(prior, oL, oR, PAPER.contrasts(), 1), p[1], 1e-12);
        // trial 3: timeout feedback -> soft update with the trial's likelihoods
        p = step(actor, 0, 0, -1);
        replica.updateSoft(Naive.likelihood(-1, oL, oR, PAPER.contrasts(), 1),
                Naive.likelihood(1, oL, oR, PAPER.contrasts(), 1));
        assertEquals(replica.blockPosteriorRight(), actor.blockPosteriorRight(), 1e-12);
        assertEquals(replica.stimulusPriorRight(), p[1], 1e-12);
        double[] state = new double[3];
        actor.stateInto(state, 0);
        assertArrayEquals(new double[] {actor.blockPosteriorRight(), p[1], p[1]}, state, 0.0);
        assertEquals(List.of("blockPosteriorRight", "stimulusPriorRight", "stimulusPosteriorRight"),
                actor.stateNames());
    }

    @Test
    void exactActorDetectsInputOutOfStepWithTheTask() {
        BayesianActor actor = BayesianActor.exact(PAPER);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(actor, 0.5, 0, 0));
        assertTrue(e.getMessage().contains("should be blank"), e.getMessage());
        BayesianActor acted = BayesianActor.exact(PAPER);
        step(acted, 0, 0, 0);
        step(acted, 0, 0, 0);
        step(acted, 0, 3, 0);
        e = assertThrows(IllegalStateException.class, () -> step(acted, 0, 0, 0.5));
        assertTrue(e.getMessage().contains("after an action"), e.getMessage());
    }

    @Test
    void rejectsInvalidConfigurations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BayesianActor(PAPER, BayesianActor.Variant.REFERENCE, BlockModel.SEMI_MARKOV));
        assertEquals("block model must be MARKOV or NONE for the REFERENCE variant, got SEMI_MARKOV", e.getMessage());
        TaskConfig noBlank = new TaskConfig(4, PAPER.blockLengths(), 0.8, PAPER.contrasts(), 1.0, 0, 10, 0.9, -0.05,
                1.0, -1.0, -1.0);
        e = assertThrows(IllegalArgumentException.class, () -> BayesianActor.reference(noBlank));
        assertEquals("blank steps per trial must be >= 1 for the REFERENCE variant, got 0", e.getMessage());
        // the exact actor counts steps and needs no blank step
        Run r = run(BayesianActor.exact(noBlank), Session.sample(noBlank, new SplittableRandom(3)));
        assertTrue(r.trials() > 0);
    }

    @Test
    void namesAreDistinct() {
        List<String> names = List.of(BayesianActor.exact(PAPER).name(), BayesianActor.exactSemiMarkov(PAPER).name(),
                BayesianActor.reference(PAPER).name(), BayesianActor.blockBlind(PAPER).name(),
                BayesianActor.blockBlind(PAPER, BayesianActor.Variant.EXACT).name(), new ExponentialActor(PAPER).name());
        assertEquals(List.of("actor", "actor-semi-markov", "actor-reference", "actor-reference-blind", "actor-blind",
                "exponential"), names);
    }
}
