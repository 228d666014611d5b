package org.iblrnn.analysis.representation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.dynamics.FixedPointConfig;
import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.stats.Clustering;
import org.iblrnn.analysis.stats.Decoding;
import org.iblrnn.analysis.stats.Geometry;
import org.iblrnn.analysis.stats.LinearRegression;
import org.iblrnn.analysis.stats.Pca;
import org.iblrnn.analysis.stats.PcaResult;
import org.iblrnn.math.Arrays2;
import org.iblrnn.math.DoubleList;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;

/**
 * The representation analyses of the paper (section 3.2, reference-spec 5.1-5.10), with the
 * geometrically correct definitions the paper's text describes:
 * <ul>
 *   <li>PCA of every hidden state of the evaluation session; PC1's sign along the stimulus
 *       readout, PC2's along the block readout;</li>
 *   <li>stimulus readout w = w_R - w_L (the right-minus-left logit; the code uses w_R alone,
 *       reported too), its fraction inside the PCA plane;</li>
 *   <li>block decoding by L2 logistic regression with an intercept, penalty by cross-validation,
 *       on a 33% held-out split blocked in time and on the paper's random-row split, from the
 *       full state and from the 2-D PCA coordinates; the block readout is the full-space
 *       coefficient vector; angles between readouts in the full space and in the plane;</li>
 *   <li>task-aligned coordinates: stimulus belief s = h . w/|w|, block belief b = h . bhat;</li>
 *   <li>effect of one observation: regression of the one-step change of s and b on
 *       d = oR - oL over observation steps (also in the paper's in-plane coordinates: the PCA
 *       coordinates projected on the in-plane stimulus direction C w and on the plane decoder's
 *       direction, which are not orthogonal); effect of feedback: the change into the step that
 *       receives the feedback (the first blank step of a trial), regressed on the feedback;</li>
 *   <li>unit clusters from the correlation matrix (complete linkage on 1 - r) and the mean
 *       recurrent weight within and between clusters;</li>
 *   <li>vector fields and fixed points under the paper's six input conditions.</li>
 * </ul>
 * Decoders are fitted on at most {@link Options#maxDecoderRows()} rows (the steps of the first
 * blocks), which keeps the cost linear and the split blocked.
 *
 * <p>Cells. Every analysis runs on any cell of {@link RecurrentModel} (tanh RNN, GRU, LSTM):
 * <ul>
 *   <li>PCA, the readouts, block decoding, the beliefs s and b, the observation and feedback
 *       effects, the observer comparison and the unit clusters use the hidden vector h, for every
 *       cell: it is what the readout sees, so the "stimulus readout" and every belief are defined
 *       on it (the paper's quantities); an LSTM's cell state c never reaches the readout except
 *       through h.</li>
 *   <li>Vector fields and fixed points need the map the network iterates, which acts on the cell's
 *       carried state ({@link org.iblrnn.nn.Cell#carriedSize()}): h for rnn and gru, (h, c), 2H
 *       entries, for the LSTM. The session's carried states are rebuilt bit-identically by
 *       {@link RnnAgent#carriedStates} (the record keeps h). A grid point p of the h-PCA plane is
 *       lifted to a carried state by the least-squares linear map from the plane coordinates to
 *       the carried state, fitted on every recorded step: h = mean + C^T p (exactly the PCA
 *       reconstruction, which is that least-squares map for h) and, for the LSTM,
 *       c = c_mean + B (p - p_mean) with B the least-squares slopes of each c unit on the two
 *       plane coordinates (the c the session typically has where its h projects to p). One step
 *       of the network from that state gives the field (its h part projected on the plane); the
 *       fixed-point search starts from the same lifted states and runs in the full carried space
 *       (the LSTM's fixed points have 2H entries); they are drawn on the plane by projecting
 *       their first H entries (h).</li>
 *   <li>The matrix of recurrent weights clustered by unit group ({@link Result#recurrentWeights()}):
 *       W_hh for the tanh RNN; for the GRU and the LSTM the recurrent weights into the candidate
 *       (rows 2H..3H of weight_hh_l0: the GRU's W_hn, the LSTM's W_hg), the tanh drive that plays
 *       the vanilla RNN's W_hh role.</li>
 * </ul>
 * For the tanh RNN every analysis is computed as before the cells existed (the numbers moved in
 * their last bits only when the engine's arithmetic did: RepresentationRnnRegressionTest).
 */
