package org.iblrnn.analysis.distill;

import java.util.random.RandomGenerator;

import org.iblrnn.math.Linalg;

/**
 * Representation and Dynamics Distillation (RADD; paper section 3.3.2, reference-spec section 6):
 * fit a small tanh RNN
 * <pre>
 *   z'_t = tanh(A z'_{t-1} + B o_t + c),   t = 1..T-1
 * </pre>
 * to targets z_t (a projection of the network's hidden states, shape [T][M]) driven by the
 * network's inputs o_t = (oL_t, oR_t, r_{t-1}) (shape [T][3]; o_0 is not used).
 *
 * <p><b>Normalisation.</b> tanh units cannot reach |z| &gt;= 1, so each coordinate is divided by
 * a scale s (see {@link RaddConfig.Normalisation}; default s_m = 1.1 x max_t |z_{t,m}| over all
 * T rows, as the reference code, which uses one shared scale with factor 1.01). The model is
 * fitted to z_hat = z / s and its parameters are in those units.
 *
 * <p><b>Gradient descent ({@link #fit}, the paper's definition).</b> Loss: the L2 trajectory
 * loss sum_t ||z_hat_t - z'_t||^2 from z'_0 = z_hat_0, backpropagated through time. Long sessions
 * (T ~ 160k) are cut into consecutive windows of W steps over the training rows; each window
 * restarts from the <i>true</i> state z_hat_s at its first row s (teacher-forced restart) and
 * runs free for the next min(W, end - 1 - s) steps, with the full trajectory loss inside the window
 * and BPTT confined to it. With W &gt;= T this is exactly the paper's untruncated loss. The
 * reported loss is the mean over window steps and coordinates. Optimiser: full-batch Adam (one
 * step per pass over all windows), initial parameters N(0, initScale^2) from the caller's
 * generator, its learning rate halved whenever the loss rose over a check interval
 * ({@link RaddConfig#plateauDecay()}), stopped by {@link RaddConfig#relativeTolerance()} or the
 * iteration cap; divergence is returned as data (see {@code RaddMath.minimise}).
 *
 * <p>Convergence on the paper network (50 units, 1000-block session, T = 159,340, M = 2): at the
 * constant rate 0.01 Adam reaches the minimum in ~500 iterations and then oscillates around it
 * (the loss rises and falls by 1e-6..1e-3 relative per 100 iterations), so the fit used to stop
 * at the 5000-iteration cap (131 s, loss 0.0105250); with the plateau schedule it converges at
 * 900 iterations (~20 s, loss 0.01050532, within 1e-7 of the minimum 0.01050532391 that a
 * 1e-10 tolerance reaches at 1300 iterations).
 *
 * <p><b>Least squares ({@link #fitLeastSquares}, the reference code's fit, spec 6.3).</b> One-step,
 * teacher-forced, linear least squares in artanh space with an intercept: for every training row
 * t &gt;= 1, artanh(z_hat_t) = A z_hat_{t-1} + B o_t + c, solved per output coordinate with
 * {@link Linalg#leastSquares}. Deviations from the reference code: the first 1 - heldOutFraction
 * of the rows (not a random 67%) are fitted, and no zero row is prepended.
 */
public final class Radd {
    private Radd() {
    }

    /**
     * Normalisation scales of the targets.
     *
     * @param z      targets, shape [T][M], finite
     * @param mode   normalisation mode
     * @param factor s = factor x max |z| (ignored for NONE)
     * @return scales s, shape [M]; a coordinate that is identically 0 gets s = 1
     */
    public static double[] scales(double[][] z, RaddConfig.Normalisation mode, double factor) {
        int m = z[0].length;
        double[] s = new double[m];
        double all = 0;
        for (int j = 0; j < m; j++) {
            double mx = 0;
            for (double[] row : z) {
                mx = Math.max(mx, Math.abs(row[j]));
            }
            s[j] = mx;
            all = Math.max(all, mx);
        }
        for (int j = 0; j < m; j++) {
            double v = switch (mode) {
                case PER_COORDINATE -> factor * s[j];
                case SHARED -> factor * all;
                case NONE -> 1.0;
            };
            s[j] = v > 0 ? v : 1.0;
        }
        return s;
    }

