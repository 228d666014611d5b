package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.api.Test;

/** {@link Activations} against {@link Math#tanh} and the textbook logistic function. */
class ActivationsTest {

    /** |a - b| in ulps of b (b != 0). */
    private static double ulps(double a, double b) {
        return Math.abs(a - b) / Math.ulp(b);
    }

    /** Asserts the accuracy bound that applies to x's region. */
    private static void assertTanhAccurate(double x) {
        double a = Activations.tanh(x);
        double b = Math.tanh(x);
        double ax = Math.abs(x);
        boolean ok;
        if (b == 0.0) {
            ok = a == 0.0;
        } else if (ax < 0.0625) {
            ok = ulps(a, b) <= Tolerances.TANH_ULPS_SMALL;
        } else if (ax < 0.5) {
            ok = Math.abs(a - b) <= Tolerances.TANH_REL_CANCELLING * Math.abs(b);
        } else {
            ok = ulps(a, b) <= Tolerances.TANH_ULPS_LARGE;
        }
        if (!ok) {
            fail("tanh(" + x + ") = " + a + " vs Math.tanh " + b + ": " + ulps(a, b) + " ulps");
        }
    }

    @Test
    void tanhMatchesMathTanhOnDenseGrid() {
        // step 1e-4 over [-30, 30]: 600,001 points including 0 and both sides of 1/16, 1/2 and 22
        for (int i = -300_000; i <= 300_000; i++) {
            assertTanhAccurate(i * 1e-4);
        }
    }

    @Test
    void tanhMatchesMathTanhOnRandomMagnitudes() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 500_000; i++) {
            // log-uniform magnitudes from 2^-60 to 2^5, both signs
            double x = Math.scalb(2 * rng.nextDouble() - 1, rng.nextInt(-60, 6));
            assertTanhAccurate(x);
        }
    }

    @Test
    void tanhAtBranchBoundariesAndSpecialValues() {
        double[] xs = {0.0625, Math.nextDown(0.0625), Math.nextUp(0.0625), 0.5, Math.nextDown(0.5), 19.0, 19.1,
            22.0, Math.nextDown(22.0), Math.nextUp(22.0), 25.0, 30.0, 1e-8, 1e-200, Double.MIN_NORMAL,
            Double.MIN_VALUE};
        for (double x : xs) {
            assertTanhAccurate(x);
            assertTanhAccurate(-x);
        }
        // Math.tanh rounds to exactly +-1 from about 19.06 on; the shortcut at 22 must agree
        assertEquals(1.0, Activations.tanh(22.0));
        assertEquals(1.0, Activations.tanh(Math.nextUp(22.0)));
        assertEquals(1.0, Activations.tanh(Math.nextDown(22.0)));
        assertEquals(-1.0, Activations.tanh(-22.0));
        assertEquals(1.0, Activations.tanh(1000.0));
        assertEquals(-1.0, Activations.tanh(-1e300));
        assertEquals(1.0, Activations.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activations.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Activations.tanh(Double.NaN)));
        // tiny arguments: tanh(x) == x exactly, including subnormals and the sign of zero
        assertEquals(1e-300, Activations.tanh(1e-300));
        assertEquals(Double.MIN_VALUE, Activations.tanh(Double.MIN_VALUE));
        assertEquals(0.0, Activations.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activations.tanh(-0.0)));
    }

    @Test
    void tanhIsExactlyOdd() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            double x = 30 * rng.nextDouble();
            if (Activations.tanh(-x) != -Activations.tanh(x)) {
                fail("tanh(-x) != -tanh(x) at x = " + x);
            }
        }
    }

    @Test
    void tanhIsMonotoneAndBounded() {
        double prev = -1.0;
        for (int i = -300_000; i <= 300_000; i++) {
            double y = Activations.tanh(i * 1e-4);
            if (!(y >= prev && y >= -1.0 && y <= 1.0)) {
                fail("not monotone or out of [-1, 1] at " + i * 1e-4);
            }
            prev = y;
        }
    }

    @Test
    void sigmoidIsStableAtExtremes() {
        assertEquals(1.0, Activations.sigmoid(1000));
        assertEquals(0.0, Activations.sigmoid(-1000));
        assertEquals(1.0, Activations.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Activations.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(0.5, Activations.sigmoid(0.0));
        // deep negative tail stays positive and accurate where exp does not underflow
        double s = Activations.sigmoid(-700);
        assertTrue(s > 0);
        assertEquals(Math.exp(-700), s, Math.ulp(Math.exp(-700)) * Tolerances.SIGMOID_ULPS);
        for (double x = -1000; x <= 1000; x += 0.5) {
            double y = Activations.sigmoid(x);
            if (!(y >= 0 && y <= 1)) {
                fail("sigmoid(" + x + ") = " + y);
            }
        }
    }

    @Test
    void sigmoidMatchesTextbookFormulaAndSymmetry() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 200_000; i++) {
            double x = -40 + 80 * rng.nextDouble();
            double y = Activations.sigmoid(x);
            // textbook forms, each evaluated on the side where it does not cancel
            double ref = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            if (ulps(y, ref) > Tolerances.SIGMOID_ULPS) {
                fail("sigmoid(" + x + ") = " + y + " vs " + ref);
            }
            // sigma(-x) = 1 - sigma(x), to the rounding of the subtraction
            if (Math.abs(1.0 - y - Activations.sigmoid(-x)) > 2 * Math.ulp(1.0)) {
                fail("sigmoid(-x) != 1 - sigmoid(x) at x = " + x);
            }
        }
    }

    /** Absolute error bound of the vectorised tanh: measured 6.2e-15 over [-30, 30] in steps of 1.5e-5. */
    private static final double TANH_IN_PLACE_ABS = 1e-14;

    @Test
    void tanhInPlaceMatchesMathTanhEverywhere() {
        int n = 1000;
        double[] a = new double[n];
        double[] scratch = new double[n];
        double worst = 0;
        for (int k = 0; k < 600; k++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = -30 + (k * n + i) * 1e-4;
            }
            System.arraycopy(x, 0, a, 0, n);
            Activations.tanhInPlace(a, scratch, n);
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(a[i] - Math.tanh(x[i])));
            }
        }
        assertTrue(worst < TANH_IN_PLACE_ABS, "worst abs error " + worst);
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};
        double[] out = special.clone();
        Activations.tanhInPlace(out, new double[special.length], special.length);
        for (int i = 0; i < special.length - 1; i++) {
            assertEquals(Math.tanh(special[i]), out[i], TANH_IN_PLACE_ABS, "x = " + special[i]);
        }
        assertTrue(Double.isNaN(out[special.length - 1]));
        // only the first n entries are touched
        double[] partial = {0.5, 0.5, 7.0};
        Activations.tanhInPlace(partial, new double[3], 2);
        assertEquals(7.0, partial[2]);
    }
}
