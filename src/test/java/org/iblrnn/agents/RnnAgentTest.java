package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.Tape;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.train.ClosedLoop;
import org.junit.jupiter.api.Test;

/** The network as an agent is bit-identical to the training tape's forward pass. */
class RnnAgentTest {
    private static final TaskConfig CFG = TaskConfig.paper().withBlocksPerSession(8);

    /** Random PyTorch-default parameters with the readout scaled up, so that the network acts. */
    private static double[] theta(RecurrentModel model, long seed, double readoutScale) {
        double[] th = model.initialise(new SplittableRandom(seed));
        int w = model.layout().block("readout.weight").offset();
        for (int i = w; i < th.length; i++) {
            th[i] *= readoutScale;
        }
        return th;
    }

    @Test
    void bitIdenticalToTheTapeInClosedLoop() {
        for (int hidden : new int[] {50, 7}) {
            RecurrentModel model = new RecurrentModel(ModelConfig.paper().withHiddenSize(hidden));
            double[] theta = theta(model, 3 + hidden, 40.0);
            Session session = Session.sample(CFG, new SplittableRandom(5));
            Tape tape = model.newTape(1024);
            TaskEnvironment tapeEnv = new TaskEnvironment();
            new ClosedLoop().run(session, theta, tape, tapeEnv);

            RnnAgent agent = new RnnAgent(model, theta);
            TaskEnvironment env = new TaskEnvironment();
            double[] h = new double[hidden];
            double[] expectedH = new double[hidden];
            int[] steps = {0};
            int[] signs = new int[2];
            new AgentLoop().run(agent, session, env, (t, x, p, a, e) -> {
                for (int j = 0; j < 3; j++) {
                    assertEquals(tape.input(t, j), x[j], 0.0);
                }
                assertEquals(Double.doubleToRawLongBits(tape.prob(t, 0)), Double.doubleToRawLongBits(p[0]),
                        "P(left) at step " + t);
                assertEquals(Double.doubleToRawLongBits(tape.prob(t, 1)), Double.doubleToRawLongBits(p[1]),
                        "P(right) at step " + t);
                assertEquals(tape.logit(t, 1), agent.logit(1), 0.0);
                a.stateInto(h, 0);
                tape.hiddenInto(t, expectedH, 0);
                assertArrayEquals(expectedH, h, 0.0, "h at step " + t);
                signs[tape.logit(t, 1) >= tape.logit(t, 0) ? 1 : 0]++;
                steps[0]++;
            });
            assertEquals(tape.length(), steps[0]);
            assertEquals(tapeEnv.trialsCompleted(), env.trialsCompleted());
            for (int t = 0; t < env.trialsCompleted(); t++) {
                assertEquals(tapeEnv.choice(t), env.choice(t));
            }
            assertTrue(signs[0] > 0 && signs[1] > 0, "both branches of the two-way softmax were exercised");
            assertTrue(env.actionsTaken() > 0, "the scaled network acts");
        }
    }

    @Test
    void resetRestartsFromZeroState() {
        RecurrentModel model = new RecurrentModel(ModelConfig.paper().withHiddenSize(5));
        double[] theta = theta(model, 1, 1.0);
        RnnAgent agent = new RnnAgent("net", model, theta);
        assertEquals("net", agent.name());
        assertEquals(5, agent.stateSize());
        assertEquals(java.util.List.of("h0", "h1", "h2", "h3", "h4"), agent.stateNames());
        double[] x = {0.3, -1.2, 1.0};
        double[] p1 = new double[2];
        double[] p2 = new double[2];
        agent.step(x, p1);
        agent.step(x, p2);
        agent.reset();
        double[] h = new double[5];
        agent.stateInto(h, 0);
        assertArrayEquals(new double[5], h, 0.0);
        double[] again = new double[2];
        agent.step(x, again);
        assertArrayEquals(p1, again, 0.0);
        theta[0] += 1;
        agent.reset();
        agent.step(x, again);
        assertArrayEquals(p1, again, 0.0, "the parameters were copied");
    }

    @Test
    void rejectsUnsuitableModels() {
        RecurrentModel wide = new RecurrentModel(new ModelConfig("rnn", 4, 5, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnAgent(wide, new double[wide.layout().size()]));
        assertTrue(e.getMessage().startsWith("model must have 3 inputs and 2 outputs"), e.getMessage());
        RecurrentModel model = new RecurrentModel(ModelConfig.paper().withHiddenSize(5));
        assertThrows(IllegalArgumentException.class, () -> new RnnAgent(model, new double[3]));
        double[] bad = new double[model.layout().size()];
        bad[0] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new RnnAgent(model, bad));
        assertTrue(e.getMessage().startsWith("parameters must be finite"), e.getMessage());
    }
}
