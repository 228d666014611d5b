package org.iblrnn.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The closed-loop step protocol (reference-spec 2.1-2.3), checked step by step on hand-built
 * sessions with hand-chosen action probabilities, and against an independent reference model on
 * random sessions and random policies.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskEnvironmentTest {
    private static final TaskConfig PAPER = TaskConfig.paper();
    private static final double WAIT = -0.05;
    /** Undecided probabilities: never an action. */
    private static final double[] HOLD = {0.5, 0.5};
    private static final double[] LEFT = {0.95, 0.05};
    private static final double[] RIGHT = {0.03, 0.97};

    /** Distinct non-zero observation values: trial t, observation j, channel c (0 left, 1 right). */
    private static double obsValue(int t, int j, int c) {
        return (t + 1) * 100 + (j + 1) + (c == 0 ? 0.25 : 0.5);
    }

    /** A hand-built session whose observation at (t, j, c) is {@link #obsValue}. */
    private static Session handSession(TaskConfig cfg, int[] blockLengths, int firstSide, int[] stimSide) {
        int n = stimSide.length;
        int nObs = cfg.maxObservations();
        double[] obs = new double[n * nObs * 2];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < nObs; j++) {
                obs[(t * nObs + j) * 2] = obsValue(t, j, 0);
                obs[(t * nObs + j) * 2 + 1] = obsValue(t, j, 1);
            }
        }
        int[] contrast = new int[n];
        for (int t = 0; t < n; t++) {
            contrast[t] = t % cfg.contrasts().size();
        }
        return Session.of(cfg, blockLengths, firstSide, stimSide, contrast, obs);
    }

    private static double[] input(TaskEnvironment env) {
        double[] x = new double[3];
        env.input(x, 0);
        return x;
    }

    /** Asserts the current input, steps with p, and asserts the emitted reward. */
    private static void expectStep(TaskEnvironment env, double[] expectedInput, double[] p, double expectedReward,
                                   String what) {
        assertArrayEquals(expectedInput, input(env), 0.0, what + ": input");
        env.step(p[0], p[1]);
        assertEquals(expectedReward, env.lastReward(), 0.0, what + ": emitted reward");
    }

    private static double[] blank(double prevReward) {
        return new double[] {0.0, 0.0, prevReward};
    }

    private static double[] obs(int t, int j, double prevReward) {
        return new double[] {obsValue(t, j, 0), obsValue(t, j, 1), prevReward};
    }

    // --- hand-written timelines -----------------------------------------------------------------

    @Test
    void actOnFirstObservationTakesThreeSteps() {
        Session s = handSession(PAPER, new int[] {2}, -1, new int[] {-1, 1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        assertSame(s, env.session());
        assertFalse(env.done());
        assertEquals(0, env.trial());
        assertEquals(0, env.stepInTrial());
        assertEquals(0, env.totalSteps());

        expectStep(env, blank(0), HOLD, 0, "t0 k0 (very first input of the session is all zero)");
        assertTrue(env.lastBlank());
        assertFalse(env.lastTrialEnded());
        assertEquals(0, env.lastTarget(), "left stimulus -> target 0");
        expectStep(env, blank(0), HOLD, 0, "t0 k1");
        assertTrue(env.lastBlank());
        assertEquals(2, env.stepInTrial());
        expectStep(env, obs(0, 0, 0), LEFT, 1.0, "t0 k2 correct left action");
        assertFalse(env.lastBlank());
        assertTrue(env.lastTrialEnded());
        assertEquals(-1, env.lastActionSide());
        assertEquals(0, env.lastTarget());
        assertEquals(1, env.trialsCompleted());
        assertEquals(1, env.actionsTaken());
        assertEquals(1, env.correctActions());
        assertEquals(3, env.trialSteps(0));
        assertEquals(-1, env.choice(0));
        assertEquals(1, env.trial());
        assertEquals(0, env.stepInTrial());
        assertEquals(3, env.totalSteps());

        // trial 1 (stimulus right): +1 arrives with zero observations on the first blank step only
        expectStep(env, blank(1.0), HOLD, 0, "t1 k0 carries the feedback");
        assertEquals(1, env.lastTarget(), "right stimulus -> target 1");
        expectStep(env, blank(0), HOLD, 0, "t1 k1 all zero");
        expectStep(env, obs(1, 0, 0), LEFT, -1.0, "t1 k2 wrong left action");
        assertTrue(env.lastTrialEnded());
        assertEquals(-1, env.lastActionSide());
        assertEquals(1, env.lastTarget());
        assertTrue(env.done(), "done after the last trial");
        assertEquals(2, env.trialsCompleted());
        assertEquals(2, env.actionsTaken());
        assertEquals(1, env.correctActions());
        assertEquals(-1, env.choice(1));
        assertEquals(3, env.trialSteps(1));
        assertEquals(6, env.totalSteps());
    }

    @Test
    void waitingPenaltyActionOnTenthObservationAndTimeout() {
        // one left block of 3 trials: stimulus left, right, left
        Session s = handSession(PAPER, new int[] {3}, -1, new int[] {-1, 1, -1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);

        // trial 0: wait on observations 1..3, act right (wrong) on observation 4
        expectStep(env, blank(0), HOLD, 0, "t0 k0");
        expectStep(env, blank(0), HOLD, 0, "t0 k1");
        expectStep(env, obs(0, 0, 0), HOLD, WAIT, "t0 k2: no -0.05 input on the first observation");
        assertFalse(env.lastTrialEnded());
        assertEquals(0, env.lastActionSide());
        expectStep(env, obs(0, 1, WAIT), HOLD, WAIT, "t0 k3: -0.05 input from the second observation on");
        expectStep(env, obs(0, 2, WAIT), HOLD, WAIT, "t0 k4");
        expectStep(env, obs(0, 3, WAIT), RIGHT, -1.0, "t0 k5 wrong right action");
        assertEquals(1, env.lastActionSide());
        assertEquals(6, env.trialSteps(0));
        assertEquals(1, env.choice(0));
        assertEquals(0, env.correctActions());

        // trial 1 (right): decisive outputs on blank steps are ignored; act right on the 10th observation
        expectStep(env, blank(-1.0), new double[] {0.999, 0.001}, 0, "t1 k0 no action on a blank step");
        assertTrue(env.lastBlank());
        assertFalse(env.lastTrialEnded());
        assertEquals(0, env.lastActionSide());
        assertEquals(1, env.actionsTaken(), "the blank-step output was not counted as an action");
        expectStep(env, blank(0), new double[] {0.0, 1.0}, 0, "t1 k1 no action on a blank step");
        assertFalse(env.lastTrialEnded());
        expectStep(env, obs(1, 0, 0), HOLD, WAIT, "t1 k2");
        for (int j = 1; j < 9; j++) {
            expectStep(env, obs(1, j, WAIT), new double[] {0.1, 0.9}, WAIT,
                    "t1 obs " + (j + 1) + " (p = 0.9 is no action)");
        }
        expectStep(env, obs(1, 9, WAIT), RIGHT, 1.0, "t1 k11 correct action on the 10th observation");
        assertEquals(12, env.trialSteps(1));
        assertEquals(1, env.choice(1));
        assertEquals(1, env.lastActionSide());

        // trial 2: timeout; p exactly 0.9 on the last step is still no action
        expectStep(env, blank(1.0), HOLD, 0, "t2 k0");
        expectStep(env, blank(0), HOLD, 0, "t2 k1");
        expectStep(env, obs(2, 0, 0), HOLD, WAIT, "t2 k2");
        for (int j = 1; j < 9; j++) {
            expectStep(env, obs(2, j, WAIT), HOLD, WAIT, "t2 obs " + (j + 1));
            assertFalse(env.lastTrialEnded());
        }
        expectStep(env, obs(2, 9, WAIT), new double[] {0.9, 0.1}, -1.0, "t2 k11 timeout");
        assertTrue(env.lastTrialEnded());
        assertEquals(0, env.lastActionSide(), "no action side on a timeout");
        assertEquals(0, env.lastTarget());
        assertEquals(TaskEnvironment.TIMEOUT, env.choice(2));
        assertEquals(12, env.trialSteps(2));
        assertTrue(env.done());
        assertEquals(3, env.trialsCompleted());
        assertEquals(2, env.actionsTaken());
        assertEquals(1, env.correctActions());
        assertEquals(6 + 12 + 12, env.totalSteps());
    }

    @Test
    void feedbackCrossesTheBlockBoundary() {
        // block 0 (right) has 2 trials, block 1 (left) has 2 trials
        Session s = handSession(PAPER, new int[] {2, 2}, 1, new int[] {1, -1, -1, 1});
        assertEquals(1, s.blockSide(0));
        assertEquals(-1, s.blockSide(1));
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        expectStep(env, blank(0), HOLD, 0, "t0 k0");
        expectStep(env, blank(0), HOLD, 0, "t0 k1");
        expectStep(env, obs(0, 0, 0), RIGHT, 1.0, "t0 correct");
        expectStep(env, blank(1.0), HOLD, 0, "t1 k0");
        expectStep(env, blank(0), HOLD, 0, "t1 k1");
        expectStep(env, obs(1, 0, 0), HOLD, WAIT, "t1 k2");
        expectStep(env, obs(1, 1, WAIT), LEFT, 1.0, "t1 last trial of block 0, correct");
        assertEquals(2, env.trial());
        assertEquals(1, s.trialBlock(env.trial()), "next trial is in block 1");
        assertEquals(0, s.trialInBlock(env.trial()));
        // the first step of block 1 carries the feedback of block 0's last trial
        expectStep(env, blank(1.0), HOLD, 0, "t2 k0: first step of block 1 carries +1 from block 0");
        expectStep(env, blank(0), HOLD, 0, "t2 k1");
        expectStep(env, obs(2, 0, 0), RIGHT, -1.0, "t2 wrong");
        expectStep(env, blank(-1.0), HOLD, 0, "t3 k0");
        expectStep(env, blank(0), HOLD, 0, "t3 k1");
        expectStep(env, obs(3, 0, 0), RIGHT, 1.0, "t3 correct");
        assertTrue(env.done());
        assertEquals(4, env.trialsCompleted());
        assertEquals(4, env.actionsTaken());
        assertEquals(3, env.correctActions());
    }

    @Test
    void thresholdIsStrict() {
        Session s = handSession(PAPER, new int[] {4}, -1, new int[] {-1, 1, 1, -1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        double justAbove = Math.nextUp(0.9);
        // trial 0: pLeft == 0.9 is not an action, pLeft just above is
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.9, 0.1);
        assertFalse(env.lastTrialEnded());
        assertEquals(WAIT, env.lastReward());
        env.step(justAbove, 1 - justAbove);
        assertTrue(env.lastTrialEnded());
        assertEquals(-1, env.lastActionSide());
        assertEquals(1.0, env.lastReward());
        // trial 1 (right): pRight == 0.9 is not an action, pRight just above is
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.1, 0.9);
        assertFalse(env.lastTrialEnded());
        env.step(1 - justAbove, justAbove);
        assertTrue(env.lastTrialEnded());
        assertEquals(1, env.lastActionSide());
        assertEquals(1.0, env.lastReward());
        // trial 2 (right): pLeft > 0.9 gives action side -1 (wrong)
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.91, 0.09);
        assertEquals(-1, env.lastActionSide());
        assertEquals(-1.0, env.lastReward());
        assertEquals(1, env.lastTarget());
        // trial 3 (left): a certain right action is wrong
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.0, 1.0);
        assertEquals(1, env.lastActionSide());
        assertEquals(-1.0, env.lastReward());
        assertEquals(0, env.lastTarget());
        assertTrue(env.done());
        assertEquals(4, env.actionsTaken());
        assertEquals(2, env.correctActions());
        assertArrayEquals(new int[] {-1, 1, -1, 1},
                new int[] {env.choice(0), env.choice(1), env.choice(2), env.choice(3)});
    }

    @Test
    void stepReturnsDoneOnlyOnTheLastStep() {
        Session s = handSession(PAPER, new int[] {1, 1}, 1, new int[] {1, 1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        assertFalse(env.step(0.5, 0.5));
        assertFalse(env.step(0.5, 0.5));
        assertFalse(env.step(0.0, 1.0), "end of trial 0 is not the end of the session");
        assertFalse(env.done());
        assertFalse(env.step(0.5, 0.5));
        assertFalse(env.step(0.5, 0.5));
        assertTrue(env.step(0.0, 1.0));
        assertTrue(env.done());
    }

    @Test
    void inputAndStepAfterDoneThrow() {
        Session s = handSession(PAPER, new int[] {1}, 1, new int[] {1});
        TaskEnvironment env = new TaskEnvironment();
        // a fresh environment has no session: it behaves as ended
        assertTrue(env.done());
        assertThrows(IllegalStateException.class, () -> input(env));
        assertThrows(IllegalStateException.class, () -> env.step(0.5, 0.5));
        env.reset(s);
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.0, 1.0);
        assertTrue(env.done());
        assertThrows(IllegalStateException.class, () -> input(env));
        assertThrows(IllegalStateException.class, () -> env.step(0.5, 0.5));
        // the failed calls did not change the state
        assertEquals(3, env.totalSteps());
        assertEquals(1, env.trialsCompleted());
        assertEquals(1.0, env.lastReward());
    }

    @Test
    void perTrialAccessorsRejectIncompleteTrials() {
        Session s = handSession(PAPER, new int[] {2}, 1, new int[] {1, -1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        assertThrows(IllegalArgumentException.class, () -> env.choice(0));
        assertThrows(IllegalArgumentException.class, () -> env.trialSteps(0));
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.0, 1.0);
        assertEquals(1, env.choice(0));
        assertThrows(IllegalArgumentException.class, () -> env.choice(1));
        assertThrows(IllegalArgumentException.class, () -> env.choice(-1));
        assertThrows(IllegalArgumentException.class, () -> env.trialSteps(1));
    }

    @Test
    void resetStartsAFreshSession() {
        Session s = handSession(PAPER, new int[] {1}, 1, new int[] {1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        env.step(0.0, 1.0);
        assertTrue(env.done());
        // the +1 emitted at the end of the previous session is never fed back
        Session s2 = handSession(PAPER, new int[] {3}, -1, new int[] {-1, -1, 1});
        env.reset(s2);
        assertFalse(env.done());
        assertSame(s2, env.session());
        assertEquals(0, env.trial());
        assertEquals(0, env.stepInTrial());
        assertEquals(0, env.totalSteps());
        assertEquals(0, env.trialsCompleted());
        assertEquals(0, env.actionsTaken());
        assertEquals(0, env.correctActions());
        assertThrows(IllegalArgumentException.class, () -> env.choice(0));
        expectStep(env, blank(0), HOLD, 0, "first input after reset");
        expectStep(env, blank(0), HOLD, 0, "k1");
        expectStep(env, obs(0, 0, 0), LEFT, 1.0, "t0");
        assertEquals(1, env.correctActions());
        // a shorter session after a longer one (arrays are reused)
        env.reset(s);
        expectStep(env, blank(0), HOLD, 0, "short session k0");
        expectStep(env, blank(0), HOLD, 0, "short session k1");
        expectStep(env, obs(0, 0, 0), HOLD, WAIT, "short session k2");
        assertThrows(IllegalArgumentException.class, () -> env.choice(0));
    }

    @Test
    void sessionsWithoutTrialsAreRejected() {
        // No session reaches the environment without a trial: Session.of refuses zero blocks and
        // empty blocks, naming the reason (the environment's done() is never true at reset).
        TaskConfig noUnbiased = PAPER.withUnbiasedTrials(0);
        IllegalArgumentException noBlocks = assertThrows(IllegalArgumentException.class,
                () -> Session.of(noUnbiased, new int[0], 1, new int[0], new int[0], new double[0]));
        assertEquals("a session must have at least one block, got 0", noBlocks.getMessage());
        IllegalArgumentException emptyBlock = assertThrows(IllegalArgumentException.class,
                () -> Session.of(noUnbiased, new int[] {0}, 1, new int[0], new int[0], new double[0]));
        assertEquals("block length must be >= 1, got 0", emptyBlock.getMessage());
        // the smallest session a config allows has a trial, and the environment starts not done
        Session smallest = Session.sample(noUnbiased.withBlocksPerSession(1), new SplittableRandom(3));
        assertTrue(smallest.trialCount() >= 1);
        TaskEnvironment env = new TaskEnvironment();
        env.reset(smallest);
        assertFalse(env.done());
    }

    @Test
    void inputWritesAtTheGivenOffsetOnly() {
        Session s = handSession(PAPER, new int[] {1}, 1, new int[] {1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        env.step(0.5, 0.5);
        env.step(0.5, 0.5);
        double[] x = {7, 7, 7, 7, 7, 7, 7};
        env.input(x, 3);
        assertArrayEquals(new double[] {7, 7, 7, obsValue(0, 0, 0), obsValue(0, 0, 1), 0, 7}, x, 0.0);
        // input() is idempotent: it does not advance the environment
        env.input(x, 3);
        assertEquals(2, env.stepInTrial());
        assertEquals(2, env.totalSteps());
    }

    // --- reference model on random sessions and policies ----------------------------------------

    /** An independent transcription of reference-spec 2.1-2.2, generalised to the config's constants. */
    private static final class Reference {
        final Session s;
        final TaskConfig c;
        int trial;
        int k;
        double prev;
        boolean done;
        double reward;
        boolean blank;
        boolean ended;
        int actionSide;
        int steps;
        int completed;
        int actions;
        int corrects;
        final int[] choice;
        final int[] trialSteps;

        Reference(Session s) {
            this.s = s;
            this.c = s.config();
            this.choice = new int[s.trialCount()];
            this.trialSteps = new int[s.trialCount()];
        }

        double[] input() {
            if (k < c.blankSteps()) {
                return new double[] {0, 0, prev};
            }
            int j = k - c.blankSteps();
            return new double[] {s.observationLeft(trial, j), s.observationRight(trial, j), prev};
        }

        void step(double pl, double pr) {
            int stim = s.stimSide(trial);
            blank = k < c.blankSteps();
            ended = false;
            actionSide = 0;
            double max = Math.max(pl, pr);
            if (blank) {
                reward = 0;
            } else if (max > c.actionThreshold()) {
                actionSide = pl > c.actionThreshold() ? -1 : 1;
                reward = actionSide == stim ? c.correctReward() : c.errorReward();
                ended = true;
                actions++;
                if (actionSide == stim) {
                    corrects++;
                }
            } else if (k == c.blankSteps() + c.maxObservations() - 1) {
                reward = c.timeoutReward();
                ended = true;
            } else {
                reward = c.waitReward();
            }
            prev = reward;
            steps++;
            if (ended) {
                choice[trial] = actionSide;
                trialSteps[trial] = k + 1;
                completed++;
                trial++;
                k = 0;
                done = trial == s.trialCount();
            } else {
                k++;
            }
        }
    }

    private static TaskConfig custom(int blank, int maxObs, double threshold, double wait, double correct,
                                     double error, double timeout) {
        return new TaskConfig(3, new BlockLengths.TruncatedGeometric(0.2, 2, 6), 0.8, TaskConfig.linspace(0, 2.5, 6),
                1.0, blank, maxObs, threshold, wait, correct, error, timeout);
    }

    @Test
    void matchesReferenceModelOnRandomSessionsAndPolicies() {
        List<TaskConfig> configs = List.of(
                PAPER,
                PAPER.withBlocksPerSession(2),
                custom(0, 3, 0.9, -0.05, 1, -1, -1),
                custom(3, 4, 0.75, -0.1, 2.0, -3.0, -4.0),
                custom(1, 1, 0.6, -0.2, 0.5, -0.5, -0.7));
        SplittableRandom rng = new SplittableRandom(31_415_926L);
        TaskEnvironment env = new TaskEnvironment();
        int totalSteps = 0;
        for (TaskConfig cfg : configs) {
            for (int rep = 0; rep < 20; rep++) {
                Session s = Session.sample(cfg, rng);
                Reference ref = new Reference(s);
                env.reset(s);
                double th = cfg.actionThreshold();
                double decide = rng.nextDouble(0.02, 0.4);
                while (!ref.done) {
                    String where = "config " + configs.indexOf(cfg) + " rep " + rep + " step " + ref.steps;
                    assertFalse(env.done(), where);
                    assertArrayEquals(ref.input(), input(env), 0.0, where + " input");
                    assertEquals(ref.trial, env.trial(), where);
                    assertEquals(ref.k, env.stepInTrial(), where);
                    double u = rng.nextDouble();
                    double pl;
                    if (u < decide) {
                        pl = rng.nextBoolean() ? rng.nextDouble(th, 1.0) : 1 - rng.nextDouble(th, 1.0);
                    } else if (u < decide + 0.05) {
                        pl = rng.nextBoolean() ? th : 1 - th; // exactly at the threshold
                    } else {
                        pl = rng.nextDouble(1 - th, th);
                    }
                    double pr = 1 - pl;
                    ref.step(pl, pr);
                    boolean d = env.step(pl, pr);
                    assertEquals(ref.done, d, where + " done");
                    assertEquals(ref.reward, env.lastReward(), 0.0, where + " reward");
                    assertEquals(ref.blank, env.lastBlank(), where + " blank");
                    assertEquals(ref.ended, env.lastTrialEnded(), where + " trial end");
                    assertEquals(ref.actionSide, env.lastActionSide(), where + " action side");
                    int stimTrial = ref.ended ? ref.trial - 1 : ref.trial;
                    assertEquals(s.stimSide(stimTrial) > 0 ? 1 : 0, env.lastTarget(), where + " target");
                    assertEquals(ref.steps, env.totalSteps(), where);
                    assertEquals(ref.completed, env.trialsCompleted(), where);
                    assertEquals(ref.actions, env.actionsTaken(), where);
                    assertEquals(ref.corrects, env.correctActions(), where);
                    totalSteps++;
                }
                assertTrue(env.done());
                int min = cfg.blankSteps() + 1;
                int max = cfg.maxStepsPerTrial();
                for (int t = 0; t < s.trialCount(); t++) {
                    assertEquals(ref.choice[t], env.choice(t), "choice of trial " + t);
                    assertEquals(ref.trialSteps[t], env.trialSteps(t), "steps of trial " + t);
                    assertTrue(env.trialSteps(t) >= min && env.trialSteps(t) <= max);
                    if (env.choice(t) == TaskEnvironment.TIMEOUT) {
                        assertEquals(max, env.trialSteps(t), "a timeout lasts the full trial");
                    }
                }
                assertThrows(IllegalStateException.class, () -> input(env));
            }
        }
        assertTrue(totalSteps > 10_000, "the random policies exercised " + totalSteps + " steps");
    }

    @Test
    void blankStepsFollowTheConfig() {
        // no blank steps: an action on the very first step of a trial takes 1 step
        TaskConfig noBlank = custom(0, 2, 0.9, -0.05, 1, -1, -1);
        Session s = handSession(noBlank, new int[] {2}, 1, new int[] {1, 1});
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        expectStep(env, obs(0, 0, 0), RIGHT, 1.0, "act on the first step");
        assertFalse(env.lastBlank());
        assertEquals(1, env.trialSteps(0));
        expectStep(env, obs(1, 0, 1.0), HOLD, WAIT, "feedback comes with the first observation");
        expectStep(env, obs(1, 1, WAIT), HOLD, -1.0, "timeout after 2 observations");
        assertEquals(2, env.trialSteps(1));
        assertEquals(TaskEnvironment.TIMEOUT, env.choice(1));
        assertTrue(env.done());
    }

    @Test
    void unbiasedBlockRunsLikeAnyOtherAndTargetsTheStimulusSide() {
        TaskConfig cfg = PAPER.withUnbiasedTrials(2).withMaxObservations(2);
        Session s = handSession(cfg, new int[] {2, 2}, 1, new int[] {-1, 1, 1, -1});
        assertEquals(0, s.blockSide(0));
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        int[] expectedTarget = {0, 1, 1, 0};
        double[][] act = {LEFT, LEFT, RIGHT, RIGHT};
        double[] expectedReward = {1, -1, 1, -1};
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < 2; k++) {
                env.step(HOLD[0], HOLD[1]);
                assertTrue(env.lastBlank());
            }
            env.step(act[t][0], act[t][1]);
            assertEquals(expectedTarget[t], env.lastTarget(), "target = stimulus side, trial " + t);
            assertEquals(expectedReward[t], env.lastReward(), 0.0, "reward, trial " + t);
            assertTrue(env.lastTrialEnded());
        }
        assertTrue(env.done());
        assertEquals(4, env.trialsCompleted());
        assertEquals(-1, env.choice(0));
        assertEquals(1, env.choice(3));
    }
}
