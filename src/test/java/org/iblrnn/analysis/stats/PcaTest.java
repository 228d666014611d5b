package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.iblrnn.math.Arrays2;

/** {@link Pca} and {@link PcaResult}: identities, a hand example, signs and degenerate input. */
class PcaTest {
    /** Identities on O(1)-scaled data of a few thousand rows. */
    private static final double TOL = 1e-10;

    /** Correlated Gaussian data: x = mean + z L with a fixed random mixing matrix L. */
    static double[][] correlated(long seed, int t, int n, double offset) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] mix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mix[i][j] = rng.nextGaussian() / (1 + i);
            }
        }
        double[][] x = new double[t][n];
        double[] z = new double[n];
        for (int r = 0; r < t; r++) {
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextGaussian();
            }
            for (int j = 0; j < n; j++) {
                double s = offset + j;
                for (int i = 0; i < n; i++) {
                    s += z[i] * mix[i][j];
                }
                x[r][j] = s;
            }
        }
        return x;
    }

    private static double columnVarianceSum(double[][] x) {
        int n = x[0].length;
        double total = 0;
        for (int j = 0; j < n; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j];
            }
            m /= x.length;
            double s = 0;
            for (double[] row : x) {
                s += (row[j] - m) * (row[j] - m);
            }
            total += s / (x.length - 1);
        }
        return total;
    }

    @Test
    void componentsAreOrthonormalAndVariancesSumToTotal() {
        double[][] x = correlated(1, 3000, 6, 0);
        PcaResult p = Pca.fit(x);
        assertTrue(p.usable(), p.reason());
        double[][] c = p.components();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                assertEquals(i == j ? 1 : 0, Arrays2.dot(c[i], c[j]), TOL);
            }
        }
        double[] v = p.variances();
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            sum += v[k];
            if (k > 0) {
                assertTrue(v[k] <= v[k - 1], "variances descending");
            }
        }
        assertEquals(p.totalVariance(), sum, TOL * p.totalVariance());
        assertEquals(columnVarianceSum(x), p.totalVariance(), TOL * p.totalVariance());
        double[] cum = p.cumulativeRatio();
        assertEquals(1.0, cum[cum.length - 1], TOL);
        // the variance of the k-th coordinate equals variances[k]
        double[][] z = p.project(x);
        for (int k = 0; k < v.length; k++) {
            double s = 0;
            for (double[] row : z) {
                s += row[k] * row[k];
            }
            assertEquals(v[k], s / (x.length - 1), 1e-9 * p.totalVariance());
        }
    }

    @Test
    void allComponentsReconstructExactly() {
        double[][] x = correlated(2, 500, 5, 3);
        PcaResult p = Pca.fit(x);
        double[][] back = p.reconstruct(p.project(x));
        for (int t = 0; t < x.length; t++) {
            assertArrayEquals(x[t], back[t], 1e-10);
        }
        // and a truncation keeps the leading components and the ratios
        PcaResult two = p.truncate(2);
        assertEquals(2, two.componentCount());
        assertEquals(p.explainedRatio()[1], two.explainedRatio()[1], 0);
        assertArrayEquals(p.component(1), two.component(1), 0);
    }

    @Test
    void knownTwoDimensionalExample() {
        // four points on the diagonal (a, a), two on the anti-diagonal (b, -b); mean 0
        double[][] x = {{-2, -2}, {-1, -1}, {1, 1}, {2, 2}, {0.5, -0.5}, {-0.5, 0.5}};
        PcaResult p = Pca.fit(x);
        double s = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0, 0}, p.mean(), TOL);
        // scatter along (1,1)/sqrt2: 2 (4 + 1 + 1 + 4) = 20; along (1,-1)/sqrt2: 2 * 0.5 = 1; T - 1 = 5
        assertArrayEquals(new double[] {4.0, 0.2}, p.variances(), TOL);
        assertArrayEquals(new double[] {20.0 / 21, 1.0 / 21}, p.explainedRatio(), TOL);
        // sign convention: the first of the equal largest loadings is positive
        assertArrayEquals(new double[] {s, s}, p.component(0), TOL);
        assertArrayEquals(new double[] {s, -s}, p.component(1), TOL);
        assertArrayEquals(new double[] {2 * Math.sqrt(2), 0}, p.project(new double[] {2, 2}), TOL);
    }

    @Test
    void signConventionIsDeterministicAndHolds() {
        double[][] x = correlated(3, 2000, 8, 1);
        PcaResult a = Pca.fit(x);
        PcaResult b = Pca.fit(x);
        for (int k = 0; k < a.componentCount(); k++) {
            assertArrayEquals(a.component(k), b.component(k), 0.0, "same input, same components");
            double[] c = a.component(k);
            int arg = 0;
            for (int j = 1; j < c.length; j++) {
                if (Math.abs(c[j]) > Math.abs(c[arg])) {
                    arg = j;
                }
            }
            assertTrue(c[arg] > 0, "largest-|loading| entry positive in component " + k);
        }
        // negating the data flips no sign under the loading convention
        double[][] neg = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            neg[t] = new double[x[t].length];
            for (int j = 0; j < x[t].length; j++) {
                neg[t][j] = -x[t][j];
            }
        }
        assertArrayEquals(a.component(0), Pca.fit(neg).component(0), 1e-9);
    }

    @Test
    void referenceDirectionsAndPointsFixSigns() {
        double[][] x = correlated(4, 1000, 5, 2);
        PcaResult p = Pca.fit(x);
        double[] ref0 = p.component(0).clone();
        for (int j = 0; j < ref0.length; j++) {
            ref0[j] = -ref0[j] + 0.01 * j;
        }
        double[] ref1 = p.component(1);
        PcaResult q = p.withSigns(ref0, ref1);
        assertTrue(Arrays2.dot(q.component(0), ref0) > 0);
        assertTrue(Arrays2.dot(q.component(1), ref1) > 0);
        assertArrayEquals(p.component(2), q.component(2), 0.0, "components without reference keep their sign");
        double[] negated = p.component(0);
        for (int j = 0; j < negated.length; j++) {
            negated[j] = -negated[j];
        }
        assertArrayEquals(negated, q.component(0), 0.0);
        // a point's coordinate: the mean is subtracted first
        double[] point = p.mean();
        double[] c0 = p.component(0);
        for (int j = 0; j < point.length; j++) {
            point[j] -= 0.5 * c0[j];
        }
        PcaResult r = p.withSignsFromPoints(point);
        assertTrue(r.project(point)[0] > 0);
        assertArrayEquals(negated, r.component(0), 0.0);
    }

    @Test
    void largeOffsetDataKeepsItsAccuracy() {
        // 200k rows with a mean of 1e4: the two-pass mean and chunked scatter keep ~1e-9 accuracy
        double[][] x = correlated(5, 200_000, 10, 1e4);
        PcaResult p = Pca.fit(x);
        assertTrue(p.usable());
        assertEquals(columnVarianceSum(x), p.totalVariance(), 1e-9 * p.totalVariance());
        assertEquals(1.0, p.cumulativeRatio()[9], 1e-12);
    }

    @Test
    void degenerateInputIsFlaggedNotThrown() {
        PcaResult empty = Pca.fit(new double[0][]);
        assertFalse(empty.usable());
        assertFalse(empty.reason().isEmpty());
        PcaResult one = Pca.fit(new double[][] {{1, 2, 3}});
        assertFalse(one.usable());
        assertTrue(one.reason().contains("at least 2 rows"), one.reason());
        assertArrayEquals(new double[] {1, 2, 3}, one.mean(), 0);
        PcaResult constant = Pca.fit(new double[][] {{1, 2}, {1, 2}, {1, 2}});
        assertFalse(constant.usable());
        assertTrue(constant.reason().contains("constant"), constant.reason());
        assertEquals(0, constant.componentCount());
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> constant.project(new double[] {1, 2}));
        assertTrue(ex.getMessage().contains("not usable"));
        // one constant column among varying ones is fine
        PcaResult partly = Pca.fit(new double[][] {{1, 0}, {1, 1}, {1, 3}});
        assertTrue(partly.usable());
        assertEquals(0.0, partly.variances()[1], 1e-15);
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(new double[][] {{1, 2}, {1}}));
        assertTrue(ragged.getMessage().startsWith("x must be rectangular"), ragged.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(new double[][] {{1, 2}, {2, 1}}, 3));
        assertEquals("components must be in [1, 2], got 3", k.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(new double[][] {{1, Double.NaN}, {2, 1}}));
        assertTrue(nan.getMessage().startsWith("x must have finite entries"), nan.getMessage());
    }

    @Test
    void resultArraysAreCopies() {
        PcaResult p = Pca.fit(correlated(6, 100, 3, 0));
        p.components()[0][0] = 42;
        p.mean()[0] = 42;
        p.variances()[0] = -1;
        assertTrue(p.component(0)[0] != 42);
        assertTrue(p.mean()[0] != 42);
        assertTrue(p.variances()[0] > 0);
        double[] d = {1, 0, 0};
        assertArrayEquals(new double[] {p.component(0)[0], p.component(1)[0], p.component(2)[0]},
                p.projectDirection(d), 0.0);
    }
}
