package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.Clustering;
import org.iblrnn.analysis.Curve;
import org.iblrnn.analysis.GroupMeans;
import org.iblrnn.analysis.LinearRegression;
import org.iblrnn.analysis.Representation;
import org.iblrnn.task.TrialTable;

/** Figures of the representation and mechanism analyses (paper Figs. 4-7). */
public final class RepresentationFigures {
    private RepresentationFigures() {
    }

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    public static List<Named> all(Representation.Result r, TrialTable trials) {
        List<Named> out = new ArrayList<>();
        out.add(variance(r));
        out.add(stateSpace(r, trials));
        out.add(observationEffect(r));
        out.add(blockBelief(r, trials));
        out.add(clusters(r));
        out.add(vectorFields(r));
        return out;
    }

    static Named variance(Representation.Result r) {
        double[] cum = r.pca().cumulativeRatio();
        double[] k = new double[cum.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = i + 1;
        }
        PlotPanel p = new PlotPanel("cumulative variance explained", Axis.of("number of principal components"),
                Axis.of("fraction of variance").withRange(0, 1), List.of(Series.lineMarkers("RNN hidden states", k, cum)),
                List.of(RefLine.vertical(2).withLabel("2 PCs")), null);
        return new Named("fig4-variance", Figure.of("Dimensionality",
                String.format(java.util.Locale.ROOT, "Section 3.2.1. Cumulative fraction of the variance of all hidden "
                        + "states of the evaluation session explained by the leading principal components; 2 PCs: %.2f%% "
                        + "(paper 88.74%%).", 100 * cum[1]), p));
    }

    /** Two endpoints of the line cw . p + offset = level inside [xlo, xhi]. */
    static double[][] line(double[] dl, double level, double xlo, double xhi) {
        double a = dl[0];
        double b = dl[1];
        double c = dl[2] - level;
        if (Math.abs(b) < 1e-12) {
            double x = -c / a;
            return new double[][] {{x, x}, {-1e9, 1e9}};
        }
        return new double[][] {{xlo, xhi}, {-(a * xlo + c) / b, -(a * xhi + c) / b}};
    }

