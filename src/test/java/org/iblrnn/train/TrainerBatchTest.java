package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iblrnn.nn.Loss;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.Tape;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One gradient step of a batched {@link Trainer} equals the update assembled by hand from
 * separate per-session closed-loop runs: objective of session b is
 * (1 / (T_b B)) sum_t w_t l_t with w = 0 on blank steps and, if omitFinalStepLoss, on the final
 * step (reference-spec 2.4, 3.2).
 */
class TrainerBatchTest {
    private static final double LR = 0.05;

    private static TrainConfig config(Loss loss, int batch, boolean omitFinal) {
        TaskConfig task = TaskConfig.paper().withBlocksPerSession(2);
        OptimizerConfig sgd = new OptimizerConfig("sgd", LR, 0.0, 0.9, 0.999, 1e-8);
        return new TrainConfig(task, org.iblrnn.nn.ModelConfig.paper(), loss, sgd, batch, 10, 5, 0.0, omitFinal,
                100, 5000);
    }

    @ParameterizedTest(name = "{0} B={1} omitFinal={2}")
    @CsvSource({"PROB, 3, true", "CE, 3, true", "PROB, 4, false", "PROB, 1, true"})
    void batchedStepEqualsSumOfPerSessionGradients(Loss loss, int batch, boolean omitFinal) {
        TrainConfig c = config(loss, batch, omitFinal);
        try (Trainer trainer = new Trainer(c, 2)) {
            TrainingState state = trainer.initialState();
            double[] theta0 = state.theta().clone();
            int n = theta0.length;

            // by hand: every session separately, from the same theta0
            RecurrentModel model = new RecurrentModel(c.model());
            double[] sumScaled = new double[n];
            double[] sumUnit = new double[n];
            double objective = 0;
            double objectiveFromProbs = 0;
            long trials = 0;
            long actions = 0;
            long correct = 0;
            long rnnSteps = 0;
            for (int b = 0; b < batch; b++) {
                Session s = trainer.sessionFor(0, b);
                Tape tape = model.newTape(16);
                TaskEnvironment env = new TaskEnvironment();
                new ClosedLoop().run(s, theta0, tape, env);
                int steps = tape.length();
                if (omitFinal) {
                    tape.setWeight(steps - 1, 0.0);
                }
                double[] g = new double[n];
                objective += tape.backward(loss, 1.0 / ((double) steps * batch), g);
                double[] gUnit = new double[n];
                tape.backward(loss, 1.0 / steps, gUnit);
                for (int i = 0; i < n; i++) {
                    sumScaled[i] += g[i];
                    sumUnit[i] += gUnit[i];
                }
                // the objective recomputed from the recorded probabilities, by the spec's formula
                double sum = 0;
                int last = omitFinal ? steps - 1 : steps;
                for (int t = 0; t < last; t++) {
                    boolean blank = tape.input(t, 0) == 0.0 && tape.input(t, 1) == 0.0;
                    if (!blank) {
                        double pc = tape.prob(t, tape.targetAt(t));
                        sum += loss == Loss.PROB ? -pc : -Math.log(pc);
                    }
                }
                objectiveFromProbs += sum / steps / batch;
                trials += env.trialsCompleted();
                actions += env.actionsTaken();
                correct += env.correctActions();
                rnnSteps += steps;
            }

            StepMetrics m = trainer.step(state);
            double[] theta1 = state.theta();
            double maxUpdate = 0;
            for (int i = 0; i < n; i++) {
                maxUpdate = Math.max(maxUpdate, Math.abs(theta1[i] - theta0[i]));
            }
            assertTrue(maxUpdate > 0, "the step must move theta");
            for (int i = 0; i < n; i++) {
                double expected = theta0[i] - LR * sumScaled[i];
                double expectedMean = theta0[i] - LR * (sumUnit[i] / batch);
                double du = theta1[i] - theta0[i];
                assertEquals(expected - theta0[i], du, Tolerances.BATCH_VS_SESSIONS_REL * maxUpdate, "index " + i);
                assertEquals(expectedMean - theta0[i], du, Tolerances.BATCH_VS_SESSIONS_REL * maxUpdate, "index " + i);
            }
            assertEquals(objective, m.lossSum(), 1e-14 * Math.abs(objective));
            assertEquals(objectiveFromProbs, m.lossSum(), 1e-12 * Math.abs(objective));
            assertEquals(1, m.gradientSteps());
            assertEquals(trials, m.trials());
            assertEquals(actions, m.actions());
            assertEquals(correct, m.correct());
            assertEquals(rnnSteps, m.rnnSteps());
            assertEquals(1, state.completedSteps());
            assertEquals(rnnSteps, state.totalRnnSteps());
            assertEquals(1, state.optimizer().steps());
        }
    }
}
