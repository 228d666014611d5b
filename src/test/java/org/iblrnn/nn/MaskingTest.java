package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Steps with loss weight 0 (the task's blank steps, the dropped final step) contribute nothing. */
class MaskingTest {
    private static final int H = 5;
    private static final int T = 12;

    private final RecurrentModel model = new RecurrentModel(new ModelConfig("rnn", 3, H, 2));
    private final SplittableRandom rng = new SplittableRandom(2024);
    private final double[] theta = GradientChecks.randomTheta(model, rng, 2.0);
    private final Tape tape = model.newTape(4);

    @Test
    void weightZeroStepsEqualStepsWithoutTarget() {
        OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 0.4, 3);
        for (Loss loss : Loss.values()) {
            double[] withTargets = seq.gradient(tape, theta, loss, 1.0 / T);
            double lossWith = tape.loss(loss, 1.0 / T);
            seq.run(tape, theta, true);
            for (int t = 0; t < T; t++) {
                if (seq.weight(t) == 0.0) {
                    assertEquals(-1, tape.targetAt(t), "skipped step keeps no target");
                }
            }
            double[] without = new double[theta.length];
            double lossWithout = tape.backward(loss, 1.0 / T, without);
            assertArrayEquals(withTargets, without, 0.0);
            assertEquals(lossWith, lossWithout, 1e-15);
        }
    }

    @Test
    void changingTheTargetOfAWeightZeroStepChangesNothing() {
        OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 0.0, 4);
        assertEquals(0.0, seq.weight(4));
        for (Loss loss : Loss.values()) {
            double[] g = seq.gradient(tape, theta, loss, 1.0 / T);
            double l = tape.loss(loss, 1.0 / T);
            OpenLoop flipped = seq.withTarget(4, 1 - seq.target(4), 0.0);
            double[] gf = flipped.gradient(tape, theta, loss, 1.0 / T);
            assertTrue(Arrays.equals(g, gf), "gradient changed with the target of a masked step");
            assertEquals(l, tape.loss(loss, 1.0 / T), 0.0);
            // ... whereas giving that step weight 1 does change it
            double[] gw = seq.withTarget(4, seq.target(4), 1.0).gradient(tape, theta, loss, 1.0 / T);
            assertFalse(Arrays.equals(g, gw), "an unmasked step must contribute");
        }
    }

    @Test
    void maskedStepContributionIsExactlyItsOwnGradient() {
        // linearity: grad(all steps) = grad(step s masked) + grad(only step s)
        int s = 6;
        OpenLoop all = OpenLoop.random(rng, T, 3, 2, 0.0, -1);
        OpenLoop masked = all.withTarget(s, all.target(s), 0.0);
        OpenLoop only = all;
        for (int t = 0; t < T; t++) {
            if (t != s) {
                only = only.withTarget(t, all.target(t), 0.0);
            }
        }
        for (Loss loss : Loss.values()) {
            double[] ga = all.gradient(tape, theta, loss, 1.0);
            double[] gm = masked.gradient(tape, theta, loss, 1.0);
            double[] go = only.gradient(tape, theta, loss, 1.0);
            double norm = 0;
            for (double v : ga) {
                norm = Math.max(norm, Math.abs(v));
            }
            for (int i = 0; i < ga.length; i++) {
                assertEquals(ga[i], gm[i] + go[i], 1e-14 * norm, "index " + i);
            }
            // step s influences no parameter through steps after it only: its gradient is not zero
            assertTrue(Arrays.stream(go).anyMatch(v -> v != 0.0));
        }
    }

    @Test
    void allStepsMaskedGiveZeroLossAndGradient() {
        OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 1.0, -1);
        for (Loss loss : Loss.values()) {
            double[] g = seq.gradient(tape, theta, loss, 1.0);
            for (double v : g) {
                assertEquals(0.0, v);
            }
            assertEquals(0.0, tape.loss(loss, 1.0));
        }
    }

    @Test
    void trailingMaskedStepsEqualATruncatedSequence() {
        // steps after the last weighted step cannot influence the loss
        OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 0.0, -1);
        int keep = 7;
        OpenLoop masked = seq;
        for (int t = keep; t < T; t++) {
            masked = masked.withTarget(t, seq.target(t), 0.0);
        }
        double[][] x = new double[keep][];
        int[] target = new int[keep];
        double[] weight = new double[keep];
        for (int t = 0; t < keep; t++) {
            x[t] = seq.input(t);
            target[t] = seq.target(t);
            weight[t] = seq.weight(t);
        }
        OpenLoop truncated = new OpenLoop(x, target, weight);
        for (Loss loss : Loss.values()) {
            double[] gm = masked.gradient(tape, theta, loss, 1.0);
            double[] gt = truncated.gradient(tape, theta, loss, 1.0);
            assertArrayEquals(gt, gm, 1e-15);
        }
    }

    @Test
    void setWeightOnARecordedStepMasksIt() {
        // Trainer drops the final step with setWeight(T-1, 0): same as never weighting it
        OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 0.0, -1);
        OpenLoop lastMasked = seq.withTarget(T - 1, seq.target(T - 1), 0.0);
        for (Loss loss : Loss.values()) {
            seq.run(tape, theta, false);
            tape.setWeight(T - 1, 0.0);
            assertEquals(0.0, tape.weightAt(T - 1));
            double[] g = new double[theta.length];
            tape.backward(loss, 1.0, g);
            assertArrayEquals(lastMasked.gradient(tape, theta, loss, 1.0), g, 0.0);
        }
    }
}