public final class Representation {
    private Representation() {
    }

    /** The paper's six input conditions (oL, oR, feedback), reference-spec 5.9. */
    public static final double[][] CONDITIONS = {
        {1.2, 0.2, -0.05}, {0.2, 0.2, -0.05}, {0.2, 1.2, -0.05}, {0, 0, -1}, {0, 0, 0}, {0, 0, 1}};

    /** Names of {@link #CONDITIONS}. */
    public static final List<String> CONDITION_NAMES = List.of("left stimulus", "equal stimulus", "right stimulus",
            "negative feedback", "no stimulus, no feedback", "positive feedback");

    /**
     * @param maxDecoderRows rows used by the block decoders (whole blocks from the start)
     * @param gridSize       vector-field grid points per axis
     * @param fixedPoints    whether to search for fixed points (the slowest part)
     */
    public record Options(int maxDecoderRows, int gridSize, boolean fixedPoints) {
        public Options {
            if (maxDecoderRows < 100) {
                throw new IllegalArgumentException("maxDecoderRows must be >= 100, got " + maxDecoderRows);
            }
            if (gridSize < 3) {
                throw new IllegalArgumentException("gridSize must be >= 3, got " + gridSize);
            }
        }

        public static Options defaults() {
            return new Options(40_000, 15, true);
        }
    }

    /**
     * One vector field: grid points in the PCA plane and the one-step displacement of their h
     * (projected on the plane), and the fixed points found from the grid: {@code fixedPoints} in
     * the cell's carried-state space (2H entries, h then c, for an LSTM), {@code fixedPointsPlane}
     * their h parts projected on the plane, shape [K][2]; null and empty without the search.
     */
    public record Field(String condition, double[] input, double[] x, double[] y, double[] dx, double[] dy,
                        FixedPoints fixedPoints, double[][] fixedPointsPlane) {
    }

    /** Everything computed, for the summary and the figures. */
    public record Result(PcaResult pca, PcaResult plane, double[] stimulusReadout, double[] blockReadout,
                         double stimulusFractionInPlane, double rightRowFractionInPlane,
                         Decoding.Result decodeFull, Decoding.Result decodePlane, double angleFullDegrees,
                         double anglePlaneDegrees, double[][] planeCoordinates, double[] stimulusBelief,
                         double[] blockBelief, LinearRegression.Result obsStimulus, LinearRegression.Result obsBlock,
                         LinearRegression.Result feedbackStimulus, LinearRegression.Result feedbackBlock,
                         LinearRegression.Result obsStimulusPlane, LinearRegression.Result obsBlockPlane,
                         double observerScale, double[] trialEndBlockBelief, double[] observerBlockSigned,
                         Clustering.UnitClusters clusters, double[][] clusterWeightMeans, double[][] recurrentWeights,
                         List<Field> fields, double[] decisionLine, int[] stepTrial, Quirks quirks) {
    }

    /**
     * The same numbers computed the paper code's way (reference-spec 5.1-5.8): readout = the right
     * row alone; in-plane stimulus direction t = normalise(C (w_R - mean)) (the readout treated as a
     * point); block decoders without intercept or penalty on a random 67/33 row split; full-space
     * block readout = normalise(C^T b + mean); observation effects on the task-aligned coordinates
     * z = (p . t, p . b) built from those directions (Fig. 5a/b use z itself; the code's coordinate
     * mixing only enters Figs. 5c and 6); clusters from Euclidean distances between
     * rows of the correlation matrix cut at half the maximum.
     */
    public record Quirks(double decodeFull, double decodePlane, double angleFullDegrees, double anglePlaneDegrees,
                         double obsSlopeStimulus, double obsSlopeBlock, int clusters) {
    }

