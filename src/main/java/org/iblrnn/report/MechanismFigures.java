package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.iblrnn.analysis.dynamics.Basins;
import org.iblrnn.analysis.dynamics.EmpiricalField;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.dynamics.LyapunovBasin;
import org.iblrnn.analysis.representation.Mechanism;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.report.RepresentationFigures.Named;

/**
 * Fig. 7c and its companions: the model's vector fields with their fixed points, the empirical
 * vector fields beside the model's, and the basins of attraction (ours by forward iteration, or the
 * paper code's transposed Lyapunov estimate).
 */
final class MechanismFigures {
    private MechanismFigures() {
    }

    private static final Rgb UNCAPTURED = Rgb.of("#bbbbbb");

    static Named vectorFields(Representation.Result r, Mechanism.Result m, RepresentationFigures.Definitions d) {
        boolean code = d == RepresentationFigures.Definitions.CODE;
        double[][] basis = r.plane().components();
        double[] mean = r.plane().mean();
        List<Panel> panels = new ArrayList<>();
        for (int c = 0; c < r.fields().size(); c++) {
            Representation.Field f = r.fields().get(c);
            VectorFieldPanel p = VectorFieldPanel.of(f.condition(), Axis.of("PC1 (state units)"),
                    Axis.of("PC2 (state units)"), f.x(), f.y(), f.dx(), f.dy())
                    .withColourScale(ColourScale.auto("step length (state units)"));
            FixedPoints fp = f.fixedPoints();
            if (fp != null && fp.size() > 0) {
                double[][] pp = headProjection(fp.states(), basis, mean);
                boolean[] stable = new boolean[fp.size()];
                if (code) {
                    stable = m.conditions().get(c).codeStable();
                } else {
                    for (int k = 0; k < stable.length; k++) {
                        stable[k] = fp.stability()[k] == FixedPoints.Stability.STABLE;
                    }
                }
                List<Series> over = new ArrayList<>();
                over.add(points(code ? "stable (code's test)" : "stable", pp, stable, true)
                        .withColour(Rgb.of("#d62728")).withMarker(Marker.STAR));
                if (!code) {
                    over.add(points("saddle / other slow point", pp, stable, false).withColour(Rgb.BLACK)
                            .withMarker(Marker.TRIANGLE));
                }
                p = p.withOverlay(over.toArray(Series[]::new));
            }
            panels.add(p);
        }
        String stars = code
                ? "Stars (paper code's stability definition): the points the paper code calls stable (every "
                        + "|Re lambda| < 1 and a residual at or below the 5% quantile of the condition's final residuals; reference-spec 5.10)."
                : "Stars: stable fixed points (every |lambda| < 1); triangles: saddles and other slow points (q <= 1e-4), "
                        + "found by Levenberg-Marquardt from the grid.";
        return new Named("fig7c-vector-fields", Figure.grid("Vector fields", "Fig. 7c. One network step from each "
                + "point of a grid over the visited part of the PCA plane under the paper's six constant inputs "
                + "(oL, oR, feedback): left (1.2, 0.2, -0.05), equal (0.2, 0.2, -0.05), right (0.2, 1.2, -0.05), "
                + "negative feedback (0, 0, -1), none (0, 0, 0), positive feedback (0, 0, +1). Arrows scaled together "
                + "(true directions), coloured by step length. " + stars, 2, 3, panels.toArray(Panel[]::new)));
    }

