package org.iblrnn.analysis.choice;

/**
 * A small dense BFGS minimiser with an Armijo backtracking line search, for the few-parameter
 * smooth objectives of the choice models (at most a dozen parameters; the objective is a mean
 * negative log-likelihood per trial, so its gradient tolerance is per trial).
 *
 * <p>Deterministic: no randomness, a fixed sequence of floating-point operations.
 */
final class Bfgs {
    private Bfgs() {
    }

    /** An objective and its gradient. */
    interface Objective {
        /** Returns f(x) and writes its gradient into {@code grad}; may return +inf or NaN outside the domain. */
        double valueAndGradient(double[] x, double[] grad);
    }

    /** The minimiser's answer. */
    record Result(double[] x, double value, int iterations, boolean converged, String note) {
    }

    static final int MAX_ITERATIONS = 400;
    static final double GRADIENT_TOLERANCE = 3e-6;
    static final double VALUE_TOLERANCE = 1e-10;

    static Result minimise(Objective f, double[] start) {
        return minimise(f, start, MAX_ITERATIONS, GRADIENT_TOLERANCE);
    }

    static Result minimise(Objective f, double[] start, int maxIterations, double gradientTolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, 0, false, "objective not finite at the start");
        }
        double[][] h = identity(n);
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] hy = new double[n];
        int smallSteps = 0;
        for (int it = 1; it <= maxIterations; it++) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(x, fx, it - 1, true, "");
            }
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v -= h[i][j] * g[j];
                }
                d[i] = v;
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // not a descent direction (H lost positive definiteness): restart from steepest descent
                h = identity(n);
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d);
            }
            double step = 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                boolean flat = maxAbs(g) < 100 * gradientTolerance;
                return new Result(x, fx, it, flat, flat ? "" : "line search failed (gradient "
                        + String.format(java.util.Locale.ROOT, "%.2e", maxAbs(g)) + ")");
            }
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double change = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                update(h, s, y, sy, hy);
            }
            if (change <= VALUE_TOLERANCE * Math.max(1.0, Math.abs(fx))) {
                if (++smallSteps >= 2) {
                    return new Result(x, fx, it, true, maxAbs(g) < 100 * gradientTolerance ? ""
                            : "stopped on a flat objective");
                }
            } else {
                smallSteps = 0;
            }
        }
        return new Result(x, fx, maxIterations, maxAbs(g) < 100 * gradientTolerance,
                "iteration limit " + maxIterations + " reached");
    }

    /** H += ((sy + y'Hy) ss')/sy² - (Hys' + sy'H)/sy (the BFGS inverse-Hessian update). */
    private static void update(double[][] h, double[] s, double[] y, double sy, double[] hy) {
        int n = s.length;
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < n; j++) {
                v += h[i][j] * y[j];
            }
            hy[i] = v;
        }
        double yhy = dot(y, hy);
        double a = (sy + yhy) / (sy * sy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += a * s[i] * s[j] - (hy[i] * s[j] + s[i] * hy[j]) / sy;
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = 1;
        }
        return h;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