    static Named stateSpace(Representation.Result r, TrialTable trials) {
        double[][] c = r.planeCoordinates();
        int[] st = r.stepTrial();
        int n = Math.min(3000, trials.size());
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        int k = 0;
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < c.length; s++) {
            xlo = Math.min(xlo, c[s][0]);
            xhi = Math.max(xhi, c[s][0]);
            ylo = Math.min(ylo, c[s][1]);
            yhi = Math.max(yhi, c[s][1]);
            boolean end = s + 1 == c.length || st[s + 1] != st[s];
            if (end && k < n) {
                x[k] = c[s][0];
                y[k] = c[s][1];
                v[k] = trials.blockSideAt(st[s]);
                k++;
            }
        }
        double[] dl = r.decisionLine();
        List<Series> lines = new ArrayList<>();
        for (double level : new double[] {dl[3], -dl[3]}) {
            double[][] seg = line(dl, level, xlo, xhi);
            lines.add(Series.line(level > 0 ? "P(right) = 0.9" : "P(left) = 0.9", seg[0], seg[1])
                    .withColour(Rgb.of("#444444")).withDashed(true));
        }
        Axis ax = Axis.of("PC1").withRange(xlo, xhi);
        Axis ay = Axis.of("PC2").withRange(ylo, yhi);
        List<Series> a = new ArrayList<>();
        a.add(Series.markers("trial ends (colour: block side)", x, y).withColourValues(v));
        a.addAll(lines);
        PlotPanel pa = new PlotPanel("a  trial ends by block", ax, ay, a, List.of(),
                ColourScale.diverging("block side (-1 left, +1 right)").withRange(-1, 1));
        // one block's trajectory coloured by trial index
        int target = Math.min(4, trials.blockAt(trials.size() - 1));
        List<double[]> pts = new ArrayList<>();
        for (int s = 0; s < c.length; s++) {
            if (trials.blockAt(st[s]) == target) {
                pts.add(new double[] {c[s][0], c[s][1], trials.trialInBlockAt(st[s])});
            }
        }
        double[] tx = new double[pts.size()];
        double[] ty = new double[pts.size()];
        double[] tv = new double[pts.size()];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = pts.get(i)[0];
            ty[i] = pts.get(i)[1];
            tv[i] = pts.get(i)[2];
        }
        List<Series> b = new ArrayList<>();
        b.add(Series.lineMarkers("block " + (target + 1) + " trajectory", tx, ty).withColourValues(tv));
        b.addAll(lines);
        PlotPanel pb = new PlotPanel("b  one block, every step", ax, ay, b, List.of(),
                ColourScale.auto("trial within block"));
        return new Named("fig4-state-space", Figure.of("State space",
                "Fig. 4. Hidden states in the plane of the first two principal components (PC1 oriented along the "
                        + "stimulus readout, PC2 along the block readout). (a) States at the end of each trial, coloured "
                        + "by the block side; (b) every step of one block, coloured by trial index. Dashed: where the "
                        + "network's readout puts P(right) or P(left) at the 0.9 action threshold (affine lines, not "
                        + "through the origin).", pa, pb));
    }

    static Series binned(String label, double[] x, double[] y, double lo, double hi, double width) {
        GroupMeans g = new GroupMeans();
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= lo && x[i] <= hi) {
                g.add(lo + width * (Math.floor((x[i] - lo) / width) + 0.5), y[i]);
            }
        }
        Curve c = g.curve(label, 20);
        return Series.markers(label, c.x(), c.mean()).withErrorBars(c.sem());
    }

    static Named observationEffect(Representation.Result r) {
        List<Panel> panels = new ArrayList<>();
        String[] names = {"stimulus belief", "block belief"};
        LinearRegression.Result[] regs = {r.obsStimulus(), r.obsBlock()};
        for (int k = 0; k < 2; k++) {
            LinearRegression.Result g = regs[k];
            double[] xs = {-4, 4};
            double[] ys = {g.predict(-4), g.predict(4)};
            Series fit = Series.line(String.format(java.util.Locale.ROOT, "slope %.3f [99%% CI %.3f, %.3f], r %.2f",
                    g.slope(), g.slopeLower99(), g.slopeUpper99(), g.r()), xs, ys).withColour(Rgb.palette(5));
            panels.add(new PlotPanel((k == 0 ? "a  " : "b  ") + names[k], Axis.of("d = oR - oL at the step"),
                    Axis.of("change of the " + names[k]), List.of(fit), List.of(RefLine.horizontal(0)), null));
        }
        return new Named("fig5ab-observation-effect", Figure.of("Effect of one observation",
                String.format(java.util.Locale.ROOT, "Fig. 5a-b. Least-squares regression of the one-step change of "
                        + "the stimulus belief (a) and the block belief (b) on the observation difference d over %d "
                        + "observation steps (paper slopes 0.84 and 0.18, ratio ~5; ours %.3f and %.3f, ratio %.1f).",
                        r.obsStimulus().n(), r.obsStimulus().slope(), r.obsBlock().slope(),
                        r.obsStimulus().slope() / r.obsBlock().slope()), panels.toArray(Panel[]::new)));
    }

    static Named blockBelief(Representation.Result r, TrialTable trials) {
        List<Series> s = new ArrayList<>();
        for (int side : new int[] {-1, 1}) {
            GroupMeans rnn = new GroupMeans();
            GroupMeans obs = new GroupMeans();
            for (int i = 0; i < trials.size(); i++) {
                if (trials.blockSideAt(i) == side && trials.trialInBlockAt(i) < 60) {
                    rnn.add(trials.trialInBlockAt(i) + 1, r.trialEndBlockBelief()[i]);
                    obs.add(trials.trialInBlockAt(i) + 1, r.observerScale() * r.observerBlockSigned()[i]);
                }
            }
            Rgb col = Rgb.palette(side < 0 ? 1 : 2);
            Curve a = rnn.curve("", 5);
            Curve b = obs.curve("", 5);
            String bl = side < 0 ? "left block" : "right block";
            s.add(Series.line("RNN, " + bl, a.x(), a.mean()).withErrorBand(a.sem()).withColour(col));
            s.add(Series.line("observer (scaled), " + bl, b.x(), b.mean()).withColour(col).withDashed(true));
        }
        PlotPanel c = new PlotPanel("c  block belief by trial within block", Axis.of("trial within block"),
                Axis.of("block belief (projection on block readout)"), s, List.of(RefLine.horizontal(0)), null);
        int n = Math.min(300, trials.size());
        double[] t = new double[n];
        double[] rb = new double[n];
        double[] ob = new double[n];
        double[] side = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + 1;
            rb[i] = r.trialEndBlockBelief()[i];
            ob[i] = r.observerScale() * r.observerBlockSigned()[i];
            side[i] = r.observerScale() * trials.blockSideAt(i);
        }
        PlotPanel a = new PlotPanel("a  first 300 trials", Axis.of("trial"), Axis.of("block belief"), List.of(
                Series.line("block side (scaled)", t, side).withColour(Rgb.of("#999999")),
                Series.line("observer (scaled)", t, ob).withColour(Rgb.palette(1)),
                Series.line("RNN", t, rb).withColour(Rgb.palette(0))), List.of(RefLine.horizontal(0)), null);
        return new Named("fig5c-6a-block-belief", Figure.of("Block belief",
                String.format(java.util.Locale.ROOT, "Figs. 5c and 6a. The network's block belief (its state "
                        + "projected on the block readout at the end of each trial) against the Bayesian observer's "
                        + "block posterior, mapped to 2P(right block) - 1 and scaled by least squares (scale %.3f): "
                        + "averaged by trial within block (c) and trial by trial (a).", r.observerScale()), c, a));
    }

    static Named clusters(Representation.Result r) {
        Clustering.UnitClusters u = r.clusters();
        int[] order = u.order();
        HeatmapPanel a = HeatmapPanel.of("a  unit correlations (reordered)", Clustering.reorder(u.correlation(), order))
                .withAxisLabels("unit", "unit").withColourScale(ColourScale.diverging("Pearson r").withRange(-1, 1));
        double[][] w = Clustering.reorder(r.recurrentWeights(), order);
        double m = 0;
        for (double[] row : w) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        HeatmapPanel b = HeatmapPanel.of("b  recurrent weights W_hh (same order)", w)
                .withAxisLabels("sending unit", "receiving unit")
                .withColourScale(ColourScale.diverging("weight").withRange(-m, m));
        return new Named("fig7ab-clusters", Figure.of("Unit clusters and connectivity",
                "Fig. 7a-b. Correlation matrix of the 50 hidden units over the evaluation session and the recurrent "
                        + "weight matrix, both reordered by complete-linkage clustering on 1 - r (" + u.clusters()
                        + " clusters). The paper finds two anticorrelated subpopulations with excitation within and "
                        + "inhibition between.", a, b));
    }

    static Named vectorFields(Representation.Result r) {
        List<Panel> panels = new ArrayList<>();
        for (Representation.Field f : r.fields()) {
            VectorFieldPanel p = VectorFieldPanel.of(f.condition(), Axis.of("PC1"), Axis.of("PC2"), f.x(), f.y(), f.dx(),
                    f.dy()).withColourScale(ColourScale.auto("step length"));
            if (f.fixedPointsPlane().length > 0) {
                double[] fx = new double[f.fixedPointsPlane().length];
                double[] fy = new double[fx.length];
                for (int i = 0; i < fx.length; i++) {
                    fx[i] = f.fixedPointsPlane()[i][0];
                    fy[i] = f.fixedPointsPlane()[i][1];
                }
                p = p.withOverlay(Series.markers("fixed / slow points", fx, fy).withColour(Rgb.of("#d62728"))
                        .withMarker(Marker.STAR));
            }
            panels.add(p);
        }
        return new Named("fig7c-vector-fields", Figure.grid("Vector fields", "Fig. 7c. One network step from each "
                + "point of a grid over the visited part of the PCA plane under the paper's six constant inputs "
                + "(oL, oR, feedback): left (1.2, 0.2, -0.05), equal (0.2, 0.2, -0.05), right (0.2, 1.2, -0.05), "
                + "negative feedback (0, 0, -1), none (0, 0, 0), positive feedback (0, 0, +1). Arrows at data scale, "
                + "coloured by length; stars: fixed and slow points (q <= 1e-4) found by Levenberg-Marquardt from the "
                + "grid.", 2, 3, panels.toArray(Panel[]::new)));
    }
}