    /**
     * Runs every analysis.
     *
     * @param steps    the network's per-step record of the evaluation session (states = h), as
     *                 {@link org.iblrnn.agents.AgentRunner#run} makes it for an {@link RnnAgent} of
     *                 this model and theta (an LSTM's c is rebuilt from it)
     * @param trials   its trial table
     * @param observer the exact observer on the same session (block posterior per trial)
     */
    public static Result analyse(RecurrentModel model, double[] theta, TaskConfig task, StepRecord steps,
                                 TrialTable trials, ObserverTrace observer, Options options, RandomGenerator rng) {
        int t = steps.size();
        int n = model.config().hiddenSize();
        if (t < 100) {
            throw new IllegalArgumentException("the evaluation session must have >= 100 steps, got " + t);
        }
        double[][] h = new double[t][n];
        int[] stepTrial = new int[t];
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                h[s][i] = steps.state(s, i);
            }
            stepTrial[s] = steps.trial(s);
        }
        // the state the network iterates: h itself, or (h, c) for an LSTM
        double[][] carried = model.cell().carriedSize() == n ? h : RnnAgent.carriedStates(model, theta, steps);
        PcaResult pca = Pca.fit(h);
        int wo = model.layout().block("readout.weight").offset();
        double[] wL = Arrays.copyOfRange(theta, wo, wo + n);
        double[] wR = Arrays.copyOfRange(theta, wo + n, wo + 2 * n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = wR[i] - wL[i];
        }
        // block decoding on whole blocks from the start of the session
        int rows = 0;
        while (rows < t && (rows < options.maxDecoderRows()
                || trials.blockAt(stepTrial[rows]) == trials.blockAt(stepTrial[rows - 1]))) {
            rows++;
        }
        double[][] xd = Arrays.copyOf(h, rows);
        int[] labels = new int[rows];
        int[] groups = new int[rows];
        for (int s = 0; s < rows; s++) {
            labels[s] = trials.blockSideAt(stepTrial[s]) > 0 ? 1 : 0;
            groups[s] = trials.blockAt(stepTrial[s]);
        }
        Decoding.Result full = Decoding.decode(xd, labels, groups, Decoding.Config.defaults(), rng);
        double[] b = Geometry.normalise(full.blocked().fit().coefficients());
        PcaResult plane = pca.truncate(2).withSigns(w, b);
        double[][] basis = plane.components();
        double[][] coords = plane.project(h);
        Decoding.Result planeDec = Decoding.decode(Arrays.copyOf(coords, rows), labels, groups,
                Decoding.Config.defaults(), rng);

        double[] wu = Geometry.normalise(w);
        double[] s = new double[t];
        double[] bb = new double[t];
        for (int k = 0; k < t; k++) {
            s[k] = Arrays2.dot(h[k], wu);
            bb[k] = Arrays2.dot(h[k], b);
        }
        // one observation's effect
        DoubleList dx = new DoubleList();
        DoubleList ds = new DoubleList();
        DoubleList db = new DoubleList();
        DoubleList fx = new DoubleList();
        DoubleList fs = new DoubleList();
        DoubleList fb = new DoubleList();
        int blank = task.blankSteps();
        for (int k = 1; k < t; k++) {
            int kin = steps.stepInTrial(k);
            if (kin >= blank) {
                dx.add(steps.input(k, 1) - steps.input(k, 0));
                ds.add(s[k] - s[k - 1]);
                db.add(bb[k] - bb[k - 1]);
            } else if (kin == 0) {
                fx.add(steps.input(k, 2));
                fs.add(s[k] - s[k - 1]);
                fb.add(bb[k] - bb[k - 1]);
            }
        }
        LinearRegression.Result os = LinearRegression.fit(dx.toArray(), ds.toArray());
        LinearRegression.Result ob = LinearRegression.fit(dx.toArray(), db.toArray());
        LinearRegression.Result fsr = LinearRegression.fit(fx.toArray(), fs.toArray());
        LinearRegression.Result fbr = LinearRegression.fit(fx.toArray(), fb.toArray());
        // the paper's in-plane coordinates: projections of the PCA coordinates on the in-plane
        // stimulus direction C w and on the plane decoder's direction
        double[] tp = Geometry.normalise(new double[] {Arrays2.dot(basis[0], w), Arrays2.dot(basis[1], w)});
        double[] bp = Geometry.normalise(planeDec.blocked().fit().coefficients());
        DoubleList dsp = new DoubleList();
        DoubleList dbp = new DoubleList();
        for (int k = 1; k < t; k++) {
            if (steps.stepInTrial(k) >= blank) {
                dsp.add(Arrays2.dot(coords[k], tp) - Arrays2.dot(coords[k - 1], tp));
                dbp.add(Arrays2.dot(coords[k], bp) - Arrays2.dot(coords[k - 1], bp));
            }
        }
        LinearRegression.Result osp = LinearRegression.fit(dx.toArray(), dsp.toArray());
        LinearRegression.Result obp = LinearRegression.fit(dx.toArray(), dbp.toArray());

        // block belief at trial end against the observer's block posterior
        int nt = trials.size();
        double[] endBelief = new double[nt];
        double[] obsSigned = new double[nt];
        double[] post = observer.blockPosteriorRight();
        for (int k = 0; k < t; k++) {
            if (k + 1 == t || stepTrial[k + 1] != stepTrial[k]) {
                endBelief[stepTrial[k]] = bb[k];
            }
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < nt; i++) {
            obsSigned[i] = 2 * post[i] - 1;
            sxy += obsSigned[i] * endBelief[i];
            sxx += obsSigned[i] * obsSigned[i];
        }
        double scale = sxx > 0 ? sxy / sxx : Double.NaN;

        Clustering.UnitClusters clusters = Clustering.clusterUnits(h, Clustering.Distance.ONE_MINUS_CORRELATION, 6);
        double[][] whh = recurrentWeights(model, theta);
        double[][] means = Clustering.clusterMeans(whh, clusters.labels());

        // the decision boundary in the plane: (w . (mean + C^T p)) + (bR - bL) = +- ln 9
        int bo = model.layout().block("readout.bias").offset();
        double bias = theta[bo + 1] - theta[bo];
        double[] cw = {Arrays2.dot(basis[0], w), Arrays2.dot(basis[1], w)};
        double offset = Arrays2.dot(w, plane.mean()) + bias;
        double[] decisionLine = {cw[0], cw[1], offset, Math.log(task.actionThreshold() / (1 - task.actionThreshold()))};

        List<Field> fields = options.gridSize() > 0 ? fields(model, theta, plane, coords, carried, options, rng)
                : List.of();
        Quirks quirks = quirks(h, coords, basis, plane, wR, labels, groups, rows, steps, blank, dx.toArray(), rng);
        return new Result(pca, plane, w, b, Geometry.fractionInSubspace(w, basis),
                Geometry.fractionInSubspace(wR, basis), full, planeDec, Geometry.angleDegrees(w, b),
                Geometry.angleInSubspaceDegrees(w, b, basis), coords, s, bb, os, ob, fsr, fbr, osp, obp, scale, endBelief,
                obsSigned, clusters, means, whh, fields, decisionLine, stepTrial, quirks);
    }

    private static Quirks quirks(double[][] h, double[][] coords, double[][] basis, PcaResult plane, double[] wR,
                                 int[] labels, int[] groups, int rows, StepRecord steps, int blank, double[] d,
                                 RandomGenerator rng) {
        Decoding.Config ref = Decoding.Config.reference();
        Decoding.Result full = Decoding.decode(Arrays.copyOf(h, rows), labels, groups, ref, rng);
        Decoding.Result pl = Decoding.decode(Arrays.copyOf(coords, rows), labels, groups, ref, rng);
        double[] t = Geometry.normalise(plane.project(wR));
        double[] bq = Geometry.normalise(pl.random().fit().coefficients());
        double[] lifted = plane.mean().clone();
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < lifted.length; i++) {
                lifted[i] += bq[k] * basis[k][i];
            }
        }
        double angleFull = Geometry.angleDegrees(Geometry.normalise(lifted), wR);
        double anglePlane = Geometry.angleDegrees(bq, t);
        double[] ds = new double[d.length];
        double[] db = new double[d.length];
        int j = 0;
        for (int k = 1; k < coords.length; k++) {
            if (steps.stepInTrial(k) >= blank) {
                double z1 = Arrays2.dot(coords[k], t);
                double z2 = Arrays2.dot(coords[k], bq);
                double y1 = Arrays2.dot(coords[k - 1], t);
                double y2 = Arrays2.dot(coords[k - 1], bq);
                ds[j] = z1 - y1;
                db[j] = z2 - y2;
                j++;
            }
        }
        int clusters = Clustering.clusterUnitsAtFraction(h, Clustering.Distance.CORRELATION_ROW_EUCLIDEAN, 0.5)
                .clusters();
        return new Quirks(full.random().testAccuracy(), pl.random().testAccuracy(), angleFull, anglePlane,
                LinearRegression.fit(d, ds).slope(), LinearRegression.fit(d, db).slope(), clusters);
    }

    /**
     * The H x H recurrent weights that the unit clusters are compared on: W_hh for the tanh RNN;
     * for the GRU and the LSTM, the rows of weight_hh_l0 into the candidate (gate block 2 in
     * PyTorch's order: the GRU's W_hn of (r, z, n), the LSTM's W_hg of (i, f, g, o)).
     */
    static double[][] recurrentWeights(RecurrentModel model, double[] theta) {
        int n = model.config().hiddenSize();
        ParamBlock whhBlock = model.layout().block("core.weight_hh_l0");
        int firstRow = model.config().cell().equals("rnn") ? 0 : 2 * n;
        double[][] whh = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(theta, whhBlock.offset() + (firstRow + i) * n, whh[i], 0, n);
        }
        return whh;
    }

    /**
     * Lifts points of the h-PCA plane to carried states (see the class documentation): the first H
     * entries are the plane's reconstruction {@code hLifted}; entries H..N-1 (an LSTM's c) are the
     * least-squares affine function of the plane coordinates fitted on the session, rows of
     * {@code coords} against the same rows of {@code carried}. With N = H, {@code hLifted} itself.
     *
     * @param coords  plane coordinates of every recorded step, shape [T][2]
     * @param carried carried states of the same steps, shape [T][N]
     * @param p2      points of the plane, shape [M][2]
     * @param hLifted their reconstructions in h space, shape [M][H]
     * @return carried states, shape [M][N]
     */
    static double[][] liftToCarried(double[][] coords, double[][] carried, double[][] p2, double[][] hLifted) {
        int hid = hLifted.length == 0 ? 0 : hLifted[0].length;
        int nc = carried[0].length;
        if (nc == hid || hLifted.length == 0) {
            return hLifted;
        }
        int k = nc - hid;
        int t = coords.length;
        double[] pm = new double[2];
        double[] cm = new double[k];
        for (int r = 0; r < t; r++) {
            pm[0] += coords[r][0];
            pm[1] += coords[r][1];
            for (int j = 0; j < k; j++) {
                cm[j] += carried[r][hid + j];
            }
        }
        pm[0] /= t;
        pm[1] /= t;
        for (int j = 0; j < k; j++) {
            cm[j] /= t;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double[][] sxc = new double[2][k];
        for (int r = 0; r < t; r++) {
            double a = coords[r][0] - pm[0];
            double b = coords[r][1] - pm[1];
            sxx += a * a;
            sxy += a * b;
            syy += b * b;
            for (int j = 0; j < k; j++) {
                double c = carried[r][hid + j] - cm[j];
                sxc[0][j] += a * c;
                sxc[1][j] += b * c;
            }
        }
        // slopes B = S_pp^-1 S_pc; a degenerate plane (no spread) leaves c at its mean
        double det = sxx * syy - sxy * sxy;
        double[][] slope = new double[2][k];
        if (sxx > 0 && syy > 0 && det > 1e-12 * sxx * syy) {
            for (int j = 0; j < k; j++) {
                slope[0][j] = (syy * sxc[0][j] - sxy * sxc[1][j]) / det;
                slope[1][j] = (sxx * sxc[1][j] - sxy * sxc[0][j]) / det;
            }
        }
        double[][] out = new double[p2.length][nc];
        for (int m = 0; m < p2.length; m++) {
            System.arraycopy(hLifted[m], 0, out[m], 0, hid);
            double a = p2[m][0] - pm[0];
            double b = p2[m][1] - pm[1];
            for (int j = 0; j < k; j++) {
                out[m][hid + j] = cm[j] + slope[0][j] * a + slope[1][j] * b;
            }
        }
        return out;
    }

    /** The first {@code hid} entries (h) of each row. */
    static double[][] hiddenPart(double[][] states, int hid) {
        if (states.length == 0 || states[0].length == hid) {
            return states;
        }
        double[][] out = new double[states.length][];
        for (int m = 0; m < states.length; m++) {
            out[m] = Arrays.copyOf(states[m], hid);
        }
        return out;
    }

    private static List<Field> fields(RecurrentModel model, double[] theta, PcaResult plane, double[][] coords,
                                      double[][] carried, Options options, RandomGenerator rng) {
        int g = options.gridSize();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] c : coords) {
            for (int a = 0; a < 2; a++) {
                lo[a] = Math.min(lo[a], c[a]);
                hi[a] = Math.max(hi[a], c[a]);
            }
        }
        // keep grid points near visited states (within 1.5 grid spacings of a sampled state)
        int sample = Math.min(coords.length, 4000);
        double[][] sampled = new double[sample][];
        for (int i = 0; i < sample; i++) {
            sampled[i] = coords[(int) ((long) i * coords.length / sample)];
        }
        double sx = (hi[0] - lo[0]) / (g - 1);
        double sy = (hi[1] - lo[1]) / (g - 1);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double px = lo[0] + i * sx;
                double py = lo[1] + j * sy;
                for (double[] c : sampled) {
                    double ex = (c[0] - px) / sx;
                    double ey = (c[1] - py) / sy;
                    if (ex * ex + ey * ey <= 2.25) {
                        pts.add(new double[] {px, py});
                        break;
                    }
                }
            }
        }
        double[][] p2 = pts.toArray(double[][]::new);
        double[][] lifted = plane.reconstruct(p2);
        int hid = model.config().hiddenSize();
        double[][] starts = liftToCarried(coords, carried, p2, lifted);
        List<Field> out = new ArrayList<>();
        FixedPointConfig cfg = FixedPointConfig.defaults().withTolQ(1e-8);
        for (int c = 0; c < CONDITIONS.length; c++) {
            double[] input = CONDITIONS[c];
            double[][] next = FixedPointFinder.stepAll(model, theta, input, starts);
            double[][] np = plane.project(hiddenPart(next, hid));
            double[] x = new double[p2.length];
            double[] y = new double[p2.length];
            double[] dx = new double[p2.length];
            double[] dy = new double[p2.length];
            for (int k = 0; k < p2.length; k++) {
                x[k] = p2[k][0];
                y[k] = p2[k][1];
                dx[k] = np[k][0] - p2[k][0];
                dy[k] = np[k][1] - p2[k][1];
            }
            FixedPoints fp = null;
            double[][] fpPlane = new double[0][];
            if (options.fixedPoints()) {
                fp = FixedPointFinder.find(model, theta, input, starts, cfg);
                fpPlane = plane.project(hiddenPart(fp.states(), hid));
            }
            out.add(new Field(CONDITION_NAMES.get(c), input.clone(), x, y, dx, dy, fp, fpPlane));
        }
        return out;
    }
}
