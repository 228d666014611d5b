package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Agent} promises, checked on every implementation in closed loop: outputs
 * are probabilities summing to 1, the state is finite and named, and a reset makes a run
 * reproducible. Also the loop's listener contract.
 */
class AgentContractTest {
    private static final TaskConfig CFG = TaskConfig.paper().withBlocksPerSession(6);

    private static List<Agent> agents() {
        RecurrentModel model = new RecurrentModel(ModelConfig.paper().withHiddenSize(6));
        double[] theta = model.initialise(new SplittableRandom(4));
        return List.of(BayesianActor.exact(CFG), BayesianActor.exactSemiMarkov(CFG), BayesianActor.reference(CFG),
                BayesianActor.blockBlind(CFG), BayesianActor.blockBlind(CFG, BayesianActor.Variant.EXACT),
                new ExponentialActor(CFG), new RnnAgent(model, theta));
    }

    private static List<double[]> trace(Agent agent, Session s) {
        List<double[]> rows = new ArrayList<>();
        TaskEnvironment env = new TaskEnvironment();
        double[] state = new double[agent.stateSize() + 2];
        new AgentLoop().run(agent, s, env, (t, x, p, a, e) -> {
            assertTrue(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1, a.name() + ": p in [0, 1] at step " + t);
            assertEquals(1.0, p[0] + p[1], 1e-12, a.name() + ": p sums to 1 at step " + t);
            a.stateInto(state, 1);
            for (int i = 1; i <= a.stateSize(); i++) {
                assertTrue(Double.isFinite(state[i]), a.name() + ": finite state");
            }
            double[] row = new double[2 + a.stateSize()];
            row[0] = p[0];
            row[1] = p[1];
            System.arraycopy(state, 1, row, 2, a.stateSize());
            rows.add(row);
        });
        assertEquals(env.totalSteps(), rows.size(), "one listener call per step");
        return rows;
    }

    @Test
    void everyAgentKeepsTheContract() {
        Session s1 = Session.sample(CFG, new SplittableRandom(1));
        Session s2 = Session.sample(CFG, new SplittableRandom(2));
        HashSet<String> names = new HashSet<>();
        for (Agent a : agents()) {
            assertFalse(a.name().isBlank());
            assertTrue(names.add(a.name()), "distinct names: " + a.name());
            assertEquals(a.stateSize(), a.stateNames().size());
            assertEquals(a.stateSize(), new HashSet<>(a.stateNames()).size(), "distinct state names");
            List<double[]> first = trace(a, s1);
            trace(a, s2);
            List<double[]> again = trace(a, s1);
            assertEquals(first.size(), again.size(), a.name());
            for (int t = 0; t < first.size(); t++) {
                assertArrayEquals(first.get(t), again.get(t), 0.0, a.name() + ": reset makes runs reproducible");
            }
        }
    }
}
