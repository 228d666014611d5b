package org.iblrnn.analysis.distill;

/**
 * Settings of the RADD gradient-descent fit ({@link Radd#fit}) and of traditional distillation
 * ({@link Distillation#fit}), both trained by full-batch Adam on truncated windows.
 *
 * @param windowSteps          length W of the truncated-BPTT windows, in steps; a window starts
 *                             from the true (normalised) state at its first step (RADD) and
 *                             predicts the next W steps; W &gt;= T gives the paper's untruncated
 *                             trajectory loss from z'_0 = z_0
 * @param learningRate         initial Adam learning rate (betas 0.9, 0.999, eps 1e-8)
 * @param maxIterations        cap on Adam steps (one step = one full-batch gradient)
 * @param relativeTolerance    converged when the loss decreased by less than this fraction over
 *                             the last {@code checkInterval} iterations (a rise is not convergence)
 * @param absoluteLossTolerance converged when the (mean) loss falls to or below this value
 *                             (noiseless targets drive the loss to 0 geometrically, so the
 *                             relative criterion alone would never fire)
 * @param checkInterval        iterations between convergence checks
 * @param parameterLimit       divergence: any |parameter| above this stops the fit
 * @param initScale            standard deviation of the N(0, s^2) initial parameters
 * @param useBias              fit the bias c (otherwise c = 0)
 * @param normalisation        how the targets are brought into (-1, 1)
 * @param normalisationFactor  s = factor x max |z| (factor &gt; 1), ignored for NONE
 * @param heldOutFraction      fraction of steps at the end kept out of the fit, in [0, 1)
 * @param plateauDecay         learning-rate schedule: when the loss at a check is higher than at
 *                             the previous check (Adam oscillating around the minimum at a fixed
 *                             step size), the learning rate is multiplied by this factor in
 *                             (0, 1] and Adam's moments are reset; 1 keeps the rate constant
 */
public record RaddConfig(int windowSteps, double learningRate, int maxIterations, double relativeTolerance,
                         double absoluteLossTolerance, int checkInterval, double parameterLimit, double initScale,
                         boolean useBias, Normalisation normalisation, double normalisationFactor,
                         double heldOutFraction, double plateauDecay) {

    /** How each target coordinate is scaled before fitting (z_hat = z / s). */
    public enum Normalisation {
        /** One scale per coordinate: s_m = factor x max_t |z_{t,m}|. */
        PER_COORDINATE,
        /** One scale for all coordinates (the reference code, factor 1.01): s = factor x max |z|. */
        SHARED,
        /** s = 1: the targets must already lie in (-1, 1). */
        NONE
    }

    public RaddConfig {
        if (windowSteps < 1) {
            throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
            throw new IllegalArgumentException("relativeTolerance must be >= 0 and finite, got " + relativeTolerance);
        }
        if (!(absoluteLossTolerance >= 0) || Double.isInfinite(absoluteLossTolerance)) {
            throw new IllegalArgumentException("absoluteLossTolerance must be >= 0 and finite, got "
                    + absoluteLossTolerance);
        }
        if (checkInterval < 1) {
            throw new IllegalArgumentException("checkInterval must be >= 1, got " + checkInterval);
        }
        if (!(parameterLimit > 0)) {
            throw new IllegalArgumentException("parameterLimit must be positive, got " + parameterLimit);
        }
        if (!(initScale >= 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("initScale must be >= 0 and finite, got " + initScale);
        }
        if (normalisation == null) {
            throw new IllegalArgumentException("normalisation must be non-null, got null");
        }
        if (!(normalisationFactor > 1) || Double.isInfinite(normalisationFactor)) {
            throw new IllegalArgumentException("normalisationFactor must be > 1 and finite, got "
                    + normalisationFactor);
        }
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("heldOutFraction must be in [0, 1), got " + heldOutFraction);
        }
        if (!(plateauDecay > 0 && plateauDecay <= 1)) {
            throw new IllegalArgumentException("plateauDecay must be in (0, 1], got " + plateauDecay);
        }
    }

    /**
     * Defaults: windows of 50 steps, Adam lr 0.01 halved whenever the loss rose over a check
     * interval, at most 5000 iterations, converged at a relative decrease below 1e-6 per 100
     * iterations or a loss at or below 1e-14, parameter limit 1e4, init N(0, 0.1^2), bias on,
     * per-coordinate normalisation by 1.1 x max |z|, last 20% held out.
     *
     * <p>Why the schedule: at a constant rate Adam reaches the minimum of the paper network's RADD
     * loss in ~500 iterations and then oscillates around it (relative loss changes of 1e-6 to 1e-3
     * per 100 iterations, up and down), so the relative-decrease test never fires and the fit ran to
     * the 5000-iteration cap; halving the rate on a rise damps the oscillation and the test fires
     * after ~900 iterations (see {@link Radd#fit}).
     */
    public static RaddConfig defaults() {
        return new RaddConfig(50, 0.01, 5000, 1e-6, 1e-14, 100, 1e4, 0.1, true, Normalisation.PER_COORDINATE, 1.1,
                0.2, 0.5);
    }

    public RaddConfig withWindowSteps(int w) {
        return new RaddConfig(w, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance, checkInterval,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withLearningRate(double lr) {
        return new RaddConfig(windowSteps, lr, maxIterations, relativeTolerance, absoluteLossTolerance, checkInterval,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withMaxIterations(int n) {
        return new RaddConfig(windowSteps, learningRate, n, relativeTolerance, absoluteLossTolerance, checkInterval,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withRelativeTolerance(double tol) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, tol, absoluteLossTolerance, checkInterval,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withAbsoluteLossTolerance(double tol) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, tol, checkInterval,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withCheckInterval(int n) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance, n,
                parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withUseBias(boolean b) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance,
                checkInterval, parameterLimit, initScale, b, normalisation, normalisationFactor, heldOutFraction,
                plateauDecay);
    }

    public RaddConfig withNormalisation(Normalisation n, double factor) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance,
                checkInterval, parameterLimit, initScale, useBias, n, factor, heldOutFraction, plateauDecay);
    }

    public RaddConfig withHeldOutFraction(double f) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance,
                checkInterval, parameterLimit, initScale, useBias, normalisation, normalisationFactor, f, plateauDecay);
    }

    public RaddConfig withPlateauDecay(double factor) {
        return new RaddConfig(windowSteps, learningRate, maxIterations, relativeTolerance, absoluteLossTolerance,
                checkInterval, parameterLimit, initScale, useBias, normalisation, normalisationFactor, heldOutFraction,
                factor);
    }
}
