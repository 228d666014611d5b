package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.Tape;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.train.ClosedLoop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RnnAgent} with GRU and LSTM cells: it carries the whole cell state between steps (the
 * LSTM's c included) and exposes h, bit-identically to the training tape in closed loop.
 */
class RnnAgentCellsTest {
    private static final TaskConfig CFG = TaskConfig.paper().withBlocksPerSession(4);

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void bitIdenticalToTheTapeInClosedLoop(String cell) {
        int hidden = 6;
        RecurrentModel model = new RecurrentModel(new ModelConfig(cell, 3, hidden, 2));
        double[] theta = model.initialise(new SplittableRandom(3));
        int w = model.layout().block("readout.weight").offset();
        for (int i = w; i < theta.length; i++) {
            theta[i] *= 40.0;
        }
        Session session = Session.sample(CFG, new SplittableRandom(5));
        Tape tape = model.newTape(1024);
        new ClosedLoop().run(session, theta, tape, new TaskEnvironment());

        RnnAgent agent = new RnnAgent(model, theta);
        assertEquals(hidden, agent.stateSize());
        double[] h = new double[hidden];
        double[] expected = new double[hidden];
        int[] steps = {0};
        new AgentLoop().run(agent, session, new TaskEnvironment(), (t, x, p, a, e) -> {
            assertEquals(Double.doubleToRawLongBits(tape.prob(t, 1)), Double.doubleToRawLongBits(p[1]),
                    "P(right) at step " + t);
            a.stateInto(h, 0);
            tape.hiddenInto(t, expected, 0);
            assertArrayEquals(expected, h, 0.0, "h at step " + t);
            steps[0]++;
        });
        assertEquals(tape.length(), steps[0]);
        assertTrue(steps[0] > 100);
    }
}
