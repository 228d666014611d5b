package org.iblrnn.analysis.stats;

import org.iblrnn.math.Arrays2;
import org.iblrnn.math.Covariance;
import org.iblrnn.math.Linalg;

/**
 * Mean-centred principal component analysis of a data matrix X, shape [T][N] (paper section
 * 3.2.1; reference spec section 5.1: all hidden states of the RNN session, T up to ~300k, N = 50).
 *
 * <p>Method: the column means m by a two-pass (corrected) mean, the N x N scatter
 * S = sum_t (x_t - m)(x_t - m)^T in one chunked pass ({@link Covariance}), then the symmetric
 * eigendecomposition S = sum_k lambda_k c_k c_k^T with eigenvalues in descending order.
 * Component k is c_k, its variance lambda_k / (T - 1) (clipped at 0 against round-off), its
 * explained ratio lambda_k / trace(S). Equivalent to sklearn's {@code PCA} up to the signs of the
 * components; the covariance route squares the condition number, which only affects components
 * with variance below ~1e-16 of the largest.
 *
 * <p>Signs: every component has its entry of largest |loading| positive (the first such entry
 * when several are equal to 1e-9 relative); see {@link PcaResult#withSigns} for
 * reference-direction conventions (the paper flips PC1 so the right stimulus readout has a
 * positive PC1 coordinate).
 *
 * <p>Degenerate input is data, not an exception: fewer than 2 rows, constant data (every column
 * constant) or a failed eigendecomposition give a result with {@code usable() == false} and a
 * reason. Ragged or non-finite input throws {@link IllegalArgumentException}.
 */
public final class Pca {
    private static final double SIGN_TIE = 1e-9;

    private Pca() {
    }

    /**
     * PCA keeping all N components.
     *
     * @param x data, shape [T][N], finite
     */
    public static PcaResult fit(double[][] x) {
        int n = Arrays2.requireMatrix(x, "x");
        return fit(x, Math.max(n, 1));
    }

    /**
     * PCA keeping the leading {@code components} components.
     *
     * @param x          data, shape [T][N], finite
     * @param components K, in [1, N]
     */
    public static PcaResult fit(double[][] x, int components) {
        int n = Arrays2.requireMatrix(x, "x");
        int t = x.length;
        if (t == 0) {
            return PcaResult.unusable(new double[0], 0, "PCA needs at least 2 rows, got 0");
        }
        if (n == 0) {
            return PcaResult.unusable(new double[0], t, "PCA needs at least 1 column, got 0");
        }
        if (components < 1 || components > n) {
            throw new IllegalArgumentException("components must be in [1, " + n + "], got " + components);
        }
        double[] mean = Covariance.columnMeans(x);
        if (t < 2) {
            return PcaResult.unusable(mean, t, "PCA needs at least 2 rows, got " + t);
        }
        if (allColumnsConstant(x)) {
            return PcaResult.unusable(mean, t, "data are constant (every column has a single value)");
        }
        double[][] s = Covariance.scatter(x, mean);
        double trace = 0;
        for (int j = 0; j < n; j++) {
            trace += s[j][j];
        }
        Linalg.SymmetricEigen eig = Linalg.symmetricEigen(s);
        if (!eig.converged()) {
            return PcaResult.unusable(mean, t, eig.reason());
        }
        double[] values = eig.values();
        double[][] vectors = eig.vectors();
        double[][] comps = new double[components][];
        double[] variances = new double[components];
        double[] ratio = new double[components];
        double[] cumulative = new double[components];
        double run = 0;
        for (int k = 0; k < components; k++) {
            comps[k] = canonicalSign(vectors[k]);
            double lambda = Math.max(0.0, values[k]);
            variances[k] = lambda / (t - 1);
            ratio[k] = lambda / trace;
            run += ratio[k];
            cumulative[k] = run;
        }
        return new PcaResult(mean, comps, variances, ratio, cumulative, trace / (t - 1), t, true, "");
    }

    /** The vector with its largest-|entry| (first within 1e-9 relative) made positive. */
    static double[] canonicalSign(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        int pick = 0;
        for (int j = 0; j < v.length; j++) {
            if (Math.abs(v[j]) >= (1 - SIGN_TIE) * max) {
                pick = j;
                break;
            }
        }
        double[] out = v.clone();
        if (out[pick] < 0) {
            for (int j = 0; j < out.length; j++) {
                out[j] = -out[j];
            }
        }
        return out;
    }

    private static boolean allColumnsConstant(double[][] x) {
        double[] first = x[0];
        for (int i = 1; i < x.length; i++) {
            double[] row = x[i];
            for (int j = 0; j < row.length; j++) {
                if (row[j] != first[j]) {
                    return false;
                }
            }
        }
        return true;
    }
}
