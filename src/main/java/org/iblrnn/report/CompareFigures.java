package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.behaviour.Curve;

/** Mice beside the models: psychometric curves by block, recovery after a change point, prior use. */
public final class CompareFigures {
    private CompareFigures() {
    }

    /** One agent's curves (or the mice's). */
    public record Entry(String name, Curve psyLeft, Curve psyRight, Curve afterChange, double zeroChooseBlock,
                        double zeroChooseBlockSem, double zeroResponseRate) {
    }

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    static String label(String name) {
        return switch (name) {
            case "mice" -> "mice (mean across mice)";
            case "rnn" -> "RNN";
            case "observer" -> "Bayesian observer";
            case "block-blind" -> "block-blind actor";
            default -> name;
        };
    }

    /** Mouse chronometric curves in seconds (4 curves: correct/incorrect x concordant/discordant). */
    public static Figure chronometric(List<Curve> curves) {
        List<Series> s = new ArrayList<>();
        Marker[] m = {Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND};
        for (int k = 0; k < curves.size(); k++) {
            Curve c = org.iblrnn.analysis.behaviour.ContrastRank.map(curves.get(k), org.iblrnn.analysis.behaviour.ContrastRank.MICE);
            String[] names = {"correct, concordant", "correct, discordant", "incorrect, concordant",
                "incorrect, discordant"};
            String label = k < names.length ? names[k] : c.label();
            s.add(Series.lineMarkers(label, c.x(), c.mean()).withErrorBars(c.sem()).withColour(Rgb.palette(k))
                    .withMarker(m[k % m.length]));
        }
        return Figure.of("Mouse chronometric curves", "Reaction time (median per mouse, then mean +- SEM across "
                + "mice) by signed contrast, for correct / incorrect and concordant / discordant trials of biased "
                + "blocks: the mice's counterpart of Fig. 2b. Contrasts 0, 0.0625, 0.125, 0.25 and 1 at ranks 0 to 1; the rare 0.04 and 0.08 are left out.", new PlotPanel("", Axis.of("signed contrast rank (+ = right)"), Axis.of("reaction time (s)"), s, List.of(), null));
    }

    public static List<Named> all(List<Entry> entries) {
        List<Named> out = new ArrayList<>();
        List<Panel> psy = new ArrayList<>();
        for (Entry e : entries) {
            psy.add(new PlotPanel(label(e.name()), Axis.of("signed contrast rank (-1 strongest left, +1 right)")
                    .withRange(-1.05, 1.05), Axis.of("P(choose right)").withRange(0, 1), List.of(
                    Series.lineMarkers("left block", e.psyLeft().x(), e.psyLeft().mean())
                            .withErrorBars(e.psyLeft().sem()).withColour(Rgb.palette(1)),
                    Series.lineMarkers("right block", e.psyRight().x(), e.psyRight().mean())
                            .withErrorBars(e.psyRight().sem()).withColour(Rgb.palette(2))),
                    List.of(RefLine.horizontal(0.5), RefLine.vertical(0)), null));
        }
        out.add(new Named("compare-psychometric", Figure.grid("Psychometric curves: mice and models",
                "P(choose right) by signed contrast in left (0.8) and right (0.2) blocks. Contrasts matched by rank "
                        + "(mice 0, 0.0625, 0.125, 0.25, 1; models 0, 0.5, ..., 2.5 observation means), so the axis "
                        + "orders strengths but does not equate them. The vertical gap at zero is the use of the block "
                        + "prior. Mice: mean +- SEM across mice; models: one 1000-block session.", 1, entries.size(),
                psy.toArray(Panel[]::new))));
        List<Series> after = new ArrayList<>();
        int k = 0;
        for (Entry e : entries) {
            Curve c = e.afterChange();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                if (c.x()[i] <= 40) {
                    keep.add(i);
                }
            }
            double[] x = keep.stream().mapToDouble(i -> c.x()[i]).toArray();
            double[] y = keep.stream().mapToDouble(i -> c.mean()[i]).toArray();
            double[] s = keep.stream().mapToDouble(i -> c.sem()[i]).toArray();
            after.add(Series.line(label(e.name()), x, y).withErrorBand(s).withColour(Rgb.palette(k++)));
        }
        PlotPanel a = new PlotPanel("fraction correct after a block change", Axis.of("trial within block"),
                Axis.of("fraction correct").withRange(0.4, 1), after, List.of(), null);
        double[] xs = new double[entries.size()];
        double[] ys = new double[entries.size()];
        double[] es = new double[entries.size()];
        List<String> cats = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            xs[i] = i;
            ys[i] = entries.get(i).zeroChooseBlock();
            es[i] = entries.get(i).zeroChooseBlockSem();
            cats.add(label(entries.get(i).name()) + String.format(java.util.Locale.ROOT, " (resp. %.2f)",
                    entries.get(i).zeroResponseRate()));
        }
        PlotPanel b = new PlotPanel("zero-contrast trials", Axis.categorical("agent", cats),
                Axis.of("P(choose the block side)").withRange(0.4, 1),
                List.of(Series.markers("P(choose block side)", xs, ys).withErrorBars(es)),
                List.of(RefLine.horizontal(0.8).withLabel("ideal observer 0.8"), RefLine.horizontal(0.5)), null);
        out.add(new Named("compare-prior", Figure.of("Use of the block prior: mice and models",
                "Fraction correct by trial position after an unsignalled block change (band: SEM; mice: biased blocks "
                        + "after the first of each session), and the fraction of zero-contrast trials on which each "
                        + "chose the block side among the trials with a response, one definition for mice and models "
                        + "(no-response trials and timeouts excluded alike; the response rate is in each label; an "
                        + "observer that knows the block would choose it on 80%).", a, b)));
        return out;
    }
}
