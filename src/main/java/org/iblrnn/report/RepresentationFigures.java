package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.iblrnn.analysis.PaperNumbers;
import org.iblrnn.analysis.behaviour.Curve;
import org.iblrnn.analysis.behaviour.GroupMeans;
import org.iblrnn.analysis.representation.CodeDefinitions;
import org.iblrnn.analysis.representation.Mechanism;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.analysis.representation.SingleBlock;
import org.iblrnn.analysis.stats.Clustering;
import org.iblrnn.analysis.stats.LinearRegression;
import org.iblrnn.task.TrialTable;

/**
 * Figures of the representation and mechanism analyses (paper Figs. 4-7), with our definitions or,
 * for the figures where the paper's code defined things differently, with the code's
 * ({@link Definitions#CODE}: mixed block magnitude, the code's Fig. 6b window, decision lines
 * through the origin, the misaligned feedback regression, |Re lambda| stability and the transposed
 * Lyapunov basins; each caption says which definition is drawn). The vector-field, empirical-field
 * and basin figures are in {@link MechanismFigures}.
 */
public final class RepresentationFigures {
    private RepresentationFigures() {
    }

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    /** Which definitions the figures draw. */
    public enum Definitions {
        /** The geometrically correct definitions of the paper's text (the default). */
        OURS,
        /** The paper code's definitions where they differ (reference-spec section 8). */
        CODE
    }

