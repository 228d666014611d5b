package org.iblrnn.analysis.distill;

import java.util.random.RandomGenerator;

/**
 * Traditional (output) distillation (reference-spec 6.8): a small tanh RNN with a two-way softmax
 * readout
 * <pre>
 *   h_t = tanh(A h_{t-1} + B o_t + c),  h_{-1} = 0,   p_t = softmax(W h_t + d)
 * </pre>
 * is fitted to the teacher's action probabilities q_t, teacher-forced on the teacher's inputs
 * o_t, by minimising the mean soft cross-entropy L = (1/T) sum_t -sum_a q_t(a) log p_t(a).
 *
 * <p>Windows: the sequence is cut into consecutive windows of W steps; the student's state is
 * carried from one window into the next (computed with the current parameters) but the gradient
 * is truncated at window boundaries (truncated BPTT), since there is no target state to restart
 * from. With W &gt;= T this is full BPTT, as in the reference code (one 4-block session per step).
 * Differences from the reference: full-batch Adam on one fixed teacher sequence instead of SGD on
 * freshly sampled sessions. Optimiser and stopping rules as {@link Radd#fit}.
 *
 * <p>Parameter vector layout: [A row-major (H*H), B row-major (H*I), c (H), W row-major (2*H),
 * d (2)].
 */
public final class Distillation {
    private Distillation() {
    }

    /** Length of the parameter vector for H hidden units and I inputs. */
    public static int parameterCount(int h, int in) {
        return RaddModel.parameterCount(h, in) + 2 * h + 2;
    }

