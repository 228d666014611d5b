package org.iblrnn.analysis.stats;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import org.iblrnn.math.Arrays2;
import org.iblrnn.math.Covariance;

/**
 * Clustering of hidden units by their correlations (paper Fig. 7a/b; reference spec section
 * 5.8): the Pearson correlation matrix of the units over all rows, a distance between units,
 * agglomerative clustering with complete linkage, a flat cut, a leaf order for plotting, and
 * the mean of a matrix (the recurrent weights) within and between clusters.
 *
 * <p>Distances: {@link Distance#ONE_MINUS_CORRELATION} d_ij = 1 - r_ij (the default; in [0, 2])
 * or {@link Distance#CORRELATION_ROW_EUCLIDEAN} d_ij = ||r_i - r_j||, the Euclidean distance
 * between rows i and j of the correlation matrix (what the reference code does).
 *
 * <p>Complete linkage: start from singletons; repeatedly merge the two clusters A, B with the
 * smallest D(A, B) = max_{i in A, j in B} d_ij (Lance-Williams update). Ties are broken by the
 * pair of node ids (smaller id first, lexicographic), so the tree is deterministic. Leaves are
 * nodes 0..n-1 and merge m creates node n + m, as in scipy's linkage matrix.
 *
 * <p>Choosing the number of clusters ({@link Dendrogram#largestGapClusterCount}): merge heights
 * h_1 &lt;= ... &lt;= h_{n-1} (complete linkage is monotone); cutting into k clusters applies
 * merges 1..n-k, leaving a gap h_{n-k+1} - h_{n-k} before the next merge. The rule picks the k in
 * [2, maxK] with the largest gap (the smallest such k on ties).
 */
public final class Clustering {
    private Clustering() {
    }

    /** Distance between units derived from their correlation matrix. */
    public enum Distance {
        /** d_ij = 1 - r_ij. */
        ONE_MINUS_CORRELATION,
        /** d_ij = Euclidean distance between rows i and j of the correlation matrix (reference). */
        CORRELATION_ROW_EUCLIDEAN
    }

    /**
     * An agglomerative merge tree over n leaves (n - 1 merges). Immutable.
     *
     * @param left   the smaller node id merged at each step, length n - 1
     * @param right  the larger node id merged at each step, length n - 1
     * @param height linkage distance of each merge, length n - 1, non-decreasing
     * @param size   number of leaves under the new node, length n - 1
     * @param leaves n
     */
    public record Dendrogram(int[] left, int[] right, double[] height, int[] size, int leaves) {
        public Dendrogram {
            left = left.clone();
            right = right.clone();
            height = height.clone();
            size = size.clone();
            int m = Math.max(0, leaves - 1);
            if (left.length != m || right.length != m || height.length != m || size.length != m) {
                throw new IllegalArgumentException("merge arrays must have length " + m + ", got " + left.length);
            }
        }

        @Override
        public int[] left() {
            return left.clone();
        }

        @Override
        public int[] right() {
            return right.clone();
        }

        @Override
        public double[] height() {
            return height.clone();
        }

        @Override
        public int[] size() {
            return size.clone();
        }

        /**
         * Leaves in dendrogram order (depth-first from the root, the smaller node id first), so
         * that every cluster of every cut is a contiguous run.
         *
         * @return a permutation of 0..n-1
         */
        public int[] leafOrder() {
            int[] order = new int[leaves];
            int k = 0;
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(leaves == 1 ? 0 : 2 * leaves - 2);
            while (!stack.isEmpty()) {
                int node = stack.pop();
                if (node < leaves) {
                    order[k++] = node;
                } else {
                    int m = node - leaves;
                    stack.push(right[m]);
                    stack.push(left[m]);
                }
            }
            return order;
        }

        /**
         * Flat clusters from applying the first n - k merges. Labels 0..k-1 are numbered in
         * order of first appearance along {@link #leafOrder()}.
         *
         * @param k number of clusters, in [1, n]
         * @return label per leaf, length n
         */
        public int[] cut(int k) {
            if (k < 1 || k > leaves) {
                throw new IllegalArgumentException("k must be in [1, " + leaves + "], got " + k);
            }
            return labelsAfter(leaves - k);
        }

        /**
         * Flat clusters whose merges all have height &lt;= {@code threshold} (scipy's fcluster
         * with criterion 'distance'). Labels as in {@link #cut}.
         *
         * @return label per leaf, length n
         */
        public int[] cutAtHeight(double threshold) {
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("threshold must be a number, got NaN");
            }
            int merges = 0;
            while (merges < height.length && height[merges] <= threshold) {
                merges++;
            }
            return labelsAfter(merges);
        }

