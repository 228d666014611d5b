package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.PaperNumbers;

/**
 * Figures of a sweep: every network's headline numbers per configuration with the mean and
 * standard deviation, beside the paper's single value.
 */
public final class SweepFigures {
    private SweepFigures() {
    }

    /**
     * One headline number across the sweep.
     *
     * @param what    the quantity (panel title)
     * @param unit    y-axis label
     * @param paper   the paper's value (NaN: none)
     * @param values  values[config][network], NaN where missing
     * @param mean    mean[config] of the finite values (NaN: none)
     * @param sd      sample standard deviation[config] (0 for one value, NaN for none)
     */
    public record Number(String what, String unit, double paper, double[][] values, double[] mean, double[] sd) {
    }

    /**
     * A panel per number: each network as a dot at its configuration, the configuration's mean as a
     * square with a bar of one standard deviation, the paper's value as a dashed line.
     */
    public static Figure spread(List<String> configs, List<Number> numbers, int networks) {
        List<Panel> panels = new ArrayList<>();
        for (Number num : numbers) {
            List<Series> s = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] mx = new double[configs.size()];
            double[] my = new double[configs.size()];
            double[] me = new double[configs.size()];
            for (int c = 0; c < configs.size(); c++) {
                double[] v = num.values()[c];
                for (int k = 0; k < v.length; k++) {
                    if (Double.isFinite(v[k])) {
                        // a small deterministic spread so that equal values stay visible
                        xs.add(c - 0.15 + 0.3 * (v.length == 1 ? 0.5 : (double) k / (v.length - 1)));
                        ys.add(v[k]);
                    }
                }
                mx[c] = c + 0.25;
                my[c] = num.mean()[c];
                me[c] = num.sd()[c];
            }
            s.add(Series.markers("networks", xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()).withColour(Rgb.palette(0))
                    .withMarker(Marker.CIRCLE));
            s.add(Series.markers("mean ± sd", mx, my).withErrorBars(me).withColour(Rgb.BLACK).withMarker(Marker.SQUARE));
            List<RefLine> refs = new ArrayList<>();
            if (Double.isFinite(num.paper())) {
                refs.add(RefLine.horizontal(num.paper()).withLabel("paper").withColour(Rgb.palette(5)).withDashed(true));
            }
            panels.add(new PlotPanel(num.what(), Axis.categorical("configuration", configs)
                    .withRange(-0.6, configs.size() - 0.4), Axis.of(num.unit()), s, refs, null));
        }
        int cols = Math.min(3, Math.max(1, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        return Figure.grid("Headline numbers across the sweep",
                "Each of the paper's headline numbers (Secs. 3.1-3.3, Figs. 2-8) for every network of the sweep ("
                        + networks + " networks): dots are networks, squares the mean of a configuration with "
                        + "a bar of one standard deviation, the dashed line the paper's value from its single network.",
                rows, cols, panels.toArray(new Panel[0]));
    }

    /** Fraction correct of each network against its seed, one series per configuration (extends Sec. 3.1). */
    public static Figure bySeed(List<String> configs, long[][] seeds, double[][] fractionCorrect) {
        PaperNumbers.Value paper = PaperNumbers.FRACTION_CORRECT;
        List<Series> s = new ArrayList<>();
        Marker[] m = Marker.values();
        for (int c = 0; c < configs.size(); c++) {
            double[] x = new double[seeds[c].length];
            for (int k = 0; k < x.length; k++) {
                x[k] = seeds[c][k];
            }
            s.add(Series.lineMarkers(configs.get(c), x, fractionCorrect[c]).withColour(Rgb.palette(c))
                    .withMarker(m[c % m.length]));
        }
        PlotPanel p = new PlotPanel("", Axis.of("training seed"), Axis.of("fraction of trials correct"), s,
                List.of(RefLine.horizontal(paper.value()).withLabel("paper " + paper.percent(1) + "%")
                        .withDashed(true)), null);
        return Figure.of("Fraction correct by seed", "Fraction of trials correct on the evaluation session for "
                + "each trained network, by training seed and configuration (the paper's Sec. 3.1 reports one "
                + "network: " + paper.percent(1) + "%, dashed).", p);
    }

    /**
     * A number's mean ± sd against the hidden size, one series per group of the other settings
     * (e.g. "rnn, prob"); for the variance in 2 PCs, the paper's Sec. 3.2 / Fig. 4a.
     */
    public static Figure versusHidden(String title, String yLabel, String caption, List<String> groups,
                                      double[][] hidden, double[][] mean, double[][] sd, double paper) {
        List<Series> s = new ArrayList<>();
        Marker[] m = Marker.values();
        for (int g = 0; g < groups.size(); g++) {
            s.add(Series.lineMarkers(groups.get(g), hidden[g], mean[g]).withErrorBars(sd[g]).withColour(Rgb.palette(g))
                    .withMarker(m[g % m.length]));
        }
        List<RefLine> refs = new ArrayList<>();
        if (Double.isFinite(paper)) {
            refs.add(RefLine.horizontal(paper).withLabel("paper (50 units)").withDashed(true));
        }
        return Figure.of(title, caption, new PlotPanel("", Axis.of("hidden units"), Axis.of(yLabel), s, refs, null));
    }
}
