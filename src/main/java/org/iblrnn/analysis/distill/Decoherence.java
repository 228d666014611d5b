package org.iblrnn.analysis.distill;

import org.iblrnn.math.Arrays2;

/**
 * Distance decoherence (paper Fig. 8a, reference-spec 6.6): how far a trajectory moves in Δ steps.
 *
 * <p>Each dimension d is first divided by its population standard deviation sigma_d over the T
 * rows (dimensions with sigma_d = 0 are left unscaled; they contribute 0 anyway), so trajectories of
 * different units and dimensionality are comparable. Then for Δ = 0..maxLag:
 * <ul>
 *   <li>{@link Mode#LAG} (the paper's definition): D_Δ = mean over t = 0..T-1-Δ of
 *       ||x_{t+Δ} - x_t||;</li>
 *   <li>{@link Mode#ORDER_DIFFERENCE} (the reference code, numpy {@code diff(x, n=Δ)}): D_Δ = mean
 *       over the T-Δ rows of the Δ-th order forward difference of their norms (Δ = 0 gives 0, as
 *       the code). Unlike the lag distance it grows roughly geometrically with Δ.</li>
 * </ul>
 * The result also reports the variance of the norms; the reference code divides mean and variance
 * by sqrt(dim) before plotting, which the caller may do with {@link Result#dimensions()}.
 */
public final class Decoherence {
    private Decoherence() {
    }

    /** Which difference is taken. */
    public enum Mode {
        /** ||x_{t+Δ} - x_t|| (paper). */
        LAG,
        /** Norm of the Δ-th order finite difference (reference code). */
        ORDER_DIFFERENCE
    }

    /**
     * Decoherence curve.
     *
     * @param mode       difference taken
     * @param mean       mean distance per Δ, shape [maxLag + 1] (NaN where T - Δ &lt; 1)
     * @param variance   population variance of the distances per Δ, shape [maxLag + 1]
     * @param scales     per-dimension divisors (standard deviations, 1 for constant dimensions),
     *                   shape [D]
     * @param dimensions D
     */
    public record Result(Mode mode, double[] mean, double[] variance, double[] scales, int dimensions) {
        public Result {
            mean = mean.clone();
            variance = variance.clone();
            scales = scales.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] variance() {
            return variance.clone();
        }

        @Override
        public double[] scales() {
            return scales.clone();
        }
    }

    /**
     * Computes the decoherence curve.
     *
     * @param x      trajectory, shape [T][D], T &gt;= 1, D &gt;= 1, finite; not modified
     * @param maxLag largest Δ (19 in the paper), &gt;= 0
     * @param mode   difference to take
     */
    public static Result compute(double[][] x, int maxLag, Mode mode) {
        if (x == null || x.length == 0 || x[0].length == 0) {
            throw new IllegalArgumentException("x must have shape [T][D] with T, D >= 1");
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0, got " + maxLag);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must be non-null, got null");
        }
        int t = x.length;
        int d = x[0].length;
        for (int i = 0; i < t; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("x must have shape [" + t + "][" + d + "], got row " + i
                        + " of length " + x[i].length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("x must be finite, got " + x[i][j] + " at [" + i + "][" + j
                            + "]");
                }
            }
        }
        double[] scales = new double[d];
        double[][] z = new double[t][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < t; i++) {
                mean += x[i][j];
            }
            mean /= t;
            double ss = 0;
            for (int i = 0; i < t; i++) {
                double e = x[i][j] - mean;
                ss += e * e;
            }
            double sd = Math.sqrt(ss / t);
            scales[j] = sd > 0 ? sd : 1.0;
            for (int i = 0; i < t; i++) {
                z[i][j] = (x[i][j] - mean) / scales[j];
            }
        }
        double[] means = new double[maxLag + 1];
        double[] vars = new double[maxLag + 1];
        double[][] diff = mode == Mode.ORDER_DIFFERENCE ? Arrays2.deepCopy(z) : null;
        for (int lag = 0; lag <= maxLag; lag++) {
            int n = t - lag;
            if (n < 1) {
                means[lag] = Double.NaN;
                vars[lag] = Double.NaN;
                continue;
            }
            if (mode == Mode.ORDER_DIFFERENCE && lag > 0) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        diff[i][j] = diff[i + 1][j] - diff[i][j];
                    }
                }
            }
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double ss = 0;
                for (int j = 0; j < d; j++) {
                    double e;
                    if (mode == Mode.LAG) {
                        e = z[i + lag][j] - z[i][j];
                    } else {
                        e = lag == 0 ? 0.0 : diff[i][j];
                    }
                    ss += e * e;
                }
                double norm = Math.sqrt(ss);
                sum += norm;
                sumSq += norm * norm;
            }
            double m = sum / n;
            means[lag] = m;
            vars[lag] = Math.max(0, sumSq / n - m * m);
        }
        return new Result(mode, means, vars, scales, d);
    }
}
