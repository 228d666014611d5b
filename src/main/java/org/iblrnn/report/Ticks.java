package org.iblrnn.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis tick positions on "nice" values and their compact, locale-independent labels.
 *
 * <p>Linear ticks are the multiples of a step s = m &middot; 10<sup>k</sup>, m in {1, 2, 5}, that
 * fall inside [lo, hi]; among the candidate steps the one whose tick count is closest to the
 * target wins (ties go to the larger step). So the ticks lie within the range and cover it to
 * within one step at each end. Tick values are computed as integers divided by a power of ten, so
 * 0.3 comes out as 0.3, not 0.30000000000000004.
 */
public final class Ticks {
    private static final int[] MANTISSAS = {1, 2, 5, 10};

    private Ticks() {
    }

    /**
     * Nice ticks inside [lo, hi] (lo &lt; hi, both finite), about {@code target} of them (&ge; 2).
     * At least two ticks are returned whenever the range holds two multiples of some nice step.
     */
    public static double[] linear(double lo, double hi, int target) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("tick range must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
        int want = Math.max(2, target);
        int exp = (int) Math.floor(Math.log10((hi - lo) / want));
        double[] best = null;
        int bestScore = Integer.MAX_VALUE;
        for (int e = exp - 1; e <= exp + 1; e++) {
            for (int m : MANTISSAS) {
                double[] t = multiples(lo, hi, m, e);
                if (t.length == 0 || t.length > 50) {
                    continue;
                }
                // prefer >= 2 ticks, then closeness to the target, then the larger step
                int score = (t.length < 2 ? 1000 : 0) + 2 * Math.abs(t.length - want);
                if (score <= bestScore) {
                    bestScore = score;
                    best = t;
                }
            }
        }
        return best == null ? new double[] {niceRound((lo + hi) / 2)} : best;
    }

    /** The multiples of m * 10^e inside [lo, hi], allowing for rounding at the ends. */
    private static double[] multiples(double lo, double hi, int m, int e) {
        double step = e >= 0 ? m * Math.pow(10, e) : m / Math.pow(10, -e);
        double eps = 1e-9;
        long k0 = (long) Math.ceil(lo / step - eps);
        long k1 = (long) Math.floor(hi / step + eps);
        if (k1 - k0 > 60) {
            return new double[0];
        }
        double[] out = new double[(int) Math.max(0, k1 - k0 + 1)];
        for (int i = 0; i < out.length; i++) {
            long k = (k0 + i) * m;
            out[i] = e >= 0 ? k * Math.pow(10, e) : k / Math.pow(10, -e);
        }
        return out;
    }

    private static double niceRound(double v) {
        return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(2)).doubleValue();
    }

    /**
     * Ticks for a base-10 log axis spanning [lo, hi] (0 &lt; lo &lt; hi): powers of ten (every
     * k-th decade when there are many), else 1-2-5 multiples of powers of ten when the range spans
     * less than two decades, else linear ticks.
     */
    public static double[] log(double lo, double hi, int target) {
        if (!(lo > 0) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("log tick range must satisfy 0 < lo < hi, got [" + lo + ", " + hi + "]");
        }
        double eps = 1e-9;
        int e0 = (int) Math.ceil(Math.log10(lo) - eps);
        int e1 = (int) Math.floor(Math.log10(hi) + eps);
        int want = Math.max(2, target);
        if (e1 - e0 + 1 >= 2) {
            int every = Math.max(1, (int) Math.ceil((e1 - e0 + 1) / (double) (want + 1)));
            List<Double> out = new ArrayList<>();
            for (int e = e0; e <= e1; e++) {
                if (Math.floorMod(e, every) == 0) {
                    out.add(pow10(e));
                }
            }
            if (out.size() >= 2) {
                return toArray(out);
            }
        }
        List<Double> out = new ArrayList<>();
        for (int e = e0 - 1; e <= e1; e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = e >= 0 ? m * pow10(e) : m / pow10(-e);
                if (v >= lo * (1 - eps) && v <= hi * (1 + eps)) {
                    out.add(v);
                }
            }
        }
        return out.size() >= 2 ? toArray(out) : linear(lo, hi, target);
    }

    private static double pow10(int e) {
        return e >= 0 ? Math.pow(10, e) : 1 / Math.pow(10, -e);
    }

    private static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /**
     * Labels for evenly spaced ticks, all with the same number of decimals (0, 0.5, 1.0 becomes
     * "0.0", "0.5", "1.0"); values of magnitude &ge; 1e5 (unless the step is below a thousandth
     * of that) or below 1e-3 in scientific form ("2.5e7", "-3e-5").
     */
    public static List<String> labels(double[] ticks) {
        List<String> out = new ArrayList<>(ticks.length);
        if (ticks.length == 0) {
            return out;
        }
        double step = Double.POSITIVE_INFINITY;
        double maxAbs = 0;
        for (int i = 0; i < ticks.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ticks[i]));
            if (i > 0) {
                step = Math.min(step, Math.abs(ticks[i] - ticks[i - 1]));
            }
        }
        if (!(step > 0) || Double.isInfinite(step)) {
            for (double t : ticks) {
                out.add(compact(t));
            }
            return out;
        }
        int stepExp = (int) Math.floor(Math.log10(step) + 1e-9);
        // large values in scientific form, unless the step is tiny next to them (then every digit matters)
        boolean scientific = (maxAbs >= 1e5 && step >= maxAbs * 1e-3) || maxAbs < 1e-3;
        for (double t : ticks) {
            if (scientific) {
                out.add(scientific(t, stepExp));
            } else {
                out.add(fixed(t, Math.max(0, -stepExp)));
            }
        }
        return out;
    }

    /** Labels for log-axis ticks: each value in its own shortest form. */
    public static List<String> logLabels(double[] ticks) {
        List<String> out = new ArrayList<>(ticks.length);
        for (double t : ticks) {
            out.add(compact(t));
        }
        return out;
    }

    /**
     * A single number in its shortest form with at most 4 significant digits: "0", "0.25", "1200",
     * "1.5e6", "3e-5". Non-finite values give "" (a figure never shows "NaN").
     */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (a >= 1e5 || a < 1e-3) {
            int exp = rounded.precision() - rounded.scale() - 1;
            BigDecimal mant = rounded.movePointLeft(exp).stripTrailingZeros();
            return plain(mant) + "e" + exp;
        }
        return plain(rounded.stripTrailingZeros());
    }

    /** v with exactly {@code decimals} decimals, never "-0". */
    static String fixed(double v, int decimals) {
        BigDecimal b = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
        if (b.signum() == 0) {
            b = b.abs();
        }
        return b.toPlainString();
    }

    /** v as mantissa "e" exponent, with the mantissa precise to the tick step's decimal place. */
    private static String scientific(double v, int stepExp) {
        if (Math.abs(v) < Math.pow(10, stepExp) * 1e-6) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).setScale(Math.max(0, -stepExp) + 1, RoundingMode.HALF_EVEN);
        BigDecimal r = b.round(new MathContext(Math.max(1, exponent(v) - stepExp + 1), RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        return plain(r.movePointLeft(exp).stripTrailingZeros()) + "e" + exp;
    }

    private static int exponent(double v) {
        return (int) Math.floor(Math.log10(Math.abs(v)) + 1e-12);
    }

    private static String plain(BigDecimal b) {
        String s = b.toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
