package org.iblrnn.analysis.stats;

import java.util.Arrays;

import org.iblrnn.math.Arrays2;

/**
 * A fitted principal component analysis: x is approximated by mean + sum_k z_k c_k, with
 * coordinates z_k = (x - mean) . c_k. Immutable; arrays are cloned in and out.
 *
 * <p>Units: the variances are sample variances (divisor T - 1, as sklearn's
 * {@code explained_variance_}) of the coordinates, in squared units of the data. Ratios are
 * relative to the total variance of the data (the trace of the covariance), so they stay correct
 * after {@link #truncate}.
 *
 * <p>Sign convention: a component's sign is arbitrary in PCA. {@link Pca#fit} makes the entry of
 * largest absolute loading positive in every component (the first such entry, scanning from unit
 * 0, when several are equal to within 1e-9 relative). {@link #withSigns} and
 * {@link #withSignsFromPoints} impose a reference-based convention on leading components instead.
 *
 * @param mean              column means of the fitted data, length N (empty when T = 0)
 * @param components        principal axes as orthonormal rows, shape [K][N], by decreasing
 *                          variance (empty when not usable)
 * @param variances         variance along each component, length K
 * @param explainedRatio    variances[k] / totalVariance, length K
 * @param cumulativeRatio   running sum of explainedRatio, length K
 * @param totalVariance     total variance of the data (sum over all N directions)
 * @param rows              T, the number of rows fitted
 * @param usable            false for degenerate input (fewer than 2 rows, constant data, a failed
 *                          eigendecomposition); then the arrays other than mean are empty
 * @param reason            why not usable, or "" when usable
 */
