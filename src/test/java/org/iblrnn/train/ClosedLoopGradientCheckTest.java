package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.nn.GradientChecks;
import org.iblrnn.nn.Loss;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.OpenLoop;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.Tape;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.testsupport.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Gradient check on real closed-loop task sessions. The network's own actions decide the inputs
 * (observations of the current trial, feedback); once the session is recorded, BPTT
 * differentiates the loss as a function of theta with that input sequence held fixed. So the
 * recorded inputs, targets and weights are replayed open-loop and finite-differenced.
 */
class ClosedLoopGradientCheckTest {
    /** One block of 2-3 trials: 6..36 steps. */
    private static final TaskConfig SHORT = TaskConfig.paper().withBlocksPerSession(1)
            .withBlockLengths(new BlockLengths.TruncatedGeometric(0.5, 2, 3));

    /** A short task with 3 blocks of 2-3 trials: feedback of both signs and block switches. */
    private static final TaskConfig THREE_BLOCKS = SHORT.withBlocksPerSession(3);

    private record Recorded(OpenLoop seq, TaskEnvironment env, Tape tape) {
    }

    /** Runs the session closed-loop as the Trainer does, dropping the final step's loss. */
    private static Recorded record(RecurrentModel m, double[] theta, Session s) {
        Tape tape = m.newTape(8);
        TaskEnvironment env = new TaskEnvironment();
        new ClosedLoop().run(s, theta, tape, env);
        tape.setWeight(tape.length() - 1, 0.0);
        return new Recorded(OpenLoop.fromTape(tape), env, tape);
    }

    /** Structural facts about a recorded closed-loop session (reference-spec 2.1-2.4). */
    private static void assertProtocol(Recorded r, Session s) {
        OpenLoop seq = r.seq();
        int steps = seq.length();
        assertEquals(r.env().totalSteps(), steps);
        int trial = 0;
        int blank = 0;
        for (int t = 0; t < steps; t++) {
            double[] x = seq.input(t);
            boolean isBlank = x[0] == 0.0 && x[1] == 0.0;
            if (t == steps - 1) {
                assertEquals(0.0, seq.weight(t), "final step's loss is dropped");
            } else {
                assertEquals(isBlank ? 0.0 : 1.0, seq.weight(t), "weight of step " + t);
            }
            if (!isBlank) {
                assertEquals(s.stimSide(trial) > 0 ? 1 : 0, seq.target(t), "target of step " + t);
            } else {
                assertEquals(-1, seq.target(t));
                blank++;
            }
            // a trial ends where the next step's reward input is +-1
            if (t + 1 < steps && Math.abs(seq.input(t + 1)[2]) > 0.9) {
                trial++;
            }
        }
        assertEquals(0.0, seq.input(0)[2], "no feedback before the first step");
        assertEquals(2 * s.trialCount(), blank, "two blank steps per trial");
        assertEquals(s.trialCount() - 1, trial);
    }

    /** Replaying the recorded inputs open-loop reproduces the closed-loop forward pass exactly. */
    private static void assertReplayIsExact(RecurrentModel m, double[] theta, Recorded r) {
        Tape replay = m.newTape(8);
        r.seq().run(replay, theta, false);
        for (int t = 0; t < r.seq().length(); t++) {
            assertEquals(r.tape().prob(t, 0), replay.prob(t, 0), 0.0);
            assertEquals(r.tape().prob(t, 1), replay.prob(t, 1), 0.0);
        }
    }

    @Test
    void smallNetAllParametersBothLosses() {
        RecurrentModel m = new RecurrentModel(ModelConfig.paper().withHiddenSize(4));
        for (long seed = 1; seed <= 3; seed++) {
            double[] theta = GradientChecks.randomTheta(m, new SplittableRandom(seed), 2.0);
            Session s = Session.sample(SHORT, new SplittableRandom(100 + seed));
            Recorded r = record(m, theta, s);
            assertProtocol(r, s);
            assertReplayIsExact(m, theta, r);
            int steps = r.seq().length();
            for (Loss loss : Loss.values()) {
                List<GradCheck.Result> res = GradientChecks.checkAllBlocks(m, theta, r.seq(), loss, 1.0 / steps, null);
                for (GradCheck.Result b : res) {
                    assertTrue(b.nonZero() > 0);
                }
                GradientChecks.assertMatchesReference(m, theta, r.seq(), loss, 1.0 / steps);
            }
        }
    }

    @Test
    void actingNetWithFeedbackOfBothSigns() {
        // a readout biased to one side acts at the first observation step of every trial, so
        // the inputs carry +1 and -1 feedback and trials are short
        RecurrentModel m = new RecurrentModel(ModelConfig.paper().withHiddenSize(4));
        double[] theta = GradientChecks.randomTheta(m, new SplittableRandom(9), 2.0);
        ParamBlock bias = m.layout().block("readout.bias");
        theta[bias.offset() + 1] += 3.0;
        Session s = Session.sample(THREE_BLOCKS, new SplittableRandom(10));
        Recorded r = record(m, theta, s);
        assertProtocol(r, s);
        assertTrue(r.env().actionsTaken() > 0);
        assertTrue(r.env().correctActions() > 0 && r.env().correctActions() < r.env().actionsTaken(),
                "want both correct and wrong actions, got " + r.env().correctActions() + " of "
                        + r.env().actionsTaken());
        int steps = r.seq().length();
        for (Loss loss : Loss.values()) {
            GradientChecks.checkAllBlocks(m, theta, r.seq(), loss, 1.0 / steps, null);
            GradientChecks.assertMatchesReference(m, theta, r.seq(), loss, 1.0 / steps);
        }
    }

    @Test
    void paperSizedNetRandomSubset() {
        RecurrentModel m = new RecurrentModel(ModelConfig.paper());
        double[] theta = m.initialise(new SplittableRandom(3));
        Session s = Session.sample(THREE_BLOCKS, new SplittableRandom(7));
        Recorded r = record(m, theta, s);
        assertProtocol(r, s);
        assertReplayIsExact(m, theta, r);
        int steps = r.seq().length();
        // 40 random indices per block (all of readout.bias)
        SplittableRandom pick = new SplittableRandom(4);
        int[] subset = new int[40 * 6];
        int n = 0;
        for (ParamBlock b : m.layout().blocks()) {
            for (int k = 0; k < 40; k++) {
                subset[n++] = b.offset() + pick.nextInt(b.size());
            }
        }
        for (Loss loss : Loss.values()) {
            GradientChecks.checkAllBlocks(m, theta, r.seq(), loss, 1.0 / steps, subset);
            GradientChecks.assertMatchesReference(m, theta, r.seq(), loss, 1.0 / steps);
        }
    }
}