    /**
     * RADD by gradient descent on the windowed trajectory loss (class javadoc).
     *
     * @param z      targets, shape [T][M], T &gt;= 2, finite; not modified
     * @param o      inputs, shape [T][I] (I = 3 for the task), finite; not modified
     * @param config fit settings
     * @param rng    source of the initial parameters (advanced, not stored)
     */
    public static RaddResult fit(double[][] z, double[][] o, RaddConfig config, RandomGenerator rng) {
        int m = checkData(z, o);
        int in = o[0].length;
        int trainSteps = trainSteps(z.length, config);
        double[] s = scales(z, config.normalisation(), config.normalisationFactor());
        double[][] zHat = normalise(z, s);
        int p = RaddModel.parameterCount(m, in);
        double[] theta0 = new double[p];
        int biasFrom = m * m + m * in;
        for (int i = 0; i < p; i++) {
            theta0[i] = (i >= biasFrom && !config.useBias()) ? 0.0 : config.initScale() * rng.nextGaussian();
        }
        boolean bias = config.useBias();
        RaddMath.Objective f = (theta, grad) -> {
            double l = trajectoryLoss(theta, m, zHat, o, trainSteps, config.windowSteps(), grad);
            if (!bias) {
                for (int i = biasFrom; i < p; i++) {
                    grad[i] = 0;
                }
            }
            return l;
        };
        RaddMath.Outcome out = RaddMath.minimise(f, theta0, config);
        if (!RaddMath.allFinite(out.theta())) {
            return new RaddResult("gradient-descent", null, s, trainSteps, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, out.initialLoss(), out.finalLoss(), out.iterations(), false, out.reason());
        }
        RaddModel model = RaddModel.fromVector(m, in, out.theta());
        return evaluate("gradient-descent", model, z, o, s, trainSteps, out.initialLoss(), out.finalLoss(),
                out.iterations(), out.converged(), out.reason());
    }

    /**
     * The reference code's fit: one-step teacher-forced least squares in artanh space (class
     * javadoc). Uses {@code normalisation}, {@code normalisationFactor}, {@code useBias} and
     * {@code heldOutFraction} of the config.
     *
     * @param z targets, shape [T][M], T &gt;= 2, finite; not modified
     * @param o inputs, shape [T][I], finite; not modified
     * @return converged = false (model null) if a normalised training target has |z_hat| &gt;= 1
     *         or the design matrix is rank deficient
     */
    public static RaddResult fitLeastSquares(double[][] z, double[][] o, RaddConfig config) {
        int m = checkData(z, o);
        int in = o[0].length;
        int trainSteps = trainSteps(z.length, config);
        double[] s = scales(z, config.normalisation(), config.normalisationFactor());
        double[][] zHat = normalise(z, s);
        int rows = trainSteps - 1;
        int cols = m + in + (config.useBias() ? 1 : 0);
        if (rows < cols) {
            return failedLs(s, trainSteps, "need at least " + cols + " training rows, got " + rows);
        }
        for (int t = 0; t < trainSteps; t++) {
            for (int j = 0; j < m; j++) {
                if (!(Math.abs(zHat[t][j]) < 1)) {
                    return failedLs(s, trainSteps, "normalised target |z_hat[" + t + "][" + j + "]| = "
                            + Math.abs(zHat[t][j]) + " is not below 1, artanh undefined");
                }
            }
        }
        double[][] x = new double[rows][cols];
        double[][] y = new double[m][rows];
        for (int t = 1; t < trainSteps; t++) {
            double[] row = x[t - 1];
            System.arraycopy(zHat[t - 1], 0, row, 0, m);
            System.arraycopy(o[t], 0, row, m, in);
            if (config.useBias()) {
                row[cols - 1] = 1.0;
            }
            for (int j = 0; j < m; j++) {
                y[j][t - 1] = atanh(zHat[t][j]);
            }
        }
        double[][] a = new double[m][m];
        double[][] b = new double[m][in];
        double[] c = new double[m];
        double sse = 0;
        for (int j = 0; j < m; j++) {
            Linalg.Solution sol = Linalg.leastSquares(x, y[j]);
            if (!sol.solved()) {
                return failedLs(s, trainSteps, "least squares for coordinate " + j + " failed: " + sol.reason());
            }
            double[] w = sol.x();
            System.arraycopy(w, 0, a[j], 0, m);
            System.arraycopy(w, m, b[j], 0, in);
            c[j] = config.useBias() ? w[cols - 1] : 0.0;
            for (int r = 0; r < rows; r++) {
                double pred = 0;
                for (int k = 0; k < cols; k++) {
                    pred += x[r][k] * w[k];
                }
                double e = y[j][r] - pred;
                sse += e * e;
            }
        }
        RaddModel model = new RaddModel(a, b, c);
        return evaluate("least-squares", model, z, o, s, trainSteps, Double.NaN, sse / ((double) rows * m), 0,
                true, "solved");
    }

