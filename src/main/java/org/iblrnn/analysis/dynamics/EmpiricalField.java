package org.iblrnn.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.stats.PcaResult;
import org.iblrnn.nn.RecurrentModel;

/**
 * The empirical vector field (reference-spec 5.9, "real" field): the session's own one-step
 * transitions in the PCA plane, grouped by the input the step received and averaged on a grid.
 *
 * <p>A step t &gt;= 1 moves the state from p_{t-1} to p_t under the input x_t = (oL, oR, r) it
 * received. It belongs to an input condition c = (oL*, oR*, r*) of
 * {@link org.iblrnn.analysis.representation.Representation#CONDITIONS}
 * ({@link #matches}):
 * <ul>
 *   <li>conditions without observations (oL* = oR* = 0): the step's observations are exactly 0 (a
 *       blank step) and r = r*; so (0, 0, 0) collects the second blank step of every trial and
 *       (0, 0, +-1) the first blank step after a correct or a wrong (or timed-out) trial, as in the
 *       code (which matched (0, 0, 0) by k = 1); an observation step with small observations is not
 *       a "no stimulus" step;</li>
 *   <li>stimulus conditions: |oL - oL*| &lt;= tol and |oR - oR*| &lt;= tol (tol =
 *       {@link #OBSERVATION_TOLERANCE}, the code's) and r = r* (the waiting penalty -0.05) <i>or</i>
 *       r = 0, the reward input of a trial's first observation step (reference-spec 2.3: the penalty
 *       only appears from the second observation on). The code required r = -0.05; a network that
 *       mostly acts on its first observation then leaves the stimulus fields almost empty (on the paper
 *       network's 1000-block session 85 left-stimulus steps instead of 430), and the 0.05 difference
 *       in r is a third of what the tolerance already allows on each observation.</li>
 * </ul>
 * The model's fields use the conditions' exact inputs.
 *
 * <p>Binning. The grid is the model vector field's ({@link Grid#covering}: g points per axis
 * spanning the visited range), each bin the cell centred on a grid point. A step falls in the bin
 * of its tail p_{t-1}; per bin the field reports the count, the mean tail and the mean step
 * mean(p_t - p_{t-1}). Bins with fewer than minCount steps are left blank (not reported).
 * For a map that is affine in the plane coordinates the mean step equals the map's step at the
 * mean tail exactly, which the tests use.
 *
 * <p>Model on the same states. For each matched step the network's own step from the recorded
 * state h_{t-1} under the condition's exact input is projected and binned the same way, so the
 * empirical field can be compared with the model bin by bin without the grid field's lifting of
 * plane points to mean + C^T p (off the visited manifold).
 */
public final class EmpiricalField {
    private EmpiricalField() {
    }

    /** Observation tolerance of the condition matching (the paper code's). */
    public static final double OBSERVATION_TOLERANCE = 0.15;
    /** Fewest steps a bin needs to be drawn and compared. */
    public static final int MIN_COUNT = 10;
    /** Feedback inputs match when equal to this tolerance. */
    private static final double FEEDBACK_TOLERANCE = 1e-9;

    /**
     * A regular grid of nx by ny points (x0 + i sx, y0 + j sy); bin (i, j) is the cell of half-width
     * sx/2, sy/2 around point (i, j), index i * ny + j (the order of the model field's points).
     */
    public record Grid(double x0, double y0, double sx, double sy, int nx, int ny) {
        public Grid {
            if (!(sx > 0) || !(sy > 0) || nx < 1 || ny < 1) {
                throw new IllegalArgumentException("grid needs positive spacings and sizes, got sx " + sx + ", sy "
                        + sy + ", nx " + nx + ", ny " + ny);
            }
        }

        /**
         * The model vector field's grid: g points per axis from the minimum to the maximum of each
         * coordinate (a degenerate axis gets spacing 1).
         *
         * @param coords plane coordinates, shape [T][2], T &gt;= 1
         */
        public static Grid covering(double[][] coords, int g) {
            if (coords.length == 0 || g < 2) {
                throw new IllegalArgumentException("need >= 1 point and g >= 2, got " + coords.length + ", " + g);
            }
            double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (double[] c : coords) {
                for (int a = 0; a < 2; a++) {
                    lo[a] = Math.min(lo[a], c[a]);
                    hi[a] = Math.max(hi[a], c[a]);
                }
            }
            double sx = (hi[0] - lo[0]) / (g - 1);
            double sy = (hi[1] - lo[1]) / (g - 1);
            return new Grid(lo[0], lo[1], sx > 0 ? sx : 1, sy > 0 ? sy : 1, g, g);
        }

        /** Number of bins. */
        public int size() {
            return nx * ny;
        }

        /** The bin of a point, or -1 outside the grid's cells. */
        public int bin(double x, double y) {
            long i = Math.round((x - x0) / sx);
            long j = Math.round((y - y0) / sy);
            if (!Double.isFinite(x) || !Double.isFinite(y) || i < 0 || j < 0 || i >= nx || j >= ny) {
                return -1;
            }
            return (int) (i * ny + j);
        }

        public double centreX(int bin) {
            return x0 + (bin / ny) * sx;
        }

