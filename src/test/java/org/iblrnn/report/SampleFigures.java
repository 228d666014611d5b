package org.iblrnn.report;

import java.util.List;

/** Small figures shaped like the paper's, for the renderer tests. */
final class SampleFigures {
    private SampleFigures() {
    }

    static final double[] CONTRASTS = {-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5};

    /** Fig. 2a-like: fraction correct by signed contrast, two series, error bars, chance line. */
    static PlotPanel psychometric() {
        int n = CONTRASTS.length;
        double[] rnn = new double[n];
        double[] actor = new double[n];
        double[] sem = new double[n];
        for (int i = 0; i < n; i++) {
            rnn[i] = 0.55 + 0.4 * Math.tanh(Math.abs(CONTRASTS[i]));
            actor[i] = 0.6 + 0.38 * Math.tanh(1.2 * Math.abs(CONTRASTS[i]));
            sem[i] = 0.02;
        }
        return PlotPanel.of("a  fraction correct", Axis.of("signed contrast"),
                Axis.of("fraction correct").withRange(0.4, 1.0),
                Series.lineMarkers("RNN", CONTRASTS, rnn).withErrorBars(sem),
                Series.lineMarkers("Bayesian actor", CONTRASTS, actor).withDashed(true).withMarker(Marker.SQUARE))
                .withRefLines(RefLine.horizontal(0.5).withLabel("chance"));
    }

    /** Fig. 3b-like: fraction correct by trial within block with a s.e.m. band. */
    static PlotPanel withinBlock() {
        int n = 60;
        double[] t = new double[n];
        double[] m = new double[n];
        double[] s = new double[n];
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + 1;
            m[i] = 0.9 - 0.3 * Math.exp(-i / 8.0);
            o[i] = 0.92 - 0.35 * Math.exp(-i / 5.0);
            s[i] = 0.03;
        }
        return PlotPanel.of("b  trial within block", Axis.of("trial index within block"), Axis.of("fraction correct"),
                Series.line("RNN", t, m).withErrorBand(s), Series.line("observer", t, o));
    }

    static HeatmapPanel correlations(int n) {
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = i == j ? 1 : 0.8 * Math.cos(i * 0.3) * Math.cos(j * 0.3) * ((i < n / 2) == (j < n / 2) ? 1 : -1);
            }
        }
        return HeatmapPanel.of("c  unit correlations", c).withAxisLabels("unit", "unit")
                .withColourScale(ColourScale.diverging("Pearson r").withRange(-1, 1));
    }

    static VectorFieldPanel flowField(int g) {
        double[] x = new double[g * g];
        double[] y = new double[g * g];
        double[] dx = new double[g * g];
        double[] dy = new double[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                int k = i * g + j;
                x[k] = -3 + 6.0 * i / (g - 1);
                y[k] = -2 + 4.0 * j / (g - 1);
                dx[k] = 0.3 * y[k] - 0.1 * x[k];
                dy[k] = -0.2 * x[k];
            }
        }
        return VectorFieldPanel.of("d  flow field", Axis.of("PC1"), Axis.of("PC2"), x, y, dx, dy)
                .withOverlay(Series.markers("fixed point", new double[] {0}, new double[] {0}).withMarker(Marker.STAR));
    }

    static PlotPanel colouredTrajectory() {
        int n = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(0.1 * i);
            y[i] = Math.sin(0.1 * i);
            c[i] = i;
        }
        return PlotPanel.of("e  trajectory", Axis.of("PC1"), Axis.of("PC2"),
                Series.lineMarkers("", x, y).withColourValues(c)).withColourScale(ColourScale.auto("trial index"));
    }

    static Figure behaviour() {
        return Figure.of("Behaviour", "Fig. 2a \u2014 fraction correct by signed contrast for the RNN and the"
                + " Bayesian actor; error bars: s.e.m. over trials.", psychometric(), withinBlock());
    }

    static Figure everything() {
        return Figure.grid("All panel kinds", "Every kind of panel.", 2, 3, psychometric(), withinBlock(),
                correlations(20), flowField(12), colouredTrajectory(),
                PlotPanel.of("f  empty", Axis.of("x"), Axis.of("y"),
                        Series.line("none", new double[] {Double.NaN}, new double[] {Double.NaN})));
    }

    static List<String> words(String s) {
        return List.of(s.split("\\s+"));
    }
}