    /** Two decimals, or "n/a" for a missing value. */
    private static String two(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    /** The points of {@code pp} whose flag equals {@code want}, as markers (empty series if none). */
    private static Series points(String label, double[][] pp, boolean[] flag, boolean want) {
        List<double[]> sel = new ArrayList<>();
        for (int k = 0; k < pp.length; k++) {
            if (flag[k] == want) {
                sel.add(pp[k]);
            }
        }
        double[] x = new double[sel.size()];
        double[] y = new double[sel.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = sel.get(k)[0];
            y[k] = sel.get(k)[1];
        }
        return Series.markers(x.length == 0 ? "" : label, x, y);
    }

    /** Plane coordinates of the first mean.length entries of each state (h of an LSTM's (h, c)). */
    static double[][] headProjection(double[][] states, double[][] basis, double[] mean) {
        double[][] out = new double[states.length][basis.length];
        for (int k = 0; k < states.length; k++) {
            for (int dd = 0; dd < basis.length; dd++) {
                double s = 0;
                for (int i = 0; i < mean.length; i++) {
                    s += (states[k][i] - mean[i]) * basis[dd][i];
                }
                out[k][dd] = s;
            }
        }
        return out;
    }

    static Named empiricalFields(Representation.Result r, Mechanism.Result m) {
        double[] bx = RepresentationFigures.bounds(r.planeCoordinates());
        List<Panel> panels = new ArrayList<>();
        StringBuilder agree = new StringBuilder();
        int minCount = 0;
        for (int c = 0; c < r.fields().size(); c++) {
            Representation.Field f = r.fields().get(c);
            Mechanism.Condition mc = m.conditions().get(c);
            EmpiricalField.Field e = mc.empirical();
            minCount = e.minCount();
            double max = 0;
            for (int k = 0; k < f.x().length; k++) {
                max = Math.max(max, Math.hypot(f.dx()[k], f.dy()[k]));
            }
            for (int k = 0; k < e.size(); k++) {
                max = Math.max(max, Math.hypot(e.dx()[k], e.dy()[k]));
            }
            ColourScale scale = ColourScale.auto("step length (state units)").withRange(0, max > 0 ? max : 1);
            panels.add(VectorFieldPanel.of(f.condition() + ": model", RepresentationFigures.pc1(bx),
                    RepresentationFigures.pc2(bx), f.x(), f.y(), f.dx(), f.dy()).withColourScale(scale));
            panels.add(VectorFieldPanel.of(String.format(Locale.ROOT, "%s: empirical (n %d)", f.condition(),
                            e.reportedSteps()), RepresentationFigures.pc1(bx), RepresentationFigures.pc2(bx),
                    e.meanX(), e.meanY(), e.dx(), e.dy()).withColourScale(scale));
            agree.append(String.format(Locale.ROOT, "%s%s: %d bins, cos %s with the model on the same states, "
                    + "%s with the grid field", c == 0 ? "" : "; ", f.condition(), e.size(),
                    two(mc.vsModel().meanCosine()), two(mc.vsGrid().meanCosine())));
        }
        return new Named("fig7c-empirical-fields", Figure.grid("Model and empirical vector fields", String.format(
                Locale.ROOT, "Fig. 7c, model (left) beside the session's own transitions (right). Empirical: steps "
                        + "of the evaluation session grouped by the input they received (no-observation conditions: "
                        + "blank steps with that feedback input; stimulus conditions: observations within +-%.2f of the "
                        + "condition's and the waiting penalty or, on a trial's first observation, 0 as reward input), "
                        + "binned by their starting point on the model field's grid; arrows from each bin's mean "
                        + "starting point along its mean step; bins with fewer than %d steps left blank (n: steps "
                        + "drawn). Arrow lengths are scaled within each panel; colour gives the step length on one "
                        + "scale per row. Mean count-weighted cosine with the model: %s.",
                EmpiricalField.OBSERVATION_TOLERANCE, minCount, agree), r.fields().size(), 2,
                panels.toArray(Panel[]::new)));
    }

    static Named basins(Representation.Result r, Mechanism.Result m, RepresentationFigures.Definitions d) {
        return d == RepresentationFigures.Definitions.CODE ? lyapunovBasins(r, m) : forwardBasins(r, m);
    }

    private static Named forwardBasins(Representation.Result r, Mechanism.Result m) {
        double[] bx = RepresentationFigures.bounds(r.planeCoordinates());
        double[][] basis = r.plane().components();
        double[] mean = r.plane().mean();
        List<Panel> panels = new ArrayList<>();
        for (int c = 0; c < r.fields().size(); c++) {
            Representation.Field f = r.fields().get(c);
            Mechanism.Condition mc = m.conditions().get(c);
            Basins.Result g = mc.gridBasins();
            List<Series> s = new ArrayList<>();
            if (g != null) {
                int[] a = g.assignment();
                Basins.Result v = mc.visitedBasins();
                for (int k = -1; k < g.attractors().size(); k++) {
                    List<double[]> pts = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] == k) {
                            pts.add(new double[] {f.x()[i], f.y()[i]});
                        }
                    }
                    if (pts.isEmpty()) {
                        continue;
                    }
                    double[] x = new double[pts.size()];
                    double[] y = new double[pts.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = pts.get(i)[0];
                        y[i] = pts.get(i)[1];
                    }
                    String label = k < 0 ? "uncaptured"
                            : String.format(Locale.ROOT, "basin %d: %.0f%% / %.0f%%", k + 1,
                                    100 * g.fractions()[k], 100 * v.fractions()[k]);
                    s.add(Series.markers(label, x, y).withMarker(Marker.SQUARE)
                            .withColour(k < 0 ? UNCAPTURED : Rgb.palette(k)));
                }
                for (int k = 0; k < g.attractors().size(); k++) {
                    double[] p = g.attractors().get(k).plane();
                    s.add(Series.markers(k == 0 ? "attractors" : "", new double[] {p[0]}, new double[] {p[1]})
                            .withMarker(Marker.STAR).withColour(Rgb.palette(k)));
                }
                FixedPoints fp = f.fixedPoints();
                boolean[] notStable = new boolean[fp.size()];
                for (int k = 0; k < notStable.length; k++) {
                    notStable[k] = fp.stability()[k] != FixedPoints.Stability.STABLE;
                }
                s.add(points("saddles / other", headProjection(fp.states(), basis, mean), notStable, true)
                        .withMarker(Marker.TRIANGLE).withColour(Rgb.BLACK));
            }
            panels.add(new PlotPanel(f.condition(), RepresentationFigures.pc1(bx), RepresentationFigures.pc2(bx), s,
                    List.of(), null));
        }
        return new Named("fig7-basins", Figure.grid("Basins of attraction", "Fig. 7c companion. Basins of "
                + "attraction by forward iteration under each constant input: every grid point of the vector field "
                + "(lifted to mean + C^T p) is stepped up to 1000 times and coloured by the attractor it comes within "
                + "0.05 of (stable points closer than 0.05 merged into one attractor; stars; triangles: saddles and "
                + "other slow points). Legend: percentage of the grid points / of 2000 visited states (evenly spaced "
                + "in the session) that flow to each attractor; grey: captured by none within 1000 steps.", 2, 3,
                panels.toArray(Panel[]::new)));
    }

    private static Named lyapunovBasins(Representation.Result r, Mechanism.Result m) {
        double[] bx = RepresentationFigures.bounds(r.planeCoordinates());
        double[][] basis = r.plane().components();
        double[] mean = r.plane().mean();
        List<Panel> panels = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        for (int c = 0; c < r.fields().size(); c++) {
            Representation.Field f = r.fields().get(c);
            LyapunovBasin.Result ly = m.conditions().get(c).lyapunovCode();
            List<Series> s = new ArrayList<>();
            ColourScale scale = ColourScale.auto("energy 0.5 dx' P dx");
            if (ly != null && ly.computed()) {
                boolean[] in = ly.inBasin();
                double[] e = ly.energy();
                List<double[]> inside = new ArrayList<>();
                List<double[]> outside = new ArrayList<>();
                for (int i = 0; i < in.length; i++) {
                    (in[i] ? inside : outside).add(new double[] {f.x()[i], f.y()[i], e[i]});
                }
                s.add(column("outside the estimate", outside, false).withMarker(Marker.SQUARE).withColour(UNCAPTURED));
                s.add(column("in the basin estimate", inside, true).withMarker(Marker.SQUARE));
                double[] xs = headProjection(new double[][] {f.fixedPoints().state(ly.point())}, basis, mean)[0];
                s.add(Series.markers(String.format(Locale.ROOT, "x* (q %.1e)", f.fixedPoints().q()[ly.point()]),
                        new double[] {xs[0]}, new double[] {xs[1]}).withMarker(Marker.STAR).withColour(Rgb.of("#d62728")));
            } else if (ly != null) {
                notes.append(String.format(Locale.ROOT, " %s: %s.", f.condition(), ly.reason()));
            }
            panels.add(new PlotPanel(f.condition(), RepresentationFigures.pc1(bx), RepresentationFigures.pc2(bx), s,
                    List.of(), scale));
        }
        return new Named("fig7-basins", Figure.grid("Basins of attraction (paper code's estimate)", "Fig. 7c "
                + "companion, paper code's definition (reference-spec 5.11): x* = the lowest-residual point, A its "
                + "Jacobian, P from the transposed Lyapunov equation A P A^T - P + I = 0; a grid point x0 is in the "
                + "basin when the nonlinear remainder ||F(x0) - F(x*) - A (x0 - x*)|| < gamma ||x0 - x*||; coloured by "
                + "the energy 0.5 (x0 - x*)^T P (x0 - x*). Conditions where no point passes the code's stability test "
                + "are skipped, as in the code." + notes, 2, 3, panels.toArray(Panel[]::new)));
    }

    private static Series column(String label, List<double[]> pts, boolean coloured) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        double[] v = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            v[i] = pts.get(i)[2];
        }
        Series s = Series.markers(x.length == 0 ? "" : label, x, y);
        return coloured ? s.withColourValues(v) : s;
    }
}
