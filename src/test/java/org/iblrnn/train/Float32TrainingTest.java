package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.iblrnn.data.ConfigJson;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.Precision;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/** Training with {@code precision float32}: deterministic, close to float64, and it learns. */
class Float32TrainingTest {
    private static final TrainConfig BASE = TrainConfig.paper().withTask(TaskConfig.paper().withBlocksPerSession(2))
            .withSteps(50).withPrecision(Precision.FLOAT32);

    private static double[] train(TrainConfig c, int threads, int steps) {
        return TrainerDeterminismTest.train(c, threads, steps);
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        TrainConfig c = BASE.withBatchSize(5).withOptimizer(OptimizerConfig.adam(1e-3));
        double[] one = train(c, 1, 4);
        assertTrue(Arrays.equals(one, train(c, 2, 4)), "threads 1 vs 2");
        assertTrue(Arrays.equals(one, train(c, 3, 4)), "threads 1 vs 3");
        assertTrue(Arrays.equals(one, train(c, 1, 4)), "same seed twice");
    }

    @Test
    void float32StepsFollowTheFloat64Ones() {
        // four SGD steps of batch 3 from the same initial weights: the sessions are the same (the
        // task does not depend on the network until it acts, and untrained networks time out),
        // so the updates differ only by float rounding
        TrainConfig c = BASE.withBatchSize(3).withOptimizer(OptimizerConfig.paperSgd().withLearningRate(0.05));
        double[] init;
        try (Trainer t = new Trainer(c, 1)) {
            init = t.initialState().theta().clone();
        }
        double[] f32 = train(c, 1, 4);
        double[] f64 = train(c.withPrecision(Precision.FLOAT64), 1, 4);
        double num = 0;
        double den = 0;
        for (int i = 0; i < init.length; i++) {
            double d32 = f32[i] - init[i];
            double d64 = f64[i] - init[i];
            num += (d32 - d64) * (d32 - d64);
            den += d64 * d64;
        }
        assertTrue(den > 0);
        assertFalse(Arrays.equals(f32, f64), "float32 must actually run in float32");
        assertTrue(Math.sqrt(num / den) < 1e-4, "relative difference of the updates " + Math.sqrt(num / den));
    }

    @Test
    void adamLearnsThePaperTaskInFloat32() {
        // the float64 twin (LearningTest) measured 0.868 correct over steps 150-200, seed 1
        TrainConfig c = TrainConfig.paper().withOptimizer(OptimizerConfig.adam(1e-3)).withPrecision(Precision.FLOAT32)
                .withSteps(200);
        StepMetrics last = StepMetrics.EMPTY;
        try (Trainer t = new Trainer(c, 1)) {
            TrainingState s = t.initialState();
            for (int g = 0; g < 200; g++) {
                StepMetrics m = t.step(s);
                if (g >= 150) {
                    last = last.plus(m);
                }
            }
        }
        assertTrue(last.fractionCorrect() > 0.75, "fraction correct " + last.fractionCorrect());
        assertTrue(last.correctAmongActions() > 0.75, "correct among actions " + last.correctAmongActions());
    }

    @Test
    void onlyTheTanhRnnHasAFloat32Engine() {
        TrainConfig gru = TrainConfig.paper().withModel(ModelConfig.paper().withCell("gru"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gru.withPrecision(Precision.FLOAT32));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("gru"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.withModel(ModelConfig.paper().withCell("lstm")));
        assertEquals(Precision.FLOAT64, TrainConfig.paper().precision(), "the paper's preset stays float64");
    }

    @Test
    void configJsonCarriesThePrecisionAndOldFilesReadAsFloat64() {
        ObjectNode n = ConfigJson.toJson(BASE);
        assertEquals("float32", n.get("precision").asText());
        assertEquals(BASE, ConfigJson.trainConfig(n, "config.json"));
        ObjectNode d = ConfigJson.toJson(TrainConfig.paper());
        assertFalse(d.has("precision"), "float64 configs are written as before");
        assertEquals(TrainConfig.paper(), ConfigJson.trainConfig(d, "config.json"));
        n.put("precision", "float16");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.trainConfig(n, "config.json"));
        assertTrue(e.getMessage().startsWith("config.json") && e.getMessage().contains("float16"), e.getMessage());
    }
}