        public double centreY(int bin) {
            return y0 + (bin % ny) * sy;
        }
    }

    /**
     * One condition's empirical field over the bins with at least minCount steps (ascending bin index).
     *
     * @param condition    the condition's name
     * @param input        its input (oL, oR, r)
     * @param minCount     the blanking threshold used
     * @param matchedSteps steps that matched the condition (in any bin)
     * @param bins         reported bin indices, shape [B]
     * @param counts       steps per reported bin, shape [B]
     * @param meanX        mean tail x per bin, shape [B]
     * @param meanY        mean tail y per bin, shape [B]
     * @param dx           mean step along x, shape [B]
     * @param dy           mean step along y, shape [B]
     * @param modelDx      mean model step from the same recorded states along x, shape [B] (empty if not computed)
     * @param modelDy      the same along y
     */
    public record Field(String condition, double[] input, int minCount, int matchedSteps, int[] bins, int[] counts,
                        double[] meanX, double[] meanY, double[] dx, double[] dy, double[] modelDx, double[] modelDy) {
        public Field {
            input = input.clone();
            bins = bins.clone();
            counts = counts.clone();
            meanX = meanX.clone();
            meanY = meanY.clone();
            dx = dx.clone();
            dy = dy.clone();
            modelDx = modelDx.clone();
            modelDy = modelDy.clone();
        }

        @Override
        public double[] input() {
            return input.clone();
        }

        @Override
        public int[] bins() {
            return bins.clone();
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }

        @Override
        public double[] meanX() {
            return meanX.clone();
        }

        @Override
        public double[] meanY() {
            return meanY.clone();
        }

        @Override
        public double[] dx() {
            return dx.clone();
        }

        @Override
        public double[] dy() {
            return dy.clone();
        }

        @Override
        public double[] modelDx() {
            return modelDx.clone();
        }

        @Override
        public double[] modelDy() {
            return modelDy.clone();
        }

        /** Number of reported bins B. */
        public int size() {
            return bins.length;
        }

        /** Steps in the reported bins. */
        public int reportedSteps() {
            int s = 0;
            for (int c : counts) {
                s += c;
            }
            return s;
        }
    }

    /**
     * Agreement of the empirical field with another field on the same bins, weighted by the bins'
     * step counts.
     *
     * @param bins          bins compared
     * @param meanCosine    count-weighted mean cosine between the two step vectors (1 = same directions)
     * @param relativeError sqrt(sum w |e - m|^2 / sum w |m|^2), e empirical, m the other field
     */
    public record Agreement(int bins, double meanCosine, double relativeError) {
    }

    /** Whether a step's input (oL, oR, r) belongs to a condition (see the class documentation). */
    public static boolean matches(double oL, double oR, double r, double[] condition, double tolerance) {
        boolean sameFeedback = Math.abs(r - condition[2]) <= FEEDBACK_TOLERANCE;
        if (condition[0] == 0 && condition[1] == 0) {
            return oL == 0 && oR == 0 && sameFeedback;
        }
        return Math.abs(oL - condition[0]) <= tolerance && Math.abs(oR - condition[1]) <= tolerance
                && (sameFeedback || r == 0);
    }

