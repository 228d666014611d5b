package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link LinearRegression} against hand-computed values, scipy and a simulated line. */
class LinearRegressionTest {

    @Test
    void handExampleMatchesHandSumsAndScipy() {
        // x = 1..5, y = (2, 4, 5, 4, 5): xbar 3, ybar 4, Sxx 10, Sxy 6, Syy 6, SSR 2.4
        LinearRegression.Result r = LinearRegression.fit(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertTrue(r.usable());
        assertEquals(5, r.n());
        assertEquals(0.6, r.slope(), 1e-14);
        assertEquals(2.2, r.intercept(), 1e-14);
        assertEquals(6 / Math.sqrt(60), r.r(), 1e-14);
        double se = Math.sqrt(0.8 / 10);
        assertEquals(se, r.slopeStandardError(), 1e-14);
        assertEquals(Math.sqrt(0.8 * (0.2 + 9.0 / 10)), r.interceptStandardError(), 1e-14);
        // Student t with 3 df has a closed-form CDF: F(t) = 1/2 + (1/pi)(t / (sqrt3 (1 + t^2/3)) + atan(t / sqrt3))
        double t = 0.6 / se;
        double cdf = 0.5 + (t / (Math.sqrt(3) * (1 + t * t / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
        assertEquals(2 * (1 - cdf), r.pValue(), 1e-12);
        // scipy 1.17.1: stats.linregress([1,2,3,4,5],[2,4,5,4,5]).pvalue = 0.12402706265755445
        assertEquals(0.12402706265755445, r.pValue(), 1e-12);
        // scipy: stats.t.ppf(0.975, 3) = 3.1824463052837078, stats.t.ppf(0.995, 3) = 5.840909309733355
        assertEquals(0.6 - 3.1824463052837078 * se, r.slopeLower95(), 1e-9);
        assertEquals(0.6 + 3.1824463052837078 * se, r.slopeUpper95(), 1e-9);
        assertEquals(0.6 - 5.840909309733355 * se, r.slopeLower99(), 1e-9);
        assertEquals(0.6 + 5.840909309733355 * se, r.slopeUpper99(), 1e-9);
        assertEquals(2.2 + 0.6 * 10, r.predict(10), 1e-13);
    }

    @Test
    void simulatedSlopeLiesInsideThe99PercentInterval() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian() * 0.5;
            y[i] = 0.84 * x[i] + 0.1 + rng.nextGaussian() * 0.3;
        }
        LinearRegression.Result r = LinearRegression.fit(x, y);
        assertTrue(r.slopeLower99() < 0.84 && 0.84 < r.slopeUpper99(), r.toString());
        assertTrue(r.slopeLower99() < r.slopeLower95() && r.slopeUpper95() < r.slopeUpper99());
        assertTrue(r.pValue() < 1e-5);
        // r^2 = var(signal) / var(y) = 0.84^2 0.25 / (0.84^2 0.25 + 0.09) = 0.662
        assertEquals(Math.sqrt(0.1764 / (0.1764 + 0.09)), r.r(), 0.02);
    }

    @Test
    void degenerateInputIsFlagged() {
        LinearRegression.Result constX = LinearRegression.fit(new double[] {2, 2, 2, 2}, new double[] {1, 2, 3, 4});
        assertFalse(constX.usable());
        assertEquals("x is constant", constX.reason());
        LinearRegression.Result two = LinearRegression.fit(new double[] {1, 2}, new double[] {1, 2});
        assertFalse(two.usable());
        assertTrue(two.reason().contains("at least 3 points"));
        LinearRegression.Result constY = LinearRegression.fit(new double[] {1, 2, 3}, new double[] {0.1, 0.1, 0.1});
        assertTrue(constY.usable());
        assertEquals(0.0, constY.slope());
        assertEquals(1.0, constY.pValue());
        LinearRegression.Result exact = LinearRegression.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
        assertEquals(2.0, exact.slope(), 1e-15);
        assertEquals(1.0, exact.r(), 1e-15);
        assertTrue(exact.pValue() < 1e-10);
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.fit(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("y must have length 3, got 2", len.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.fit(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}));
        assertEquals("x must have finite entries, got x[1] = NaN", nan.getMessage());
    }
}
