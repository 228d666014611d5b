package org.iblrnn.analysis.distill;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.stats.Geometry;
import org.iblrnn.analysis.stats.PcaResult;
import org.iblrnn.math.Arrays2;

/**
 * The projection P of RADD (paper section 3.3.2): z_t = P (h_t - mean), an M x N matrix whose rows
 * are the directions the network's N-dimensional hidden states are read along. Three kinds:
 * <ul>
 *   <li>{@link #readouts}: the paper's choice, rows = the unit stimulus readout (w_R - w_L) / |.|
 *       and the unit block readout, no centring (z = (stimulus belief, block belief));</li>
 *   <li>{@link #principalComponents}: the top M principal components of the hidden states,
 *       centred on their mean (the paper's footnote 1 and its "similar results" variant);</li>
 *   <li>{@link #custom}: any M directions of length N given by the user, no centring.</li>
 * </ul>
 * Immutable; arrays are copied in and out.
 *
 * @param kind       "readouts", "pcs" or "custom"
 * @param names      one name per row, e.g. "stimulus readout", "PC1", "direction 1"
 * @param directions the rows of P, shape [M][N], finite, none all zero
 * @param mean       the centre subtracted first, shape [N] (zeros for readouts and custom)
 */
public record RaddProjection(String kind, List<String> names, double[][] directions, double[] mean) {
    public RaddProjection {
        if (kind == null || names == null || directions == null || mean == null) {
            throw new IllegalArgumentException("kind, names, directions and mean must be non-null");
        }
        if (directions.length < 1) {
            throw new IllegalArgumentException("a projection needs at least 1 direction, got 0");
        }
        if (names.size() != directions.length) {
            throw new IllegalArgumentException("names must have " + directions.length + " entries, got "
                    + names.size());
        }
        int n = mean.length;
        for (int d = 0; d < directions.length; d++) {
            Arrays2.requireLength(directions[d], n, "direction " + (d + 1));
            Arrays2.requireFinite(directions[d], "direction " + (d + 1));
            if (Arrays2.norm(directions[d]) == 0) {
                throw new IllegalArgumentException("direction " + (d + 1) + " must not be all zeros");
            }
        }
        Arrays2.requireFinite(mean, "mean");
        names = List.copyOf(names);
        directions = Arrays2.deepCopy(directions);
        mean = mean.clone();
    }

    /**
     * The paper's projection: unit stimulus readout and unit block readout, no centring.
     *
     * @param stimulusReadout w = w_R - w_L, shape [N] (normalised here)
     * @param blockReadout    the block decoder's direction, shape [N] (normalised here)
     */
    public static RaddProjection readouts(double[] stimulusReadout, double[] blockReadout) {
        if (stimulusReadout == null || blockReadout == null) {
            throw new IllegalArgumentException("stimulusReadout and blockReadout must be non-null");
        }
        return new RaddProjection("readouts", List.of("stimulus readout", "block readout"),
                new double[][] {Geometry.normalise(stimulusReadout), Geometry.normalise(blockReadout)},
                new double[stimulusReadout.length]);
    }

    /**
     * The top {@code m} principal components, centred on the PCA mean. PC1's sign is chosen along
     * the stimulus readout and PC2's along the block readout, as for the PCA plane.
     *
     * @param pca             a usable PCA of the hidden states with at least m components
     * @param m               number of components, 1 &lt;= m &lt;= pca.componentCount()
     * @param stimulusReadout sign reference of PC1, shape [N]
     * @param blockReadout    sign reference of PC2, shape [N]
     */
    public static RaddProjection principalComponents(PcaResult pca, int m, double[] stimulusReadout,
                                                     double[] blockReadout) {
        if (!pca.usable()) {
            throw new IllegalArgumentException("the PCA of the hidden states is not usable: " + pca.reason());
        }
        if (m < 1 || m > pca.componentCount()) {
            throw new IllegalArgumentException("--components must be in [1, " + pca.componentCount()
                    + "] (the hidden size), got " + m);
        }
        PcaResult t = pca.truncate(m);
        t = m >= 2 ? t.withSigns(stimulusReadout, blockReadout) : t.withSigns(stimulusReadout);
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            names.add("PC" + k);
        }
        return new RaddProjection("pcs", names, t.components(), t.mean());
    }

    /**
     * User-given directions, used as given (not normalised), no centring.
     *
     * @param directions rows of P, shape [M][N], M &gt;= 1, finite, none all zero
     */
    public static RaddProjection custom(double[][] directions) {
        if (directions == null || directions.length == 0) {
            throw new IllegalArgumentException("a projection needs at least 1 direction, got 0");
        }
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= directions.length; k++) {
            names.add("direction " + k);
        }
        int n = directions[0] == null ? 0 : directions[0].length;
        return new RaddProjection("custom", names, directions, new double[n]);
    }

    /** Number of directions M. */
    public int dimension() {
        return directions.length;
    }

    /** Length N of each direction (the network's hidden size). */
    public int hiddenSize() {
        return mean.length;
    }

    @Override
    public double[][] directions() {
        return Arrays2.deepCopy(directions);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The axis label of coordinate d (0-based), e.g. "stimulus readout z1 (a.u.)". */
    public String axisLabel(int d) {
        return names.get(d) + " z" + (d + 1) + " (a.u.)";
    }

    /**
     * z = P (h - mean) for one state.
     *
     * @param h hidden state, shape [N]; not modified
     * @return coordinates, shape [M]
     */
    public double[] project(double[] h) {
        Arrays2.requireLength(h, mean.length, "h");
        double[] z = new double[directions.length];
        for (int d = 0; d < directions.length; d++) {
            double[] p = directions[d];
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += (h[i] - mean[i]) * p[i];
            }
            z[d] = s;
        }
        return z;
    }

    /**
     * {@link #project(double[])} for every row.
     *
     * @param h hidden states, shape [T][N]; not modified
     * @return coordinates, shape [T][M]
     */
    public double[][] project(double[][] h) {
        double[][] out = new double[h.length][];
        for (int t = 0; t < h.length; t++) {
            out[t] = project(h[t]);
        }
        return out;
    }
}
