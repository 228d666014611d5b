package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/** Same config and seed give bit-identical training, for any thread count and across a resume. */
class TrainerDeterminismTest {
    private static final TrainConfig BASE = TrainConfig.paper().withTask(TaskConfig.paper().withBlocksPerSession(2))
            .withSteps(50);

    /** The parameters after {@code steps} gradient steps of {@code c} on {@code threads} threads. */
    static double[] train(TrainConfig c, int threads, int steps) {
        try (Trainer t = new Trainer(c, threads)) {
            TrainingState s = t.initialState();
            for (int g = 0; g < steps; g++) {
                t.step(s);
            }
            return s.theta().clone();
        }
    }

    @Test
    void sameSeedGivesBitIdenticalTheta() {
        for (TrainConfig c : new TrainConfig[] {BASE, BASE.withOptimizer(OptimizerConfig.adam(1e-3))}) {
            double[] a = train(c, 1, 6);
            double[] b = train(c, 1, 6);
            assertTrue(Arrays.equals(a, b), c.optimizer().kind());
        }
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        TrainConfig c = BASE.withBatchSize(5).withOptimizer(OptimizerConfig.adam(1e-3));
        double[] one = train(c, 1, 4);
        double[] two = train(c, 2, 4);
        double[] three = train(c, 3, 4);
        double[] many = train(c, 8, 4);
        assertTrue(Arrays.equals(one, two), "threads 1 vs 2");
        assertTrue(Arrays.equals(one, three), "threads 1 vs 3");
        assertTrue(Arrays.equals(one, many), "threads 1 vs 8 (capped at the batch size)");
    }

    @Test
    void differentSeedGivesDifferentTraining() {
        double[] a = train(BASE, 1, 3);
        double[] b = train(BASE.withSeed(2), 1, 3);
        assertFalse(Arrays.equals(a, b));
        try (Trainer t1 = new Trainer(BASE, 1); Trainer t2 = new Trainer(BASE.withSeed(2), 1)) {
            assertFalse(Arrays.equals(t1.initialState().theta(), t2.initialState().theta()));
            assertNotEquals(t1.sessionFor(0, 0).stimSide(0) + "," + t1.sessionFor(0, 0).contrast(0) + ","
                    + t1.sessionFor(0, 0).observationLeft(0, 0),
                    t2.sessionFor(0, 0).stimSide(0) + "," + t2.sessionFor(0, 0).contrast(0) + ","
                    + t2.sessionFor(0, 0).observationLeft(0, 0));
        }
    }

    @Test
    void sessionsDependOnlyOnSeedStepAndIndex() {
        try (Trainer a = new Trainer(BASE.withBatchSize(3), 1); Trainer b = new Trainer(BASE.withBatchSize(3), 2)) {
            for (long g = 0; g < 3; g++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(signature(a.sessionFor(g, k)), signature(b.sessionFor(g, k)));
                }
            }
            assertNotEquals(signature(a.sessionFor(0, 0)), signature(a.sessionFor(1, 0)));
            assertNotEquals(signature(a.sessionFor(0, 0)), signature(a.sessionFor(0, 1)));
            // the batch size does not change which session index b of step g is
            try (Trainer single = new Trainer(BASE, 1)) {
                assertEquals(signature(a.sessionFor(2, 0)), signature(single.sessionFor(2, 0)));
            }
        }
    }

    private static String signature(Session s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.trialCount()).append(':').append(s.blockSide(0));
        for (int t = 0; t < Math.min(5, s.trialCount()); t++) {
            sb.append(',').append(s.stimSide(t)).append('/').append(s.contrastIndex(t)).append('/')
                    .append(s.observationLeft(t, 0)).append('/').append(s.observationRight(t, 9));
        }
        return sb.toString();
    }

    @Test
    void resumingFromASnapshotIsBitIdentical() {
        for (TrainConfig c : new TrainConfig[] {BASE, BASE.withOptimizer(OptimizerConfig.adam(1e-3)).withBatchSize(2)}) {
            double[] straight = train(c, 1, 6);
            double[] resumed;
            try (Trainer first = new Trainer(c, 1)) {
                TrainingState s = first.initialState();
                for (int g = 0; g < 3; g++) {
                    first.step(s);
                }
                // snapshot: parameters, optimiser state, step counters (what a checkpoint holds)
                double[] theta = s.theta().clone();
                double[][] opt = s.optimizer().state();
                long steps = s.optimizer().steps();
                try (Trainer second = new Trainer(c, 2)) {
                    Optimizer o = c.optimizer().create(theta.length);
                    o.restore(steps, opt);
                    TrainingState r = new TrainingState(theta, o, s.completedSteps(), s.totalRnnSteps(),
                            StepMetrics.EMPTY);
                    for (int g = 3; g < 6; g++) {
                        second.step(r);
                    }
                    assertEquals(6, r.completedSteps());
                    resumed = r.theta();
                }
            }
            assertTrue(Arrays.equals(straight, resumed), c.optimizer().kind());
        }
    }

    @Test
    void stepCountIsEnforced() {
        try (Trainer t = new Trainer(BASE.withSteps(2), 1)) {
            TrainingState s = t.initialState();
            t.step(s);
            t.step(s);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.step(s));
            assertTrue(e.getMessage().contains("2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Trainer(BASE, 0));
    }

    @Test
    void metricsWindowAccumulates() {
        try (Trainer t = new Trainer(BASE, 1)) {
            TrainingState s = t.initialState();
            StepMetrics a = t.step(s);
            StepMetrics b = t.step(s);
            StepMetrics w = s.window();
            assertEquals(2, w.gradientSteps());
            assertEquals(a.lossSum() + b.lossSum(), w.lossSum(), 0.0);
            assertEquals(a.trials() + b.trials(), w.trials());
            assertEquals(a.rnnSteps() + b.rnnSteps(), s.totalRnnSteps());
            assertEquals(w.lossSum() / 2, w.loss(), 0.0);
            assertEquals((double) w.rnnSteps() / w.trials(), w.stepsPerTrial(), 0.0);
            s.resetWindow();
            assertEquals(StepMetrics.EMPTY, s.window());
            assertTrue(Double.isNaN(StepMetrics.EMPTY.fractionCorrect()));
            assertTrue(Double.isNaN(StepMetrics.EMPTY.loss()));
        }
    }
}
