package org.iblrnn.analysis.behaviour;

import org.hipparchus.special.Erf;

import org.iblrnn.analysis.stats.NelderMead;

/**
 * Maximum-likelihood fit of the IBL psychometric function to choices:
 * P(right | c) = lapseLow + (1 - lapseLow - lapseHigh) * Phi((c - bias) / threshold),
 * with Phi the standard normal CDF (an erf), threshold &gt; 0 and both lapses in [0, 0.5).
 *
 * <p>The binomial likelihood over the distinct signed contrasts is maximised by Nelder-Mead in
 * unconstrained coordinates (bias, log threshold, logit(2 lapse) twice) from a fixed set of
 * starts, so the fit is deterministic. Standard errors come from the inverse of the observed
 * information (the numerical Hessian of the negative log-likelihood in the natural parameters);
 * the 95% confidence interval is estimate +- 1.96 SE. A lapse estimated at its bound has an
 * unreliable SE; {@link Result#converged()} reports optimiser convergence.
 */
public final class PsychometricFit {
    private PsychometricFit() {
    }

    /**
     * A fitted psychometric function.
     *
     * @param bias        contrast at the curve's midpoint (units of the contrast axis)
     * @param threshold   slope parameter (sd of the underlying Gaussian, contrast units)
     * @param lapseLow    P(right) as the contrast goes to -infinity
     * @param lapseHigh   P(left) as the contrast goes to +infinity
     * @param se          standard errors of (bias, threshold, lapseLow, lapseHigh); NaN if the
     *                    information matrix is singular
     * @param negLogLik   negative log-likelihood at the optimum
     * @param trials      number of choices fitted
     * @param converged   whether the optimiser met its tolerance
     */
    public record Result(double bias, double threshold, double lapseLow, double lapseHigh, double[] se,
                         double negLogLik, int trials, boolean converged) {
        public Result {
            se = se.clone();
        }

        @Override
        public double[] se() {
            return se.clone();
        }

        /** Fitted P(right) at contrast c. */
        public double predict(double c) {
            return model(c, bias, threshold, lapseLow, lapseHigh);
        }

        /** Lower end of the 95% confidence interval of parameter i (0 bias .. 3 lapseHigh). */
        public double lower95(int i) {
            return value(i) - 1.96 * se[i];
        }

        public double upper95(int i) {
            return value(i) + 1.96 * se[i];
        }

        /** Parameter i: 0 bias, 1 threshold, 2 lapseLow, 3 lapseHigh. */
        public double value(int i) {
            return switch (i) {
                case 0 -> bias;
                case 1 -> threshold;
                case 2 -> lapseLow;
                case 3 -> lapseHigh;
                default -> throw new IllegalArgumentException("parameter index must be in [0, 3], got " + i);
            };
        }
    }

    static double model(double c, double bias, double threshold, double lapseLow, double lapseHigh) {
        double phi = 0.5 * (1 + Erf.erf((c - bias) / (threshold * Math.sqrt(2))));
        return lapseLow + (1 - lapseLow - lapseHigh) * phi;
    }

    /**
     * The fit of counts per contrast: {@code counts.get(c)} = {rightward choices, trials}, in
     * increasing contrast order.
     */
    static Result fit(java.util.SortedMap<Double, int[]> counts) {
        double[] c = new double[counts.size()];
        int[] r = new int[c.length];
        int[] n = new int[c.length];
        int j = 0;
        for (var e : counts.entrySet()) {
            c[j] = e.getKey();
            r[j] = e.getValue()[0];
            n[j] = e.getValue()[1];
            j++;
        }
        return fit(c, r, n);
    }

