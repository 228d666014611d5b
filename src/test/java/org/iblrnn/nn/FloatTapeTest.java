package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The float32 tape against the float64 one (the engine's reference, itself checked against finite
 * differences in GradientCheckTest): same function, agreement to float rounding.
 *
 * <p>Tolerances: a float32 pre-activation is a chain of H + 4 fused multiply-adds of terms below
 * ~0.2 in size, so its rounding error is below (H + 4) * 2^-24 * 0.2 ~ 6e-7 for H = 50; through
 * tanh (slope <= 1) and a contracting recurrence (untrained PyTorch-scale weights: spectral radius
 * ~0.6, ~0.9 after the tests' scaling by 1.5) the hidden states stay within a few times that,
 * hence 1e-5. Gradients are sums over
 * hundreds of steps of products of such quantities: relative error of order 1e-6 to 1e-5 per
 * block, asserted at 2e-4 of the block's norm.
 */
class FloatTapeTest {

    private static RecurrentModel model(int hidden) {
        return new RecurrentModel(new ModelConfig("rnn", 3, hidden, 2));
    }

    private static double[] theta(RecurrentModel m, long seed, double scale) {
        double[] th = m.initialise(new SplittableRandom(seed));
        for (int i = 0; i < th.length; i++) {
            th[i] *= scale;
        }
        return th;
    }

    /** Every parameter block of g32 within 2e-4 of g64's norm (relative L2 error), g64 non-zero. */
    private static void assertBlocksClose(RecurrentModel m, double[] g64, double[] g32, String what) {
        for (ParamBlock b : m.layout().blocks()) {
            double num = 0;
            double den = 0;
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                num += (g32[i] - g64[i]) * (g32[i] - g64[i]);
                den += g64[i] * g64[i];
            }
            assertTrue(den > 0, what + " " + b.name());
            double rel = Math.sqrt(num / den);
            assertTrue(rel < 2e-4, what + " " + b.name() + ": relative error " + rel);
        }
    }

    @Test
    void forwardMatchesTheFloat64TapeToFloatRounding() {
        for (int hidden : new int[] {50, 7, 64}) {
            RecurrentModel m = model(hidden);
            double[] th = theta(m, 11 + hidden, 1.5);
            OpenLoop seq = OpenLoop.random(new SplittableRandom(5), 300, 3, 2, 0.3, -1);
            Tape d = m.newTape(8);
            FloatTape f = m.newFloatTape(8);
            seq.run(d, th, false);
            seq.run(f, th, false);
            assertEquals(300, f.length());
            double maxH = 0;
            double maxP = 0;
            for (int t = 0; t < 300; t++) {
                for (int i = 0; i < hidden; i++) {
                    maxH = Math.max(maxH, Math.abs(f.hidden(t, i) - d.hidden(t, i)));
                }
                maxP = Math.max(maxP, Math.abs(f.prob(t, 0) - d.prob(t, 0)));
                assertEquals(1.0, f.prob(t, 0) + f.prob(t, 1), 1e-15);
            }
            assertTrue(maxH < 1e-5, "H=" + hidden + ": max |h32 - h64| = " + maxH);
            assertTrue(maxP < 1e-5, "H=" + hidden + ": max |p32 - p64| = " + maxP);
            for (Loss loss : Loss.values()) {
                double l64 = d.loss(loss, 0.01);
                double l32 = f.loss(loss, 0.01);
                assertEquals(l64, l32, 1e-5 * Math.abs(l64), loss.id());
            }
        }
    }

    @Test
    void gradientMatchesTheFloat64TapeBlockByBlock() {
        for (int hidden : new int[] {50, 7}) {
            RecurrentModel m = model(hidden);
            double[] th = theta(m, 3, 1.5);
            // 301 steps: five full deferred flushes of 60 steps and a partial one
            OpenLoop seq = OpenLoop.random(new SplittableRandom(8), 301, 3, 2, 0.25, 300);
            for (Loss loss : Loss.values()) {
                double[] g64 = seq.gradient(m.newTape(16), th, loss, 1.0 / 301);
                double[] g32 = seq.gradient(m.newFloatTape(16), th, loss, 1.0 / 301);
                assertBlocksClose(m, g64, g32, "H=" + hidden + " " + loss.id());
            }
        }
    }

    @Test
    void otherShapesMatchTheFloat64Tape() {
        // H = 5: the inputs sit inside the first vector of the state row; H = 64: rows of 72
        // floats (a 7-vector block plus a 2-vector block); 4 inputs and 3 outputs (general softmax)
        for (ModelConfig mc : new ModelConfig[] {new ModelConfig("rnn", 4, 5, 3), new ModelConfig("rnn", 4, 64, 3),
            new ModelConfig("rnn", 1, 12, 2)}) {
            RecurrentModel m = new RecurrentModel(mc);
            double[] th = theta(m, 21, 1.5);
            OpenLoop seq = OpenLoop.random(new SplittableRandom(9), 187, mc.inputSize(), mc.outputSize(), 0.25, -1);
            for (Loss loss : Loss.values()) {
                double[] g64 = seq.gradient(m.newTape(16), th, loss, 1.0 / 187);
                double[] g32 = seq.gradient(m.newFloatTape(16), th, loss, 1.0 / 187);
                assertBlocksClose(m, g64, g32, mc + " " + loss.id());
            }
            FloatTape f = m.newFloatTape(16);
            Tape d = m.newTape(16);
            seq.run(f, th, false);
            seq.run(d, th, false);
            for (int t = 0; t < seq.length(); t++) {
                for (int o = 0; o < mc.outputSize(); o++) {
                    assertEquals(d.prob(t, o), f.prob(t, o), 1e-5, mc + " step " + t);
                }
            }
        }
    }

    @Test
    void backwardReturnsTheLossAndAddsToTheGradient() {
        RecurrentModel m = model(50);
        double[] th = theta(m, 4, 1.0);
        OpenLoop seq = OpenLoop.random(new SplittableRandom(2), 130, 3, 2, 0.2, -1);
        FloatTape f = m.newFloatTape(16);
        seq.run(f, th, false);
        double forwardLoss = f.loss(Loss.PROB, 0.5);
        double[] g = new double[th.length];
        Arrays.fill(g, 1.0);
        // the same terms summed in the opposite order
        assertEquals(forwardLoss, f.backward(Loss.PROB, 0.5, g), 1e-13 * Math.abs(forwardLoss));
        double[] g0 = seq.gradient(m.newFloatTape(16), th, Loss.PROB, 0.5);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g0[i] + 1.0, g[i], 0.0, "entry " + i);
        }
    }

    @Test
    void reusedAndGrownTapesGiveTheSameBits() {
        RecurrentModel m = model(50);
        double[] th = theta(m, 9, 1.0);
        double[] th2 = theta(m, 10, 1.0);
        OpenLoop seq = OpenLoop.random(new SplittableRandom(3), 250, 3, 2, 0.2, -1);
        OpenLoop other = OpenLoop.random(new SplittableRandom(4), 400, 3, 2, 0.2, -1);
        double[] fresh = seq.gradient(m.newFloatTape(1000), th, Loss.CE, 1.0);
        FloatTape reused = m.newFloatTape(16);
        seq.gradient(reused, th2, Loss.CE, 1.0);
        other.gradient(reused, th2, Loss.PROB, 1.0);
        assertTrue(Arrays.equals(fresh, seq.gradient(reused, th, Loss.CE, 1.0)),
                "a tape that grew and ran other sequences must give the same bits as a fresh one");
    }

    @Test
    void stepsWithoutWeightContributeNothing() {
        RecurrentModel m = model(50);
        double[] th = theta(m, 6, 1.0);
        OpenLoop seq = OpenLoop.random(new SplittableRandom(6), 90, 3, 2, 0.3, 40);
        double[] a = seq.gradient(m.newFloatTape(16), th, Loss.PROB, 1.0);
        double[] b = seq.withTarget(40, 1 - seq.target(40), 0.0).gradient(m.newFloatTape(16), th, Loss.PROB, 1.0);
        assertTrue(Arrays.equals(a, b));
    }

    @Test
    void gatedCellsAreRefused() {
        RecurrentModel gru = new RecurrentModel(new ModelConfig("gru", 3, 8, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gru.newFloatTape(16));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("gru"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> model(50).newFloatTape(16).forward(new double[3], 0));
    }
}
