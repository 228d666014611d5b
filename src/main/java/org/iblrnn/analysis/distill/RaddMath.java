package org.iblrnn.analysis.distill;

import org.iblrnn.train.Adam;
import org.iblrnn.train.OptimizerConfig;

/**
 * Package-private kernels shared by {@link Radd} and {@link Distillation}: R^2 and the
 * full-batch Adam loop with its convergence and divergence rules.
 */
final class RaddMath {
    private RaddMath() {
    }

    /** A differentiable objective: returns the loss and writes dLoss/dtheta into grad. */
    @FunctionalInterface
    interface Objective {
        double lossAndGradient(double[] theta, double[] grad);
    }

    /**
     * Outcome of {@link #minimise}.
     *
     * @param theta       final parameters
     * @param initialLoss loss at the initial parameters
     * @param finalLoss   loss at the final parameters
     * @param iterations  Adam steps taken
     * @param converged   relative-decrease criterion met without divergence
     * @param reason      why it stopped
     */
    record Outcome(double[] theta, double initialLoss, double finalLoss, int iterations, boolean converged,
                   String reason) {
    }

    /**
     * Pooled coefficient of determination over rows [from, to): 1 - sum (y - yhat)^2 / sum (y -
     * mean_col(y))^2, summed over columns. NaN when fewer than 2 rows or zero variance.
     */
    static double r2(double[][] y, double[][] yhat, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return Double.NaN;
        }
        int m = y[from].length;
        double ssRes = 0;
        double ssTot = 0;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int t = from; t < to; t++) {
                mean += y[t][j];
            }
            mean /= n;
            for (int t = from; t < to; t++) {
                double e = y[t][j] - yhat[t][j];
                double d = y[t][j] - mean;
                ssRes += e * e;
                ssTot += d * d;
            }
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
    }

    /**
     * Full-batch Adam on {@code f} from {@code theta0} (not modified).
     *
     * <p>Rules: every {@code checkInterval} iterations the loss is compared with the loss at the
     * previous check; a relative decrease 0 &lt; (prev - cur) / prev &lt; {@code relativeTolerance}
     * (or a loss at or below {@code absoluteLossTolerance}) is convergence; a loss that did not
     * change at all stops the fit as stalled (not converged: the gradient vanished, e.g. saturated
     * units). A rise (cur &gt; prev) means Adam is oscillating around the minimum at its fixed step
     * size: the learning rate is multiplied by {@code plateauDecay} and Adam restarts with fresh
     * moments from the current parameters (nothing happens when plateauDecay = 1). Divergence
     * stops the fit with converged = false: a non-finite loss or gradient, a parameter beyond
     * {@code parameterLimit}, or (at the end) a final loss above the initial loss. Reaching
     * {@code maxIterations} is not convergence. Without divergence the parameters with the lowest
     * loss seen are returned (at the cap they may precede the last step).
     */
    static Outcome minimise(Objective f, double[] theta0, RaddConfig config) {
        double[] theta = theta0.clone();
        double[] grad = new double[theta.length];
        double lr = config.learningRate();
        Adam adam = new Adam(OptimizerConfig.adam(lr), theta.length);
        double initial = f.lossAndGradient(theta, grad);
        if (!Double.isFinite(initial) || !allFinite(grad)) {
            return new Outcome(theta, initial, initial, 0, false, "non-finite loss or gradient at the initial "
                    + "parameters");
        }
        double loss = initial;
        double lastCheck = initial;
        double best = initial;
        double[] bestTheta = theta.clone();
        int decays = 0;
        int it = 0;
        String reason = "iteration cap " + config.maxIterations() + " reached";
        boolean converged = false;
        boolean diverged = false;
        if (initial == 0) {
            return new Outcome(theta, 0, 0, 0, true, "loss is exactly 0");
        }
        while (it < config.maxIterations()) {
            adam.step(theta, grad);
            it++;
            int bad = firstBeyond(theta, config.parameterLimit());
            if (bad >= 0) {
                reason = "diverged: parameter " + bad + " = " + theta[bad] + " beyond the limit "
                        + config.parameterLimit() + " at iteration " + it;
                diverged = true;
                loss = f.lossAndGradient(theta, grad);
                break;
            }
            loss = f.lossAndGradient(theta, grad);
            if (!Double.isFinite(loss) || !allFinite(grad)) {
                reason = "diverged: non-finite loss or gradient at iteration " + it;
                diverged = true;
                break;
            }
            if (loss < best) {
                best = loss;
                System.arraycopy(theta, 0, bestTheta, 0, theta.length);
            }
            if (loss <= config.absoluteLossTolerance()) {
                reason = "loss " + loss + " at or below " + config.absoluteLossTolerance() + " at iteration " + it;
                converged = true;
                break;
            }
            if (it % config.checkInterval() == 0) {
                double rel = (lastCheck - loss) / lastCheck;
                if (rel == 0) {
                    // bit-identical loss: the gradient vanished (saturated tanh units), not a minimum
                    reason = "stalled: loss " + loss + " unchanged over " + config.checkInterval()
                            + " iterations at iteration " + it + " (saturated units or a vanishing gradient)";
                    break;
                }
                if (rel > 0 && rel < config.relativeTolerance()) {
                    reason = "relative loss decrease " + rel + " over " + config.checkInterval()
                            + " iterations below " + config.relativeTolerance() + " at iteration " + it;
                    converged = true;
                    break;
                }
                if (rel < 0 && config.plateauDecay() < 1) {
                    lr *= config.plateauDecay();
                    decays++;
                    adam = new Adam(OptimizerConfig.adam(lr), theta.length);
                }
                lastCheck = loss;
            }
        }
        if (decays > 0) {
            reason += " (learning rate " + lr + " after " + decays + " decay" + (decays == 1 ? "" : "s") + ")";
        }
        if (!diverged && loss > initial) {
            reason = "diverged: loss rose from " + initial + " to " + loss + " after " + it + " iterations";
            converged = false;
            diverged = true;
        }
        if (!diverged && best < loss) {
            return new Outcome(bestTheta, initial, best, it, converged, reason);
        }
        return new Outcome(theta, initial, loss, it, converged && !diverged, reason);
    }

    static boolean allFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    private static int firstBeyond(double[] v, double limit) {
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i]) <= limit)) {
                return i;
            }
        }
        return -1;
    }
}
