package org.iblrnn.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Line-attractor detection over a set of fixed and slow points (see {@link FixedPointConfig}):
 * candidates with exactly one Jacobian eigenvalue near 1, the first principal direction of the
 * candidates (leading eigenvector of their covariance, population normalisation), its explained
 * fraction of the total variance and the candidates' extent along it, and the |cos| between each
 * candidate's eigenvector for its near-1 eigenvalue and that direction.
 */
public final class FixedPointLines {
    private FixedPointLines() {
    }

    /**
     * The line-attractor test of {@link FixedPointFinder#lineAttractor}.
     *
     * @param states  unique points, shape [K][N]
     * @param spectra their Jacobian spectra, shape [K]
     */
    static FixedPoints.LineAttractor detect(double[][] states, JacobianSpectrum[] spectra, FixedPointConfig cfg) {
        List<Integer> idx = new ArrayList<>();
        List<Double> slowValues = new ArrayList<>();
        List<double[]> slowVectors = new ArrayList<>();
        for (int k = 0; k < states.length; k++) {
            JacobianSpectrum spec = spectra[k];
            if (!spec.ok()) {
                continue;
            }
            int near = -1;
            int count = 0;
            for (int e = 0; e < spec.re().length; e++) {
                if (Math.hypot(spec.re()[e] - 1, spec.im()[e]) < cfg.lineEigenTol()) {
                    count++;
                    near = e;
                }
            }
            if (count == 1) {
                idx.add(k);
                slowValues.add(spec.re()[near]);
                // a lone eigenvalue near 1 of a real matrix is real, so its eigenvector is real
                slowVectors.add(spec.im()[near] == 0 ? spec.vecRe()[near] : null);
            }
        }
        int m = idx.size();
        int n = states.length == 0 ? 0 : states[0].length;
        int[] pointIndices = idx.stream().mapToInt(Integer::intValue).toArray();
        double[] values = slowValues.stream().mapToDouble(Double::doubleValue).toArray();
        if (m == 0) {
            return new FixedPoints.LineAttractor(false, pointIndices, new double[0], new double[0], 0, 0,
                    values, new double[0], 0);
        }
        double[] centre = new double[n];
        for (int k : pointIndices) {
            for (int i = 0; i < n; i++) {
                centre[i] += states[k][i] / m;
            }
        }
        double[][] cov = new double[n][n];
        for (int k : pointIndices) {
            for (int i = 0; i < n; i++) {
                double di = states[k][i] - centre[i];
                for (int j = 0; j < n; j++) {
                    cov[i][j] += di * (states[k][j] - centre[j]) / m;
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += cov[i][i];
        }
        double[] direction = new double[0];
        double explained = 0;
        double extent = 0;
        if (m >= 2 && trace > 0) {
            direction = leadingEigenvector(cov);
            double lambda = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += cov[i][j] * direction[j];
                }
                lambda += direction[i] * s;
            }
            explained = Math.min(1.0, lambda / trace);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k : pointIndices) {
                double p = 0;
                for (int i = 0; i < n; i++) {
                    p += (states[k][i] - centre[i]) * direction[i];
                }
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
            extent = hi - lo;
        }
        double[] alignment = new double[m];
        double meanAlignment = 0;
        for (int c = 0; c < m; c++) {
            double[] v = slowVectors.get(c);
            if (v != null && direction.length == n) {
                double dot = 0;
                double vv = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * direction[i];
                    vv += v[i] * v[i];
                }
                alignment[c] = vv > 0 ? Math.abs(dot) / Math.sqrt(vv) : 0;
            }
            meanAlignment += alignment[c] / m;
        }
        boolean detected = m >= cfg.lineMinPoints() && direction.length == n && explained >= cfg.lineMinExplained()
                && extent >= cfg.lineMinExtent() && meanAlignment >= cfg.lineMinAlignment();
        return new FixedPoints.LineAttractor(detected, pointIndices, centre, direction, extent, explained, values,
                alignment, meanAlignment);
    }

    /**
     * Greedy single-pass merging of points, in the given order: a point joins the first group whose
     * representative (its first point) is within {@code distance} (Euclidean), else it starts a new
     * group. Used to count <i>distinct</i> fixed points when the finder's unique points are
     * scattered copies of one point (see {@link Basins}).
     *
     * @param points   points, shape [K][N]; not modified
     * @param distance merge distance, &gt; 0
     * @return group label of each point, 0, 1, ... in order of first appearance, shape [K]
     */
    public static int[] mergeLabels(double[][] points, double distance) {
        int[] label = new int[points.length];
        List<double[]> reps = new ArrayList<>();
        for (int k = 0; k < points.length; k++) {
            int found = -1;
            for (int g = 0; g < reps.size() && found < 0; g++) {
                double s = 0;
                double[] r = reps.get(g);
                for (int i = 0; i < r.length; i++) {
                    double d = points[k][i] - r[i];
                    s += d * d;
                }
                if (Math.sqrt(s) <= distance) {
                    found = g;
                }
            }
            if (found < 0) {
                reps.add(points[k]);
                found = reps.size() - 1;
            }
            label[k] = found;
        }
        return label;
    }

    /** Unit eigenvector of the largest eigenvalue of a symmetric matrix, largest |entry| positive. */
    static double[] leadingEigenvector(double[][] sym) {
        int n = sym.length;
        double[] v;
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(sym));
            double[] vals = eig.getEigenvalues();
            int best = 0;
            for (int i = 1; i < vals.length; i++) {
                if (vals[i] > vals[best]) {
                    best = i;
                }
            }
            v = eig.getEigenvector(best).toArray();
        } catch (MathRuntimeException e) {
            v = new double[n];
            Arrays.fill(v, Double.NaN);
            return v;
        }
        double norm = 0;
        int arg = 0;
        for (int i = 0; i < n; i++) {
            norm += v[i] * v[i];
            if (Math.abs(v[i]) > Math.abs(v[arg])) {
                arg = i;
            }
        }
        norm = Math.sqrt(norm) * (v[arg] < 0 ? -1 : 1);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
