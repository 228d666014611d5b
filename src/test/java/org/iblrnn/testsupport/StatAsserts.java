package org.iblrnn.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Statistical assertions for tests of random processes.
 *
 * <p>Conventions: bounds on means are {@value #Z} standard errors (two-sided p of about 6e-7 under
 * normality); goodness-of-fit uses Pearson's chi-square with the critical value at p = {@value #ALPHA}
 * for the actual degrees of freedom, after pooling adjacent bins until each has an expected count of
 * at least {@value #MIN_EXPECTED}. With fixed seeds these tests are deterministic; the bounds only
 * decide whether the seed-specific draw is plausible under the claimed law.
 */
public final class StatAsserts {
    /** Number of standard errors allowed for a mean. */
    public static final double Z = 5.0;
    /** Significance level of the chi-square goodness-of-fit tests. */
    public static final double ALPHA = 1e-4;
    /** Minimum expected count per pooled chi-square bin. */
    public static final double MIN_EXPECTED = 5.0;

    private StatAsserts() {
    }

    /** Result of a pooled Pearson chi-square test. */
    public record ChiSquare(double statistic, int df, double critical) {
        public boolean passes() {
            return statistic <= critical;
        }
    }

    /**
     * Pearson's chi-square of observed counts against bin probabilities (which should sum to 1 over
     * the bins; any missing mass is added to the last bin's expected count so that totals agree).
     * Adjacent bins are pooled left to right until each pooled bin expects at least
     * {@link #MIN_EXPECTED}; a short remainder is merged into the last pooled bin.
     */
    public static ChiSquare chiSquare(long[] observed, double[] probs) {
        if (observed.length != probs.length) {
            throw new IllegalArgumentException("observed and probs differ in length");
        }
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        double pSum = 0;
        for (double p : probs) {
            pSum += p;
        }
        int bins = observed.length;
        double[] pooledE = new double[bins];
        long[] pooledO = new long[bins];
        int g = 0;
        double accE = 0;
        long accO = 0;
        for (int i = 0; i < bins; i++) {
            accE += n * probs[i];
            accO += observed[i];
            if (accE >= MIN_EXPECTED) {
                pooledE[g] = accE;
                pooledO[g] = accO;
                g++;
                accE = 0;
                accO = 0;
            }
        }
        // missing probability mass (outside the given bins) joins the remainder
        accE += n * (1 - pSum);
        if (g == 0) {
            pooledE[0] = accE;
            pooledO[0] = accO;
            g = 1;
        } else {
            pooledE[g - 1] += accE;
            pooledO[g - 1] += accO;
        }
        double stat = 0;
        for (int i = 0; i < g; i++) {
            double d = pooledO[i] - pooledE[i];
            stat += d * d / pooledE[i];
        }
        int df = Math.max(1, g - 1);
        return new ChiSquare(stat, df, chiSquareCritical(df, ALPHA));
    }

    /** Asserts that counts are consistent with the given bin probabilities (chi-square, p = 1e-4). */
    public static ChiSquare assertChiSquareFits(long[] observed, double[] probs, String what) {
        ChiSquare c = chiSquare(observed, probs);
        assertTrue(c.passes(), () -> what + ": chi-square " + c.statistic() + " on " + c.df()
                + " df exceeds the p=" + ALPHA + " critical value " + c.critical());
        return c;
    }

    /** Asserts |actual - expected| <= Z * se. */
    public static void assertWithinSe(double expected, double actual, double se, String what) {
        if (!(Math.abs(actual - expected) <= Z * se)) {
            fail(what + ": expected " + expected + " +- " + (Z * se) + " (" + Z + " SE, SE=" + se + "), got "
                    + actual);
        }
    }

    /** Asserts that successes/n is within Z binomial standard errors of p. */
    public static void assertProportion(double p, long successes, long n, String what) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertWithinSe(p, (double) successes / n, se, what + " (n=" + n + ")");
    }

    /**
     * Asserts that a sample summarised by {@code m} has mean {@code mu} and standard deviation
     * {@code sigma}, for a normal law: the mean within Z * sigma / sqrt(n), the (population)
     * variance within Z * sigma^2 * sqrt(2 / n).
     */
    public static void assertNormalMoments(Moments m, double mu, double sigma, String what) {
        long n = m.count();
        assertWithinSe(mu, m.mean(), sigma / Math.sqrt(n), what + " mean (n=" + n + ")");
        assertWithinSe(sigma * sigma, m.variance(), sigma * sigma * Math.sqrt(2.0 / n),
                what + " variance (n=" + n + ")");
    }

    /** Running mean and variance (Welford). */
    public static final class Moments {
        private long n;
        private double mean;
        private double m2;

        public void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        public long count() {
            return n;
        }

        public double mean() {
            return mean;
        }

        /** Population variance (divides by n). */
        public double variance() {
            return n == 0 ? Double.NaN : m2 / n;
        }
    }

    // ------------------------------------------------------------------------------------------
    // chi-square quantiles

    /** The x with P(X > x) = alpha for X ~ chi-square(df), to about 1e-9 relative accuracy. */
    public static double chiSquareCritical(int df, double alpha) {
        if (df < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("df must be >= 1 and alpha in (0, 1)");
        }
        double lo = 0;
        double hi = df + 10.0 * Math.sqrt(2.0 * df) + 50.0;
        while (chiSquareSurvival(df, hi) > alpha) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (chiSquareSurvival(df, mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** P(X > x) for X ~ chi-square(df). */
    public static double chiSquareSurvival(int df, double x) {
        if (x <= 0) {
            return 1.0;
        }
        return regularizedGammaQ(0.5 * df, 0.5 * x);
    }

    /** Upper regularised incomplete gamma Q(a, x) (series / Lentz continued fraction). */
    static double regularizedGammaQ(double a, double x) {
        double lnPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double sum = 1.0 / a;
            double term = sum;
            double ap = a;
            for (int i = 0; i < 10_000; i++) {
                ap += 1;
                term *= x / ap;
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return 1.0 - sum * Math.exp(lnPrefix);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnPrefix) * h;
    }

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
    static double logGamma(double x) {
        final double[] c = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
