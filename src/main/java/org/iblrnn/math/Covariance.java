package org.iblrnn.math;

/**
 * Column means and centred scatter matrices of a data matrix, computed carefully for long
 * tables (hundreds of thousands of rows).
 *
 * <p>Means use two passes: m = sum(x) / T, then m += sum(x - m) / T, which removes most of the
 * first pass' rounding error (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>,
 * section 1.9). The scatter S = sum_t (x_t - m)(x_t - m)^T is accumulated in chunks of
 * {@value #CHUNK} rows whose partial sums are then added, so the error grows with
 * T / CHUNK + CHUNK instead of T. Only the upper triangle is accumulated; the result is exactly
 * symmetric.
 */
public final class Covariance {
    private static final int CHUNK = 1024;

    private Covariance() {
    }

    /**
     * Column means.
     *
     * @param x data, shape [T][N], T &gt;= 1, finite
     * @return means, length N
     */
    public static double[] columnMeans(double[][] x) {
        int t = Linalg.requireRectangular(x, "x");
        int n = x[0].length;
        double[] sum = new double[n];
        for (int i = 0; i < t; i++) {
            double[] row = x[i];
            for (int j = 0; j < n; j++) {
                sum[j] += row[j];
            }
        }
        double[] m = new double[n];
        for (int j = 0; j < n; j++) {
            m[j] = sum[j] / t;
        }
        double[] corr = new double[n];
        for (int i = 0; i < t; i++) {
            double[] row = x[i];
            for (int j = 0; j < n; j++) {
                corr[j] += row[j] - m[j];
            }
        }
        for (int j = 0; j < n; j++) {
            m[j] += corr[j] / t;
        }
        return m;
    }

    /**
     * Centred scatter matrix S = sum_t (x_t - mean)(x_t - mean)^T (divide by T - 1 for the
     * sample covariance).
     *
     * @param x    data, shape [T][N]
     * @param mean the centre, length N (normally {@link #columnMeans})
     * @return S, shape [N][N], symmetric
     */
    public static double[][] scatter(double[][] x, double[] mean) {
        int t = Linalg.requireRectangular(x, "x");
        int n = x[0].length;
        Checks.length(mean, n, "mean");
        double[] total = new double[n * n];
        double[] part = new double[n * n];
        double[] c = new double[n];
        for (int start = 0; start < t; start += CHUNK) {
            int end = Math.min(t, start + CHUNK);
            java.util.Arrays.fill(part, 0.0);
            for (int i = start; i < end; i++) {
                double[] row = x[i];
                for (int j = 0; j < n; j++) {
                    c[j] = row[j] - mean[j];
                }
                for (int a = 0; a < n; a++) {
                    double ca = c[a];
                    int off = a * n;
                    for (int b = a; b < n; b++) {
                        part[off + b] += ca * c[b];
                    }
                }
            }
            for (int k = 0; k < part.length; k++) {
                total[k] += part[k];
            }
        }
        double[][] s = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                s[a][b] = total[a * n + b];
                s[b][a] = s[a][b];
            }
        }
        return s;
    }
}
