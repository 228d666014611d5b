package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.iblrnn.testsupport.GradCheck;
import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BPTT on {@link Tape} against finite differences of the tape's own loss and against an
 * independent naive BPTT ({@link ReferenceRnn}), for every parameter block and both losses, on
 * small random nets with random inputs and targets and some weight-0 steps.
 */
class GradientCheckTest {

    static Stream<Arguments> smallNets() {
        List<Arguments> out = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            for (int h = 3; h <= 5; h++) {
                for (int t = 4; t <= 8; t++) {
                    out.add(Arguments.of(loss, h, t));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} H={1} T={2}")
    @MethodSource("smallNets")
    void everyBlockMatchesFiniteDifferences(Loss loss, int hidden, int steps) {
        ModelConfig mc = new ModelConfig("rnn", 3, hidden, 2);
        RecurrentModel m = new RecurrentModel(mc);
        SplittableRandom rng = new SplittableRandom(1000L * hidden + 10L * steps + loss.ordinal());
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        // step 1 always has weight 0, others with probability 1/4; every step has a target
        OpenLoop seq = OpenLoop.random(rng, steps, 3, 2, 0.25, 1);
        List<GradCheck.Result> res = GradientChecks.checkAllBlocks(m, theta, seq, loss, 1.0 / steps, null);
        List<ParamBlock> blocks = m.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            // the check must not be vacuous: every block has non-zero derivatives
            assertTrue(res.get(b).nonZero() > 0, blocks.get(b).name() + " has an all-zero gradient");
            assertEquals(blocks.get(b).size(), res.get(b).checked());
        }
    }

    @ParameterizedTest(name = "{0} H={1} T={2}")
    @MethodSource("smallNets")
    void tapeMatchesNaiveReferenceBptt(Loss loss, int hidden, int steps) {
        ModelConfig mc = new ModelConfig("rnn", 3, hidden, 2);
        RecurrentModel m = new RecurrentModel(mc);
        SplittableRandom rng = new SplittableRandom(7000L * hidden + 10L * steps + loss.ordinal());
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        OpenLoop seq = OpenLoop.random(rng, steps, 3, 2, 0.25, 1);
        GradientChecks.assertMatchesReference(m, theta, seq, loss, 1.0 / steps);
    }

    @Test
    void hiddenSizesOffTheUnrolledPathsMatchReference() {
        // the kernels unroll by 4 with remainder loops: cover H = 1, 2, 4k, 4k+1, 4k+3 and a long
        // sequence that crosses the 64-step deferred outer-product flush and the tape's growth
        int[][] cases = {{1, 9}, {2, 9}, {8, 30}, {9, 65}, {11, 150}, {16, 200}};
        for (Loss loss : Loss.values()) {
            for (int[] c : cases) {
                ModelConfig mc = new ModelConfig("rnn", 3, c[0], 2);
                RecurrentModel m = new RecurrentModel(mc);
                SplittableRandom rng = new SplittableRandom(31L * c[0] + c[1]);
                double[] theta = GradientChecks.randomTheta(m, rng, 1.5);
                OpenLoop seq = OpenLoop.random(rng, c[1], 3, 2, 0.3, 0);
                GradientChecks.assertMatchesReference(m, theta, seq, loss, 1.0 / c[1]);
            }
        }
    }

    @Test
    void longSequenceSubsetMatchesFiniteDifferences() {
        // T = 150 crosses the kernel's 64-step flush twice; check a random subset of parameters
        ModelConfig mc = new ModelConfig("rnn", 3, 7, 2);
        RecurrentModel m = new RecurrentModel(mc);
        SplittableRandom rng = new SplittableRandom(99);
        double[] theta = GradientChecks.randomTheta(m, rng, 1.5);
        OpenLoop seq = OpenLoop.random(rng, 150, 3, 2, 0.3, 0);
        int[] subset = rng.ints(60, 0, theta.length).toArray();
        for (Loss loss : Loss.values()) {
            GradientChecks.checkAllBlocks(m, theta, seq, loss, 1.0 / 150, subset);
        }
    }

    @Test
    void threeOutputsUseTheGeneralSoftmaxAndStillMatch() {
        // K = 3 takes the generic softmax path instead of the two-output sigmoid shortcut
        for (Loss loss : Loss.values()) {
            ModelConfig mc = new ModelConfig("rnn", 3, 4, 3);
            RecurrentModel m = new RecurrentModel(mc);
            SplittableRandom rng = new SplittableRandom(5 + loss.ordinal());
            double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
            OpenLoop seq = OpenLoop.random(rng, 7, 3, 3, 0.25, 2);
            GradientChecks.checkAllBlocks(m, theta, seq, loss, 1.0 / 7, null);
            GradientChecks.assertMatchesReference(m, theta, seq, loss, 1.0 / 7);
        }
    }

    @Test
    void otherInputSizesMatch() {
        for (int in : new int[] {1, 2, 5}) {
            ModelConfig mc = new ModelConfig("rnn", in, 4, 2);
            RecurrentModel m = new RecurrentModel(mc);
            SplittableRandom rng = new SplittableRandom(50 + in);
            double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
            OpenLoop seq = OpenLoop.random(rng, 6, in, 2, 0.2, 3);
            for (Loss loss : Loss.values()) {
                GradientChecks.checkAllBlocks(m, theta, seq, loss, 0.5, null);
                GradientChecks.assertMatchesReference(m, theta, seq, loss, 0.5);
            }
        }
    }

    @Test
    void gradientIsLinearInScaleAndWeights() {
        ModelConfig mc = new ModelConfig("rnn", 3, 5, 2);
        RecurrentModel m = new RecurrentModel(mc);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        OpenLoop seq = OpenLoop.random(rng, 8, 3, 2, 0.0, -1);
        Tape tape = m.newTape(4);
        for (Loss loss : Loss.values()) {
            double[] g1 = seq.gradient(tape, theta, loss, 1.0);
            // powers of two scale exactly, so the results must be bit-identical multiples
            double[] g3 = seq.gradient(tape, theta, loss, 0.25);
            // weight 2 on every step = scale 2
            OpenLoop doubled = seq;
            for (int t = 0; t < seq.length(); t++) {
                doubled = doubled.withTarget(t, seq.target(t), 2.0);
            }
            double[] g2 = doubled.gradient(tape, theta, loss, 1.0);
            for (int i = 0; i < g1.length; i++) {
                assertEquals(0.25 * g1[i], g3[i], 0.0);
                assertEquals(2.0 * g1[i], g2[i], 0.0);
            }
        }
    }

    @Test
    void backwardAddsIntoTheGradientBuffer() {
        ModelConfig mc = new ModelConfig("rnn", 3, 4, 2);
        RecurrentModel m = new RecurrentModel(mc);
        SplittableRandom rng = new SplittableRandom(8);
        double[] theta = GradientChecks.randomTheta(m, rng, 1.0);
        OpenLoop seq = OpenLoop.random(rng, 6, 3, 2, 0.0, -1);
        Tape tape = m.newTape(4);
        double[] g = seq.gradient(tape, theta, Loss.PROB, 1.0);
        double[] acc = new double[theta.length];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = i;
        }
        seq.run(tape, theta, false);
        tape.backward(Loss.PROB, 1.0, acc);
        for (int i = 0; i < acc.length; i++) {
            assertEquals(i + g[i], acc[i], 1e-15 * Math.max(1, i));
        }
        // a second backward on the same tape gives the same gradient again (state was cleared)
        double[] again = new double[theta.length];
        tape.backward(Loss.PROB, 1.0, again);
        assertTrue(java.util.Arrays.equals(g, again));
    }
}
