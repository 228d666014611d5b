package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
 * BPTT through whole sequences on {@link Tape} for the GRU and LSTM cells against finite
 * differences of the tape's own loss (the five-point stencil and the plain central difference,
 * with the steps and relative tolerances of {@link GradientCheckTest}, see {@link Tolerances}),
 * for every parameter of every block, both losses, several hidden sizes and sequence lengths,
 * with some weight-0 steps. For the LSTM the check covers the cell state's gradient carried back
 * through time: dropping it changes every recurrent derivative.
 */
class GradientCheckCellsTest {
    /**
     * Absolute round-off of the five-point quotient on these O(1) losses: 1.5 delta / h with the
     * loss's rounding delta ~ 10 eps and h = 1e-3 gives ~2e-12. The gated cells have many
     * derivatives of 1e-9..1e-7 (saturated gates, products of small gate derivatives), where the
     * relative metric alone would measure round-off (seen: |a - n| = 3e-14 and 9e-14 on entries
     * of 2e-9 and 1.4e-8). An entry passes if its relative error is below GRAD_CHECK_REL or its
     * absolute error below this; for entries above 1e-6 the relative test is the binding one.
     */
    private static final double FIVE_POINT_ROUNDOFF_ABS = 1e-12;

    /**
     * {@link GradientChecks#checkAllBlocks} with the absolute round-off floor above; returns the
     * five-point results per block.
     */
    static List<GradCheck.Result> checkAllBlocks(RecurrentModel m, double[] theta, OpenLoop seq, Loss loss,
                                                 double scale, int[] subset) {
        Tape tape = m.newTape(4);
        double[] g = seq.gradient(tape, theta, loss, scale);
        GradCheck.Objective f = th -> seq.loss(tape, th, loss, scale);
        List<GradCheck.Result> results = new ArrayList<>();
        for (ParamBlock b : m.layout().blocks()) {
            GradCheck.Result r = GradCheck.Result.empty();
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                final int flat = i;
                if (subset != null && Arrays.stream(subset).noneMatch(v -> v == flat)) {
                    continue;
                }
                final int idx = i - b.offset();
                final double a = g[i];
                final double five = GradCheck.fivePointDifference(f, theta, i, Tolerances.FD_STEP_FIVE_POINT);
                final double e5 = GradCheck.relativeError(a, five);
                assertTrue(e5 < Tolerances.GRAD_CHECK_REL || Math.abs(a - five) < FIVE_POINT_ROUNDOFF_ABS,
                        () -> m.config().cell() + " " + b.name() + " index " + idx + " (" + loss + "): analytic " + a
                                + " vs five-point " + five + ", error " + e5);
                final double central = GradCheck.centralDifference(f, theta, i, Tolerances.FD_STEP_CENTRAL);
                if (Math.abs(a) + Math.abs(central) >= Tolerances.CENTRAL_MIN_MAGNITUDE) {
                    final double ec = GradCheck.relativeError(a, central);
                    assertTrue(ec < Tolerances.GRAD_CHECK_REL_CENTRAL, () -> m.config().cell() + " " + b.name()
                            + " index " + idx + " (" + loss + "): analytic " + a + " vs central " + central
                            + ", error " + ec);
                }
                r = r.merge(new GradCheck.Result(e5, i, a, five, 1, a != 0.0 ? 1 : 0));
            }
            results.add(r);
        }
        return results;
    }

    static Stream<Arguments> smallNets() {
        List<Arguments> out = new ArrayList<>();
        for (String cell : List.of("gru", "lstm")) {
            for (Loss loss : Loss.values()) {
                for (int h : new int[] {1, 2, 3, 5}) {
                    for (int t : new int[] {1, 3, 8}) {
                        out.add(Arguments.of(cell, loss, h, t));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} H={2} T={3}")
    @MethodSource("smallNets")
    void everyBlockMatchesFiniteDifferences(String cell, Loss loss, int hidden, int steps) {
        RecurrentModel m = new RecurrentModel(new ModelConfig(cell, 3, hidden, 2));
        SplittableRandom rng = new SplittableRandom(1000L * hidden + 10L * steps + loss.ordinal()
                + (cell.equals("lstm") ? 50_000 : 0));
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        // step 1 (if any) has weight 0, others with probability 1/4; every step has a target
        OpenLoop seq = OpenLoop.random(rng, steps, 3, 2, steps > 2 ? 0.25 : 0.0, steps > 2 ? 1 : -1);
        // the last step always counts, so that every block (W_hh from T = 2 on) has an effect
        seq = seq.withTarget(steps - 1, seq.target(steps - 1), 1.0);
        List<GradCheck.Result> res = checkAllBlocks(m, theta, seq, loss, 1.0 / steps, null);
        List<ParamBlock> blocks = m.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            assertEquals(blocks.get(b).size(), res.get(b).checked());
            boolean recurrent = blocks.get(b).name().equals("core.weight_hh_l0");
            // with one step from h_0 = 0 the recurrent weights have no effect, otherwise every block does
            if (!(recurrent && steps == 1)) {
                assertTrue(res.get(b).nonZero() > 0, blocks.get(b).name() + " has an all-zero gradient");
            }
        }
    }

    @Test
    void longSequencesMatchOnARandomSubset() {
        for (String cell : List.of("gru", "lstm")) {
            RecurrentModel m = new RecurrentModel(new ModelConfig(cell, 3, 7, 2));
            SplittableRandom rng = new SplittableRandom(cell.hashCode());
            double[] theta = GradientChecks.randomTheta(m, rng, 1.5);
            OpenLoop seq = OpenLoop.random(rng, 120, 3, 2, 0.3, 0);
            int[] subset = rng.ints(80, 0, theta.length).toArray();
            for (Loss loss : Loss.values()) {
                checkAllBlocks(m, theta, seq, loss, 1.0 / 120, subset);
            }
        }
    }

    @Test
    void otherInputAndOutputSizesMatch() {
        for (String cell : List.of("gru", "lstm")) {
            for (int in : new int[] {1, 5}) {
                // K = 3 takes the generic softmax path
                RecurrentModel m = new RecurrentModel(new ModelConfig(cell, in, 4, 3));
                SplittableRandom rng = new SplittableRandom(70 + in);
                double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
                OpenLoop seq = OpenLoop.random(rng, 6, in, 3, 0.2, 2);
                for (Loss loss : Loss.values()) {
                    checkAllBlocks(m, theta, seq, loss, 0.5, null);
                }
            }
        }
    }

    @Test
    void lstmCellStateGradientIsCarriedThroughTime() {
        // only the last step has a loss and W_hh = 0: the first step's input weights reach the
        // loss only through c_1 -> c_2, so their gradient is non-zero only if d(c) is carried
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 3, 2));
        SplittableRandom rng = new SplittableRandom(12);
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        ParamBlock whh = m.layout().block("core.weight_hh_l0");
        Arrays.fill(theta, whh.offset(), whh.offset() + whh.size(), 0.0);
        double[][] x = {{1.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
        OpenLoop seq = new OpenLoop(x, new int[] {0, 1}, new double[] {0.0, 1.0});
        Tape tape = m.newTape(2);
        double[] g = seq.gradient(tape, theta, Loss.CE, 1.0);
        ParamBlock wih = m.layout().block("core.weight_ih_l0");
        // column 0 of W_ih only sees x_1 (x_2 = 0); its gradient comes through c alone
        double sum = 0;
        for (int r = 0; r < 12; r++) {
            sum += Math.abs(g[wih.offset() + r * 3]);
        }
        assertTrue(sum > 1e-4, "no gradient through the cell state: " + sum);
        checkAllBlocks(m, theta, seq, Loss.CE, 1.0, null);
    }
}
