package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.testsupport.StatAsserts;
import org.junit.jupiter.api.Test;

import org.iblrnn.math.Arrays2;

/** {@link LogisticRegression}: recovery of known coefficients, chance level, a direct Newton solve. */
class LogisticRegressionTest {

    /** Rows x ~ N(0, I) and labels y ~ Bernoulli(sigma(b0 + w . x)). */
    static Object[] simulate(long seed, int t, double b0, double[] w) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[t][w.length];
        int[] y = new int[t];
        for (int r = 0; r < t; r++) {
            double z = b0;
            for (int j = 0; j < w.length; j++) {
                x[r][j] = rng.nextGaussian();
                z += w[j] * x[r][j];
            }
            y[r] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new Object[] {x, y};
    }

    @Test
    void recoversKnownCoefficientsWithinFiveStandardErrors() {
        double b0 = -0.5;
        double[] w = {1.0, -2.0, 0.5};
        Object[] d = simulate(1, 20_000, b0, w);
        LogisticRegression.Fit fit = LogisticRegression.fit((double[][]) d[0], (int[]) d[1],
                LogisticRegression.Config.defaults());
        assertTrue(fit.converged(), fit.reason());
        assertTrue(fit.iterations() < 20, "Newton converges in a few iterations, took " + fit.iterations());
        StatAsserts.assertWithinSe(b0, fit.intercept(), fit.interceptStandardError(), "intercept");
        double[] se = fit.standardErrors();
        for (int j = 0; j < w.length; j++) {
            assertTrue(se[j] > 0 && se[j] < 0.1);
            StatAsserts.assertWithinSe(w[j], fit.coefficients()[j], se[j], "w" + j);
        }
    }

    @Test
    void shuffledLabelsGiveChanceAccuracyOnHeldOutData() {
        SplittableRandom rng = new SplittableRandom(2);
        int t = 8000;
        double[][] x = new double[t][4];
        int[] y = new int[t];
        for (int r = 0; r < t; r++) {
            for (int j = 0; j < 4; j++) {
                x[r][j] = rng.nextGaussian();
            }
            y[r] = rng.nextInt(2);
        }
        double[][] train = java.util.Arrays.copyOf(x, t / 2);
        int[] yTrain = java.util.Arrays.copyOf(y, t / 2);
        double[][] test = java.util.Arrays.copyOfRange(x, t / 2, t);
        int[] yTest = java.util.Arrays.copyOfRange(y, t / 2, t);
        LogisticRegression.Fit fit = LogisticRegression.fit(train, yTrain, LogisticRegression.Config.defaults());
        assertTrue(fit.converged());
        double acc = fit.accuracy(test, yTest);
        StatAsserts.assertWithinSe(0.5, acc, Math.sqrt(0.25 / test.length), "held-out accuracy on noise");
    }

    @Test
    void agreesWithDirectNewtonSolve() {
        Object[] d = simulate(3, 300, 0.3, new double[] {0.8, -0.4});
        double[][] x = (double[][]) d[0];
        int[] y = (int[]) d[1];
        for (boolean intercept : new boolean[] {true, false}) {
            for (double lambda : new double[] {0.0, 3.0}) {
                LogisticRegression.Fit fit = LogisticRegression.fit(x, y,
                        LogisticRegression.Config.defaults().withLambda(lambda).withIntercept(intercept));
                assertTrue(fit.converged(), fit.reason());
                double[] direct = directNewton(x, y, lambda, intercept);
                double[] got = LogisticRegression.parameters(fit);
                assertArrayEquals(direct, got, 1e-9, "intercept " + intercept + ", lambda " + lambda);
                if (!intercept) {
                    assertEquals(0.0, fit.intercept());
                    assertFalse(fit.hasIntercept());
                }
            }
        }
    }

