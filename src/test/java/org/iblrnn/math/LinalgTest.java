package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Linalg} against hand examples and decomposition identities on seeded random matrices. */
class LinalgTest {
    /** Identities on O(1) matrices of size &lt;= 20: a few hundred roundings. */
    private static final double TOL = 1e-10;

    private static double[][] random(SplittableRandom rng, int m, int n) {
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rng.nextDouble(-1, 1);
            }
        }
        return a;
    }

    private static double[][] randomSymmetric(SplittableRandom rng, int n) {
        double[][] a = random(rng, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertOrthonormalRows(double[][] v, double tol) {
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                assertEquals(i == j ? 1.0 : 0.0, dot(v[i], v[j]), tol, "row " + i + " . row " + j);
            }
        }
    }

    private static void assertMatrixEquals(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol, "row " + i);
        }
    }

    @Test
    void symmetricEigenOfHandExample() {
        Linalg.SymmetricEigen e = Linalg.symmetricEigen(new double[][] {{2, 1}, {1, 2}});
        assertTrue(e.converged());
        assertArrayEquals(new double[] {3, 1}, e.values(), TOL);
        double s = Math.sqrt(0.5);
        double[][] v = e.vectors();
        assertEquals(1.0, Math.abs(dot(v[0], new double[] {s, s})), TOL);
        assertEquals(1.0, Math.abs(dot(v[1], new double[] {s, -s})), TOL);
    }

    @Test
    void symmetricEigenResidualsOrthonormalityAndOrder() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int rep = 0; rep < 20; rep++) {
            int n = 1 + rng.nextInt(20);
            double[][] a = randomSymmetric(rng, n);
            Linalg.SymmetricEigen e = Linalg.symmetricEigen(a);
            assertTrue(e.converged());
            double[] lambda = e.values();
            double[][] v = e.vectors();
            assertOrthonormalRows(v, TOL);
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    assertTrue(lambda[k] <= lambda[k - 1], "descending");
                }
                double[] av = Linalg.multiply(a, v[k]);
                for (int i = 0; i < n; i++) {
                    assertEquals(lambda[k] * v[k][i], av[i], TOL, "A v = lambda v");
                }
            }
        }
    }

    @Test
    void symmetricEigenRejectsAsymmetricInput() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Linalg.symmetricEigen(new double[][] {{1, 2}, {0, 1}}));
        assertTrue(ex.getMessage().startsWith("a must be symmetric"), ex.getMessage());
    }

    @Test
    void generalEigenOfRotationAndDiagonal() {
        Linalg.GeneralEigen rot = Linalg.eigen(new double[][] {{0, -1}, {1, 0}});
        assertTrue(rot.converged());
        assertArrayEquals(new double[] {0, 0}, rot.real(), TOL);
        assertArrayEquals(new double[] {1, -1}, rot.imaginary(), TOL);
        assertEquals(0, rot.realVectors()[0].length, "complex eigenvalues have no real vector");

        Linalg.GeneralEigen diag = Linalg.eigen(new double[][] {{2, 0}, {0, -3}});
        assertArrayEquals(new double[] {-3, 2}, diag.real(), TOL, "descending modulus");
        assertArrayEquals(new double[] {0, 0}, diag.imaginary(), 0);
        assertEquals(1.0, Math.abs(diag.realVectors()[0][1]), TOL);
        assertEquals(1.0, Math.abs(diag.realVectors()[1][0]), TOL);
        assertArrayEquals(new double[] {3, 2}, diag.moduli(), TOL);
    }

    @Test
    void generalEigenSatisfiesTraceIdentitiesAndResiduals() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int rep = 0; rep < 20; rep++) {
            int n = 2 + rng.nextInt(15);
            double[][] a = random(rng, n, n);
            Linalg.GeneralEigen e = Linalg.eigen(a);
            assertTrue(e.converged());
            double[] re = e.real();
            double[] im = e.imaginary();
            double[][] a2 = Linalg.multiply(a, a);
            double tr = 0;
            double tr2 = 0;
            double sumRe = 0;
            double sumIm = 0;
            double sumSqRe = 0;
            for (int i = 0; i < n; i++) {
                tr += a[i][i];
                tr2 += a2[i][i];
                sumRe += re[i];
                sumIm += im[i];
                sumSqRe += re[i] * re[i] - im[i] * im[i];
            }
            assertEquals(tr, sumRe, 1e-9, "trace = sum of eigenvalues");
            assertEquals(0, sumIm, 1e-9, "complex eigenvalues come in conjugate pairs");
            assertEquals(tr2, sumSqRe, 1e-9, "trace(A^2) = sum of squared eigenvalues");
            double[] mod = e.moduli();
            double[][] vecs = e.realVectors();
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    assertTrue(mod[k] <= mod[k - 1] + 1e-15, "descending modulus");
                }
                if (im[k] == 0) {
                    double[] av = Linalg.multiply(a, vecs[k]);
                    for (int i = 0; i < n; i++) {
                        assertEquals(re[k] * vecs[k][i], av[i], 1e-9, "A v = lambda v");
                    }
                }
            }
        }
    }

    @Test
    void svdOfHandExample() {
        Linalg.Svd s = Linalg.svd(new double[][] {{0, -2}, {3, 0}});
        assertTrue(s.converged());
        assertArrayEquals(new double[] {3, 2}, s.s(), TOL);
        assertEquals(1.0, Math.abs(s.v()[0][0]), TOL);
        assertEquals(1.0, Math.abs(s.u()[0][1]), TOL);
        assertEquals(2, s.rank(1e-12));
    }

    @Test
    void svdReconstructsTallAndWideMatrices() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] shape : new int[][] {{7, 4}, {4, 7}, {5, 5}, {1, 3}, {3, 1}}) {
            double[][] a = random(rng, shape[0], shape[1]);
            Linalg.Svd s = Linalg.svd(a);
            assertTrue(s.converged());
            double[][] u = s.u();
            double[][] v = s.v();
            double[] sv = s.s();
            int r = Math.min(shape[0], shape[1]);
            assertEquals(r, sv.length);
            assertOrthonormalRows(u, TOL);
            assertOrthonormalRows(v, TOL);
            for (int k = 1; k < r; k++) {
                assertTrue(sv[k] <= sv[k - 1]);
            }
            double[][] back = new double[shape[0]][shape[1]];
            for (int k = 0; k < r; k++) {
                for (int i = 0; i < shape[0]; i++) {
                    for (int j = 0; j < shape[1]; j++) {
                        back[i][j] += sv[k] * u[k][i] * v[k][j];
                    }
                }
            }
            assertMatrixEquals(a, back, TOL);
        }
    }

    @Test
    void solveHandSystemAndReportSingular() {
        Linalg.Solution s = Linalg.solve(new double[][] {{2, 1}, {1, 3}}, new double[] {3, 5});
        assertTrue(s.solved());
        assertArrayEquals(new double[] {0.8, 1.4}, s.x(), TOL);
        Linalg.Solution bad = Linalg.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1});
        assertFalse(bad.solved());
        assertEquals(0, bad.x().length);
        assertFalse(bad.reason().isEmpty());
    }

    @Test
    void choleskySolveOnSpdAndIndefiniteMatrices() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] b = random(rng, 8, 6);
        double[][] spd = Linalg.multiply(Linalg.transpose(b), b);
        double[] x = {1, -2, 3, 0.5, -1, 2};
        Linalg.Solution s = Linalg.choleskySolve(spd, Linalg.multiply(spd, x));
        assertTrue(s.solved());
        assertArrayEquals(x, s.x(), 1e-8);
        Linalg.Solution bad = Linalg.choleskySolve(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1});
        assertFalse(bad.solved());
    }

    @Test
    void wellConditionedLargerSystemsAreNotDeclaredSingular() {
        // 60 x 60 SPD with diagonal scales 1e-2..1e2 (condition ~1e4): the product of pivot
        // ratios is astronomically small, yet the matrix is perfectly solvable
        SplittableRandom rng = new SplittableRandom(7);
        int n = 60;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = Math.pow(10, -2 + 4.0 * i / (n - 1));
            for (int j = 0; j < i; j++) {
                double v = 1e-3 * rng.nextDouble(-1, 1);
                a[i][j] = v;
                a[j][i] = v;
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        double[] b = Linalg.multiply(a, x);
        Linalg.Solution chol = Linalg.choleskySolve(a, b);
        assertTrue(chol.solved(), chol.reason());
        assertArrayEquals(x, chol.x(), 1e-10);
        Linalg.Solution lu = Linalg.solve(a, b);
        assertTrue(lu.solved(), lu.reason());
        assertArrayEquals(x, lu.x(), 1e-10);
        assertTrue(Linalg.invert(a).invertible());
    }

    @Test
    void leastSquaresRecoversExactLineAndRejectsRankDeficiency() {
        // y = 2 + 3 x on 5 points: design [1, x]
        double[][] a = new double[5][];
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            a[i] = new double[] {1, i};
            y[i] = 2 + 3 * i;
        }
        Linalg.Solution s = Linalg.leastSquares(a, y);
        assertTrue(s.solved());
        assertArrayEquals(new double[] {2, 3}, s.x(), TOL);
        // the hand normal-equation solution for noisy data: x = (A^T A)^-1 A^T y
        double[] yn = {2.1, 4.9, 8.2, 10.8, 14.1};
        double[] ls = Linalg.leastSquares(a, yn).x();
        double[][] ata = Linalg.multiply(Linalg.transpose(a), a);
        double[] aty = Linalg.multiply(Linalg.transpose(a), yn);
        assertArrayEquals(Linalg.solve(ata, aty).x(), ls, TOL);
        double[][] deficient = {{1, 2}, {2, 4}, {3, 6}};
        assertFalse(Linalg.leastSquares(deficient, new double[] {1, 2, 3}).solved());
    }

    @Test
    void invertGivesIdentityAndReportsSingular() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] a = random(rng, 6, 6);
        for (int i = 0; i < 6; i++) {
            a[i][i] += 3;
        }
        Linalg.Inverse inv = Linalg.invert(a);
        assertTrue(inv.invertible());
        double[][] id = Linalg.multiply(a, inv.inverse());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1 : 0, id[i][j], TOL);
            }
        }
        assertArrayEquals(new double[] {-2, 1}, Linalg.invert(new double[][] {{1, 2}, {3, 4}}).inverse()[0], TOL);
        Linalg.Inverse sing = Linalg.invert(new double[][] {{1, 1}, {1, 1}});
        assertFalse(sing.invertible());
        assertEquals(0, sing.inverse().length);
    }

    @Test
    void inputsAreNotModifiedAndResultsAreCopies() {
        double[][] a = {{2, 1}, {1, 2}};
        Linalg.SymmetricEigen e = Linalg.symmetricEigen(a);
        assertArrayEquals(new double[] {2, 1}, a[0]);
        e.vectors()[0][0] = 99;
        e.values()[0] = 99;
        assertEquals(3, e.values()[0], TOL);
        assertTrue(Math.abs(e.vectors()[0][0]) < 1);
    }

    @Test
    void argumentErrorsNameTheArgument() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Linalg.svd(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().startsWith("a must be rectangular"), ragged.getMessage());
        IllegalArgumentException square = assertThrows(IllegalArgumentException.class,
                () -> Linalg.eigen(new double[][] {{1, 2}}));
        assertTrue(square.getMessage().contains("a must be square, got 1 x 2"), square.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Linalg.invert(new double[][] {{Double.NaN}}));
        assertTrue(nan.getMessage().startsWith("a must have finite entries"), nan.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Linalg.solve(new double[][] {{1}}, new double[] {1, 2}));
        assertTrue(len.getMessage().startsWith("b must have length 1, got 2"), len.getMessage());
    }

    @Test
    void covarianceHelpersMatchNaiveSums() {
        SplittableRandom rng = new SplittableRandom(6);
        int t = 3000;
        double[][] x = new double[t][3];
        for (double[] row : x) {
            row[0] = 1e6 + rng.nextDouble();
            row[1] = rng.nextGaussian();
            row[2] = row[1] * 2 + rng.nextGaussian();
        }
        double[] m = Covariance.columnMeans(x);
        double[][] s = Covariance.scatter(x, m);
        for (int a = 0; a < 3; a++) {
            double naive = 0;
            for (double[] row : x) {
                naive += row[a];
            }
            assertEquals(naive / t, m[a], 1e-9 * Math.max(1, Math.abs(m[a])));
            for (int b = 0; b < 3; b++) {
                double ns = 0;
                for (double[] row : x) {
                    ns += (row[a] - m[a]) * (row[b] - m[b]);
                }
                assertEquals(ns, s[a][b], 1e-9 * Math.abs(ns) + 1e-9);
                assertEquals(s[a][b], s[b][a], 0.0);
            }
        }
    }
}
