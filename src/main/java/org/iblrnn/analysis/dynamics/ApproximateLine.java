package org.iblrnn.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iblrnn.analysis.stats.Geometry;
import org.iblrnn.math.Arrays2;
import org.iblrnn.nn.RecurrentModel;

/**
 * A looser line-attractor test than {@link FixedPointFinder#lineAttractor}, reported beside it: a
 * <i>slow chain</i>, i.e. distinct fixed points strung along a line and joined by a slow channel.
 *
 * <p>The strict test asks every candidate point for an eigenvalue within lineEigenTol (0.05) of 1.
 * A network can instead hold a continuous variable in a chain of attractors and saddles whose
 * connecting segments are slow (Sussillo and Barak 2013's "continuum of slow points" realised
 * approximately): then no point has an eigenvalue that close to 1, yet the flow along the chain is
 * far slower than elsewhere. The test here:
 * <ol>
 *   <li><b>distinct points</b>: the finder's unique points (any stability) merged greedily within
 *       {@link Options#mergeDistance()}, lowest q first (see {@link Basins} for why the finder's
 *       unique points can be copies of one point); at least {@link Options#minDistinctPoints()};</li>
 *   <li><b>collinear</b>: their first principal direction explains at least
 *       {@link Options#minExplained()} of their spread;</li>
 *   <li><b>slow channel</b>: the distinct points are ordered along that direction and F is evaluated
 *       at {@link Options#samplesPerSegment()} + 1 evenly spaced states on each straight segment
 *       between neighbours; the largest one-step displacement ||F(h) - h|| there is at most
 *       {@link Options#maxSpeedRatio()} times the reference speed, the median ||F(h) - h|| of the
 *       given reference states (e.g. visited states) under the same input. With the default 0.1 a
 *       state on the chain drifts, over a trial of about five steps, less than half of what a
 *       typical state moves in one step.</li>
 * </ol>
 * Reported as well, not part of the verdict: for each distinct point the real eigenvalue of dF/dh
 * whose eigenvector is best aligned with the line, and whether all of them lie within
 * {@link Options#eigenTolerance()} of 1 (the strict test's eigenvalue criterion).
 */
public final class ApproximateLine {
    private ApproximateLine() {
    }

    /**
     * @param mergeDistance     distinct-point merge distance, state units (default 0.05)
     * @param minDistinctPoints fewest distinct points (default 3: two points are a segment, not a chain)
     * @param minExplained      fraction of spread along the line (default 0.95)
     * @param maxSpeedRatio     largest chain speed over the reference speed (default 0.1)
     * @param samplesPerSegment evaluation intervals per segment (default 20)
     * @param eigenTolerance    |lambda - 1| of the reported eigenvalue criterion (default 0.05, the strict test's)
     */
    public record Options(double mergeDistance, int minDistinctPoints, double minExplained, double maxSpeedRatio,
                          int samplesPerSegment, double eigenTolerance) {
        public Options {
            if (!(mergeDistance > 0)) {
                throw new IllegalArgumentException("mergeDistance must be > 0, got " + mergeDistance);
            }
            if (minDistinctPoints < 2) {
                throw new IllegalArgumentException("minDistinctPoints must be >= 2, got " + minDistinctPoints);
            }
            if (!(minExplained > 0 && minExplained <= 1)) {
                throw new IllegalArgumentException("minExplained must be in (0, 1], got " + minExplained);
            }
            if (!(maxSpeedRatio > 0)) {
                throw new IllegalArgumentException("maxSpeedRatio must be > 0, got " + maxSpeedRatio);
            }
            if (samplesPerSegment < 1) {
                throw new IllegalArgumentException("samplesPerSegment must be >= 1, got " + samplesPerSegment);
            }
            if (!(eigenTolerance > 0)) {
                throw new IllegalArgumentException("eigenTolerance must be > 0, got " + eigenTolerance);
            }
        }

        public static Options defaults() {
            return new Options(0.05, 3, 0.95, 0.1, 20, 0.05);
        }
    }

    /**
     * @param detected           all three criteria hold
     * @param reason             the first criterion that failed, or ""
     * @param points             distinct points ordered along the line, shape [P][N]
     * @param stability          their stability (of the representative), shape [P]
     * @param direction          unit line direction (largest |entry| positive), shape [N]; empty if P &lt; 2
     * @param explained          fraction of the distinct points' spread along it (0 if P &lt; 2)
     * @param extent             their extent along it, state units
     * @param maxChainSpeed      largest ||F(h) - h|| on the chain (0 if P &lt; 2)
     * @param referenceSpeed     median ||F(h) - h|| of the reference states
     * @param lineEigenvalues    per distinct point, the real eigenvalue whose eigenvector is best aligned
     *                           with the line (NaN if none is real), shape [P]
     * @param lineEigenAlignment |cos| between that eigenvector and the line, shape [P]
     * @param eigenvaluesNearOne whether every lineEigenvalue is within eigenTolerance of 1
     */
    public record Result(boolean detected, String reason, double[][] points, FixedPoints.Stability[] stability,
                         double[] direction, double explained, double extent, double maxChainSpeed,
                         double referenceSpeed, double[] lineEigenvalues, double[] lineEigenAlignment,
                         boolean eigenvaluesNearOne) {
        public Result {
            points = Arrays2.deepCopy(points);
            stability = stability.clone();
            direction = direction.clone();
            lineEigenvalues = lineEigenvalues.clone();
            lineEigenAlignment = lineEigenAlignment.clone();
        }

        @Override
        public double[][] points() {
            return Arrays2.deepCopy(points);
        }

        @Override
        public FixedPoints.Stability[] stability() {
            return stability.clone();
        }

        @Override
        public double[] direction() {
            return direction.clone();
        }

        @Override
        public double[] lineEigenvalues() {
            return lineEigenvalues.clone();
        }

        @Override
        public double[] lineEigenAlignment() {
            return lineEigenAlignment.clone();
        }

        /** Number of distinct points P. */
        public int distinctPoints() {
            return points.length;
        }

        /** maxChainSpeed / referenceSpeed (NaN if the reference speed is 0). */
        public double speedRatio() {
            return referenceSpeed > 0 ? maxChainSpeed / referenceSpeed : Double.NaN;
        }
    }

