package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.behaviour.Curve;
import org.iblrnn.analysis.distill.RaddDynamics;
import org.iblrnn.analysis.dynamics.FixedPoints;

/** Figures of the RADD distillation (paper Fig. 8, and the distilled model's vector fields). */
public final class DistillFigures {
    private DistillFigures() {
    }

    /** Most coordinates drawn in Fig. 8b. */
    static final int MAX_TRAJECTORY_PANELS = 12;

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    /**
     * Figs. 8a-c.
     *
     * @param hiddenSize     units of the network
     * @param coordinates    names of the M projected coordinates (e.g. "stimulus readout")
     * @param lags           0..19
     * @param decoherence    rows: network (N-d), projected (M-d), distilled (M-d)
     * @param t              step indices of the trajectory window
     * @param projected      [T][M] projected network coordinates (normalised)
     * @param distilled      [T][M] free-running distilled coordinates
     * @param byTrialInBlock fraction correct by trial within block: RNN, RADD, ...
     */
    public static List<Named> all(int hiddenSize, List<String> coordinates, double[] lags, double[][] decoherence,
                                  double[] t, double[][] projected, double[][] distilled, List<Curve> byTrialInBlock) {
        List<Named> out = new ArrayList<>();
        int m = coordinates.size();
        String[] names = {"network (" + hiddenSize + " units)", "projected network (" + m + "-D)",
            "RADD model (" + m + " unit" + (m == 1 ? "" : "s") + ")"};
        List<Series> d = new ArrayList<>();
        for (int k = 0; k < decoherence.length; k++) {
            d.add(Series.lineMarkers(names[k], lags, decoherence[k]).withColour(Rgb.palette(k)));
        }
        out.add(new Named("fig8a-decoherence", Figure.of("Distance decoherence",
                "Fig. 8a. Mean distance between states Delta steps apart, ||x(t + Delta) - x(t)||, each dimension "
                        + "divided by its standard deviation, for the network, its projection on "
                        + String.join(", ", coordinates) + ", and the distilled " + m + "-unit model running free "
                        + "on the same inputs.",
                new PlotPanel("", Axis.of("lag Delta (steps)"), Axis.of("mean distance (sd units)"), d, List.of(),
                        null))));
        List<Panel> tp = new ArrayList<>();
        int drawn = Math.min(m, MAX_TRAJECTORY_PANELS);
        for (int c = 0; c < drawn; c++) {
            double[] a = new double[t.length];
            double[] b = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                a[i] = projected[i][c];
                b[i] = distilled[i][c];
            }
            String coord = coordinates.get(c) + " z" + (c + 1);
            tp.add(new PlotPanel(coord, Axis.of("step"), Axis.of(coord + " (normalised)"), List.of(
                    Series.line("projected network", t, a).withColour(Rgb.palette(1)),
                    Series.line("RADD model", t, b).withColour(Rgb.palette(2)).withDashed(true)), List.of(), null));
        }
        int cols = Math.min(3, drawn);
        out.add(new Named("fig8b-trajectories", Figure.grid("Distilled trajectories",
                "Fig. 8b. The network's state projected on " + String.join(", ", coordinates) + " (normalised) and "
                        + "the distilled " + m + "-unit model driven by the same inputs, over the last two blocks of "
                        + "the session" + (drawn < m ? " (the first " + drawn + " coordinates)" : "") + ".",
                (drawn + cols - 1) / cols, cols, tp.toArray(Panel[]::new))));
        List<Series> s = new ArrayList<>();
        int k = 0;
        for (Curve c : byTrialInBlock) {
            s.add(Series.line(c.label(), c.x(), c.mean()).withErrorBand(c.sem()).withColour(Rgb.palette(k++)));
        }
        out.add(new Named("fig8c-trial-in-block", Figure.of("Block recognition",
                "Fig. 8c. Fraction correct by trial within block, in closed loop on the same session: the full "
                        + "network, its RADD distillation, its traditional distillation (fitted to its output "
                        + "probabilities) and, when given, a small network trained on the task (mean +- SEM). The "
                        + "paper: RADD keeps the block recognition, the task-trained 2-unit network loses it.",
                new PlotPanel("", Axis.of("trial within block"), Axis.of("fraction correct").withRange(0.4, 1), s,
                        List.of(RefLine.horizontal(0.5)), null))));
        return out;
    }

    /**
     * The RADD model's vector fields and fixed points, one panel per input condition (M = 2),
     * with the network's own fixed points projected into the same normalised coordinates.
     *
     * @param stem       file stem, e.g. "fig8d-radd-vector-fields"
     * @param conditions one per panel, each with a field
     * @param xLabel     label of coordinate 1, e.g. "stimulus readout z1 (a.u.)"
     * @param yLabel     label of coordinate 2
     */
    public static Named vectorFields(String stem, List<RaddDynamics.Condition> conditions, String xLabel,
                                     String yLabel) {
        List<Panel> panels = new ArrayList<>();
        for (RaddDynamics.Condition c : conditions) {
            RaddDynamics.Field f = c.field();
            if (f == null) {
                throw new IllegalArgumentException("condition \"" + c.name() + "\" has no vector field (M != 2)");
            }
            List<Series> overlay = new ArrayList<>();
            FixedPoints fp = c.fixedPoints();
            addPoints(overlay, "RADD stable", fp.states(), fp.stability(), FixedPoints.Stability.STABLE, null,
                    Marker.STAR, Rgb.of("#d62728"));
            addPoints(overlay, "RADD saddle", fp.states(), fp.stability(), FixedPoints.Stability.SADDLE, null,
                    Marker.TRIANGLE, Rgb.of("#d62728"));
            addPoints(overlay, "RADD unstable / marginal", fp.states(), fp.stability(), FixedPoints.Stability.UNSTABLE,
                    FixedPoints.Stability.MARGINAL, Marker.SQUARE, Rgb.of("#d62728"));
            if (c.network() != null) {
                FixedPoints.Stability[] ns = c.network().stability();
                double[][] zp = c.networkProjected();
                addPoints(overlay, "network stable", zp, ns, FixedPoints.Stability.STABLE, null,
                        Marker.DIAMOND, Rgb.BLACK);
                addPoints(overlay, "network saddle / other", zp, ns, null, FixedPoints.Stability.STABLE,
                        Marker.CIRCLE, Rgb.GREY);
            }
            panels.add(VectorFieldPanel.of(c.name(), Axis.of(xLabel), Axis.of(yLabel), f.x(), f.y(), f.dx(), f.dy())
                    .withColourScale(ColourScale.auto("step length")).withOverlay(overlay.toArray(Series[]::new)));
        }
        int cols = Math.min(3, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        return new Named(stem, Figure.grid("RADD vector fields",
                "Fig. 8d (extends Fig. 8; compare the network's fields in Fig. 7c). The distilled 2-unit model's one-"
                        + "step field Delta z = tanh(A z + B x + c) - z on a grid over its normalised state space "
                        + "(z / scales) under the paper's constant inputs x = (oL, oR, feedback): left (1.2, 0.2, "
                        + "-0.05), equal (0.2, 0.2, -0.05), right (0.2, 1.2, -0.05), negative feedback (0, 0, -1), "
                        + "none (0, 0, 0), positive feedback (0, 0, +1). Arrows at data scale, coloured by length. "
                        + "Red: the model's fixed points (star stable, triangle saddle, square unstable), from "
                        + "Levenberg-Marquardt on a grid of starts, stability from the eigenvalues of its Jacobian. "
                        + "Black diamonds / grey circles: the network's own fixed and slow points (stable / "
                        + "other, stability in the full space), projected on the same directions and divided by the "
                        + "same scales.", rows, cols, panels.toArray(Panel[]::new)));
    }

    /**
     * Adds the points whose stability is {@code a} or {@code b} (null matches nothing; a null
     * {@code a} with a non-null {@code b} means "every stability except b") as one series, if any.
     */
    private static void addPoints(List<Series> out, String label, double[][] z, FixedPoints.Stability[] st,
                                  FixedPoints.Stability a, FixedPoints.Stability b, Marker marker, Rgb colour) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < z.length; k++) {
            boolean take = a == null ? st[k] != b : st[k] == a || st[k] == b;
            if (take) {
                pts.add(z[k]);
            }
        }
        if (pts.isEmpty()) {
            return;
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        out.add(Series.markers(label, x, y).withMarker(marker).withColour(colour));
    }
}
