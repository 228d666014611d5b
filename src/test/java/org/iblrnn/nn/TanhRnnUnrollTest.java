package org.iblrnn.nn;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The tanh RNN kernel's unrolled paths against the naive reference BPTT: the backward pass runs
 * W_hh^T da and the deferred outer products in groups of five rows / steps, the forward pass in
 * groups of four rows plus a fused two-row remainder, and observation steps (all three inputs
 * non-zero) take a one-pass input path. Covers H = 5k, 5k+2 and 4k+2 with k >= 1, H = 50, and
 * sequences that end just past a 60-step flush of the deferred outer products.
 */
class TanhRnnUnrollTest {
    @Test
    void fiveWayAndFourWayUnrolledPathsMatchReference() {
        int[][] cases = {{5, 61}, {6, 59}, {10, 121}, {12, 64}, {14, 7}, {50, 125}};
        for (Loss loss : Loss.values()) {
            for (int[] c : cases) {
                RecurrentModel m = new RecurrentModel(new ModelConfig("rnn", 3, c[0], 2));
                SplittableRandom rng = new SplittableRandom(97L * c[0] + c[1]);
                double[] theta = GradientChecks.randomTheta(m, rng, 1.5);
                // each input is exactly 0 with probability 1/7: both input paths are taken
                OpenLoop seq = OpenLoop.random(rng, c[1], 3, 2, 0.1, 0);
                GradientChecks.assertMatchesReference(m, theta, seq, loss, 1.0 / c[1]);
            }
        }
    }
}
