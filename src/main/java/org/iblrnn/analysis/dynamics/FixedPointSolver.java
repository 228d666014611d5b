package org.iblrnn.analysis.dynamics;

/**
 * Levenberg-Marquardt minimisation of q(h) = 0.5 ||r(h)||^2 with r(h) = F(h) - h and the analytic
 * residual Jacobian J_r = dF/dh - I (for the tanh RNN diag(1 - F(h)^2) W_hh - I; see
 * {@link FixedPointSystem} for the other cells) (Madsen, Nielsen and Tingleff, "Methods for
 * non-linear least squares problems", 2004, algorithm 3.16, with Nielsen's damping update).
 *
 * <p>Each trial step solves (J_r^T J_r + mu I) d = -J_r^T r by Cholesky; the gain ratio
 * rho = (q(h) - q(h + d)) / (0.5 d^T (mu d - J_r^T r)) accepts the step if rho &gt; 0 and then
 * scales mu by max(1/3, 1 - (2 rho - 1)^3), otherwise multiplies mu by nu and doubles nu. The
 * initial mu is 1e-3 max diag(J_r^T J_r). Stopping rules are those of {@link FixedPointConfig}.
 *
 * <p>One instance holds the work arrays of one thread; {@link #solve} may be called repeatedly.
 */
final class FixedPointSolver {
    /** Initial damping relative to the largest diagonal entry of J_r^T J_r. */
    private static final double TAU = 1e-3;

    private final FixedPointSystem sys;
    private final double tolQ;
    private final double tolStep;
    private final int maxIterations;
    private final int n;
    private final double[] f;
    private final double[] r;
    private final double[] fNew;
    private final double[] hNew;
    private final double[] g;
    private final double[] d;
    private final double[][] jr;
    private final double[][] a;
    private final double[][] chol;

    /** The outcome of one start. */
    record Result(double[] h, double q, int iterations, FixedPoints.Outcome outcome) {
    }

    FixedPointSolver(FixedPointSystem sys, FixedPointConfig cfg) {
        this.sys = sys;
        this.tolQ = cfg.tolQ();
        this.tolStep = cfg.tolStep();
        this.maxIterations = cfg.maxIterations();
        this.n = sys.n;
        this.f = new double[n];
        this.r = new double[n];
        this.fNew = new double[n];
        this.hNew = new double[n];
        this.g = new double[n];
        this.d = new double[n];
        this.jr = new double[n][n];
        this.a = new double[n][n];
        this.chol = new double[n][n];
    }

    /** Minimises q from {@code start} (not modified). */
    Result solve(double[] start) {
        double[] h = start.clone();
        double q = residual(h, f, r);
        if (!Double.isFinite(q)) {
            return new Result(h, q, 0, FixedPoints.Outcome.NON_FINITE);
        }
        double mu = -1;
        double nu = 2;
        int it = 0;
        while (true) {
            if (q <= tolQ) {
                return new Result(h, q, it, FixedPoints.Outcome.CONVERGED);
            }
            if (it >= maxIterations) {
                return new Result(h, q, it, FixedPoints.Outcome.MAX_ITERATIONS);
            }
            normalEquations(h);
            if (mu < 0) {
                double maxDiag = 0;
                for (int i = 0; i < n; i++) {
                    maxDiag = Math.max(maxDiag, a[i][i]);
                }
                mu = TAU * (maxDiag > 0 ? maxDiag : 1.0);
            }
            double hNorm = norm(h);
            boolean accepted = false;
            while (!accepted) {
                it++;
                boolean solved = solveDamped(mu);
                if (solved) {
                    double dNorm = norm(d);
                    if (dNorm <= tolStep * (hNorm + tolStep)) {
                        return new Result(h, q, it, FixedPoints.Outcome.STALLED);
                    }
                    for (int i = 0; i < n; i++) {
                        hNew[i] = h[i] + d[i];
                    }
                    double qNew = trialQ(hNew);
                    double predicted = 0;
                    for (int i = 0; i < n; i++) {
                        predicted += d[i] * (mu * d[i] - g[i]);
                    }
                    predicted *= 0.5;
                    double rho = (q - qNew) / predicted;
                    if (Double.isFinite(qNew) && predicted > 0 && rho > 0) {
                        System.arraycopy(hNew, 0, h, 0, n);
                        q = residual(h, f, r);
                        double t = 2 * rho - 1;
                        mu *= Math.max(1.0 / 3.0, 1 - t * t * t);
                        nu = 2;
                        accepted = true;
                        continue;
                    }
                }
                mu *= nu;
                nu *= 2;
                if (!Double.isFinite(mu)) {
                    return new Result(h, q, it, FixedPoints.Outcome.STALLED);
                }
                if (it >= maxIterations) {
                    return new Result(h, q, it, FixedPoints.Outcome.MAX_ITERATIONS);
                }
            }
        }
    }

    /** Writes F(h) into fOut and r = F(h) - h into rOut; returns q. */
    private double residual(double[] h, double[] fOut, double[] rOut) {
        sys.stepInto(h, fOut);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = fOut[i] - h[i];
            rOut[i] = e;
            s += e * e;
        }
        return 0.5 * s;
    }

    private double trialQ(double[] h) {
        sys.stepInto(h, fNew);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = fNew[i] - h[i];
            s += e * e;
        }
        return 0.5 * s;
    }

    /** jr = dF/dh - I, a = jr^T jr, g = jr^T r at the current point h (with f = F(h), r = f - h). */
    private void normalEquations(double[] h) {
        sys.jacobianInto(h, f, jr);
        for (int i = 0; i < n; i++) {
            jr[i][i] -= 1.0;
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += jr[k][i] * r[k];
            }
            g[i] = s;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += jr[k][i] * jr[k][j];
                }
                a[i][j] = s;
                a[j][i] = s;
            }
        }
    }

    /** Solves (a + mu I) d = -g by Cholesky; false if the matrix is not numerically SPD. */
    private boolean solveDamped(double mu) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] + (i == j ? mu : 0.0);
                for (int k = 0; k < j; k++) {
                    s -= chol[i][k] * chol[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return false;
                    }
                    chol[i][i] = Math.sqrt(s);
                } else {
                    chol[i][j] = s / chol[j][j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double s = -g[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i][k] * d[k];
            }
            d[i] = s / chol[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = d[i];
            for (int k = i + 1; k < n; k++) {
                s -= chol[k][i] * d[k];
            }
            d[i] = s / chol[i][i];
        }
        return true;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
