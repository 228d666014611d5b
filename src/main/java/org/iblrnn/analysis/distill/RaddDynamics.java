package org.iblrnn.analysis.distill;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.dynamics.FixedPointConfig;
import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.math.Arrays2;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;

/**
 * The dynamics of a distilled RADD model under a constant input x: the map
 * F_x(z) = tanh(A z + B x + c) of {@link RaddModel}, its fixed points z* = F_x(z*) with their
 * stability, and (for M = 2) its one-step vector field Delta z = F_x(z) - z on a grid, for the same
 * input conditions as the network's vector fields (paper Fig. 7c;
 * {@link org.iblrnn.analysis.representation.Representation#CONDITIONS}).
 *
 * <p>The model is a tanh RNN, so it is wrapped as an M-unit {@link RecurrentModel} ({@link #asNetwork})
 * and handed to the network's machinery: {@link FixedPointFinder#find} (Levenberg-Marquardt from
 * every start, merge, eigenvalues of dF/dz = diag(1 - F(z)^2) A, stable / saddle / unstable by
 * eigenvalue moduli) and {@link FixedPointFinder#stepAll}. All states and fields are in the model's
 * own normalised units z_hat = z / s.
 *
 * <p>Pure and deterministic: the starts are the caller's (e.g. {@link #gridStarts} plus sampled
 * visited states).
 */
public final class RaddDynamics {
    private RaddDynamics() {
    }

    /** A RADD model as a tanh network: the model and its flat parameters. */
    public record Network(RecurrentModel model, double[] theta) {
        public Network {
            theta = theta.clone();
        }

        @Override
        public double[] theta() {
            return theta.clone();
        }
    }

    /** The one-step vector field on a grid: arrow i goes from (x[i], y[i]) along (dx[i], dy[i]). */
    public record Field(double[] x, double[] y, double[] dx, double[] dy) {
        public Field {
            x = x.clone();
            y = y.clone();
            dx = dx.clone();
            dy = dy.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double[] dx() {
            return dx.clone();
        }

        @Override
        public double[] dy() {
            return dy.clone();
        }
    }

    /**
     * One input condition: the RADD model's fixed points and field, and optionally the network's own
     * fixed points mapped into the same coordinates for comparison.
     *
     * @param name             condition name, e.g. "left stimulus"
     * @param input            constant input x = (oL, oR, feedback)
     * @param fixedPoints      the RADD model's fixed points (normalised units)
     * @param field            the vector field, or null when M != 2
     * @param network          the network's fixed points in its N-dimensional space, or null
     * @param networkProjected the network's points projected and normalised like the RADD targets,
     *                         shape [K][M] (empty when network is null)
     */
    public record Condition(String name, double[] input, FixedPoints fixedPoints, Field field, FixedPoints network,
                            double[][] networkProjected) {
        public Condition {
            input = input.clone();
            networkProjected = Arrays2.deepCopy(networkProjected);
        }

        @Override
        public double[] input() {
            return input.clone();
        }

        @Override
        public double[][] networkProjected() {
            return Arrays2.deepCopy(networkProjected);
        }

        /** This condition with the network's fixed points and their RADD coordinates attached. */
        public Condition withNetwork(FixedPoints points, double[][] projected) {
            if (points.size() != projected.length) {
                throw new IllegalArgumentException("projected must have one row per network point (" + points.size()
                        + "), got " + projected.length);
            }
            return new Condition(name, input, fixedPoints, field, points, projected);
        }

        /**
         * For RADD point k, the index of the nearest projected network point (Euclidean, normalised
         * units), or -1 when there is none.
         */
        public int nearestNetworkPoint(int k) {
            double[] z = fixedPoints.state(k);
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < networkProjected.length; j++) {
                double d = Arrays2.distance(z, networkProjected[j]);
                if (d < bd) {
                    bd = d;
                    best = j;
                }
            }
            return best;
        }

        /** Distance from RADD point k to projected network point j (normalised units). */
        public double distanceToNetworkPoint(int k, int j) {
            return Arrays2.distance(fixedPoints.state(k), networkProjected[j]);
        }
    }