    /**
     * Fits the student.
     *
     * @param o          teacher's inputs, shape [T][I] (I = 3), finite; not modified
     * @param q          teacher's probabilities (left, right), shape [T][2], rows on the simplex;
     *                   not modified
     * @param hiddenSize H &gt;= 1 (2 in the paper)
     * @param config     window length, Adam and stopping settings (normalisation fields unused;
     *                   useBias controls c and d)
     * @param rng        source of the initial parameters N(0, initScale^2)
     */
    public static DistillationResult fit(double[][] o, double[][] q, int hiddenSize, RaddConfig config,
                                         RandomGenerator rng) {
        check(o, q);
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
        }
        int in = o[0].length;
        int p = parameterCount(hiddenSize, in);
        int offC = hiddenSize * hiddenSize + hiddenSize * in;
        int offW = offC + hiddenSize;
        int offD = offW + 2 * hiddenSize;
        double[] theta0 = new double[p];
        for (int i = 0; i < p; i++) {
            boolean isBias = (i >= offC && i < offW) || i >= offD;
            theta0[i] = isBias && !config.useBias() ? 0.0 : config.initScale() * rng.nextGaussian();
        }
        boolean bias = config.useBias();
        RaddMath.Objective f = (theta, grad) -> {
            double l = loss(theta, hiddenSize, o, q, config.windowSteps(), grad);
            if (!bias) {
                for (int i = offC; i < offW; i++) {
                    grad[i] = 0;
                }
                grad[offD] = 0;
                grad[offD + 1] = 0;
            }
            return l;
        };
        RaddMath.Outcome out = RaddMath.minimise(f, theta0, config);
        double entropy = 0;
        for (double[] row : q) {
            for (double v : row) {
                entropy -= v > 0 ? v * Math.log(v) : 0.0;
            }
        }
        entropy /= q.length;
        double[] th = out.theta();
        if (!RaddMath.allFinite(th)) {
            return new DistillationResult(null, null, null, out.initialLoss(), out.finalLoss(), entropy,
                    out.iterations(), false, out.reason());
        }
        double[] rec = java.util.Arrays.copyOf(th, offW);
        double[][] w = new double[2][hiddenSize];
        for (int a = 0; a < 2; a++) {
            System.arraycopy(th, offW + a * hiddenSize, w[a], 0, hiddenSize);
        }
        return new DistillationResult(RaddModel.fromVector(hiddenSize, in, rec), w,
                new double[] {th[offD], th[offD + 1]}, out.initialLoss(), out.finalLoss(), entropy,
                out.iterations(), out.converged(), out.reason());
    }

    /**
     * Student probabilities teacher-forced on inputs o from h_{-1} = 0.
     *
     * @param theta parameters (class layout)
     * @param h     hidden size
     * @param o     inputs, shape [T][I]
     * @return probabilities (left, right), shape [T][2]
     */
    public static double[][] predict(double[] theta, int h, double[][] o) {
        double[][] q = new double[o.length][2];
        double[][] p = new double[o.length][];
        for (int t = 0; t < o.length; t++) {
            q[t][0] = 0.5;
            q[t][1] = 0.5;
        }
        double[] grad = new double[theta.length];
        forwardBackward(theta, h, o, q, Integer.MAX_VALUE, grad, p);
        return p;
    }

    /**
     * The mean soft cross-entropy and its (window-truncated) gradient.
     *
     * @param theta       parameters (class layout), not modified
     * @param h           hidden size H
     * @param o           inputs, shape [T][I]
     * @param q           teacher probabilities, shape [T][2]
     * @param windowSteps W &gt;= 1; W &gt;= T gives the exact gradient
     * @param grad        output dL/dtheta (overwritten)
     * @return L in nats per step
     */
    public static double loss(double[] theta, int h, double[][] o, double[][] q, int windowSteps, double[] grad) {
        if (windowSteps < 1) {
            throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
        }
        return forwardBackward(theta, h, o, q, windowSteps, grad, null);
    }

    private static double forwardBackward(double[] theta, int h, double[][] o, double[][] q, int windowSteps,
                                          double[] grad, double[][] probsOut) {
        int in = o[0].length;
        int t = o.length;
        if (theta.length != parameterCount(h, in) || grad.length != theta.length) {
            throw new IllegalArgumentException("theta and grad must have length " + parameterCount(h, in) + ", got "
                    + theta.length + " and " + grad.length);
        }
        java.util.Arrays.fill(grad, 0.0);
        int offB = h * h;
        int offC = offB + h * in;
        int offW = offC + h;
        int offD = offW + 2 * h;
        int w = Math.min(windowSteps, t);
        double[] y = new double[(w + 1) * h];
        double[] gl = new double[w * 2];
        double[] ga = new double[h];
        double[] gaNext = new double[h];
        double loss = 0;
        for (int s = 0; s < t; s += w) {
            int len = Math.min(w, t - s);
            // y[0..h) holds the carried state (zero for the first window)
            if (s == 0) {
                java.util.Arrays.fill(y, 0, h, 0.0);
            } else {
                System.arraycopy(y, w * h, y, 0, h);
            }
            for (int k = 1; k <= len; k++) {
                double[] ot = o[s + k - 1];
                int prev = (k - 1) * h;
                int cur = k * h;
                for (int i = 0; i < h; i++) {
                    double acc = theta[offC + i];
                    for (int j = 0; j < h; j++) {
                        acc += theta[i * h + j] * y[prev + j];
                    }
                    for (int j = 0; j < in; j++) {
                        acc += theta[offB + i * in + j] * ot[j];
                    }
                    y[cur + i] = Math.tanh(acc);
                }
                double l0 = theta[offD];
                double l1 = theta[offD + 1];
                for (int j = 0; j < h; j++) {
                    l0 += theta[offW + j] * y[cur + j];
                    l1 += theta[offW + h + j] * y[cur + j];
                }
                // two-way softmax via the log-sum-exp of the logits
                double mx = Math.max(l0, l1);
                double lse = mx + Math.log(Math.exp(l0 - mx) + Math.exp(l1 - mx));
                double lp0 = l0 - lse;
                double lp1 = l1 - lse;
                double[] qt = q[s + k - 1];
                loss -= qt[0] * lp0 + qt[1] * lp1;
                double p0 = Math.exp(lp0);
                double p1 = Math.exp(lp1);
                if (probsOut != null) {
                    probsOut[s + k - 1] = new double[] {p0, p1};
                }
                gl[(k - 1) * 2] = p0 - qt[0];
                gl[(k - 1) * 2 + 1] = p1 - qt[1];
            }
            java.util.Arrays.fill(gaNext, 0.0);
            for (int k = len; k >= 1; k--) {
                double[] ot = o[s + k - 1];
                int prev = (k - 1) * h;
                int cur = k * h;
                double g0 = gl[(k - 1) * 2];
                double g1 = gl[(k - 1) * 2 + 1];
                grad[offD] += g0;
                grad[offD + 1] += g1;
                for (int i = 0; i < h; i++) {
                    double v = y[cur + i];
                    grad[offW + i] += g0 * v;
                    grad[offW + h + i] += g1 * v;
                    double gy = theta[offW + i] * g0 + theta[offW + h + i] * g1;
                    for (int r = 0; r < h; r++) {
                        gy += theta[r * h + i] * gaNext[r];
                    }
                    ga[i] = gy * (1 - v * v);
                }
                for (int i = 0; i < h; i++) {
                    double g = ga[i];
                    for (int j = 0; j < h; j++) {
                        grad[i * h + j] += g * y[prev + j];
                    }
                    for (int j = 0; j < in; j++) {
                        grad[offB + i * in + j] += g * ot[j];
                    }
                    grad[offC + i] += g;
                }
                System.arraycopy(ga, 0, gaNext, 0, h);
            }
        }
        double norm = 1.0 / t;
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= norm;
        }
        return loss * norm;
    }

    private static void check(double[][] o, double[][] q) {
        if (o == null || q == null || o.length == 0) {
            throw new IllegalArgumentException("o and q must be non-empty");
        }
        if (q.length != o.length) {
            throw new IllegalArgumentException("q must have " + o.length + " rows like o, got " + q.length);
        }
        int in = o[0].length;
        for (int t = 0; t < o.length; t++) {
            if (o[t].length != in || q[t].length != 2) {
                throw new IllegalArgumentException("o must have shape [" + o.length + "][" + in + "] and q ["
                        + q.length + "][2], got rows of length " + o[t].length + " and " + q[t].length + " at index "
                        + t);
            }
            for (int j = 0; j < in; j++) {
                if (!Double.isFinite(o[t][j])) {
                    throw new IllegalArgumentException("o must be finite, got " + o[t][j] + " at [" + t + "][" + j
                            + "]");
                }
            }
            double a = q[t][0];
            double b = q[t][1];
            if (!(a >= 0 && b >= 0 && Math.abs(a + b - 1) < 1e-9)) {
                throw new IllegalArgumentException("q rows must be probabilities summing to 1, got (" + a + ", " + b
                        + ") at index " + t);
            }
        }
    }
}