    /**
     * Bins matched steps.
     *
     * @param tails      plane coordinates before each step, shape [M][2]
     * @param heads      plane coordinates after it, shape [M][2]
     * @param modelHeads the model's step from the same states, projected, shape [M][2], or null
     */
    public static Field bin(String condition, double[] input, double[][] tails, double[][] heads,
                            double[][] modelHeads, Grid grid, int minCount) {
        if (heads.length != tails.length || (modelHeads != null && modelHeads.length != tails.length)) {
            throw new IllegalArgumentException("tails, heads and modelHeads must have the same length, got "
                    + tails.length + ", " + heads.length + ", " + (modelHeads == null ? "null" : modelHeads.length));
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        int nb = grid.size();
        int[] count = new int[nb];
        double[][] sum = new double[nb][6];
        int matched = 0;
        for (int m = 0; m < tails.length; m++) {
            int b = grid.bin(tails[m][0], tails[m][1]);
            matched++;
            if (b < 0) {
                continue;
            }
            count[b]++;
            double[] s = sum[b];
            s[0] += tails[m][0];
            s[1] += tails[m][1];
            s[2] += heads[m][0] - tails[m][0];
            s[3] += heads[m][1] - tails[m][1];
            if (modelHeads != null) {
                s[4] += modelHeads[m][0] - tails[m][0];
                s[5] += modelHeads[m][1] - tails[m][1];
            }
        }
        int kept = 0;
        for (int b = 0; b < nb; b++) {
            kept += count[b] >= minCount ? 1 : 0;
        }
        int[] bins = new int[kept];
        int[] counts = new int[kept];
        double[][] v = new double[6][kept];
        int k = 0;
        for (int b = 0; b < nb; b++) {
            if (count[b] >= minCount) {
                bins[k] = b;
                counts[k] = count[b];
                for (int c = 0; c < 6; c++) {
                    v[c][k] = sum[b][c] / count[b];
                }
                k++;
            }
        }
        double[] mdx = modelHeads == null ? new double[0] : v[4];
        double[] mdy = modelHeads == null ? new double[0] : v[5];
        return new Field(condition, input, minCount, matched, bins, counts, v[0], v[1], v[2], v[3], mdx, mdy);
    }

    /** Agreement with the model's step from the same recorded states (bins of {@code f}). */
    public static Agreement agreementWithModel(Field f) {
        if (f.modelDx().length != f.size()) {
            return new Agreement(0, Double.NaN, Double.NaN);
        }
        return agreement(f, f.modelDx(), f.modelDy(), allBins(f.size()));
    }

    /**
     * Agreement with a grid vector field (e.g.
     * {@link org.iblrnn.analysis.representation.Representation.Field}) whose points lie on the
     * grid points: each reported bin is compared with the field's arrow at the bin's grid point, if
     * the field has one there.
     */
    public static Agreement agreementWithGrid(Field f, Grid grid, double[] x, double[] y, double[] dx, double[] dy) {
        double[] gx = new double[grid.size()];
        double[] gy = new double[grid.size()];
        boolean[] has = new boolean[grid.size()];
        for (int k = 0; k < x.length; k++) {
            int b = grid.bin(x[k], y[k]);
            if (b >= 0) {
                gx[b] = dx[k];
                gy[b] = dy[k];
                has[b] = true;
            }
        }
        int[] bins = f.bins();
        double[] ox = new double[bins.length];
        double[] oy = new double[bins.length];
        List<Integer> use = new ArrayList<>();
        for (int k = 0; k < bins.length; k++) {
            if (has[bins[k]]) {
                ox[k] = gx[bins[k]];
                oy[k] = gy[bins[k]];
                use.add(k);
            }
        }
        return agreement(f, ox, oy, use.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Agreement agreement(Field f, double[] ox, double[] oy, int[] use) {
        int[] counts = f.counts();
        double[] dx = f.dx();
        double[] dy = f.dy();
        double w = 0;
        double cos = 0;
        double err = 0;
        double ref = 0;
        for (int k : use) {
            double c = counts[k];
            double ne = Math.hypot(dx[k], dy[k]);
            double nm = Math.hypot(ox[k], oy[k]);
            if (ne > 0 && nm > 0) {
                cos += c * (dx[k] * ox[k] + dy[k] * oy[k]) / (ne * nm);
                w += c;
            }
            double ex = dx[k] - ox[k];
            double ey = dy[k] - oy[k];
            err += c * (ex * ex + ey * ey);
            ref += c * (ox[k] * ox[k] + oy[k] * oy[k]);
        }
        return new Agreement(use.length, w > 0 ? cos / w : Double.NaN, ref > 0 ? Math.sqrt(err / ref) : Double.NaN);
    }

    private static int[] allBins(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * The empirical fields of a recorded session, one per condition, with the model's step from the
     * same recorded states.
     *
     * @param model      the network that produced {@code steps}
     * @param theta      its parameters; not modified
     * @param steps      the session's per-step record (states h)
     * @param carried    the carried states of every step, shape [T][N], or null when they are the
     *                   recorded h (cells other than the LSTM)
     * @param coords     plane coordinates of every step, shape [T][2]
     * @param plane      the plane (2 components) that gave {@code coords}
     * @param conditions inputs, shape [C][3]
     * @param names      condition names, size C
     * @param grid       the binning grid
     */
    public static List<Field> fromSession(RecurrentModel model, double[] theta, StepRecord steps,
                                          double[][] carried, double[][] coords, PcaResult plane,
                                          double[][] conditions, List<String> names, Grid grid,
                                          int minCount, double tolerance) {
        int t = steps.size();
        if (coords.length != t) {
            throw new IllegalArgumentException("coords must have " + t + " rows, got " + coords.length);
        }
        int h = model.config().hiddenSize();
        boolean carriedIsH = carried == null;
        List<Field> out = new ArrayList<>();
        for (int c = 0; c < conditions.length; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int s = 1; s < t; s++) {
                if (matches(steps.input(s, 0), steps.input(s, 1), steps.input(s, 2), conditions[c], tolerance)) {
                    idx.add(s);
                }
            }
            double[][] tails = new double[idx.size()][];
            double[][] heads = new double[idx.size()][];
            double[][] starts = new double[idx.size()][];
            for (int m = 0; m < tails.length; m++) {
                int s = idx.get(m);
                tails[m] = coords[s - 1];
                heads[m] = coords[s];
                if (carriedIsH) {
                    starts[m] = new double[h];
                    for (int i = 0; i < h; i++) {
                        starts[m][i] = steps.state(s - 1, i);
                    }
                } else {
                    starts[m] = carried[s - 1];
                }
            }
            double[][] images = FixedPointFinder.stepAll(model, theta, conditions[c], starts);
            double[][] modelHeads = new double[images.length][];
            for (int m = 0; m < images.length; m++) {
                modelHeads[m] = plane.project(Arrays.copyOf(images[m], h));
            }
            out.add(bin(names.get(c), conditions[c], tails, heads, modelHeads, grid, minCount));
        }
        return out;
    }
}
