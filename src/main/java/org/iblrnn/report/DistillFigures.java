package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.Curve;

/** Figures of the RADD distillation (paper Fig. 8). */
public final class DistillFigures {
    private DistillFigures() {
    }

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    /**
     * @param lags          0..19
     * @param decoherence   rows: network (50-d), projected (2-d), distilled (2-d)
     * @param t             step indices of the trajectory window
     * @param projected     [T][2] projected network coordinates (normalised)
     * @param distilled     [T][2] free-running distilled coordinates
     * @param byTrialInBlock fraction correct by trial within block: RNN, RADD
     */
    public static List<Named> all(double[] lags, double[][] decoherence, double[] t, double[][] projected,
                                  double[][] distilled, List<Curve> byTrialInBlock) {
        List<Named> out = new ArrayList<>();
        String[] names = {"network (50 units)", "projected network (2-D)", "RADD model (2 units)"};
        List<Series> d = new ArrayList<>();
        for (int k = 0; k < decoherence.length; k++) {
            d.add(Series.lineMarkers(names[k], lags, decoherence[k]).withColour(Rgb.palette(k)));
        }
        out.add(new Named("fig8a-decoherence", Figure.of("Distance decoherence",
                "Fig. 8a. Mean distance between states Delta steps apart, ||x(t + Delta) - x(t)||, each dimension "
                        + "divided by its standard deviation, for the network, its projection on the stimulus and "
                        + "block readouts, and the distilled 2-unit model running free on the same inputs.",
                new PlotPanel("", Axis.of("lag Delta (steps)"), Axis.of("mean distance (sd units)"), d, List.of(),
                        null))));
        List<Panel> tp = new ArrayList<>();
        String[] coord = {"stimulus coordinate", "block coordinate"};
        for (int c = 0; c < 2; c++) {
            double[] a = new double[t.length];
            double[] b = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                a[i] = projected[i][c];
                b[i] = distilled[i][c];
            }
            tp.add(new PlotPanel(coord[c], Axis.of("step"), Axis.of(coord[c] + " (normalised)"), List.of(
                    Series.line("projected network", t, a).withColour(Rgb.palette(1)),
                    Series.line("RADD model", t, b).withColour(Rgb.palette(2)).withDashed(true)), List.of(), null));
        }
        out.add(new Named("fig8b-trajectories", Figure.of("Distilled trajectories",
                "Fig. 8b. The network's state projected on its stimulus and block readouts (normalised) and the "
                        + "distilled 2-unit model driven by the same inputs, over the last two blocks of the session.",
                tp.toArray(Panel[]::new))));
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
}