        /**
         * The number of clusters with the largest gap in merge heights (see the class comment).
         *
         * @param maxK the largest number of clusters considered, &gt;= 2
         * @return k in [2, min(maxK, n - 1)], or 1 when n &lt; 3
         */
        public int largestGapClusterCount(int maxK) {
            if (maxK < 2) {
                throw new IllegalArgumentException("maxK must be >= 2, got " + maxK);
            }
            if (leaves < 3) {
                return 1;
            }
            int best = 2;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int k = 2; k <= Math.min(maxK, leaves - 1); k++) {
                double gap = height[leaves - k] - height[leaves - k - 1];
                if (gap > bestGap) {
                    bestGap = gap;
                    best = k;
                }
            }
            return best;
        }

        private int[] labelsAfter(int merges) {
            int total = leaves + merges;
            int[] parent = new int[total];
            for (int i = 0; i < total; i++) {
                parent[i] = i;
            }
            for (int m = 0; m < merges; m++) {
                parent[left[m]] = leaves + m;
                parent[right[m]] = leaves + m;
            }
            int[] root = new int[leaves];
            for (int i = 0; i < leaves; i++) {
                int r = i;
                while (parent[r] != r) {
                    r = parent[r];
                }
                root[i] = r;
            }
            int[] labelOfRoot = new int[total];
            Arrays.fill(labelOfRoot, -1);
            int[] labels = new int[leaves];
            int next = 0;
            for (int leaf : leafOrder()) {
                int r = root[leaf];
                if (labelOfRoot[r] < 0) {
                    labelOfRoot[r] = next++;
                }
                labels[leaf] = labelOfRoot[r];
            }
            return labels;
        }
    }

    /**
     * The result of clustering units.
     *
     * @param correlation Pearson correlation matrix, shape [N][N]
     * @param distance    the distance matrix clustered, shape [N][N]
     * @param dendrogram  the complete-linkage tree
     * @param clusters    number of flat clusters
     * @param labels      cluster label per unit, length N, numbered along {@code order}
     * @param order       unit order for plotting (dendrogram leaf order), clusters contiguous
     */
    public record UnitClusters(double[][] correlation, double[][] distance, Dendrogram dendrogram, int clusters,
                               int[] labels, int[] order) {
        public UnitClusters {
            correlation = Arrays2.deepCopy(correlation);
            distance = Arrays2.deepCopy(distance);
            labels = labels.clone();
            order = order.clone();
        }

        @Override
        public double[][] correlation() {
            return Arrays2.deepCopy(correlation);
        }

        @Override
        public double[][] distance() {
            return Arrays2.deepCopy(distance);
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        @Override
        public int[] order() {
            return order.clone();
        }
    }

    /**
     * Pearson correlation matrix of the columns of x. Exactly symmetric with unit diagonal,
     * entries clipped to [-1, 1]. A constant column has no defined correlation; by convention it
     * correlates 0 with every other column (numpy would give NaN).
     *
     * @param x data, shape [T][N], T &gt;= 2
     * @return shape [N][N]
     */
    public static double[][] correlationMatrix(double[][] x) {
        int n = Arrays2.requireMatrix(x, "x");
        if (x.length < 2 || n == 0) {
            throw new IllegalArgumentException("x must have at least 2 rows and 1 column, got " + x.length + " x " + n);
        }
        double[][] s = Covariance.scatter(x, Covariance.columnMeans(x));
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                double den = Math.sqrt(s[i][i]) * Math.sqrt(s[j][j]);
                double v = den > 0 ? Math.max(-1, Math.min(1, s[i][j] / den)) : 0.0;
                r[i][j] = v;
                r[j][i] = v;
            }
        }
        return r;
    }

    /**
     * Distances between units from their correlation matrix.
     *
     * @param r    correlation matrix, shape [N][N], symmetric
     * @param kind which distance
     * @return shape [N][N], symmetric, zero diagonal
     */
    public static double[][] distances(double[][] r, Distance kind) {
        int n = requireSquare(r, "r");
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v;
                if (kind == Distance.ONE_MINUS_CORRELATION) {
                    v = Math.max(0, 1 - r[i][j]);
                } else {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        double e = r[i][k] - r[j][k];
                        s += e * e;
                    }
                    v = Math.sqrt(s);
                }
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        return d;
    }

    /**
     * Complete-linkage agglomerative clustering.
     *
     * @param d distance matrix, shape [n][n], n &gt;= 1, symmetric, non-negative (the diagonal is
     *          ignored)
     */
    public static Dendrogram completeLinkage(double[][] d) {
        int n = requireSquare(d, "d");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && (d[i][j] < 0 || d[i][j] != d[j][i])) {
                    throw new IllegalArgumentException("d must be symmetric and non-negative, got d[" + i + "][" + j
                            + "] = " + d[i][j] + ", d[" + j + "][" + i + "] = " + d[j][i]);
                }
            }
        }
        double[][] dist = Arrays2.deepCopy(d);
        int[] node = new int[n];
        int[] members = new int[n];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            node[i] = i;
            members[i] = 1;
            active[i] = true;
        }
        int m = Math.max(0, n - 1);
        int[] left = new int[m];
        int[] right = new int[m];
        double[] height = new double[m];
        int[] size = new int[m];
        for (int step = 0; step < m; step++) {
            int ba = -1;
            int bb = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < n; a++) {
                if (!active[a]) {
                    continue;
                }
                for (int b = a + 1; b < n; b++) {
                    if (!active[b]) {
                        continue;
                    }
                    double v = dist[a][b];
                    if (ba < 0 || v < best || (v == best && idsBefore(node[a], node[b], node[ba], node[bb]))) {
                        best = v;
                        ba = a;
                        bb = b;
                    }
                }
            }
            left[step] = Math.min(node[ba], node[bb]);
            right[step] = Math.max(node[ba], node[bb]);
            height[step] = best;
            size[step] = members[ba] + members[bb];
            for (int c = 0; c < n; c++) {
                if (active[c] && c != ba && c != bb) {
                    double v = Math.max(dist[ba][c], dist[bb][c]);
                    dist[ba][c] = v;
                    dist[c][ba] = v;
                }
            }
            active[bb] = false;
            node[ba] = n + step;
            members[ba] = size[step];
        }
        // complete linkage is monotone in exact arithmetic; guard the record's contract
        for (int s = 1; s < m; s++) {
            height[s] = Math.max(height[s], height[s - 1]);
        }
        return new Dendrogram(left, right, height, size, n);
    }

    /**
     * Units clustered by correlation, the number of clusters chosen by the largest-gap rule.
     *
     * @param x           data, shape [T][N], T &gt;= 2, N &gt;= 1
     * @param kind        the distance
     * @param maxClusters largest number of clusters considered, &gt;= 2
     */
    public static UnitClusters clusterUnits(double[][] x, Distance kind, int maxClusters) {
        double[][] r = correlationMatrix(x);
        double[][] d = distances(r, kind);
        Dendrogram tree = completeLinkage(d);
        int k = tree.largestGapClusterCount(maxClusters);
        return assemble(r, d, tree, tree.cut(k));
    }

    /**
     * Units clustered by correlation, cut at {@code fraction} times the largest pairwise
     * distance. The reference code uses {@link Distance#CORRELATION_ROW_EUCLIDEAN} and fraction
     * 0.5.
     *
     * @param x        data, shape [T][N], T &gt;= 2, N &gt;= 1
     * @param kind     the distance
     * @param fraction in (0, 1]
     */
    public static UnitClusters clusterUnitsAtFraction(double[][] x, Distance kind, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        double[][] r = correlationMatrix(x);
        double[][] d = distances(r, kind);
        double max = 0;
        for (double[] row : d) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        Dendrogram tree = completeLinkage(d);
        return assemble(r, d, tree, tree.cutAtHeight(fraction * max));
    }

    private static UnitClusters assemble(double[][] r, double[][] d, Dendrogram tree, int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        return new UnitClusters(r, d, tree, k, labels, tree.leafOrder());
    }

    /**
     * Rows and columns of a square matrix permuted: out[a][b] = m[order[a]][order[b]].
     *
     * @param m     square matrix, shape [n][n]
     * @param order a permutation of 0..n-1
     */
    public static double[][] reorder(double[][] m, int[] order) {
        int n = requireSquare(m, "m");
        checkPermutation(order, n);
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                out[a][b] = m[order[a]][order[b]];
            }
        }
        return out;
    }

    /**
     * Mean of the entries w[i][j] for each pair of clusters (label(i), label(j)), the diagonal
     * entries w[i][i] included. For recurrent weights W_hh (row = receiving unit, column = sending
     * unit) entry [a][b] is the mean weight from cluster b onto cluster a.
     *
     * @param w      square matrix, shape [N][N]
     * @param labels cluster per row/column, values 0..k-1, every label used
     * @return means, shape [k][k]
     */
    public static double[][] clusterMeans(double[][] w, int[] labels) {
        int n = requireSquare(w, "w");
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("labels must have length " + n + ", got "
                    + (labels == null ? "null" : labels.length));
        }
        int k = 0;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + l);
            }
            k = Math.max(k, l + 1);
        }
        int[] count = new int[k];
        for (int l : labels) {
            count[l]++;
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException("labels must use every value in 0.." + (k - 1) + ", got none for "
                        + c);
            }
        }
        double[][] sum = new double[k][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum[labels[i]][labels[j]] += w[i][j];
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                sum[a][b] /= (double) count[a] * count[b];
            }
        }
        return sum;
    }

    private static boolean idsBefore(int a1, int b1, int a2, int b2) {
        int lo1 = Math.min(a1, b1);
        int hi1 = Math.max(a1, b1);
        int lo2 = Math.min(a2, b2);
        int hi2 = Math.max(a2, b2);
        return lo1 < lo2 || (lo1 == lo2 && hi1 < hi2);
    }

    private static int requireSquare(double[][] m, String name) {
        int c = Arrays2.requireMatrix(m, name);
        if (m.length == 0 || c != m.length) {
            throw new IllegalArgumentException(name + " must be a non-empty square matrix, got " + m.length + " x " + c);
        }
        return m.length;
    }

    private static void checkPermutation(int[] order, int n) {
        if (order == null || order.length != n) {
            throw new IllegalArgumentException("order must have length " + n + ", got "
                    + (order == null ? "null" : order.length));
        }
        boolean[] seen = new boolean[n];
        for (int o : order) {
            if (o < 0 || o >= n || seen[o]) {
                throw new IllegalArgumentException("order must be a permutation of 0.." + (n - 1) + ", got entry " + o);
            }
            seen[o] = true;
        }
    }
}