    /**
     * Fits binomial data: at contrast {@code c[i]} the subject chose right {@code right[i]} times
     * out of {@code n[i]}.
     *
     * @throws IllegalArgumentException if fewer than 3 distinct contrasts have data
     */
    public static Result fit(double[] c, int[] right, int[] n) {
        if (c.length != right.length || c.length != n.length) {
            throw new IllegalArgumentException("contrast, right and n must have equal lengths");
        }
        int used = 0;
        int total = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.length; i++) {
            if (right[i] < 0 || right[i] > n[i]) {
                throw new IllegalArgumentException("right[" + i + "] must be in [0, n], got " + right[i]);
            }
            if (n[i] > 0) {
                used++;
                total += n[i];
                lo = Math.min(lo, c[i]);
                hi = Math.max(hi, c[i]);
            }
        }
        if (used < 3) {
            throw new IllegalArgumentException("a psychometric fit needs at least 3 contrasts with data, got " + used);
        }
        double range = hi - lo;
        java.util.function.ToDoubleFunction<double[]> nll = q -> negLogLik(c, right, n, q[0], Math.exp(q[1]),
                0.5 * sigmoid(q[2]), 0.5 * sigmoid(q[3]));
        NelderMead.Result best = null;
        double[] biases = {0.0, lo + range / 4, hi - range / 4};
        double[] thresholds = {range / 4, range / 12};
        for (double b0 : biases) {
            for (double t0 : thresholds) {
                double[] start = {b0, Math.log(t0), logit(0.1), logit(0.1)};
                double[] step = {range / 10, 0.5, 1.0, 1.0};
                NelderMead.Result r = NelderMead.minimise(nll, start, step, 1e-12, 4000);
                r = NelderMead.minimise(nll, r.x(), step, 1e-13, 4000); // restart to escape a collapsed simplex
                if (best == null || r.value() < best.value()) {
                    best = r;
                }
            }
        }
        double[] q = best.x();
        double[] theta = {q[0], Math.exp(q[1]), 0.5 * sigmoid(q[2]), 0.5 * sigmoid(q[3])};
        double[] se = standardErrors(c, right, n, theta);
        return new Result(theta[0], theta[1], theta[2], theta[3], se, best.value(), total, best.converged());
    }

    static double negLogLik(double[] c, int[] right, int[] n, double bias, double thr, double gl, double gh) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            if (n[i] == 0) {
                continue;
            }
            double p = Math.min(1 - 1e-12, Math.max(1e-12, model(c[i], bias, thr, gl, gh)));
            s -= right[i] * Math.log(p) + (n[i] - right[i]) * Math.log1p(-p);
        }
        return s;
    }

    private static double[] standardErrors(double[] c, int[] right, int[] n, double[] t) {
        int k = 4;
        double[][] h = new double[k][k];
        double[] eps = new double[k];
        for (int i = 0; i < k; i++) {
            eps[i] = 1e-4 * Math.max(Math.abs(t[i]), 1e-2);
        }
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double v = (f(c, right, n, t, i, eps[i], j, eps[j]) - f(c, right, n, t, i, eps[i], j, -eps[j])
                        - f(c, right, n, t, i, -eps[i], j, eps[j]) + f(c, right, n, t, i, -eps[i], j, -eps[j]))
                        / (4 * eps[i] * eps[j]);
                h[i][j] = v;
                h[j][i] = v;
            }
        }
        double[][] inv = invert(h);
        double[] se = new double[k];
        for (int i = 0; i < k; i++) {
            se[i] = inv == null || !(inv[i][i] > 0) ? Double.NaN : Math.sqrt(inv[i][i]);
        }
        return se;
    }

    private static double f(double[] c, int[] right, int[] n, double[] t, int i, double di, int j, double dj) {
        double[] u = t.clone();
        u[i] += di;
        u[j] += dj;
        return negLogLik(c, right, n, u[0], u[1], u[2], u[3]);
    }

    /** Gauss-Jordan inverse with partial pivoting; null if singular. */
    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (!(Math.abs(m[piv][col]) > 1e-300)) {
                return null;
            }
            double[] tmp = m[col];
            m[col] = m[piv];
            m[piv] = tmp;
            double d = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double fct = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= fct * m[col][j];
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

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
