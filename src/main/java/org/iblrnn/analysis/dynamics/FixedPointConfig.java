package org.iblrnn.analysis.dynamics;

/**
 * Hyperparameters of the fixed-point search ({@link FixedPointFinder}), in the spirit of
 * FixedPointFinder's {@code _default_hps} table: one validated record, one {@link #defaults()}
 * factory and {@code withX} variants.
 *
 * <p>Search. From each start the finder minimises q(h) = 0.5 ||F(h) - h||^2 by Levenberg-Marquardt
 * on the residual r(h) = F(h) - h. A start stops as
 * <ul>
 *   <li><b>converged</b> when q &lt;= {@code tolQ};</li>
 *   <li><b>stalled</b> when the trial step is tiny, ||dh|| &lt;= {@code tolStep} (||h|| + {@code tolStep})
 *       (a local minimum of q above {@code tolQ}: a slow point, or an exhausted damping loop);</li>
 *   <li>at <b>maxIterations</b> trial steps (accepted or rejected, one F evaluation each).</li>
 * </ul>
 *
 * <p>Selection. A final state is kept if q &lt;= {@code slowQ} (q above {@code tolQ} marks a
 * <i>slow point</i>). Kept states closer than {@code dedupDistance} (Euclidean) are merged, lowest q
 * first. A unique point is an <i>outlier</i> and dropped if its distance to the centroid of the
 * starts exceeds {@code outlierDistanceScale} times the mean distance of the starts to that
 * centroid (FixedPointFinder's rule; skipped when the starts have no spread).
 *
 * <p>Classification, by the moduli of the eigenvalues of dF/dh: <i>marginal</i> if
 * |max |lambda| - 1| &lt;= {@code marginalTol}, else <i>stable</i> if max |lambda| &lt; 1, <i>unstable</i> if
 * min |lambda| &gt; 1, otherwise <i>saddle</i>.
 *
 * <p>Line attractor (see {@link FixedPointFinder#lineAttractor}). Candidates are the unique points
 * with exactly one eigenvalue within {@code lineEigenTol} of 1 (complex distance). The set is a line
 * attractor if it has at least {@code lineMinPoints} points, its first principal direction explains
 * at least {@code lineMinExplained} of the spread, its extent along that direction is at least
 * {@code lineMinExtent}, and the mean |cos| between each point's near-1 eigenvector and that
 * direction is at least {@code lineMinAlignment}. Slow points of an approximate line attractor are
 * only found if the search stops on entering the slow region, so for line detection use a
 * {@code tolQ} near the speed of interest (e.g. {@code withTolQ(1e-8)}), not the default.
 *
 * <p>Starts and basins. {@link FixedPointFinder#sampleStarts} draws {@code numStarts} states (with
 * Gaussian noise of sd {@code startNoise}); {@link FixedPointFinder#basins} iterates F for at most
 * {@code basinMaxSteps} steps and calls a state captured once it is within {@code dedupDistance}
 * of a stable point.
 *
 * @param tolQ                 q below which a start has converged (default 1e-20, ||r|| ~ 1.4e-10)
 * @param tolStep              relative step size at which a start is stalled (default 1e-12)
 * @param maxIterations        trial steps per start (default 200)
 * @param slowQ                largest q kept as a slow point (default 1e-4, ||r|| ~ 0.014)
 * @param dedupDistance        merge distance of unique points, state units (default 1e-3)
 * @param outlierDistanceScale outlier distance in units of the starts' mean spread (default 10)
 * @param marginalTol          tolerance on max |lambda| around 1 for "marginal" (default 1e-3)
 * @param lineEigenTol         |lambda - 1| below which an eigenvalue counts as slow (default 0.05)
 * @param lineMinExplained     fraction of spread the line direction must explain (default 0.9)
 * @param lineMinAlignment     mean |cos| between slow eigenvectors and the line (default 0.9)
 * @param lineMinPoints        fewest points that make a line (default 3)
 * @param lineMinExtent        shortest line, state units (default 0.01)
 * @param numStarts            states drawn by {@link FixedPointFinder#sampleStarts} (default 256)
 * @param startNoise           sd of Gaussian noise added to sampled starts (default 0)
 * @param basinMaxSteps        forward steps per state in {@link FixedPointFinder#basins} (default 1000)
 */
public record FixedPointConfig(double tolQ, double tolStep, int maxIterations, double slowQ,
                               double dedupDistance, double outlierDistanceScale, double marginalTol,
                               double lineEigenTol, double lineMinExplained, double lineMinAlignment,
                               int lineMinPoints, double lineMinExtent, int numStarts, double startNoise,
                               int basinMaxSteps) {
    public FixedPointConfig {
        positive(tolQ, "tolQ");
        positive(tolStep, "tolStep");
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        positive(slowQ, "slowQ");
        if (slowQ < tolQ) {
            throw new IllegalArgumentException("slowQ must be >= tolQ (" + tolQ + "), got " + slowQ);
        }
        positive(dedupDistance, "dedupDistance");
        positive(outlierDistanceScale, "outlierDistanceScale");
        nonNegative(marginalTol, "marginalTol");
        positive(lineEigenTol, "lineEigenTol");
        fraction(lineMinExplained, "lineMinExplained");
        fraction(lineMinAlignment, "lineMinAlignment");
        if (lineMinPoints < 2) {
            throw new IllegalArgumentException("lineMinPoints must be >= 2, got " + lineMinPoints);
        }
        nonNegative(lineMinExtent, "lineMinExtent");
        if (numStarts < 1) {
            throw new IllegalArgumentException("numStarts must be >= 1, got " + numStarts);
        }
        nonNegative(startNoise, "startNoise");
        if (basinMaxSteps < 1) {
            throw new IllegalArgumentException("basinMaxSteps must be >= 1, got " + basinMaxSteps);
        }
    }

    /** The defaults documented on the record components. */
    public static FixedPointConfig defaults() {
        return new FixedPointConfig(1e-20, 1e-12, 200, 1e-4, 1e-3, 10.0, 1e-3,
                0.05, 0.9, 0.9, 3, 0.01, 256, 0.0, 1000);
    }

    public FixedPointConfig withTolQ(double v) {
        return new FixedPointConfig(v, tolStep, maxIterations, Math.max(slowQ, v), dedupDistance,
                outlierDistanceScale, marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment,
                lineMinPoints, lineMinExtent, numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withTolStep(double v) {
        return new FixedPointConfig(tolQ, v, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withMaxIterations(int v) {
        return new FixedPointConfig(tolQ, tolStep, v, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withSlowQ(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, v, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withDedupDistance(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, v, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withOutlierDistanceScale(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, v,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withMarginalTol(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                v, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withLineEigenTol(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, v, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withLineMinExplained(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, v, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withLineMinAlignment(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, v, lineMinPoints, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withLineMinPoints(int v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, v, lineMinExtent,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withLineMinExtent(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, v,
                numStarts, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withNumStarts(int v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                v, startNoise, basinMaxSteps);
    }

    public FixedPointConfig withStartNoise(double v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, v, basinMaxSteps);
    }

    public FixedPointConfig withBasinMaxSteps(int v) {
        return new FixedPointConfig(tolQ, tolStep, maxIterations, slowQ, dedupDistance, outlierDistanceScale,
                marginalTol, lineEigenTol, lineMinExplained, lineMinAlignment, lineMinPoints, lineMinExtent,
                numStarts, startNoise, v);
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }

    private static void fraction(double v, String name) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + v);
        }
    }
}
