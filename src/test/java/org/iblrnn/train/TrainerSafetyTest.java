package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

import org.iblrnn.nn.Loss;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/** Divergence detection (fail fast, theta untouched) and gradient-norm clipping. */
class TrainerSafetyTest {
    private static final TrainConfig BASE = TrainConfig.paper().withTask(TaskConfig.paper().withBlocksPerSession(1))
            .withSteps(50);

    @Test
    void nanParametersThrowNamingTheStepAndLeaveThetaUnchanged() {
        try (Trainer t = new Trainer(BASE, 1)) {
            TrainingState s = t.initialState();
            t.step(s);
            t.step(s);
            int w = t.model().layout().block("core.weight_hh_l0").offset() + 7;
            s.theta()[w] = Double.NaN;
            double[] before = s.theta().clone();
            double[][] optBefore = s.optimizer().state();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.step(s));
            assertEquals(2, e.step());
            assertTrue(e.getMessage().contains("gradient step 2"), e.getMessage());
            assertTrue(Arrays.equals(before, s.theta()), "theta must be unchanged");
            assertEquals(2, s.completedSteps());
            assertEquals(2, s.optimizer().steps());
            assertTrue(Arrays.deepEquals(optBefore, s.optimizer().state()));
        }
    }

    @Test
    void infiniteReadoutWeightIsReportedWithItsBlock() {
        // an infinite readout weight gives infinite/NaN logits only through the readout
        try (Trainer t = new Trainer(BASE.withLoss(Loss.CE), 1)) {
            TrainingState s = t.initialState();
            int b = t.model().layout().block("readout.bias").offset();
            s.theta()[b] = Double.POSITIVE_INFINITY;
            double[] before = s.theta().clone();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.step(s));
            assertEquals(0, e.step());
            assertTrue(e.getMessage().contains("gradient step 0"), e.getMessage());
            assertTrue(Arrays.equals(before, s.theta()));
        }
    }

    @Test
    void absurdLearningRateDivergesAndIsCaught() {
        // Adam moves every parameter by about lr on its first step: lr = 1e308 sends
        // W and biases to +-1e308, whose sums overflow to +-inf and inf - inf = NaN
        TrainConfig c = BASE.withOptimizer(OptimizerConfig.adam(1e308));
        try (Trainer t = new Trainer(c, 1)) {
            TrainingState s = t.initialState();
            for (int g = 0; g < 5; g++) {
                double[] before = s.theta().clone();
                try {
                    t.step(s);
                } catch (TrainingDivergedException e) {
                    assertEquals(g, e.step());
                    assertTrue(e.getMessage().contains("gradient step " + g), e.getMessage());
                    assertTrue(Arrays.equals(before, s.theta()), "theta must be unchanged");
                    assertEquals(g, s.completedSteps());
                    return;
                }
            }
            fail("training with lr = 1e308 never diverged");
        }
    }

    @Test
    void clipScalesLikePyTorch() {
        double[] g = {3.0, 4.0};
        Trainer.clip(g, 1.0);
        double coef = 1.0 / (5.0 + 1e-6);
        assertEquals(3.0 * coef, g[0], 1e-16);
        assertEquals(4.0 * coef, g[1], 1e-16);
        assertTrue(Math.hypot(g[0], g[1]) <= 1.0);
        double[] small = {0.3, 0.4};
        Trainer.clip(small, 1.0);
        assertEquals(0.3, small[0], 0.0);
        assertEquals(0.4, small[1], 0.0);
        double[] off = {300, 400};
        Trainer.clip(off, 0.0);
        assertEquals(300, off[0], 0.0);
    }

    @Test
    void clippingBoundsTheUpdateNorm() {
        double lr = 0.1;
        OptimizerConfig sgd = new OptimizerConfig("sgd", lr, 0.0, 0.9, 0.999, 1e-8);
        TrainConfig free = BASE.withOptimizer(sgd);
        double[] dFree;
        try (Trainer t = new Trainer(free, 1)) {
            TrainingState s = t.initialState();
            double[] before = s.theta().clone();
            t.step(s);
            dFree = diff(s.theta(), before);
        }
        double freeNorm = norm(dFree) / lr;
        double clip = freeNorm / 4;
        try (Trainer t = new Trainer(free.withClipNorm(clip), 1)) {
            TrainingState s = t.initialState();
            double[] before = s.theta().clone();
            t.step(s);
            double[] d = diff(s.theta(), before);
            assertTrue(norm(d) <= lr * clip * (1 + 1e-12), "update norm " + norm(d) + " > lr * clip " + lr * clip);
            // PyTorch's clip_grad_norm_ scales by clip / (norm + 1e-6)
            double coef = clip / (freeNorm + 1e-6);
            assertEquals(lr * freeNorm * coef, norm(d), 1e-12 * lr * clip);
            // same direction as the unclipped update
            for (int i = 0; i < d.length; i++) {
                assertEquals(dFree[i] * coef, d[i], 1e-12 * norm(d));
            }
        }
        // a threshold above the gradient norm changes nothing
        try (Trainer t = new Trainer(free.withClipNorm(freeNorm * 2), 1)) {
            TrainingState s = t.initialState();
            double[] before = s.theta().clone();
            t.step(s);
            assertTrue(Arrays.equals(dFree, diff(s.theta(), before)));
        }
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void configValidation() {
        assertThrows(IllegalArgumentException.class, () -> BASE.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> BASE.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> BASE.withClipNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> BASE.withClipNorm(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> BASE.withModel(new org.iblrnn.nn.ModelConfig("rnn", 2, 50, 2)));
        assertThrows(IllegalArgumentException.class, () -> BASE.withIntervals(0, 10));
        TrainConfig p = TrainConfig.paper();
        assertEquals(100_001, p.steps());
        assertEquals(1, p.batchSize());
        assertEquals(Loss.PROB, p.loss());
        assertEquals(0.0, p.clipNorm());
        assertTrue(p.omitFinalStepLoss());
        assertEquals(1, p.seed());
    }
}
