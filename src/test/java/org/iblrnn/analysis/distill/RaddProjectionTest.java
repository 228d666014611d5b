package org.iblrnn.analysis.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.iblrnn.analysis.stats.Geometry;
import org.iblrnn.analysis.stats.Pca;
import org.iblrnn.analysis.stats.PcaResult;
import org.iblrnn.math.Arrays2;

/** RADD projections: the paper's readouts, top-M principal components, custom directions. */
class RaddProjectionTest {
    static final int N = 6;

    /** Hidden states h_t = mean + Q u_t with a 3-unit RADD teacher u and a random orthonormal Q. */
    static double[][] hidden(int t, long seed) {
        double[][] a = {{0.6, 0.2, 0}, {0.1, 0.8, 0.1}, {0, -0.2, 0.5}};
        double[][] b = {{-0.5, 0.5, 0.1}, {-0.2, 0.2, 0.3}, {0.3, 0.1, 0}};
        double[][] u = new RaddModel(a, b, new double[3]).simulate(new double[3], RaddTest.inputs(t, seed));
        double[][] q = orthonormalRows(3, N, new SplittableRandom(seed));
        double[][] h = new double[t][N];
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < N; i++) {
                h[k][i] = 0.2 * (i + 1);
                for (int d = 0; d < 3; d++) {
                    h[k][i] += u[k][d] * q[d][i];
                }
            }
        }
        return h;
    }

    static double[][] orthonormalRows(int m, int n, SplittableRandom rng) {
        double[][] q = new double[m][n];
        for (int d = 0; d < m; d++) {
            for (int i = 0; i < n; i++) {
                q[d][i] = rng.nextGaussian();
            }
            for (int e = 0; e < d; e++) {
                double p = Arrays2.dot(q[d], q[e]);
                for (int i = 0; i < n; i++) {
                    q[d][i] -= p * q[e][i];
                }
            }
            q[d] = Geometry.normalise(q[d]);
        }
        return q;
    }

    @Test
    void readoutsAreUnitDirectionsWithoutCentring() {
        double[] w = {3, 0, 4, 0, 0, 0};
        double[] b = {0, 2, 0, 0, 0, 0};
        RaddProjection p = RaddProjection.readouts(w, b);
        assertEquals(List.of("stimulus readout", "block readout"), p.names());
        assertEquals("stimulus readout z1 (a.u.)", p.axisLabel(0));
        assertEquals("block readout z2 (a.u.)", p.axisLabel(1));
        assertArrayEquals(new double[] {0.6, 0, 0.8, 0, 0, 0}, p.directions()[0], 1e-15);
        double[] h = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {0.6 + 2.4, 2}, p.project(h), 1e-12);
        assertEquals(2, p.dimension());
        assertEquals(N, p.hiddenSize());
    }

    @Test
    void topThreeComponentsGiveThreeCentredOrthonormalCoordinates() {
        double[][] h = hidden(2000, 3);
        PcaResult pca = Pca.fit(h);
        double[] w = pca.component(0).clone();
        for (int i = 0; i < N; i++) {
            w[i] = -w[i];
        }
        RaddProjection p = RaddProjection.principalComponents(pca, 3, w, pca.component(1));
        assertEquals(List.of("PC1", "PC2", "PC3"), p.names());
        assertEquals("pcs", p.kind());
        double[][] c = p.directions();
        for (int d = 0; d < 3; d++) {
            for (int e = 0; e < 3; e++) {
                assertEquals(d == e ? 1 : 0, Arrays2.dot(c[d], c[e]), 1e-9);
            }
        }
        assertTrue(Arrays2.dot(c[0], w) > 0, "PC1 must point along the stimulus readout");
        double[][] z = p.project(h);
        double[] mean = new double[3];
        for (double[] row : z) {
            for (int d = 0; d < 3; d++) {
                mean[d] += row[d] / z.length;
            }
        }
        assertArrayEquals(new double[3], mean, 1e-9);
        // three components hold all the variance of 3-D data: h is rebuilt from z exactly
        double[] rebuilt = p.mean();
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < N; i++) {
                rebuilt[i] += z[17][d] * c[d][i];
            }
        }
        assertArrayEquals(h[17], rebuilt, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> RaddProjection.principalComponents(pca, 0, w, w));
        assertThrows(IllegalArgumentException.class, () -> RaddProjection.principalComponents(pca, N + 1, w, w));
    }

    @Test
    void threeComponentsGiveAThreeUnitRaddModel() {
        double[][] h = hidden(1500, 5);
        double[][] o = RaddTest.inputs(1500, 5);
        PcaResult pca = Pca.fit(h);
        RaddProjection p = RaddProjection.principalComponents(pca, 3, pca.component(0), pca.component(1));
        double[][] z = p.project(h);
        RaddResult r = Radd.fit(z, o, RaddConfig.defaults().withMaxIterations(300), new SplittableRandom(2));
        assertEquals(3, r.model().units());
        assertEquals(3, r.a().length);
        assertEquals(3, r.a()[0].length);
        assertEquals(3, r.b().length);
        assertEquals(3, r.scales().length);
        assertTrue(r.oneStepR2HeldOut() > 0.5, "one-step R2 " + r.oneStepR2HeldOut());
        RaddResult ls = Radd.fitLeastSquares(z, o, RaddConfig.defaults());
        assertEquals(3, ls.model().units());
    }

    @Test
    void customDirectionsAreUsedAsGivenAndValidated() {
        double[][] d = {{2, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, -1}, {1, 1, 1, 1, 1, 1}};
        RaddProjection p = RaddProjection.custom(d);
        assertEquals(List.of("direction 1", "direction 2", "direction 3"), p.names());
        assertArrayEquals(new double[] {2, -6, 21}, p.project(new double[] {1, 2, 3, 4, 5, 6}), 1e-12);
        d[0][0] = 5;
        assertEquals(2, p.directions()[0][0], "directions are copied");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> RaddProjection.custom(new double[][] {{1, 0}, {0, 0}}));
        assertTrue(zero.getMessage().contains("direction 2") && zero.getMessage().contains("zeros"),
                zero.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> RaddProjection.custom(new double[][] {{1, 0}, {0, 1, 0}}));
        assertTrue(ragged.getMessage().contains("direction 2 must have length 2"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RaddProjection.custom(new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> RaddProjection.custom(new double[][] {{1, Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> p.project(new double[5]));
    }
}