    /**
     * The windowed trajectory loss and its gradient (class javadoc), on normalised targets.
     *
     * @param theta       parameters in the {@link RaddModel} layout, length M*M + M*I + M; not
     *                    modified
     * @param m           number of units M
     * @param zHat        normalised targets, shape [T][M]
     * @param o           inputs, shape [T][I]
     * @param end         rows [0, end) are used (windows never cross end)
     * @param windowSteps window length W &gt;= 1
     * @param grad        output dLoss/dtheta, same length as theta (overwritten)
     * @return mean squared error over window steps and coordinates
     */
    public static double trajectoryLoss(double[] theta, int m, double[][] zHat, double[][] o, int end,
                                        int windowSteps, double[] grad) {
        int in = o[0].length;
        if (theta.length != RaddModel.parameterCount(m, in) || grad.length != theta.length) {
            throw new IllegalArgumentException("theta and grad must have length " + RaddModel.parameterCount(m, in)
                    + ", got " + theta.length + " and " + grad.length);
        }
        if (end < 2 || end > zHat.length || end > o.length) {
            throw new IllegalArgumentException("end must be in [2, " + Math.min(zHat.length, o.length) + "], got "
                    + end);
        }
        if (windowSteps < 1) {
            throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
        }
        java.util.Arrays.fill(grad, 0.0);
        int offB = m * m;
        int offC = offB + m * in;
        int w = Math.min(windowSteps, end - 1);
        double[] y = new double[(w + 1) * m];
        double[] ga = new double[m];
        double[] gaNext = new double[m];
        double loss = 0;
        long count = 0;
        for (int s = 0; s < end - 1; s += windowSteps) {
            int len = Math.min(windowSteps, end - 1 - s);
            System.arraycopy(zHat[s], 0, y, 0, m);
            for (int k = 1; k <= len; k++) {
                double[] ot = o[s + k];
                double[] target = zHat[s + k];
                int prev = (k - 1) * m;
                int cur = k * m;
                for (int i = 0; i < m; i++) {
                    double acc = theta[offC + i];
                    for (int j = 0; j < m; j++) {
                        acc += theta[i * m + j] * y[prev + j];
                    }
                    for (int j = 0; j < in; j++) {
                        acc += theta[offB + i * in + j] * ot[j];
                    }
                    double v = Math.tanh(acc);
                    y[cur + i] = v;
                    double e = v - target[i];
                    loss += e * e;
                }
            }
            count += len;
            java.util.Arrays.fill(gaNext, 0.0);
            for (int k = len; k >= 1; k--) {
                double[] ot = o[s + k];
                double[] target = zHat[s + k];
                int prev = (k - 1) * m;
                int cur = k * m;
                for (int i = 0; i < m; i++) {
                    double gy = 2 * (y[cur + i] - target[i]);
                    for (int r = 0; r < m; r++) {
                        gy += theta[r * m + i] * gaNext[r];
                    }
                    double v = y[cur + i];
                    ga[i] = gy * (1 - v * v);
                }
                for (int i = 0; i < m; i++) {
                    double g = ga[i];
                    for (int j = 0; j < m; j++) {
                        grad[i * m + j] += g * y[prev + j];
                    }
                    for (int j = 0; j < in; j++) {
                        grad[offB + i * in + j] += g * ot[j];
                    }
                    grad[offC + i] += g;
                }
                System.arraycopy(ga, 0, gaNext, 0, m);
            }
        }
        double norm = 1.0 / ((double) count * m);
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= norm;
        }
        return loss * norm;
    }

    /**
     * Divides each coordinate by its scale.
     *
     * @param z targets, shape [T][M]
     * @param s scales, shape [M]
     * @return z / s, shape [T][M]
     */
    public static double[][] normalise(double[][] z, double[] s) {
        double[][] out = new double[z.length][];
        for (int t = 0; t < z.length; t++) {
            org.iblrnn.math.Checks.length(z[t], s.length, "z[" + t + "]");
            out[t] = new double[s.length];
            for (int j = 0; j < s.length; j++) {
                out[t][j] = z[t][j] / s[j];
            }
        }
        return out;
    }

    private static RaddResult evaluate(String method, RaddModel model, double[][] z, double[][] o, double[] s,
                                       int trainSteps, double initialLoss, double finalLoss, int iterations,
                                       boolean converged, String reason) {
        int t = z.length;
        int m = s.length;
        double[][] zHat = normalise(z, s);
        double[][] oneStep = new double[t][];
        oneStep[0] = z[0].clone();
        for (int i = 1; i < t; i++) {
            oneStep[i] = scaleBack(model.step(zHat[i - 1], o[i]), s);
        }
        double[][] free = new double[t][m];
        double[] state = zHat[0].clone();
        free[0] = z[0].clone();
        for (int i = 1; i < t; i++) {
            if (i == trainSteps) {
                state = zHat[trainSteps - 1].clone();
            }
            state = model.step(state, o[i]);
            free[i] = scaleBack(state, s);
        }
        return new RaddResult(method, model, s, trainSteps, RaddMath.r2(z, oneStep, 1, trainSteps),
                RaddMath.r2(z, oneStep, trainSteps, t), RaddMath.r2(z, free, 1, trainSteps),
                RaddMath.r2(z, free, trainSteps, t), initialLoss, finalLoss, iterations, converged, reason);
    }

    private static double[] scaleBack(double[] v, double[] s) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * s[j];
        }
        return out;
    }

    private static RaddResult failedLs(double[] s, int trainSteps, String reason) {
        double nan = Double.NaN;
        return new RaddResult("least-squares", null, s, trainSteps, nan, nan, nan, nan, nan, nan, 0, false, reason);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    static int trainSteps(int t, RaddConfig config) {
        int n = (int) Math.round((1 - config.heldOutFraction()) * t);
        if (n < 2) {
            throw new IllegalArgumentException("training part must have at least 2 steps, got " + n + " of " + t
                    + " (heldOutFraction " + config.heldOutFraction() + ")");
        }
        return n;
    }

    private static int checkData(double[][] z, double[][] o) {
        if (z == null || o == null) {
            throw new IllegalArgumentException("z and o must be non-null");
        }
        if (z.length < 2) {
            throw new IllegalArgumentException("z must have at least 2 rows, got " + z.length);
        }
        if (o.length != z.length) {
            throw new IllegalArgumentException("o must have " + z.length + " rows like z, got " + o.length);
        }
        int m = z[0].length;
        int in = o[0].length;
        if (m < 1 || in < 1) {
            throw new IllegalArgumentException("z and o must have at least one column, got " + m + " and " + in);
        }
        for (int t = 0; t < z.length; t++) {
            if (z[t].length != m || o[t].length != in) {
                throw new IllegalArgumentException("z must have shape [" + z.length + "][" + m + "] and o ["
                        + o.length + "][" + in + "], got rows of length " + z[t].length + " and " + o[t].length
                        + " at index " + t);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(z[t][j])) {
                    throw new IllegalArgumentException("z must be finite, got " + z[t][j] + " at [" + t + "][" + j
                            + "]");
                }
            }
            for (int j = 0; j < in; j++) {
                if (!Double.isFinite(o[t][j])) {
                    throw new IllegalArgumentException("o must be finite, got " + o[t][j] + " at [" + t + "][" + j
                            + "]");
                }
            }
        }
        return m;
    }
}
