package org.iblrnn.analysis.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DecoherenceTest {

    @Test
    void constantTrajectoryHasZeroDistanceAtEveryLag() {
        double[][] x = new double[100][3];
        for (double[] row : x) {
            row[0] = 2;
            row[1] = -1;
            row[2] = 0.5;
        }
        for (Decoherence.Mode mode : Decoherence.Mode.values()) {
            Decoherence.Result r = Decoherence.compute(x, 19, mode);
            assertArrayEquals(new double[20], r.mean(), 0.0);
            assertArrayEquals(new double[] {1, 1, 1}, r.scales(), 0.0);
        }
    }

    /**
     * Random walk with i.i.d. N(0, 1) steps: x_{t+k} - x_t ~ N(0, k) so E|.| = sqrt(2k / pi) and
     * D_k / D_1 = sqrt(k) (the per-dimension standardisation is one common factor for D = 1).
     * Standard error of the mean of |.| over T - k overlapping lags: the terms are correlated over
     * about k lags, so Var(mean) &lt;= 2 k Var|N(0, k)| / T = 2 k^2 (1 - 2/pi) / T, a relative
     * error of sqrt(2 k (1 - 2/pi) / T) / sqrt(2/pi); the ratio's tolerance is 5 such errors (for
     * lag k and lag 1 added).
     */
    @Test
    void randomWalkGrowsLikeSquareRootOfLag() {
        int t = 200_000;
        SplittableRandom rng = new SplittableRandom(17);
        double[][] x = new double[t][1];
        for (int i = 1; i < t; i++) {
            x[i][0] = x[i - 1][0] + rng.nextGaussian();
        }
        double[] d = Decoherence.compute(x, 19, Decoherence.Mode.LAG).mean();
        assertEquals(0.0, d[0], 0.0);
        double v = 1 - 2 / Math.PI;
        double e1 = Math.sqrt(2 * v / t) / Math.sqrt(2 / Math.PI);
        for (int k = 2; k <= 19; k++) {
            double ek = Math.sqrt(2 * k * v / t) / Math.sqrt(2 / Math.PI);
            double ratio = d[k] / d[1];
            assertEquals(Math.sqrt(k), ratio, 5 * Math.sqrt(k) * (ek + e1), "lag " + k);
        }
    }

    @Test
    void orderDifferenceMatchesNumpyDiff() {
        double[][] x = {{0}, {1}, {4}, {9}, {16}};
        // std of 0,1,4,9,16 (population)
        double mean = 6;
        double sd = Math.sqrt((36 + 25 + 4 + 9 + 100) / 5.0);
        Decoherence.Result r = Decoherence.compute(x, 4, Decoherence.Mode.ORDER_DIFFERENCE);
        assertEquals(sd, r.scales()[0], 1e-12);
        assertEquals(0, r.mean()[0], 0.0);
        assertEquals((1 + 3 + 5 + 7) / 4.0 / sd, r.mean()[1], 1e-12); // diff n=1: 1,3,5,7
        assertEquals(2 / sd, r.mean()[2], 1e-12); // diff n=2: 2,2,2
        assertEquals(0, r.mean()[3], 1e-12); // diff n=3: 0,0
        assertEquals(0, r.mean()[4], 1e-12);
        assertTrue(mean > 0);
        Decoherence.Result lag = Decoherence.compute(x, 1, Decoherence.Mode.LAG);
        assertEquals(4.0 / sd, lag.mean()[1], 1e-12);
    }

    @Test
    void lagsBeyondTheTrajectoryAreNaNAndBadInputThrows() {
        double[][] x = {{0.0}, {1.0}};
        double[] d = Decoherence.compute(x, 3, Decoherence.Mode.LAG).mean();
        assertTrue(Double.isNaN(d[2]) && Double.isNaN(d[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decoherence.compute(x, -1, Decoherence.Mode.LAG));
        assertTrue(e.getMessage().contains("maxLag must be >= 0"));
    }
}