    /**
     * The RADD model as a tanh {@link RecurrentModel} with M hidden units: W_hh = A, W_ih = B,
     * b_ih = c, b_hh = 0 and a zero readout with 2 outputs (unused). One step of the network under
     * input x equals {@link RaddModel#step}(z, x) up to the order of the floating-point sums.
     */
    public static Network asNetwork(RaddModel m) {
        int units = m.units();
        int in = m.inputs();
        RecurrentModel net = new RecurrentModel(new ModelConfig("rnn", in, units, 2));
        double[] theta = new double[net.layout().size()];
        ParamBlock wih = net.layout().block("core.weight_ih_l0");
        ParamBlock whh = net.layout().block("core.weight_hh_l0");
        ParamBlock bih = net.layout().block("core.bias_ih_l0");
        double[][] a = m.a();
        double[][] b = m.b();
        double[] c = m.c();
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < units; j++) {
                theta[whh.offset() + i * units + j] = a[i][j];
            }
            for (int j = 0; j < in; j++) {
                theta[wih.offset() + i * in + j] = b[i][j];
            }
            theta[bih.offset() + i] = c[i];
        }
        return new Network(net, theta);
    }

    /**
     * Fixed-point settings for a RADD model: {@link FixedPointConfig#defaults()} (Levenberg-Marquardt
     * to q = 0.5 ||F(z) - z||^2 &lt;= 1e-20, merge within 1e-3, marginal within 1e-3 of modulus 1),
     * with slow points dropped (slowQ 1e-16): a 2-unit map has only isolated true fixed points
     * worth reporting.
     */
    public static FixedPointConfig fixedPointConfig() {
        return FixedPointConfig.defaults().withSlowQ(1e-16);
    }

    /**
     * A regular grid over the state space of the model, [-0.98, 0.98]^M with {@code perAxis}
     * points per axis (tanh units live in (-1, 1), so every fixed point is inside).
     *
     * @param m       number of units M &gt;= 1
     * @param perAxis points per axis &gt;= 2, with perAxis^M &lt;= 100,000
     * @return starts, shape [perAxis^M][M]
     */
    public static double[][] gridStarts(int m, int perAxis) {
        if (m < 1 || perAxis < 2) {
            throw new IllegalArgumentException("m must be >= 1 and perAxis >= 2, got " + m + " and " + perAxis);
        }
        double count = Math.pow(perAxis, m);
        if (count > 100_000) {
            throw new IllegalArgumentException("perAxis^m must be <= 100000, got " + perAxis + "^" + m);
        }
        int total = (int) count;
        double[] axis = linspace(-0.98, 0.98, perAxis);
        double[][] out = new double[total][m];
        for (int k = 0; k < total; k++) {
            int r = k;
            for (int d = m - 1; d >= 0; d--) {
                out[k][d] = axis[r % perAxis];
                r /= perAxis;
            }
        }
        return out;
    }

    /**
     * The fixed points of the RADD map under one constant input.
     *
     * @param model  the distilled model
     * @param input  constant input x, shape [I]
     * @param starts initial states, shape [S][M], finite
     * @param cfg    search settings (e.g. {@link #fixedPointConfig()})
     */
    public static FixedPoints fixedPoints(RaddModel model, double[] input, double[][] starts, FixedPointConfig cfg) {
        Network n = asNetwork(model);
        return FixedPointFinder.find(n.model(), n.theta(), input, starts, cfg);
    }

    /**
     * The one-step field Delta z = F_x(z) - z of a 2-unit model on a g x g grid over [lo, hi]^2.
     *
     * @param model   the distilled model, M = 2
     * @param input   constant input x, shape [I]
     * @param perAxis grid points per axis &gt;= 2
     */
    public static Field field(RaddModel model, double[] input, int perAxis, double lo, double hi) {
        if (model.units() != 2) {
            throw new IllegalArgumentException("a vector field needs a 2-unit model, got " + model.units() + " units");
        }
        if (perAxis < 2 || !(lo < hi)) {
            throw new IllegalArgumentException("perAxis must be >= 2 and lo < hi, got " + perAxis + ", [" + lo + ", "
                    + hi + "]");
        }
        double[] axis = linspace(lo, hi, perAxis);
        double[][] pts = new double[perAxis * perAxis][];
        int k = 0;
        for (double px : axis) {
            for (double py : axis) {
                pts[k++] = new double[] {px, py};
            }
        }
        Network n = asNetwork(model);
        double[][] next = FixedPointFinder.stepAll(n.model(), n.theta(), input, pts);
        double[] x = new double[pts.length];
        double[] y = new double[pts.length];
        double[] dx = new double[pts.length];
        double[] dy = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            x[i] = pts[i][0];
            y[i] = pts[i][1];
            dx[i] = next[i][0] - pts[i][0];
            dy[i] = next[i][1] - pts[i][1];
        }
        return new Field(x, y, dx, dy);
    }

    /**
     * Fixed points (any M) and, for M = 2, the vector field over [-1, 1]^2 with {@code fieldGrid}
     * points per axis, for each named input.
     *
     * @param model     the distilled model
     * @param names     condition names, one per input
     * @param inputs    constant inputs, shape [C][I]
     * @param starts    fixed-point starts, shape [S][M]
     * @param cfg       fixed-point settings
     * @param fieldGrid grid points per axis of the field (&gt;= 2)
     * @return one condition per input, in order, without network points
     */
    public static List<Condition> analyse(RaddModel model, List<String> names, double[][] inputs, double[][] starts,
                                          FixedPointConfig cfg, int fieldGrid) {
        if (names.size() != inputs.length) {
            throw new IllegalArgumentException("names must have " + inputs.length + " entries, got " + names.size());
        }
        List<Condition> out = new ArrayList<>();
        for (int c = 0; c < inputs.length; c++) {
            FixedPoints fp = fixedPoints(model, inputs[c], starts, cfg);
            Field f = model.units() == 2 ? field(model, inputs[c], fieldGrid, -1, 1) : null;
            out.add(new Condition(names.get(c), inputs[c], fp, f, null, new double[0][]));
        }
        return out;
    }

    private static double[] linspace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1);
        }
        return v;
    }

}