    /** Plain undamped Newton with a Gauss-Jordan solve, 50 iterations, written independently. */
    private static double[] directNewton(double[][] x, int[] y, double lambda, boolean intercept) {
        int off = intercept ? 1 : 0;
        int p = x[0].length + off;
        double[] beta = new double[p];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[p];
            double[][] h = new double[p][p + 1];
            for (int t = 0; t < x.length; t++) {
                double[] z = new double[p];
                if (intercept) {
                    z[0] = 1;
                }
                System.arraycopy(x[t], 0, z, off, x[t].length);
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += z[j] * beta[j];
                }
                double mu = 1 / (1 + Math.exp(-eta));
                for (int a = 0; a < p; a++) {
                    g[a] += (mu - y[t]) * z[a];
                    for (int b = 0; b < p; b++) {
                        h[a][b] += mu * (1 - mu) * z[a] * z[b];
                    }
                }
            }
            for (int a = off; a < p; a++) {
                g[a] += lambda * beta[a];
                h[a][a] += lambda;
            }
            for (int a = 0; a < p; a++) {
                h[a][p] = g[a];
            }
            for (int c = 0; c < p; c++) {
                for (int r = 0; r < p; r++) {
                    if (r != c) {
                        double f = h[r][c] / h[c][c];
                        for (int k = c; k <= p; k++) {
                            h[r][k] -= f * h[c][k];
                        }
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                beta[a] -= h[a][p] / h[a][a];
            }
        }
        return beta;
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws Exception {
        // more rows than one parallel chunk, so the chunked reduction is exercised
        Object[] d = simulate(5, 10_000, 0.2, new double[] {0.7, -0.3, 0.1});
        LogisticRegression.Config cfg = LogisticRegression.Config.defaults().withLambda(2);
        LogisticRegression.Fit parallel = LogisticRegression.fit((double[][]) d[0], (int[]) d[1], cfg);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            LogisticRegression.Fit serial = one.submit(() -> LogisticRegression.fit((double[][]) d[0], (int[]) d[1],
                    cfg)).get();
            assertArrayEquals(parallel.coefficients(), serial.coefficients(), 0.0);
            assertEquals(parallel.intercept(), serial.intercept(), 0.0);
            assertEquals(parallel.objective(), serial.objective(), 0.0);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void penaltyShrinksTheCoefficients() {
        Object[] d = simulate(4, 500, 0.0, new double[] {1.5, -1.0});
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {0, 1, 10, 100, 1000}) {
            LogisticRegression.Fit fit = LogisticRegression.fit((double[][]) d[0], (int[]) d[1],
                    LogisticRegression.Config.defaults().withLambda(lambda));
            double norm = Arrays2.norm(fit.coefficients());
            assertTrue(norm < previous, "norm decreases with lambda");
            previous = norm;
        }
    }

    @Test
    void separableDataWithoutPenaltyIsReportedNotThrown() {
        double[][] x = {{-2}, {-1}, {1}, {2}};
        int[] y = {0, 0, 1, 1};
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, LogisticRegression.Config.defaults());
        assertFalse(fit.converged());
        assertFalse(fit.reason().isEmpty());
        assertTrue(Double.isFinite(fit.coefficients()[0]));
        assertEquals(1.0, fit.accuracy(x, y));
        // a penalty restores a finite optimum
        LogisticRegression.Fit pen = LogisticRegression.fit(x, y, LogisticRegression.Config.defaults().withLambda(1));
        assertTrue(pen.converged(), pen.reason());
    }

    @Test
    void predictionsAreProbabilities() {
        LogisticRegression.Fit fit = new LogisticRegression.Fit(0.5, new double[] {2}, 0, new double[] {0}, true, 0,
                0, 1, 1, true, "");
        assertEquals(1 / (1 + Math.exp(-4.5)), fit.predictProbability(new double[] {2}), 1e-15);
        assertEquals(1.0, fit.predictProbability(new double[] {1e6}));
        assertEquals(0.0, fit.predictProbability(new double[] {-1e6}));
        assertArrayEquals(new double[] {0.5}, fit.predictProbabilities(new double[][] {{-0.25}}), 1e-15);
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[][] {{1}, {2}}, new int[] {0, 2},
                        LogisticRegression.Config.defaults()));
        assertEquals("y must contain only 0 and 1, got y[1] = 2", labels.getMessage());
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.Config.defaults().withLambda(-1));
        assertTrue(lambda.getMessage().startsWith("lambda must be"), lambda.getMessage());
    }
}
