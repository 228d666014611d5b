package org.iblrnn.analysis.distill;

/**
 * Outcome of a RADD fit ({@link Radd#fit} or {@link Radd#fitLeastSquares}).
 *
 * <p>The model lives in normalised coordinates z_hat = z / s (per coordinate); multiply its
 * states by {@link #scales()} to return to the units of the targets. R^2 values are pooled over
 * coordinates and computed in target units on rows 1..T-1: training rows are [1, trainSteps),
 * held-out rows are [trainSteps, T) (the last {@code heldOutFraction} of the steps).
 * One-step predictions use the true previous state; free-running predictions start from the true
 * state at the start of the segment (z_0 for training, z_{trainSteps-1} for held-out) and then
 * feed back their own states.
 *
 * @param method           "gradient-descent" or "least-squares"
 * @param model            the fitted model (normalised units); null if the fit failed before
 *                         producing one
 * @param scales           normalisation scales s, shape [M]
 * @param trainSteps       number of leading steps used for fitting
 * @param oneStepR2Train   R^2 of one-step predictions on the training rows
 * @param oneStepR2HeldOut R^2 of one-step predictions on the held-out rows (NaN if none)
 * @param freeRunR2Train   R^2 of the free-running trajectory on the training rows
 * @param freeRunR2HeldOut R^2 of the free-running trajectory on the held-out rows (NaN if none)
 * @param initialLoss      loss at the initial parameters (gradient descent; NaN for least squares)
 * @param finalLoss        final loss: mean squared error per step and coordinate over the
 *                         windows (gradient descent) or mean squared residual in artanh space
 *                         (least squares)
 * @param iterations       Adam iterations (0 for least squares)
 * @param converged        the fit converged (gradient descent) or was solvable (least squares)
 * @param reason           why it stopped, or why it failed
 */
public record RaddResult(String method, RaddModel model, double[] scales, int trainSteps, double oneStepR2Train,
                         double oneStepR2HeldOut, double freeRunR2Train, double freeRunR2HeldOut,
                         double initialLoss, double finalLoss, int iterations, boolean converged, String reason) {
    public RaddResult {
        scales = scales.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    /** Recurrent weights A (normalised units), shape [M][M]. */
    public double[][] a() {
        return model.a();
    }

    /** Input weights B, shape [M][3]. */
    public double[][] b() {
        return model.b();
    }

    /** Bias c, shape [M]. */
    public double[] c() {
        return model.c();
    }
}
