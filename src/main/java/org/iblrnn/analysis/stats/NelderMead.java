package org.iblrnn.analysis.stats;

import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation (Lagarias et al. 1998 coefficients: reflection 1,
 * expansion 2, contraction 0.5, shrink 0.5). Deterministic: the same start gives the same path.
 */
public final class NelderMead {
    private NelderMead() {
    }

    /** Result: the best point, its value, iterations used and whether the tolerance was met. */
    public record Result(double[] x, double value, int iterations, boolean converged) {
    }

    /**
     * Minimises {@code f} from {@code start} with initial simplex steps {@code step}, until the
     * spread of function values over the simplex is below {@code tol} or {@code maxIter} is hit.
     * Non-finite function values are treated as +infinity.
     */
    public static Result minimise(ToDoubleFunction<double[]> f, double[] start, double[] step, double tol, int maxIter) {
        int n = start.length;
        double[][] s = new double[n + 1][];
        double[] fv = new double[n + 1];
        s[0] = start.clone();
        for (int i = 0; i < n; i++) {
            s[i + 1] = start.clone();
            s[i + 1][i] += step[i];
        }
        for (int i = 0; i <= n; i++) {
            fv[i] = eval(f, s[i]);
        }
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            // sort by value (insertion sort, stable)
            for (int i = 1; i <= n; i++) {
                double[] p = s[i];
                double v = fv[i];
                int j = i - 1;
                while (j >= 0 && fv[j] > v) {
                    s[j + 1] = s[j];
                    fv[j + 1] = fv[j];
                    j--;
                }
                s[j + 1] = p;
                fv[j + 1] = v;
            }
            if (Math.abs(fv[n] - fv[0]) <= tol * (Math.abs(fv[0]) + tol) && it > 0) {
                converged = true;
                break;
            }
            it++;
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c[j] += s[i][j] / n;
                }
            }
            double[] xr = along(c, s[n], -1.0);
            double fr = eval(f, xr);
            if (fr < fv[0]) {
                double[] xe = along(c, s[n], -2.0);
                double fe = eval(f, xe);
                if (fe < fr) {
                    s[n] = xe;
                    fv[n] = fe;
                } else {
                    s[n] = xr;
                    fv[n] = fr;
                }
            } else if (fr < fv[n - 1]) {
                s[n] = xr;
                fv[n] = fr;
            } else {
                boolean outside = fr < fv[n];
                double[] xc = outside ? along(c, s[n], -0.5) : along(c, s[n], 0.5);
                double fc = eval(f, xc);
                if (fc < (outside ? fr : fv[n])) {
                    s[n] = xc;
                    fv[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) {
                            s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
                        }
                        fv[i] = eval(f, s[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (fv[i] < fv[best]) {
                best = i;
            }
        }
        return new Result(s[best].clone(), fv[best], it, converged);
    }

    /** c + t (p - c). */
    private static double[] along(double[] c, double[] p, double t) {
        double[] x = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            x[i] = c[i] + t * (p[i] - c[i]);
        }
        return x;
    }

    private static double eval(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
