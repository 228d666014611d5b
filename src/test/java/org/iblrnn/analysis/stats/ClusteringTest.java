package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Clustering}: a hand tree, planted blocks, correlations, cluster means. */
class ClusteringTest {

    /**
     * Units driven by {@code blocks} independent latent signals (unit i follows signal i % blocks,
     * with sign +1, or -1 for the second half of the units when {@code anti}), plus noise.
     */
    private static double[][] planted(long seed, int t, int units, int blocks, double noise) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[t][units];
        double[] s = new double[blocks];
        for (int r = 0; r < t; r++) {
            for (int b = 0; b < blocks; b++) {
                s[b] = rng.nextGaussian();
            }
            for (int i = 0; i < units; i++) {
                x[r][i] = s[i % blocks] + noise * rng.nextGaussian();
            }
        }
        return x;
    }

    private static void assertSamePartition(int[] expected, int[] actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i] == expected[j], actual[i] == actual[j], "units " + i + ", " + j);
            }
        }
    }

    @Test
    void handTreeOnPointsOfALine() {
        double[] p = {0, 1, 5, 6, 20};
        double[][] d = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                d[i][j] = Math.abs(p[i] - p[j]);
            }
        }
        Clustering.Dendrogram tree = Clustering.completeLinkage(d);
        // (0,1) and (2,3) tie at 1: the lower id pair goes first; then max(|0-6|) = 6; then 20
        assertArrayEquals(new int[] {0, 2, 5, 4}, tree.left());
        assertArrayEquals(new int[] {1, 3, 6, 7}, tree.right());
        assertArrayEquals(new double[] {1, 1, 6, 20}, tree.height(), 0.0);
        assertArrayEquals(new int[] {2, 2, 4, 5}, tree.size());
        assertArrayEquals(new int[] {4, 0, 1, 2, 3}, tree.leafOrder());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0}, tree.cut(2));
        assertArrayEquals(new int[] {1, 1, 2, 2, 0}, tree.cut(3));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, tree.cut(1));
        assertArrayEquals(new int[] {1, 1, 2, 2, 0}, tree.cutAtHeight(5.9));
        assertArrayEquals(new int[] {1, 1, 1, 1, 0}, tree.cutAtHeight(6));
        // gaps: k=2: 20-6 = 14, k=3: 6-1 = 5, k=4: 1-1 = 0
        assertEquals(2, tree.largestGapClusterCount(4));
    }

    @Test
    void plantedBlocksAreRecoveredWithBothDistances() {
        int units = 30;
        double[][] x = planted(1, 2000, units, 3, 0.7);
        int[] truth = new int[units];
        for (int i = 0; i < units; i++) {
            truth[i] = i % 3;
        }
        for (Clustering.Distance kind : Clustering.Distance.values()) {
            Clustering.UnitClusters c = Clustering.clusterUnits(x, kind, 10);
            assertEquals(3, c.clusters(), kind + ": the gap rule finds 3 clusters");
            assertSamePartition(truth, c.labels());
            assertSamePartition(truth, c.dendrogram().cut(3));
            // clusters are contiguous along the leaf order, labelled in order of appearance
            int[] order = c.order();
            int[] labels = c.labels();
            int last = 0;
            for (int o : order) {
                assertTrue(labels[o] == last || labels[o] == last + 1, "contiguous labels along the order");
                last = labels[o];
            }
        }
    }

    @Test
    void anticorrelatedPopulationsSplitAtHalfTheMaximumDistance() {
        // two anticorrelated subpopulations driven by one signal (the paper's Fig. 7a)
        SplittableRandom rng = new SplittableRandom(2);
        int units = 12;
        double[][] x = new double[1000][units];
        for (double[] row : x) {
            double s = rng.nextGaussian();
            for (int i = 0; i < units; i++) {
                row[i] = (i < units / 2 ? s : -s) + 0.5 * rng.nextGaussian();
            }
        }
        Clustering.UnitClusters ref = Clustering.clusterUnitsAtFraction(x,
                Clustering.Distance.CORRELATION_ROW_EUCLIDEAN, 0.5);
        assertEquals(2, ref.clusters());
        int[] truth = new int[units];
        for (int i = units / 2; i < units; i++) {
            truth[i] = 1;
        }
        assertSamePartition(truth, ref.labels());
        double[][] r = ref.correlation();
        double[][] reordered = Clustering.reorder(r, ref.order());
        assertTrue(reordered[0][1] > 0.5 && reordered[0][units - 1] < -0.5);
    }

    @Test
    void correlationMatrixMatchesDirectComputation() {
        double[][] x = planted(3, 500, 4, 2, 1.0);
        for (double[] row : x) {
            row[3] = 7.0; // a constant column
        }
        double[][] r = Clustering.correlationMatrix(x);
        double ma = 0;
        double mb = 0;
        for (double[] row : x) {
            ma += row[0];
            mb += row[1];
        }
        ma /= x.length;
        mb /= x.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] row : x) {
            sab += (row[0] - ma) * (row[1] - mb);
            saa += (row[0] - ma) * (row[0] - ma);
            sbb += (row[1] - mb) * (row[1] - mb);
        }
        assertEquals(sab / Math.sqrt(saa * sbb), r[0][1], 1e-12);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, r[i][i]);
            for (int j = 0; j < 4; j++) {
                assertEquals(r[i][j], r[j][i], 0.0);
            }
        }
        assertEquals(0.0, r[0][3], "constant column correlates 0 by convention");
        double[][] d = Clustering.distances(r, Clustering.Distance.ONE_MINUS_CORRELATION);
        assertEquals(1 - r[0][1], d[0][1], 1e-15);
        double[][] e = Clustering.distances(r, Clustering.Distance.CORRELATION_ROW_EUCLIDEAN);
        double s = 0;
        for (int k = 0; k < 4; k++) {
            s += (r[0][k] - r[2][k]) * (r[0][k] - r[2][k]);
        }
        assertEquals(Math.sqrt(s), e[0][2], 1e-15);
    }

    @Test
    void clusterMeansWithinAndBetween() {
        int[] labels = {0, 1, 0, 1};
        double[][] w = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                w[i][j] = labels[i] == labels[j] ? 1 + i : -2;
            }
        }
        double[][] m = Clustering.clusterMeans(w, labels);
        assertArrayEquals(new double[] {2, -2}, m[0], 1e-15); // rows 0 and 2: (1 + 3) / 2
        assertArrayEquals(new double[] {-2, 3}, m[1], 1e-15); // rows 1 and 3: (2 + 4) / 2
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Clustering.clusterMeans(w, new int[] {0, 2, 0, 2}));
        assertEquals("labels must use every value in 0..2, got none for 1", ex.getMessage());
    }

    @Test
    void deterministicOnRepeatedAndTiedInput() {
        double[][] d = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                d[i][j] = i == j ? 0 : 1; // every pair tied
            }
        }
        Clustering.Dendrogram a = Clustering.completeLinkage(d);
        Clustering.Dendrogram b = Clustering.completeLinkage(d);
        assertArrayEquals(a.left(), b.left());
        assertArrayEquals(a.right(), b.right());
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, a.left());
        assertArrayEquals(new int[] {1, 3, 5, 7, 9}, a.right());
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> Clustering.completeLinkage(new double[][] {{0, 1}, {2, 0}}));
        assertTrue(asym.getMessage().startsWith("d must be symmetric and non-negative"), asym.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Clustering.completeLinkage(new double[][] {{0, 1}, {1, 0}}).cut(3));
        assertEquals("k must be in [1, 2], got 3", k.getMessage());
        IllegalArgumentException perm = assertThrows(IllegalArgumentException.class,
                () -> Clustering.reorder(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 0}));
        assertTrue(perm.getMessage().startsWith("order must be a permutation"), perm.getMessage());
    }
}
