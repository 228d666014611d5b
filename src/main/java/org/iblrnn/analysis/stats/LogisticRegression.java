package org.iblrnn.analysis.stats;

import java.util.stream.IntStream;

import org.iblrnn.math.Arrays2;
import org.iblrnn.math.Checks;
import org.iblrnn.math.Linalg;

/**
 * Binary logistic regression with an optional unpenalised intercept and an L2 penalty on the
 * coefficients, fitted by damped Newton's method (iteratively reweighted least squares).
 *
 * <p>Model: P(y = 1 | x) = sigma(b0 + w . x) with sigma(z) = 1 / (1 + e^-z). Objective (the
 * penalised negative log-likelihood, summed over rows, not averaged):
 * <pre>
 *   f(b0, w) = sum_t [ log(1 + e^{z_t}) - y_t z_t ] + (lambda / 2) ||w||^2,   z_t = b0 + w . x_t
 * </pre>
 * so lambda = 1 / C in sklearn's parametrisation. With {@code lambda = 0} and no intercept it is
 * the reference code's statsmodels {@code Logit} fit (spec section 5.3).
 *
 * <p>Each iteration solves H d = g by Cholesky (H = X^T diag(p(1 - p)) X + lambda I', g the
 * gradient, I' the identity without the intercept entry) and takes the step -s d with s halved
 * from 1 until f decreases (Armijo, constant 1e-4, with a 1e-12 (1 + |f|) allowance for the
 * rounding of f, without which the last quadratic steps would be rejected). Convergence: the full Newton step satisfies
 * max |d_i| &lt;= tolerance * max(1, max |beta_i|). Separable data with lambda = 0 has no finite
 * optimum; such fits end with {@code converged == false} and a reason, never an exception.
 *
 * <p>Sums over rows run in parallel over fixed chunks of rows and are added in chunk order: the
 * result is bit-identical whatever the number of threads.
 *
 * <p>Standard errors are sqrt(diag(H^-1)) at the optimum (for lambda = 0 the usual asymptotic
 * maximum-likelihood standard errors).
 */
public final class LogisticRegression {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;
    /** Rows per parallel work unit; fixed, so sums do not depend on the thread count. */
    private static final int CHUNK = 4096;
    /** Relative rounding allowance of the objective in the Armijo test (~5000 ulps). */
    private static final double ROUNDING_SLACK = 1e-12;

    private LogisticRegression() {
    }

    /**
     * Fit settings.
     *
     * @param lambda        L2 penalty on the coefficients (not the intercept), &gt;= 0, in units of
     *                      the summed log-likelihood
     * @param intercept     whether to fit an intercept
     * @param maxIterations Newton iterations allowed, &gt;= 1
     * @param tolerance     relative step tolerance, &gt; 0
     */
    public record Config(double lambda, boolean intercept, int maxIterations, double tolerance) {
        public Config {
            Checks.nonNegative(lambda, "lambda");
            Checks.positive(maxIterations, "maxIterations");
            Checks.positive(tolerance, "tolerance");
        }

        /** lambda = 0, intercept, 100 iterations, tolerance 1e-9. */
        public static Config defaults() {
            return new Config(0.0, true, 100, 1e-9);
        }

        public Config withLambda(double l) {
            return new Config(l, intercept, maxIterations, tolerance);
        }

        public Config withIntercept(boolean i) {
            return new Config(lambda, i, maxIterations, tolerance);
        }

        public Config withMaxIterations(int m) {
            return new Config(lambda, intercept, m, tolerance);
        }

        public Config withTolerance(double t) {
            return new Config(lambda, intercept, maxIterations, t);
        }
    }

