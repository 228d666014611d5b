package org.iblrnn.analysis.stats;

import org.hipparchus.distribution.continuous.TDistribution;

import org.iblrnn.math.Arrays2;

/**
 * Simple ordinary least squares of y on x with an intercept, as scipy's {@code linregress}
 * (reference spec sections 5.5 and 5.7: the change of the task-aligned coordinates against the
 * observation difference d = oR - oL; paper slopes 0.84 and 0.18, p &lt; 1e-5).
 *
 * <p>With centred sums Sxx = sum (x - xbar)^2, Sxy = sum (x - xbar)(y - ybar),
 * Syy = sum (y - ybar)^2 (means by two passes): slope b = Sxy / Sxx, intercept a = ybar - b xbar,
 * r = Sxy / sqrt(Sxx Syy), residual variance s^2 = sum (y - a - b x)^2 / (n - 2), slope standard
 * error s / sqrt(Sxx), intercept standard error s sqrt(1/n + xbar^2 / Sxx). The p-value is
 * two-sided for H0: slope = 0 from Student's t with n - 2 degrees of freedom; the confidence
 * intervals are b +- t_{n-2, 1 - alpha/2} SE(b).
 *
 * <p>Not usable (a result with {@code usable == false}, a reason, and NaN statistics): fewer
 * than 3 points, or constant x. Constant y is usable: slope 0, r = 0 by convention (scipy gives
 * NaN), p = 1.
 */
public final class LinearRegression {
    private LinearRegression() {
    }

    /**
     * A fitted line and its statistics. All doubles are NaN when not usable.
     *
     * @param slope                  b
     * @param intercept              a
     * @param r                      Pearson correlation of x and y
     * @param pValue                 two-sided p-value of slope = 0 (t test, n - 2 df)
     * @param slopeStandardError     SE(b)
     * @param interceptStandardError SE(a)
     * @param slopeLower95           lower end of the 95% CI of the slope
     * @param slopeUpper95           upper end of the 95% CI of the slope
     * @param slopeLower99           lower end of the 99% CI of the slope
     * @param slopeUpper99           upper end of the 99% CI of the slope
     * @param n                      number of points
     * @param usable                 false for degenerate input
     * @param reason                 why not usable, or ""
     */
    public record Result(double slope, double intercept, double r, double pValue, double slopeStandardError,
                         double interceptStandardError, double slopeLower95, double slopeUpper95,
                         double slopeLower99, double slopeUpper99, int n, boolean usable, String reason) {

        static Result unusable(int n, String reason) {
            double nan = Double.NaN;
            return new Result(nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, n, false, reason);
        }

        /** The fitted value a + b x. */
        public double predict(double x) {
            return intercept + slope * x;
        }
    }

    /**
     * Regresses y on x.
     *
     * @param x predictor, length n, finite
     * @param y response, length n, finite
     */
    public static Result fit(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must be non-null, got " + x + " and " + y);
        }
        Arrays2.requireLength(y, x.length, "y");
        Arrays2.requireFinite(x, "x");
        Arrays2.requireFinite(y, "y");
        int n = x.length;
        if (n < 3) {
            return Result.unusable(n, "regression needs at least 3 points, got " + n);
        }
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0) || constant(x)) {
            return Result.unusable(n, "x is constant");
        }
        if (constant(y)) {
            return new Result(0.0, y[0], 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, n, true, "");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double r = syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : 0.0;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - intercept - slope * x[i];
            ssr += e * e;
        }
        int df = n - 2;
        double s2 = ssr / df;
        double seSlope = Math.sqrt(s2 / sxx);
        double seIntercept = Math.sqrt(s2 * (1.0 / n + mx * mx / sxx));
        TDistribution t = new TDistribution(df);
        double p;
        if (seSlope == 0) {
            p = slope == 0 ? 1.0 : 0.0;
        } else {
            double tStat = Math.abs(slope / seSlope);
            p = Math.min(1.0, 2 * t.cumulativeProbability(-tStat));
        }
        double q95 = t.inverseCumulativeProbability(0.975);
        double q99 = t.inverseCumulativeProbability(0.995);
        return new Result(slope, intercept, r, p, seSlope, seIntercept, slope - q95 * seSlope, slope + q95 * seSlope,
                slope - q99 * seSlope, slope + q99 * seSlope, n, true, "");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        double m = s / v.length;
        double c = 0;
        for (double e : v) {
            c += e - m;
        }
        return m + c / v.length;
    }

    private static boolean constant(double[] v) {
        for (double e : v) {
            if (e != v[0]) {
                return false;
            }
        }
        return true;
    }
}
