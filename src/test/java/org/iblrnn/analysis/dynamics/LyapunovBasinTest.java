package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;

/** The discrete Lyapunov solver (both forms) and the code's basin estimate. */
class LyapunovBasinTest {
    /** Residual of the solved equations: doubling to a relative change of 1e-13, sums of ~1e2. */
    private static final double EQUATION_RESIDUAL = 1e-9;

    static double[][] randomStable(int n, double radius, SplittableRandom rng) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        JacobianSpectrum s = JacobianSpectrum.of(a);
        double rho = Math.hypot(s.re()[0], s.im()[0]);
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] *= radius / rho;
            }
        }
        return a;
    }

    static double residual(double[][] a, double[][] p, boolean transposed) {
        double[][] at = LyapunovBasin.transpose(a);
        double[][] apa = transposed ? LyapunovBasin.multiply(a, LyapunovBasin.multiply(p, at))
                : LyapunovBasin.multiply(at, LyapunovBasin.multiply(p, a));
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                worst = Math.max(worst, Math.abs(apa[i][j] - p[i][j] + (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void solutionsSatisfyTheirEquationsAndDifferForNonNormalMatrices() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + trial % 9;
            double[][] a = randomStable(n, 0.9, rng);
            double[][] ps = LyapunovBasin.solve(a, false);
            double[][] pt = LyapunovBasin.solve(a, true);
            assertNotNull(ps);
            assertNotNull(pt);
            assertTrue(residual(a, ps, false) < EQUATION_RESIDUAL, "standard, n " + n);
            assertTrue(residual(a, pt, true) < EQUATION_RESIDUAL, "transposed, n " + n);
            double diff = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    diff = Math.max(diff, Math.abs(ps[i][j] - pt[i][j]));
                }
            }
            assertTrue(diff > 1e-3, "a random matrix is not normal, the two forms differ: " + diff);
            // the standard P does not solve the transposed equation
            assertTrue(residual(a, ps, true) > 1e-3);
        }
    }

    @Test
    void symmetricMatrixGivesTheSameSolutionAndUnstableNone() {
        double[][] a = {{0.5, 0.2}, {0.2, -0.3}};
        double[][] ps = LyapunovBasin.solve(a, false);
        double[][] pt = LyapunovBasin.solve(a, true);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(ps[i][j], pt[i][j], 1e-12);
            }
        }
        // scalar: p = 1 / (1 - a^2)
        assertEquals(1 / (1 - 0.81), LyapunovBasin.solve(new double[][] {{0.9}}, false)[0][0], 1e-10);
        assertNull(LyapunovBasin.solve(new double[][] {{1.01}}, false));
        assertNull(LyapunovBasin.solve(new double[][] {{1.0, 1.0}, {0, 1.0}}, true));
    }

    @Test
    void estimateAroundAStablePointOfTheBistablePair() {
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 0.5}});
        double[] in = {0, 0, 0};
        // starts near +r only, so the lowest-q point is a stable one
        FixedPoints fp = FixedPointFinder.find(m, theta, in, new double[][] {{0.9, 0.1}, {0.95, -0.1}},
                FixedPointConfig.defaults());
        assertEquals(1, fp.size());
        double r = FixedPointFinderTest.bistableRoot();
        double[][] states = {{r + 1e-3, 0}, {r, 1e-3}, {-r, 0}, {0, 0}};
        LyapunovBasin.Result e = LyapunovBasin.estimate(m, theta, in, fp, states, false);
        assertTrue(e.computed(), e.reason());
        assertTrue(e.gamma() > 0);
        boolean[] inside = e.inBasin();
        assertTrue(inside[0] && inside[1], "states next to x* are inside");
        assertFalse(inside[2], "the other attractor is outside");
        assertFalse(inside[3], "the saddle is outside");
        // energy of a small displacement along the diagonal Jacobian: 0.5 d^2 / (1 - lambda^2)
        double lam = 2 * (1 - r * r);
        assertEquals(0.5 * 1e-6 / (1 - lam * lam), e.energy()[0], 1e-12);
        assertEquals(0.5, e.fraction(), 1e-15);
        // diagonal A is normal: the code's transposed form gives the same answer
        LyapunovBasin.Result code = LyapunovBasin.estimate(m, theta, in, fp, states, true);
        assertEquals(e.gamma(), code.gamma(), 1e-12);
    }

    @Test
    void unstablePointIsReportedNotThrown() {
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 2}});
        double[] in = {0, 0, 0};
        FixedPoints fp = FixedPointFinder.find(m, theta, in, new double[][] {{1e-4, -1e-4}}, FixedPointConfig.defaults());
        LyapunovBasin.Result e = LyapunovBasin.estimate(m, theta, in, fp, new double[][] {{0.1, 0.1}}, true);
        assertFalse(e.computed());
        assertTrue(e.reason().contains("not stable"), e.reason());
        assertEquals(0, e.fraction());
    }
}