    /**
     * Runs the test.
     *
     * @param model           the network
     * @param theta           flat parameters; not modified
     * @param input           the constant input of {@code points}, shape [I]
     * @param points          the finder's result for that input
     * @param referenceStates states defining the reference speed (e.g. visited states), shape [M][N], M &gt;= 1
     */
    public static Result test(RecurrentModel model, double[] theta, double[] input, FixedPoints points,
                              double[][] referenceStates, Options options) {
        if (referenceStates.length == 0) {
            throw new IllegalArgumentException("referenceStates must hold at least one state, got 0");
        }
        double[][] all = points.states();
        int[] label = FixedPointLines.mergeLabels(all, options.mergeDistance());
        List<Integer> reps = new ArrayList<>();
        for (int k = 0; k < label.length; k++) {
            if (label[k] == reps.size()) {
                reps.add(k);
            }
        }
        int p = reps.size();
        double[] speeds = new double[referenceStates.length];
        double[][] images = FixedPointFinder.stepAll(model, theta, input, referenceStates);
        for (int m = 0; m < speeds.length; m++) {
            speeds[m] = Arrays2.distance(images[m], referenceStates[m]);
        }
        double reference = median(speeds);
        if (p < 2) {
            double[][] pts = new double[p][];
            FixedPoints.Stability[] st = new FixedPoints.Stability[p];
            for (int c = 0; c < p; c++) {
                pts[c] = all[reps.get(c)];
                st[c] = points.stability()[reps.get(c)];
            }
            return new Result(false, p + " distinct point(s), fewer than " + options.minDistinctPoints(), pts, st,
                    new double[0], 0, 0, 0, reference, fill(p, Double.NaN), new double[p], false);
        }
        int n = all[0].length;
        double[] centre = new double[n];
        for (int k : reps) {
            for (int i = 0; i < n; i++) {
                centre[i] += all[k][i] / p;
            }
        }
        double[][] cov = new double[n][n];
        double trace = 0;
        for (int k : reps) {
            for (int i = 0; i < n; i++) {
                double di = all[k][i] - centre[i];
                trace += di * di / p;
                for (int j = 0; j < n; j++) {
                    cov[i][j] += di * (all[k][j] - centre[j]) / p;
                }
            }
        }
        double[] direction = FixedPointLines.leadingEigenvector(cov);
        double along = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += cov[i][j] * direction[j];
            }
            along += direction[i] * s;
        }
        double explained = trace > 0 ? Math.min(1, along / trace) : 0;
        // order along the line
        Integer[] order = reps.toArray(Integer[]::new);
        double[] proj = new double[all.length];
        for (int k : reps) {
            proj[k] = Arrays2.dot(direction, subtract(all[k], centre));
        }
        Arrays.sort(order, (a, b) -> Double.compare(proj[a], proj[b]));
        double[][] pts = new double[p][];
        FixedPoints.Stability[] st = new FixedPoints.Stability[p];
        double[] lineEig = new double[p];
        double[] lineAlign = new double[p];
        boolean near = true;
        for (int c = 0; c < p; c++) {
            int k = order[c];
            pts[c] = all[k];
            st[c] = points.stability()[k];
            JacobianSpectrum spec = JacobianSpectrum.of(points.jacobian(k));
            lineEig[c] = Double.NaN;
            for (int e = 0; spec.ok() && e < n; e++) {
                if (spec.im()[e] == 0) {
                    double cos = Math.abs(Arrays2.dot(spec.vecRe()[e], direction)) / Geometry.norm(spec.vecRe()[e]);
                    if (cos > lineAlign[c]) {
                        lineAlign[c] = cos;
                        lineEig[c] = spec.re()[e];
                    }
                }
            }
            near &= Math.abs(lineEig[c] - 1) <= options.eigenTolerance();
        }
        double extent = proj[order[p - 1]] - proj[order[0]];
        double maxSpeed = 0;
        double[] h = new double[n];
        for (int c = 0; c + 1 < p; c++) {
            for (int s = 0; s <= options.samplesPerSegment(); s++) {
                double t = (double) s / options.samplesPerSegment();
                for (int i = 0; i < n; i++) {
                    h[i] = pts[c][i] + t * (pts[c + 1][i] - pts[c][i]);
                }
                maxSpeed = Math.max(maxSpeed, Arrays2.distance(FixedPointFinder.step(model, theta, input, h), h));
            }
        }
        String reason = "";
        if (p < options.minDistinctPoints()) {
            reason = p + " distinct points, fewer than " + options.minDistinctPoints();
        } else if (explained < options.minExplained()) {
            reason = String.format(java.util.Locale.ROOT, "not collinear: line explains %.3f < %.3f", explained,
                    options.minExplained());
        } else if (!(reference > 0) || maxSpeed > options.maxSpeedRatio() * reference) {
            reason = String.format(java.util.Locale.ROOT, "chain not slow: max speed %.4g > %.3g x reference %.4g",
                    maxSpeed, options.maxSpeedRatio(), reference);
        }
        return new Result(reason.isEmpty(), reason, pts, st, direction, explained, extent, maxSpeed, reference,
                lineEig, lineAlign, near);
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }


    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }
}
