package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Eigenvalues of the Jacobian: constructed spectra, the property A v = lambda v, degenerate matrices. */
class FixedPointSpectrumTest {
    /**
     * ||A v - lambda v|| / ||A||_F for unit v. Measured worst 1.2e-11 over the random Jacobians
     * below, on matrices with many exactly-zero rows (a highly repeated zero eigenvalue, whose
     * computed eigenvectors are ill-conditioned); ~1e-15 on the constructed spectrum.
     */
    private static final double EIGEN_RESIDUAL = 1e-9;
    /** Known eigenvalues of constructed well-conditioned matrices. */
    private static final double EIGEN_VALUE = 1e-10;

    @Test
    void constructedSpectrumIsRecoveredSortedByModulus() {
        // A = S D S^-1 with D = blocks {0.5 +- 0.8i} (a rotation-scaling), 1.1, -0.2, 0
        double[][] d = {
            {0.5, -0.8, 0, 0, 0},
            {0.8, 0.5, 0, 0, 0},
            {0, 0, 1.1, 0, 0},
            {0, 0, 0, -0.2, 0},
            {0, 0, 0, 0, 0}};
        double[][] s = {
            {1, 0.2, 0, 0.1, 0},
            {0, 1, 0.3, 0, 0},
            {0.1, 0, 1, 0, 0.2},
            {0, 0, 0.4, 1, 0},
            {0.3, 0, 0, 0, 1}};
        double[][] a = mul(mul(s, d), inverse(s));
        JacobianSpectrum spec = JacobianSpectrum.of(a);
        assertTrue(spec.ok());
        double mod = Math.hypot(0.5, 0.8);
        assertEquals(1.1, spec.re()[0], EIGEN_VALUE);
        assertEquals(0.0, spec.im()[0], EIGEN_VALUE);
        assertEquals(mod, spec.modulus(1), EIGEN_VALUE);
        assertEquals(0.5, spec.re()[1], EIGEN_VALUE);
        assertEquals(0.8, spec.im()[1], EIGEN_VALUE);
        assertEquals(0.5, spec.re()[2], EIGEN_VALUE);
        assertEquals(-0.8, spec.im()[2], EIGEN_VALUE);
        assertEquals(-0.2, spec.re()[3], EIGEN_VALUE);
        assertEquals(0.0, spec.re()[4], EIGEN_VALUE);
        checkEigenpairs(a, spec);
        assertEquals(FixedPoints.Stability.SADDLE, FixedPointFinder.classify(spec, 1e-3));
    }

    @Test
    void classificationByModulus() {
        assertEquals(FixedPoints.Stability.STABLE, classify(new double[][] {{0.9, 0}, {0, -0.5}}));
        assertEquals(FixedPoints.Stability.UNSTABLE, classify(new double[][] {{1.5, 0}, {0, -1.2}}));
        assertEquals(FixedPoints.Stability.SADDLE, classify(new double[][] {{1.5, 0}, {0, 0.2}}));
        assertEquals(FixedPoints.Stability.MARGINAL, classify(new double[][] {{0.9995, 0}, {0, 0.2}}));
        // a rotation by 0.3 rad scaled by 0.95: complex pair inside the unit circle
        double c = 0.95 * Math.cos(0.3);
        double sn = 0.95 * Math.sin(0.3);
        assertEquals(FixedPoints.Stability.STABLE, classify(new double[][] {{c, -sn}, {sn, c}}));
        assertEquals(FixedPoints.Stability.MARGINAL, classify(new double[][] {{Math.cos(0.3), -Math.sin(0.3)},
            {Math.sin(0.3), Math.cos(0.3)}}));
    }

    @Test
    void degenerateMatricesDoNotThrow() {
        // Hipparchus fails on the zero matrix; a Jacobian of saturated units is exactly that
        JacobianSpectrum zero = JacobianSpectrum.of(new double[3][3]);
        assertTrue(zero.ok());
        assertEquals(0.0, zero.modulus(0));
        assertEquals(FixedPoints.Stability.STABLE, FixedPointFinder.classify(zero, 1e-3));
        JacobianSpectrum one = JacobianSpectrum.of(new double[][] {{0.7}});
        assertEquals(0.7, one.re()[0], 0.0);
        JacobianSpectrum jordan = JacobianSpectrum.of(new double[][] {{1, 1}, {0, 1}});
        assertEquals(1.0, jordan.re()[0], EIGEN_VALUE);
        assertEquals(1.0, jordan.re()[1], EIGEN_VALUE);
        JacobianSpectrum nan = JacobianSpectrum.of(new double[][] {{Double.NaN, 0}, {0, 1}});
        assertTrue(!nan.ok());
        assertEquals(FixedPoints.Stability.UNKNOWN, FixedPointFinder.classify(nan, 1e-3));
    }

    @Test
    void randomJacobiansSatisfyEigenEquationTraceAndDeterminantOrder() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(50);
            double[][] a = new double[n][n];
            double saturated = rng.nextDouble();
            for (int i = 0; i < n; i++) {
                // like diag(1 - F^2) W_hh: some rows exactly zero (saturated units), on which
                // Hipparchus' Schur iteration often fails without the shifted retry
                double gain = rng.nextDouble() < saturated ? 0.0 : rng.nextDouble();
                for (int j = 0; j < n; j++) {
                    a[i][j] = gain * rng.nextGaussian() * 2 / Math.sqrt(n);
                }
            }
            JacobianSpectrum spec = JacobianSpectrum.of(a);
            assertTrue(spec.ok(), "trial " + trial);
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += a[i][i];
            }
            double sum = Arrays.stream(spec.re()).sum();
            assertEquals(trace, sum, 1e-9 * (1 + frob(a)), "trace, trial " + trial);
            for (int k = 1; k < n; k++) {
                assertTrue(spec.modulus(k) <= spec.modulus(k - 1) + 1e-15, "order, trial " + trial);
            }
            checkEigenpairs(a, spec);
        }
    }

    private static FixedPoints.Stability classify(double[][] a) {
        return FixedPointFinder.classify(JacobianSpectrum.of(a), 1e-3);
    }

    /** ||A v - lambda v|| for every eigenpair with a non-negligible eigenvector, in complex arithmetic. */
    private static void checkEigenpairs(double[][] a, JacobianSpectrum spec) {
        int n = a.length;
        double scale = Math.max(1e-300, frob(a));
        for (int k = 0; k < n; k++) {
            double[] vr = spec.vecRe()[k];
            double[] vi = spec.vecIm()[k];
            double lr = spec.re()[k];
            double li = spec.im()[k];
            double err = 0;
            for (int i = 0; i < n; i++) {
                double ar = 0;
                double ai = 0;
                for (int j = 0; j < n; j++) {
                    ar += a[i][j] * vr[j];
                    ai += a[i][j] * vi[j];
                }
                double er = ar - (lr * vr[i] - li * vi[i]);
                double ei = ai - (lr * vi[i] + li * vr[i]);
                err += er * er + ei * ei;
            }
            assertTrue(Math.sqrt(err) / scale < EIGEN_RESIDUAL, "eigenpair " + k + " residual " + Math.sqrt(err));
        }
    }

    private static double frob(double[][] a) {
        double s = 0;
        for (double[] r : a) {
            for (double v : r) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    /** Gauss-Jordan inverse with partial pivoting (small, well-conditioned test matrices). */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double piv = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= piv;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