public record PcaResult(double[] mean, double[][] components, double[] variances, double[] explainedRatio,
                        double[] cumulativeRatio, double totalVariance, int rows, boolean usable, String reason) {
    public PcaResult {
        mean = mean.clone();
        components = Arrays2.deepCopy(components);
        variances = variances.clone();
        explainedRatio = explainedRatio.clone();
        cumulativeRatio = cumulativeRatio.clone();
        int k = components.length;
        if (variances.length != k || explainedRatio.length != k || cumulativeRatio.length != k) {
            throw new IllegalArgumentException("variances, explainedRatio and cumulativeRatio must have length "
                    + k + ", got " + variances.length + ", " + explainedRatio.length + ", " + cumulativeRatio.length);
        }
        for (int i = 0; i < k; i++) {
            if (components[i].length != mean.length) {
                throw new IllegalArgumentException("components[" + i + "] must have length " + mean.length + ", got "
                        + components[i].length);
            }
        }
        if (usable && k == 0) {
            throw new IllegalArgumentException("a usable PcaResult must have >= 1 component, got 0");
        }
    }

    /** A result flagged not usable, with no components. */
    static PcaResult unusable(double[] mean, int rows, String reason) {
        return new PcaResult(mean, new double[0][], new double[0], new double[0], new double[0], 0.0, rows, false,
                reason);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] components() {
        return Arrays2.deepCopy(components);
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public double[] explainedRatio() {
        return explainedRatio.clone();
    }

    @Override
    public double[] cumulativeRatio() {
        return cumulativeRatio.clone();
    }

    /** N, the data dimension. */
    public int dimension() {
        return mean.length;
    }

    /** K, the number of components kept. */
    public int componentCount() {
        return components.length;
    }

    /** Component k (a unit vector of length N). */
    public double[] component(int k) {
        requireUsable();
        if (k < 0 || k >= components.length) {
            throw new IllegalArgumentException("k must be in [0, " + components.length + "), got " + k);
        }
        return components[k].clone();
    }

    /**
     * Coordinates of a point: z_k = (x - mean) . c_k.
     *
     * @param x a point, length N
     * @return coordinates, length K
     */
    public double[] project(double[] x) {
        requireUsable();
        Arrays2.requireLength(x, mean.length, "x");
        double[] z = new double[components.length];
        for (int k = 0; k < z.length; k++) {
            double[] c = components[k];
            double s = 0;
            for (int j = 0; j < c.length; j++) {
                s += (x[j] - mean[j]) * c[j];
            }
            z[k] = s;
        }
        return z;
    }

    /**
     * Coordinates of many points.
     *
     * @param x points, shape [T][N]
     * @return coordinates, shape [T][K]
     */
    public double[][] project(double[][] x) {
        requireUsable();
        double[][] z = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            z[t] = project(x[t]);
        }
        return z;
    }

    /**
     * Components of a direction (no mean subtracted): C v. Use this for readout vectors seen as
     * directions; {@link #project(double[])} treats its argument as a point.
     *
     * @param v a direction, length N
     * @return C v, length K
     */
    public double[] projectDirection(double[] v) {
        requireUsable();
        Arrays2.requireLength(v, mean.length, "v");
        double[] z = new double[components.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = Arrays2.dot(components[k], v);
        }
        return z;
    }

    /**
     * The point with the given coordinates: mean + C^T z.
     *
     * @param z coordinates, length K
     * @return a point, length N
     */
    public double[] reconstruct(double[] z) {
        requireUsable();
        Arrays2.requireLength(z, components.length, "z");
        double[] x = mean.clone();
        for (int k = 0; k < z.length; k++) {
            double[] c = components[k];
            for (int j = 0; j < x.length; j++) {
                x[j] += z[k] * c[j];
            }
        }
        return x;
    }

    /**
     * Points from many coordinate rows.
     *
     * @param z coordinates, shape [T][K]
     * @return points, shape [T][N]
     */
    public double[][] reconstruct(double[][] z) {
        requireUsable();
        double[][] x = new double[z.length][];
        for (int t = 0; t < z.length; t++) {
            x[t] = reconstruct(z[t]);
        }
        return x;
    }

    /** The first {@code k} components (ratios stay relative to the total variance). */
    public PcaResult truncate(int k) {
        requireUsable();
        if (k < 1 || k > components.length) {
            throw new IllegalArgumentException("k must be in [1, " + components.length + "], got " + k);
        }
        return new PcaResult(mean, Arrays.copyOf(components, k), Arrays.copyOf(variances, k),
                Arrays.copyOf(explainedRatio, k), Arrays.copyOf(cumulativeRatio, k), totalVariance, rows, true, "");
    }

    /**
     * Signs fixed by reference directions: component i (for i &lt; number of references) is
     * negated if c_i . r_i &lt; 0; components without a reference, and those orthogonal to theirs,
     * keep their sign. Example: {@code withSigns(rightReadout)} makes PC1 point along the right
     * stimulus readout.
     *
     * @param referenceDirections up to K directions, each of length N
     */
    public PcaResult withSigns(double[]... referenceDirections) {
        return flipped(referenceDirections, false);
    }

    /**
     * Signs fixed by reference points, as the reference code does for PC1: component i is negated
     * if the coordinate of point p_i, (p_i - mean) . c_i, is negative. (The reference code treats
     * the right readout vector as a point, mean subtracted; pass it here to reproduce that.)
     *
     * @param referencePoints up to K points, each of length N
     */
    public PcaResult withSignsFromPoints(double[]... referencePoints) {
        return flipped(referencePoints, true);
    }

    private PcaResult flipped(double[][] refs, boolean points) {
        requireUsable();
        if (refs.length > components.length) {
            throw new IllegalArgumentException("number of references must be <= " + components.length + ", got "
                    + refs.length);
        }
        double[][] c = Arrays2.deepCopy(components);
        for (int i = 0; i < refs.length; i++) {
            Arrays2.requireLength(refs[i], mean.length, "reference " + i);
            double d = 0;
            for (int j = 0; j < mean.length; j++) {
                d += c[i][j] * (points ? refs[i][j] - mean[j] : refs[i][j]);
            }
            if (d < 0) {
                for (int j = 0; j < mean.length; j++) {
                    c[i][j] = -c[i][j];
                }
            }
        }
        return new PcaResult(mean, c, variances, explainedRatio, cumulativeRatio, totalVariance, rows, true, "");
    }

    private void requireUsable() {
        if (!usable) {
            throw new IllegalStateException("PcaResult is not usable (" + reason + "); check usable() first");
        }
    }
}
