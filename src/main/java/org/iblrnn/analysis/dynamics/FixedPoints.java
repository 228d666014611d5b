package org.iblrnn.analysis.dynamics;

import java.util.Arrays;

import org.iblrnn.math.Arrays2;

/**
 * The fixed and slow points of a tanh RNN under one constant input, as found by
 * {@link FixedPointFinder#find}: a struct of arrays indexed by unique point k (FixedPointFinder's
 * {@code FixedPoints}: xstar, qstar, J_xstar, eigval_J_xstar, is_stable), plus the per-start
 * search diagnostics and the line-attractor test. Points are ordered by q, lowest first. All arrays
 * are copied on the way in and out.
 *
 * @param input          the constant input x, shape [I]
 * @param states         unique points h*, shape [K][N]
 * @param q              q(h*) = 0.5 ||F(h*) - h*||^2, shape [K]
 * @param converged      q &lt;= tolQ (true fixed point) or not (slow point), shape [K]
 * @param stability      classification by eigenvalue moduli (see {@link FixedPointConfig}), shape [K]
 * @param eigenvaluesRe  real parts of the eigenvalues of dF/dh at h*, by modulus descending, [K][N]
 * @param eigenvaluesIm  imaginary parts, same order, shape [K][N]
 * @param jacobians      dF/dh = diag(1 - F(h*)^2) W_hh, shape [K][N][N]
 * @param startCounts    number of starts merged into each point, shape [K]
 * @param search         per-start diagnostics
 * @param rejectedCount  starts dropped because their final q exceeded slowQ or was not finite
 * @param outlierCount   unique points dropped as distance outliers
 * @param lineAttractor  result of the line-attractor test on these points
 */