    /** Every figure of {@code iblrnn analyze}. */
    public static List<Named> all(Representation.Result r, Mechanism.Result m, TrialTable trials, Definitions d) {
        List<Named> out = new ArrayList<>();
        out.add(variance(r));
        out.add(stateSpace(r, m, trials, d));
        out.add(observationEffect(r));
        out.add(feedbackEffect(r, m, d));
        out.add(blockBelief(r, m, trials, d));
        out.add(singleBlock(r, m, trials, d));
        out.add(clusters(r));
        out.add(MechanismFigures.vectorFields(r, m, d));
        out.add(MechanismFigures.empiricalFields(r, m));
        out.add(MechanismFigures.basins(r, m, d));
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
                String.format(Locale.ROOT, "Section 3.2.1. Cumulative fraction of the variance of all hidden "
                        + "states of the evaluation session explained by the leading principal components; 2 PCs: %.2f%% "
                        + "(paper %s).", 100 * cum[1], PaperNumbers.VARIANCE_2PCS.printed()), p));
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

    /** The bounding box of the plane coordinates: {xlo, xhi, ylo, yhi}. */
    static double[] bounds(double[][] c) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double[] p : c) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.max(b[1], p[0]);
            b[2] = Math.min(b[2], p[1]);
            b[3] = Math.max(b[3], p[1]);
        }
        if (!(b[1] > b[0])) {
            b[0] -= 1;
            b[1] += 1;
        }
        if (!(b[3] > b[2])) {
            b[2] -= 1;
            b[3] += 1;
        }
        return b;
    }

    static Axis pc1(double[] b) {
        return Axis.of("PC1 (state units)").withRange(b[0], b[1]);
    }

    static Axis pc2(double[] b) {
        return Axis.of("PC2 (state units)").withRange(b[2], b[3]);
    }

    /**
     * The decision lines and readout directions drawn on PCA panels. Ours: the affine lines where the
     * readout gives P(right) or P(left) = 0.9, and the in-plane readout directions from the plane's
     * centre. Code: lines through the origin perpendicular to the code's t and b.
     */
    static List<Series> guides(Representation.Result r, Mechanism.Result m, double[] bx, Definitions d) {
        List<Series> out = new ArrayList<>();
        Rgb grey = Rgb.of("#444444");
        if (d == Definitions.CODE) {
            CodeDefinitions.Result c = m.code();
            double[] t = c.stimulusDirection();
            double[] b = c.blockDirection();
            double[][] s1 = line(new double[] {t[0], t[1], 0}, 0, bx[0], bx[1]);
            double[][] s2 = line(new double[] {b[0], b[1], 0}, 0, bx[0], bx[1]);
            out.add(Series.line("code: line normal to t", s1[0], s1[1]).withColour(grey).withDashed(true));
            out.add(Series.line("code: line normal to b", s2[0], s2[1]).withColour(Rgb.palette(4)).withDashed(true));
            return out;
        }
        double[] dl = r.decisionLine();
        for (double level : new double[] {dl[3], -dl[3]}) {
            double[][] seg = line(dl, level, bx[0], bx[1]);
            out.add(Series.line(level > 0 ? "P(right) = 0.9" : "P(left) = 0.9", seg[0], seg[1]).withColour(grey)
                    .withDashed(true));
        }
        double len = 0.4 * Math.min(bx[1] - bx[0], bx[3] - bx[2]);
        double[] sw = unit(r.plane().projectDirection(r.stimulusReadout()));
        double[] bw = unit(r.plane().projectDirection(r.blockReadout()));
        out.add(Series.line("stimulus readout (in plane)", new double[] {0, len * sw[0]}, new double[] {0, len * sw[1]})
                .withColour(Rgb.palette(1)));
        out.add(Series.line("block readout (in plane)", new double[] {0, len * bw[0]}, new double[] {0, len * bw[1]})
                .withColour(Rgb.palette(2)));
        return out;
    }

    private static double[] unit(double[] v) {
        double n = Math.hypot(v[0], v[1]);
        return n > 0 ? new double[] {v[0] / n, v[1] / n} : new double[] {0, 0};
    }

    static String guideText(Definitions d) {
        return d == Definitions.CODE
                ? "Dashed (paper code's definition): lines through the plane's origin perpendicular to the code's "
                        + "in-plane stimulus direction t = normalise(C (w_R - mean)) and block direction b."
                : "Dashed: where the network's readout puts P(right) or P(left) at the 0.9 action threshold (affine "
                        + "lines, not through the origin); solid segments: the in-plane stimulus (w_R - w_L) and block "
                        + "readout directions from the plane's centre.";
    }

    /** Trial-end points of one block, coloured by trial within block. */
    static Series blockPath(Representation.Result r, Mechanism.Result m, TrialTable trials, SingleBlock.Window w) {
        double[][] c = r.planeCoordinates();
        int[] end = m.trialEndStep();
        int n = w.blockLength();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int s = end[w.blockFirst() + i];
            x[i] = c[s][0];
            y[i] = c[s][1];
            v[i] = trials.trialInBlockAt(w.blockFirst() + i) + 1;
        }
        return Series.lineMarkers("block " + (w.block() + 1) + " (" + side(w.side()) + "), trial ends", x, y)
                .withColourValues(v);
    }

    static String side(int s) {
        return s < 0 ? "left" : "right";
    }

    static Named stateSpace(Representation.Result r, Mechanism.Result m, TrialTable trials, Definitions d) {
        double[][] c = r.planeCoordinates();
        int[] end = m.trialEndStep();
        double[] bx = bounds(c);
        int n = Math.min(3000, trials.size());
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        double[] p = new double[n];
        double[] prob = m.trialEndDecoderProb();
        for (int i = 0; i < n; i++) {
            x[i] = c[end[i]][0];
            y[i] = c[end[i]][1];
            v[i] = trials.blockSideAt(i);
            p[i] = prob[i];
        }
        List<Series> lines = guides(r, m, bx, d);
        List<Series> a = new ArrayList<>();
        a.add(Series.markers("trial ends (colour: block side)", x, y).withColourValues(v));
        a.addAll(lines);
        PlotPanel pa = new PlotPanel("a  trial ends by true block side", pc1(bx), pc2(bx), a, List.of(),
                ColourScale.diverging("block side (-1 left, +1 right)").withRange(-1, 1));
        List<Series> a2 = new ArrayList<>();
        a2.add(Series.markers("trial ends (colour: decoder)", x, y).withColourValues(p));
        a2.addAll(lines);
        PlotPanel pa2 = new PlotPanel("a'  trial ends by decoded P(right block)", pc1(bx), pc2(bx), a2, List.of(),
                ColourScale.diverging("P(right block), plane decoder").withRange(0, 1));
        List<Panel> panels = new ArrayList<>(List.of(pa, pa2));
        String[] tag = {"b  ", "c  "};
        SingleBlock.Window[] ws = {m.example(), m.companion()};
        int k = 0;
        for (SingleBlock.Window w : ws) {
            if (w == null) {
                continue;
            }
            List<Series> s = new ArrayList<>();
            s.add(blockPath(r, m, trials, w));
            s.addAll(lines);
            panels.add(new PlotPanel(tag[k++] + side(w.side()) + " block " + (w.block() + 1) + ", one point per trial",
                    pc1(bx), pc2(bx), s, List.of(), ColourScale.auto("trial within block")));
        }
        double acc = r.decodePlane().blocked().testAccuracy();
        return new Named("fig4-state-space", Figure.grid("State space", String.format(Locale.ROOT,
                "Fig. 4. Hidden states in the plane of the first two principal components (PC1 oriented along the "
                        + "stimulus readout, PC2 along the block readout), at the end of each of the first %d trials: "
                        + "(a) coloured by the true block side; (a') by the plane decoder's P(right block) (logistic "
                        + "regression with intercept on the PCA coordinates, held-out accuracy %.1f%% on whole blocks; "
                        + "paper %s). (b, c) Two consecutive blocks (the example block of Fig. 6b, chosen by the "
                        + "rule of SingleBlock: the first block from the third on with >= %d trials, and the next one), "
                        + "one point per trial at its last step, coloured by trial within block. %s",
                n, 100 * acc, PaperNumbers.BLOCK_DECODING_PLANE.printed(), SingleBlock.MIN_LENGTH, guideText(d)), 2, 2,
                panels.toArray(Panel[]::new)));
    }

    static Named observationEffect(Representation.Result r) {
        List<Panel> panels = new ArrayList<>();
        String[] names = {"stimulus belief", "block belief"};
        LinearRegression.Result[] regs = {r.obsStimulus(), r.obsBlock()};
        for (int k = 0; k < 2; k++) {
            panels.add(regressionPanel((k == 0 ? "a  " : "b  ") + names[k], "d = oR - oL at the step",
                    "change of the " + names[k] + " (state units)", regs[k], -4, 4));
        }
        return new Named("fig5ab-observation-effect", Figure.of("Effect of one observation",
                String.format(Locale.ROOT, "Fig. 5a-b. Least-squares regression of the one-step change of "
                        + "the stimulus belief (a) and the block belief (b) on the observation difference d over %d "
                        + "observation steps (paper slopes %s and %s, ratio %s; ours %.3f and %.3f, ratio %.1f).",
                        r.obsStimulus().n(), PaperNumbers.OBSERVATION_SLOPE_STIMULUS.printed(),
                        PaperNumbers.OBSERVATION_SLOPE_BLOCK.printed(), PaperNumbers.OBSERVATION_SLOPE_RATIO.printed(),
                        r.obsStimulus().slope(), r.obsBlock().slope(),
                        r.obsStimulus().slope() / r.obsBlock().slope()), panels.toArray(Panel[]::new)));
    }

    static PlotPanel regressionPanel(String title, String xLabel, String yLabel, LinearRegression.Result g, double lo,
                                     double hi) {
        double[] xs = {lo, hi};
        double[] ys = {g.predict(lo), g.predict(hi)};
        Series fit = Series.line(String.format(Locale.ROOT, "slope %.3f [99%% CI %.3f, %.3f], r %.2f, n %d",
                g.slope(), g.slopeLower99(), g.slopeUpper99(), g.r(), g.n()), xs, ys).withColour(Rgb.palette(5));
        return new PlotPanel(title, Axis.of(xLabel), Axis.of(yLabel), List.of(fit), List.of(RefLine.horizontal(0)),
                null);
    }

    static Named feedbackEffect(Representation.Result r, Mechanism.Result m, Definitions d) {
        boolean code = d == Definitions.CODE;
        LinearRegression.Result s = code ? m.code().feedbackStimulus() : r.feedbackStimulus();
        LinearRegression.Result b = code ? m.code().feedbackBlock() : r.feedbackBlock();
        String x = code ? "emitted reward at the action step" : "feedback input at the step";
        PlotPanel a = regressionPanel("a  stimulus " + (code ? "coordinate z1" : "belief"), x,
                "one-step change (state units)", s, -1, 1);
        PlotPanel bp = regressionPanel("b  block " + (code ? "coordinate z2" : "belief"), x,
                "one-step change (state units)", b, -1, 1);
        String caption = code
                ? "Section 3.3.1, paper code's definition (reference-spec 5.7): over steps whose emitted reward is "
                        + "+-1, the change z_t - z_{t-1} of the code's task-aligned coordinates into that step (the "
                        + "action step) regressed on the emitted reward. Misaligned: the feedback only reaches the "
                        + "network on the next step, so this measures what led to the action, not the feedback's effect."
                : "Section 3.3.1 (\"feedback has little effect\"). The change of the stimulus and block beliefs into "
                        + "the step that receives the feedback (the first blank step of a trial), regressed on the "
                        + "feedback input (+1 correct, -1 wrong or timeout, 0 at the session start).";
        return new Named("fig5-feedback-effect", Figure.of("Effect of feedback", caption, a, bp));
    }

    static Named blockBelief(Representation.Result r, Mechanism.Result m, TrialTable trials, Definitions d) {
        boolean code = d == Definitions.CODE;
        double[] belief = code ? m.code().trialEndBlockMagnitude() : r.trialEndBlockBelief();
        double scale = code ? m.code().blockScale() : r.observerScale();
        String what = code ? "block magnitude z . b" : "block belief";
        List<Series> s = new ArrayList<>();
        for (int side : new int[] {-1, 1}) {
            GroupMeans rnn = new GroupMeans();
            GroupMeans obs = new GroupMeans();
            for (int i = 0; i < trials.size(); i++) {
                if (trials.blockSideAt(i) == side && trials.trialInBlockAt(i) < 60) {
                    rnn.add(trials.trialInBlockAt(i) + 1, belief[i]);
                    obs.add(trials.trialInBlockAt(i) + 1, scale * r.observerBlockSigned()[i]);
                }
            }
            Rgb col = Rgb.palette(side < 0 ? 1 : 2);
            Curve a = rnn.curve("", 5);
            Curve b = obs.curve("", 5);
            String bl = side < 0 ? "left block" : "right block";
            s.add(Series.line("RNN, " + bl, a.x(), a.mean()).withErrorBand(a.sem()).withColour(col));
            s.add(Series.line("observer (scaled), " + bl, b.x(), b.mean()).withColour(col).withDashed(true));
        }
        PlotPanel c = new PlotPanel("c  by trial within block", Axis.of("trial within block"),
                Axis.of(what + " (state units)"), s, List.of(RefLine.horizontal(0)), null);
        int n = Math.min(300, trials.size());
        double[] t = new double[n];
        double[] rb = new double[n];
        double[] ob = new double[n];
        double[] side = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + 1;
            rb[i] = belief[i];
            ob[i] = scale * r.observerBlockSigned()[i];
            side[i] = scale * trials.blockSideAt(i);
        }
        PlotPanel a = new PlotPanel("a  first 300 trials", Axis.of("trial"), Axis.of(what + " (state units)"), List.of(
                Series.line("block side (scaled)", t, side).withColour(Rgb.of("#999999")),
                Series.line("observer (scaled)", t, ob).withColour(Rgb.palette(1)),
                Series.line("RNN", t, rb).withColour(Rgb.palette(0))), List.of(RefLine.horizontal(0)), null);
        String caption = code
                ? String.format(Locale.ROOT, "Figs. 5c and 6a, paper code's definition (reference-spec 5.4, 5.6): the "
                        + "'block magnitude' z . b = z1 b1 + z2 b2 of the code's task-aligned coordinates z = (p . t, "
                        + "p . b), which mixes about b1 of the stimulus coordinate into the block belief, at the end of "
                        + "each trial, against the observer's 2 P(right block) - 1 scaled by no-intercept least squares "
                        + "(scale %.3f): averaged by trial within block (c) and trial by trial (a).", scale)
                : String.format(Locale.ROOT, "Figs. 5c and 6a. The network's block belief (its state "
                        + "projected on the block readout at the end of each trial) against the Bayesian observer's "
                        + "block posterior, mapped to 2P(right block) - 1 and scaled by least squares (scale %.3f): "
                        + "averaged by trial within block (c) and trial by trial (a).", scale);
        return new Named("fig5c-6a-block-belief", Figure.of("Block belief", caption, c, a));
    }

    static Named singleBlock(Representation.Result r, Mechanism.Result m, TrialTable trials, Definitions d) {
        boolean code = d == Definitions.CODE;
        SingleBlock.Window w = code ? m.codeWindow() : m.example();
        double[] belief = code ? m.code().trialEndBlockMagnitude() : r.trialEndBlockBelief();
        double scale = code ? m.code().blockScale() : r.observerScale();
        double[] meanD = m.trialMeanD();
        int n = w.size();
        int origin = code ? 0 : w.blockFirst();
        double[] t = new double[n];
        double[] rb = new double[n];
        double[] ob = new double[n];
        double[] side = new double[n];
        double[] stim = new double[n];
        double[] dd = new double[n];
        for (int k = 0; k < n; k++) {
            int i = w.first() + k;
            t[k] = i - origin;
            rb[k] = belief[i];
            ob[k] = scale * r.observerBlockSigned()[i];
            side[k] = scale * trials.blockSideAt(i);
            stim[k] = scale * trials.stimSideAt(i);
            dd[k] = meanD[i];
        }
        String xl = code ? "trial" : "trial relative to the block's first trial";
        List<RefLine> switches = new ArrayList<>();
        switches.add(RefLine.horizontal(0));
        if (!code) {
            switches.add(RefLine.vertical(-0.5).withLabel("switch in").withDashed(true));
        }
        if (w.blockLast() < w.last()) {
            switches.add(RefLine.vertical(w.blockLast() + 0.5 - origin).withLabel("switch").withDashed(true));
        }
        String what = code ? "block magnitude z . b" : "block belief";
        PlotPanel a = new PlotPanel("a  " + what + ", trial by trial", Axis.of(xl), Axis.of(what + " (state units)"),
                List.of(Series.line("block side (scaled)", t, side).withColour(Rgb.of("#999999")),
                        Series.markers("stimulus side (scaled)", t, stim).withColour(Rgb.of("#bbbbbb")),
                        Series.line("observer (scaled)", t, ob).withColour(Rgb.palette(1)),
                        Series.lineMarkers("RNN", t, rb).withColour(Rgb.palette(0))), switches, null);
        PlotPanel b = new PlotPanel("b  evidence per trial", Axis.of(xl), Axis.of("mean d = oR - oL per trial"),
                List.of(Series.markers("mean d", t, dd).withColour(Rgb.palette(3))), switches, null);
        // every step of the block in the plane (line), trial ends (markers)
        double[][] c = r.planeCoordinates();
        int[] st = r.stepTrial();
        double[] bx = bounds(c);
        List<double[]> pts = new ArrayList<>();
        for (int s = 0; s < c.length; s++) {
            if (st[s] >= w.blockFirst() && st[s] <= w.blockLast()) {
                pts.add(new double[] {c[s][0], c[s][1], trials.trialInBlockAt(st[s]) + 1});
            }
        }
        double[] px = new double[pts.size()];
        double[] py = new double[pts.size()];
        double[] pv = new double[pts.size()];
        for (int k = 0; k < px.length; k++) {
            px[k] = pts.get(k)[0];
            py[k] = pts.get(k)[1];
            pv[k] = pts.get(k)[2];
        }
        List<Series> path = new ArrayList<>();
        path.add(Series.line("every step", px, py).withColourValues(pv));
        path.add(blockPath(r, m, trials, w).withStyle(Series.Style.MARKERS).withLabel("trial ends"));
        path.addAll(guides(r, m, bx, d));
        PlotPanel cpan = new PlotPanel("c  the " + side(w.side()) + " block in the PCA plane",
                pc1(bx), pc2(bx), path, List.of(), ColourScale.auto("trial within block"));
        String caption = code
                ? String.format(Locale.ROOT, "Fig. 6b, paper code's definition and window (reference-spec 5.6): trials "
                        + "0 to %d (the first block, %d trials, and 20 trials after the first switch). (a) The code's "
                        + "mixed block magnitude at trial ends, the observer's block posterior and the block and "
                        + "stimulus sides scaled by the code's least-squares scale (%.3f); (b) the mean evidence d of "
                        + "each trial; (c) every step of that block in the PCA plane (line) and its trial ends "
                        + "(markers), coloured by trial within block. %s",
                        w.last(), w.blockLength(), scale, guideText(d))
                : String.format(Locale.ROOT, "Fig. 6b. One block trial by trial: block %d of the session (index "
                        + "%d; %s, %d trials), the example block chosen deterministically (the first block from the "
                        + "third on with >= %d trials that is followed by another block), with the last %d trials of the block before and "
                        + "the first %d of the next. (a) The network's block belief at trial ends, the observer's block "
                        + "posterior (2P - 1) and the block and stimulus sides, scaled by the least-squares scale "
                        + "(%.3f); (b) the mean evidence d = oR - oL of each trial: large single-trial evidence moves "
                        + "the RNN's belief more than the observer's; (c) every step of the block in the PCA plane, "
                        + "coloured by trial within block (line: every step; markers: trial ends). %s", w.block() + 1,
                        w.block(), side(w.side()), w.blockLength(),
                        SingleBlock.MIN_LENGTH, w.blockFirst() - w.first(), w.last() - w.blockLast(), scale,
                        guideText(d));
        return new Named("fig6b-single-block", Figure.grid("One block", caption, 1, 3, a, b, cpan));
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
}
