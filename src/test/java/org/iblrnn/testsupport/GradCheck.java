package org.iblrnn.testsupport;

/**
 * Finite-difference gradient checks.
 *
 * <p>Numeric derivatives of parameter i use h = relStep * max(1, |theta_i|): the plain central
 * difference (f(theta + h e_i) - f(theta - h e_i)) / (2h), error O(h^2), or the fourth-order
 * five-point stencil, error O(h^4), which tolerates a larger h and so less round-off. theta is
 * restored bit-exactly after each probe. Agreement is measured with
 * {@link #relativeError(double, double)} = |a - n| / max(1e-8, |a| + |n|).
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** A scalar function of the parameter vector; may read but must not keep {@code theta}. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] theta);
    }

    /**
     * Outcome of a check over a set of indices.
     *
     * @param maxError   largest relative error seen
     * @param worstIndex parameter index where it occurred (-1 if nothing was checked)
     * @param analytic   analytic derivative at the worst index
     * @param numeric    numeric derivative at the worst index
     * @param checked    number of indices checked
     * @param nonZero    number of checked indices whose analytic derivative was not zero
     */
    public record Result(double maxError, int worstIndex, double analytic, double numeric, int checked,
                         int nonZero) {
        /** Combines two results (the worse one's details are kept). */
        public Result merge(Result o) {
            Result worse = o.maxError > maxError ? o : this;
            return new Result(worse.maxError, worse.worstIndex, worse.analytic, worse.numeric,
                    checked + o.checked, nonZero + o.nonZero);
        }

        /** A result with nothing checked. */
        public static Result empty() {
            return new Result(0, -1, 0, 0, 0, 0);
        }
    }

    /** |a - n| / max(1e-8, |a| + |n|). */
    public static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    }

    /** Central difference of {@code f} along coordinate {@code i}; {@code theta} is restored. */
    public static double centralDifference(Objective f, double[] theta, int i, double relStep) {
        double orig = theta[i];
        double h = relStep * Math.max(1.0, Math.abs(orig));
        // make h exactly representable as a difference, so 2h is the true step
        double hp = (orig + h) - orig;
        double hm = orig - (orig - h);
        theta[i] = orig + h;
        double fp = f.value(theta);
        theta[i] = orig - h;
        double fm = f.value(theta);
        theta[i] = orig;
        return (fp - fm) / (hp + hm);
    }

    /**
     * Fourth-order central difference along coordinate {@code i}:
     * (8 (f(+h) - f(-h)) - (f(+2h) - f(-2h))) / (12 h); {@code theta} is restored.
     */
    public static double fivePointDifference(Objective f, double[] theta, int i, double relStep) {
        double orig = theta[i];
        double h = relStep * Math.max(1.0, Math.abs(orig));
        theta[i] = orig + h;
        double f1 = f.value(theta);
        theta[i] = orig - h;
        double fm1 = f.value(theta);
        theta[i] = orig + 2 * h;
        double f2 = f.value(theta);
        theta[i] = orig - 2 * h;
        double fm2 = f.value(theta);
        theta[i] = orig;
        return (8 * (f1 - fm1) - (f2 - fm2)) / (12 * h);
    }
}