public record FixedPoints(double[] input, double[][] states, double[] q, boolean[] converged,
                          Stability[] stability, double[][] eigenvaluesRe, double[][] eigenvaluesIm,
                          double[][][] jacobians, int[] startCounts, Search search, int rejectedCount,
                          int outlierCount, LineAttractor lineAttractor) {

    /** Local stability of a point, from the eigenvalue moduli of dF/dh. */
    public enum Stability {
        /** Every |lambda| &lt; 1 (and not marginal). */
        STABLE,
        /** Every |lambda| &gt; 1 (and not marginal). */
        UNSTABLE,
        /** Some |lambda| &lt; 1 and some &gt;= 1. */
        SADDLE,
        /** max |lambda| within marginalTol of 1. */
        MARGINAL,
        /** The eigendecomposition failed. */
        UNKNOWN
    }

    /** How the search from one start ended. */
    public enum Outcome {
        /** q &lt;= tolQ. */
        CONVERGED,
        /** The step became negligible with q &gt; tolQ (a local minimum of q, or damping exhausted). */
        STALLED,
        /** maxIterations trial steps without meeting a stopping rule. */
        MAX_ITERATIONS,
        /** F(start) was not finite. */
        NON_FINITE
    }

    public FixedPoints {
        int k = states.length;
        if (q.length != k || converged.length != k || stability.length != k || eigenvaluesRe.length != k
                || eigenvaluesIm.length != k || jacobians.length != k || startCounts.length != k) {
            throw new IllegalArgumentException("per-point arrays must all have length " + k);
        }
        input = input.clone();
        states = Arrays2.deepCopy(states);
        q = q.clone();
        converged = converged.clone();
        stability = stability.clone();
        eigenvaluesRe = Arrays2.deepCopy(eigenvaluesRe);
        eigenvaluesIm = Arrays2.deepCopy(eigenvaluesIm);
        jacobians = Arrays2.deepCopy(jacobians);
        startCounts = startCounts.clone();
    }

    @Override
    public double[] input() {
        return input.clone();
    }

    @Override
    public double[][] states() {
        return Arrays2.deepCopy(states);
    }

    @Override
    public double[] q() {
        return q.clone();
    }

    @Override
    public boolean[] converged() {
        return converged.clone();
    }

    @Override
    public Stability[] stability() {
        return stability.clone();
    }

    @Override
    public double[][] eigenvaluesRe() {
        return Arrays2.deepCopy(eigenvaluesRe);
    }

    @Override
    public double[][] eigenvaluesIm() {
        return Arrays2.deepCopy(eigenvaluesIm);
    }

    @Override
    public double[][][] jacobians() {
        return Arrays2.deepCopy(jacobians);
    }

    @Override
    public int[] startCounts() {
        return startCounts.clone();
    }

    /** Number of unique points K. */
    public int size() {
        return states.length;
    }

    /** Unique point k, shape [N]. */
    public double[] state(int k) {
        return states[k].clone();
    }

    /** Jacobian at unique point k, shape [N][N]. */
    public double[][] jacobian(int k) {
        return Arrays2.deepCopy(jacobians[k]);
    }

    /** Largest eigenvalue modulus at point k. */
    public double maxModulus(int k) {
        return Math.hypot(eigenvaluesRe[k][0], eigenvaluesIm[k][0]);
    }

    /** Whether point k is a slow point (kept, but q above tolQ). */
    public boolean isSlow(int k) {
        return !converged[k];
    }

    /**
     * The reference code's stability test on the eigenvalues alone: every |Re lambda| &lt; 1
     * (reference-spec 5.10; it also requires a residual below the 5% quantile of the condition).
     */
    public boolean realPartStable(int k) {
        for (double re : eigenvaluesRe[k]) {
            if (!(Math.abs(re) < 1)) {
                return false;
            }
        }
        return true;
    }

    /** Number of points with the given stability. */
    public int count(Stability s) {
        int c = 0;
        for (Stability x : stability) {
            c += x == s ? 1 : 0;
        }
        return c;
    }

    /** Indices of the points with the given stability, ascending. */
    public int[] indicesOf(Stability s) {
        int[] out = new int[count(s)];
        int c = 0;
        for (int k = 0; k < stability.length; k++) {
            if (stability[k] == s) {
                out[c++] = k;
            }
        }
        return out;
    }

    /**
     * Coordinates of the unique points in a basis: p_kd = (h*_k - mean) . basis_d, e.g. the first two
     * principal components for a PCA-plane plot.
     *
     * @param basis rows are the basis vectors (e.g. 2 PCs), shape [D][N]; not modified
     * @param mean  centre subtracted first (e.g. the PCA mean), shape [N]; not modified
     * @return coordinates, shape [K][D]
     */
    public double[][] project(double[][] basis, double[] mean) {
        return projectStates(states, basis, mean);
    }

    /** {@link #project} for arbitrary states, shape [M][N] to [M][D]. */
    public static double[][] projectStates(double[][] h, double[][] basis, double[] mean) {
        int n = mean.length;
        for (int d = 0; d < basis.length; d++) {
            if (basis[d].length != n) {
                throw new IllegalArgumentException("basis[" + d + "] must have length " + n + ", got "
                        + basis[d].length);
            }
        }
        double[][] out = new double[h.length][basis.length];
        for (int k = 0; k < h.length; k++) {
            if (h[k].length != n) {
                throw new IllegalArgumentException("state " + k + " must have length " + n + ", got " + h[k].length);
            }
            for (int d = 0; d < basis.length; d++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (h[k][i] - mean[i]) * basis[d][i];
                }
                out[k][d] = s;
            }
        }
        return out;
    }

    /**
     * Per-start diagnostics of the search, indexed by start s.
     *
     * @param starts         initial states, shape [S][N]
     * @param finalStates    states where the optimiser stopped, shape [S][N]
     * @param oneStepImages  F(start), one network step from each start (for vector fields), [S][N]
     * @param q              final q, shape [S]
     * @param iterations     trial steps used, shape [S]
     * @param outcomes       how each search ended, shape [S]
     * @param pointIndex     index of the unique point the start ended at, or -1 if dropped, [S]
     */
    public record Search(double[][] starts, double[][] finalStates, double[][] oneStepImages, double[] q,
                         int[] iterations, Outcome[] outcomes, int[] pointIndex) {
        public Search {
            starts = Arrays2.deepCopy(starts);
            finalStates = Arrays2.deepCopy(finalStates);
            oneStepImages = Arrays2.deepCopy(oneStepImages);
            q = q.clone();
            iterations = iterations.clone();
            outcomes = outcomes.clone();
            pointIndex = pointIndex.clone();
        }

        @Override
        public double[][] starts() {
            return Arrays2.deepCopy(starts);
        }

        @Override
        public double[][] finalStates() {
            return Arrays2.deepCopy(finalStates);
        }

        @Override
        public double[][] oneStepImages() {
            return Arrays2.deepCopy(oneStepImages);
        }

        @Override
        public double[] q() {
            return q.clone();
        }

        @Override
        public int[] iterations() {
            return iterations.clone();
        }

        @Override
        public Outcome[] outcomes() {
            return outcomes.clone();
        }

        @Override
        public int[] pointIndex() {
            return pointIndex.clone();
        }

        /** Number of starts S. */
        public int size() {
            return q.length;
        }

        /** Number of starts that ended with the given outcome. */
        public int count(Outcome o) {
            int c = 0;
            for (Outcome x : outcomes) {
                c += x == o ? 1 : 0;
            }
            return c;
        }

        /** Number of starts that converged (q &lt;= tolQ). */
        public int convergedCount() {
            return count(Outcome.CONVERGED);
        }

        /** Most trial steps used by any start. */
        public int maxIterationsUsed() {
            int m = 0;
            for (int it : iterations) {
                m = Math.max(m, it);
            }
            return m;
        }

        /** Mean trial steps per start. */
        public double meanIterations() {
            double s = 0;
            for (int it : iterations) {
                s += it;
            }
            return iterations.length == 0 ? 0 : s / iterations.length;
        }
    }

    /**
     * The line-attractor test of {@link FixedPointFinder#lineAttractor}.
     *
     * @param detected          whether all criteria of {@link FixedPointConfig} hold
     * @param pointIndices      candidate points (exactly one eigenvalue within lineEigenTol of 1),
     *                          indices into the unique points, shape [M]
     * @param centre            mean of the candidates, shape [N] (empty if M = 0)
     * @param direction         unit first principal direction of the candidates, sign chosen so its
     *                          largest-magnitude entry is positive, shape [N] (empty if M &lt; 2)
     * @param extent            max - min of the candidates' projections on the direction
     * @param explainedVariance fraction of the candidates' spread along the direction (0 if none)
     * @param slowEigenvalues   real part of each candidate's eigenvalue near 1, shape [M]
     * @param alignment         |cos| between each candidate's eigenvector for that eigenvalue and
     *                          the direction, shape [M] (0 for a complex eigenvalue)
     * @param meanAlignment     mean of {@code alignment} (0 if M = 0)
     */
    public record LineAttractor(boolean detected, int[] pointIndices, double[] centre, double[] direction,
                                double extent, double explainedVariance, double[] slowEigenvalues,
                                double[] alignment, double meanAlignment) {
        public LineAttractor {
            pointIndices = pointIndices.clone();
            centre = centre.clone();
            direction = direction.clone();
            slowEigenvalues = slowEigenvalues.clone();
            alignment = alignment.clone();
        }

        @Override
        public int[] pointIndices() {
            return pointIndices.clone();
        }

        @Override
        public double[] centre() {
            return centre.clone();
        }

        @Override
        public double[] direction() {
            return direction.clone();
        }

        @Override
        public double[] slowEigenvalues() {
            return slowEigenvalues.clone();
        }

        @Override
        public double[] alignment() {
            return alignment.clone();
        }

        /** Number of candidate points M. */
        public int numberOfPoints() {
            return pointIndices.length;
        }
    }

    /**
     * Basins of the stable points under forward iteration of F ({@link FixedPointFinder#basins}).
     *
     * @param pointIndices stable points, indices into the unique points, shape [P]
     * @param fractions    fraction of the given states captured by each, shape [P]
     * @param assignment   per state, the unique-point index it converged to, or -1, shape [M]
     * @param steps        per state, forward steps until capture (basinMaxSteps if never), [M]
     */
    public record Basins(int[] pointIndices, double[] fractions, int[] assignment, int[] steps) {
        public Basins {
            pointIndices = pointIndices.clone();
            fractions = fractions.clone();
            assignment = assignment.clone();
            steps = steps.clone();
        }

        @Override
        public int[] pointIndices() {
            return pointIndices.clone();
        }

        @Override
        public double[] fractions() {
            return fractions.clone();
        }

        @Override
        public int[] assignment() {
            return assignment.clone();
        }

        @Override
        public int[] steps() {
            return steps.clone();
        }

        /** Fraction of the states captured by no stable point. */
        public double uncapturedFraction() {
            int c = 0;
            for (int a : assignment) {
                c += a < 0 ? 1 : 0;
            }
            return assignment.length == 0 ? 0 : (double) c / assignment.length;
        }
    }

    @Override
    public String toString() {
        return "FixedPoints[K=" + states.length + ", input=" + Arrays.toString(input) + ", stable="
                + count(Stability.STABLE) + ", saddle=" + count(Stability.SADDLE) + ", unstable="
                + count(Stability.UNSTABLE) + ", marginal=" + count(Stability.MARGINAL) + ", starts="
                + search.size() + ", converged=" + search.convergedCount() + ", line="
                + lineAttractor.detected() + "]";
    }
}