    /**
     * A fitted model. When {@code converged} is false the coefficients are the last iterate (still
     * finite) and the standard errors are NaN.
     *
     * @param intercept              b0 (0 when fitted without intercept)
     * @param coefficients           w, length N: the readout direction in data space
     * @param interceptStandardError SE of b0 (0 when fitted without intercept)
     * @param standardErrors         SE of each coefficient, length N
     * @param hasIntercept           whether b0 was fitted
     * @param lambda                 the L2 penalty used
     * @param objective              the penalised negative log-likelihood at the returned point
     * @param rows                   number of rows fitted
     * @param iterations             Newton iterations performed
     * @param converged              whether the step tolerance was met
     * @param reason                 why not converged, or ""
     */
    public record Fit(double intercept, double[] coefficients, double interceptStandardError,
                      double[] standardErrors, boolean hasIntercept, double lambda, double objective, int rows,
                      int iterations, boolean converged, String reason) {
        public Fit {
            coefficients = coefficients.clone();
            standardErrors = standardErrors.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public double[] standardErrors() {
            return standardErrors.clone();
        }

        /** Linear predictor b0 + w . x. @param x a row, length N */
        public double logit(double[] x) {
            Arrays2.requireLength(x, coefficients.length, "x");
            return intercept + Arrays2.dot(coefficients, x);
        }

        /** P(y = 1 | x). @param x a row, length N */
        public double predictProbability(double[] x) {
            return sigmoid(logit(x));
        }

        /** P(y = 1 | x) for every row. @param x rows, shape [T][N] @return length T */
        public double[] predictProbabilities(double[][] x) {
            double[] p = new double[x.length];
            for (int t = 0; t < x.length; t++) {
                p[t] = predictProbability(x[t]);
            }
            return p;
        }

        /**
         * Fraction of rows whose rounded probability equals the label (the reference's metric;
         * p = 0.5 exactly counts as a prediction of 0, as numpy rounds half to even).
         *
         * @param x rows, shape [T][N], T &gt;= 1
         * @param y labels in {0, 1}, length T
         */
        public double accuracy(double[][] x, int[] y) {
            checkLabels(y, x.length);
            if (x.length == 0) {
                throw new IllegalArgumentException("x must have at least 1 row, got 0");
            }
            int hits = 0;
            for (int t = 0; t < x.length; t++) {
                int pred = logit(x[t]) > 0 ? 1 : 0;
                if (pred == y[t]) {
                    hits++;
                }
            }
            return (double) hits / x.length;
        }
    }

    /**
     * Fits the model.
     *
     * @param x      rows, shape [T][N], T &gt;= 1, finite
     * @param y      labels in {0, 1}, length T
     * @param config settings
     */
    public static Fit fit(double[][] x, int[] y, Config config) {
        return fit(x, y, config, null);
    }

    /**
     * Fits the model from a starting point (warm start along a regularisation path).
     *
     * @param start (b0, w) of length N + 1 with an intercept, w of length N without; null for 0
     */
    static Fit fit(double[][] x, int[] y, Config config, double[] start) {
        int n = Arrays2.requireMatrix(x, "x");
        if (x.length == 0) {
            throw new IllegalArgumentException("x must have at least 1 row, got 0");
        }
        checkLabels(y, x.length);
        int off = config.intercept() ? 1 : 0;
        int p = n + off;
        double[] beta = new double[p];
        if (start != null) {
            Arrays2.requireLength(start, p, "start");
            beta = start.clone();
        }
        double lambda = config.lambda();
        double[] grad = new double[p];
        double[] hess = new double[p * p];
        double f = objective(x, y, beta, lambda, off);
        int it = 0;
        boolean converged = false;
        String reason = "";
        while (it < config.maxIterations()) {
            it++;
            derivatives(x, y, beta, lambda, off, grad, hess);
            double[][] h = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    h[a][b] = hess[a * p + b];
                    h[b][a] = h[a][b];
                }
            }
            Linalg.Solution sol = Linalg.choleskySolve(h, grad);
            if (!sol.solved()) {
                reason = "Hessian not positive definite at iteration " + it
                        + " (separable or collinear data with lambda = 0?)";
                break;
            }
            double[] d = sol.x();
            double maxStep = 0;
            double maxBeta = 1;
            for (int i = 0; i < p; i++) {
                maxStep = Math.max(maxStep, Math.abs(d[i]));
                maxBeta = Math.max(maxBeta, Math.abs(beta[i]));
            }
            double slope = Arrays2.dot(grad, d);
            // near the optimum the predicted decrease (slope / 2) falls below the rounding of f;
            // a slack of that size keeps the full, quadratically convergent Newton step
            double slack = ROUNDING_SLACK * (1 + Math.abs(f));
            double s = 1;
            double[] next = new double[p];
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k <= MAX_HALVINGS; k++) {
                for (int i = 0; i < p; i++) {
                    next[i] = beta[i] - s * d[i];
                }
                fNext = objective(x, y, next, lambda, off);
                if (fNext <= f - ARMIJO * s * slope + slack) {
                    accepted = true;
                    break;
                }
                s *= 0.5;
            }
            boolean small = maxStep <= config.tolerance() * maxBeta;
            if (accepted) {
                beta = next;
                f = fNext;
            }
            if (small) {
                converged = true;
                break;
            }
            if (!accepted) {
                reason = "line search failed at iteration " + it + " (step " + maxStep + ")";
                break;
            }
        }
        if (!converged && reason.isEmpty()) {
            reason = "no convergence in " + config.maxIterations()
                    + " iterations (separable data with lambda = 0 has no finite optimum)";
        }
        double b0SE = 0;
        double[] se = new double[n];
        if (converged) {
            derivatives(x, y, beta, lambda, off, grad, hess);
            double[][] h = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    h[a][b] = hess[a * p + b];
                    h[b][a] = h[a][b];
                }
            }
            Linalg.Inverse inv = Linalg.invert(h);
            double[][] hi = inv.invertible() ? inv.inverse() : null;
            for (int i = 0; i < p; i++) {
                double v = hi == null ? Double.NaN : Math.sqrt(Math.max(0, hi[i][i]));
                if (i < off) {
                    b0SE = v;
                } else {
                    se[i - off] = v;
                }
            }
        } else {
            java.util.Arrays.fill(se, Double.NaN);
            b0SE = off == 1 ? Double.NaN : 0;
        }
        double[] w = new double[n];
        System.arraycopy(beta, off, w, 0, n);
        return new Fit(off == 1 ? beta[0] : 0.0, w, b0SE, se, off == 1, lambda, f, x.length, it, converged, reason);
    }

    /** Start vector (b0, w) or w of a fit, for warm starts. */
    static double[] parameters(Fit fit) {
        double[] w = fit.coefficients();
        if (!fit.hasIntercept()) {
            return w;
        }
        double[] out = new double[w.length + 1];
        out[0] = fit.intercept();
        System.arraycopy(w, 0, out, 1, w.length);
        return out;
    }

    private static double objective(double[][] x, int[] y, double[] beta, double lambda, int off) {
        int chunks = chunkCount(x.length);
        double[] part = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double f = 0;
            int end = Math.min(x.length, (c + 1) * CHUNK);
            for (int t = c * CHUNK; t < end; t++) {
                double z = eta(x[t], beta, off);
                // log(1 + e^z) - y z, computed without overflow
                f += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[t] * z;
            }
            part[c] = f;
        });
        double f = 0;
        for (double v : part) {
            f += v;
        }
        double pen = 0;
        for (int i = off; i < beta.length; i++) {
            pen += beta[i] * beta[i];
        }
        return f + 0.5 * lambda * pen;
    }

    /**
     * Gradient and upper triangle of the Hessian (row-major, p x p) at beta. Rows are split into
     * fixed chunks of {@value #CHUNK}, summed in parallel and then added in chunk order, so the
     * result does not depend on the number of threads.
     */
    private static void derivatives(double[][] x, int[] y, double[] beta, double lambda, int off, double[] grad,
                                    double[] hess) {
        int p = beta.length;
        int chunks = chunkCount(x.length);
        double[][] partGrad = new double[chunks][];
        double[][] partHess = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] g = new double[p];
            double[] h = new double[p * p];
            // four rows per pass over the Hessian: a quarter of the load/store traffic on h
            double[][] rows = new double[4][p];
            double[] wr = new double[4];
            int end = Math.min(x.length, (c + 1) * CHUNK);
            for (int t0 = c * CHUNK; t0 < end; t0 += 4) {
                int m = Math.min(4, end - t0);
                for (int i = 0; i < 4; i++) {
                    double[] row = rows[i];
                    if (i >= m) {
                        java.util.Arrays.fill(row, 0);
                        wr[i] = 0;
                        continue;
                    }
                    int t = t0 + i;
                    if (off == 1) {
                        row[0] = 1;
                    }
                    System.arraycopy(x[t], 0, row, off, p - off);
                    double mu = sigmoid(eta(x[t], beta, off));
                    double r = mu - y[t];
                    wr[i] = mu * (1 - mu);
                    for (int a = 0; a < p; a++) {
                        g[a] += r * row[a];
                    }
                }
                double[] r0 = rows[0];
                double[] r1 = rows[1];
                double[] r2 = rows[2];
                double[] r3 = rows[3];
                for (int a = 0; a < p; a++) {
                    double w0 = wr[0] * r0[a];
                    double w1 = wr[1] * r1[a];
                    double w2 = wr[2] * r2[a];
                    double w3 = wr[3] * r3[a];
                    int base = a * p;
                    for (int b = a; b < p; b++) {
                        h[base + b] += w0 * r0[b] + w1 * r1[b] + w2 * r2[b] + w3 * r3[b];
                    }
                }
            }
            partGrad[c] = g;
            partHess[c] = h;
        });
        java.util.Arrays.fill(grad, 0);
        java.util.Arrays.fill(hess, 0);
        for (int c = 0; c < chunks; c++) {
            for (int a = 0; a < p; a++) {
                grad[a] += partGrad[c][a];
            }
            double[] h = partHess[c];
            for (int k = 0; k < h.length; k++) {
                hess[k] += h[k];
            }
        }
        for (int i = off; i < p; i++) {
            grad[i] += lambda * beta[i];
            hess[i * p + i] += lambda;
        }
    }

    private static int chunkCount(int rows) {
        return Math.max(1, (rows + CHUNK - 1) / CHUNK);
    }

    private static double eta(double[] xt, double[] beta, int off) {
        double z = off == 1 ? beta[0] : 0;
        for (int j = 0; j < xt.length; j++) {
            z += beta[j + off] * xt[j];
        }
        return z;
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    static void checkLabels(int[] y, int rows) {
        if (y == null || y.length != rows) {
            throw new IllegalArgumentException("y must have length " + rows + ", got "
                    + (y == null ? "null" : y.length));
        }
        for (int t = 0; t < y.length; t++) {
            if (y[t] != 0 && y[t] != 1) {
                throw new IllegalArgumentException("y must contain only 0 and 1, got y[" + t + "] = " + y[t]);
            }
        }
    }
}
