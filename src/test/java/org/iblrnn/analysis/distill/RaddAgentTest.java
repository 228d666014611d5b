package org.iblrnn.analysis.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

class RaddAgentTest {
    /** Paper's reported A', B' (normalised units), no intercept. */
    static RaddModel paperModel() {
        return new RaddModel(new double[][] {{0.54, 0.31}, {0.19, 0.84}},
                new double[][] {{-0.19, 0.20, 0.005}, {-0.04, 0.04, 0.021}}, new double[] {0, 0});
    }

    @Test
    void stepsLikeTheModelAndReadsTheStimulusUnit() {
        RaddModel m = paperModel();
        RaddAgent agent = new RaddAgent(m, 0, 4.0, 0.0);
        agent.reset();
        double[] p = new double[2];
        double[] z = {0, 0};
        double[][] x = RaddTest.inputs(50, 2);
        double[] st = new double[2];
        for (double[] xt : x) {
            agent.step(xt, p);
            z = m.step(z, xt);
            agent.stateInto(st, 0);
            assertArrayEquals(z, st, 0.0);
            assertEquals(1 / (1 + Math.exp(-4 * z[0])), p[1], 1e-15);
            assertEquals(1.0, p[0] + p[1], 1e-15);
        }
        agent.reset();
        agent.stateInto(st, 0);
        assertArrayEquals(new double[2], st, 0.0);
        assertEquals(List.of("radd0", "radd1"), agent.stateNames());
    }

    @Test
    void referenceGainIsTenTimesReadoutNormForFiftyUnits() {
        assertEquals(10 * 0.7, RaddAgent.referenceGain(50, 0.7), 1e-12);
    }

    @Test
    void chooseGainPicksTheBestGridValueOnTrainingSessions() {
        TaskConfig cfg = TaskConfig.paper().withBlocksPerSession(4);
        List<Session> train = List.of(Session.sample(cfg, new SplittableRandom(1)));
        double[] grid = {0.0, 5.0, 20.0, 60.0};
        RaddAgent.GainChoice c = RaddAgent.chooseGain(paperModel(), 0, 0.0, train, grid);
        double[] f = c.fractionCorrect();
        int best = 0;
        for (int i = 1; i < f.length; i++) {
            if (f[i] > f[best]) {
                best = i;
            }
            assertTrue(f[i] >= 0 && f[i] <= 1);
        }
        assertEquals(grid[best], c.gain(), 0.0);
        // k = 0 never leaves P = 0.5, so it never acts; a positive gain must beat it
        assertTrue(f[best] > f[0], java.util.Arrays.toString(f));
        RaddAgent.GainChoice again = RaddAgent.chooseGain(paperModel(), 0, 0.0, train, grid);
        assertArrayEquals(f, again.fractionCorrect(), 0.0);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RaddAgent(paperModel(), 2, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new RaddAgent(paperModel(), 0, Double.NaN, 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> RaddAgent.chooseGain(paperModel(), 0, 0.0, List.of(), new double[] {1}));
    }
}
