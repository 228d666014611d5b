package org.iblrnn.report;

import java.util.Arrays;
import java.util.List;

/**
 * A line/scatter plot: series on an x and a y axis, reference lines, a legend, and a colour bar
 * when some series is coloured by value ({@link Series#withColourValues}).
 *
 * @param title       the panel title; "" for none
 * @param xAxis       the x axis
 * @param yAxis       the y axis
 * @param series      the data, drawn in order (later on top); default colours follow this order
 * @param refLines    horizontal/vertical reference lines, drawn under the data
 * @param colourScale the colour scale of colour-valued series; null for {@link ColourScale#auto}
 */
public record PlotPanel(String title, Axis xAxis, Axis yAxis, List<Series> series, List<RefLine> refLines,
        ColourScale colourScale) implements Panel {

    public PlotPanel {
        title = title == null ? "" : title;
        if (xAxis == null || yAxis == null) {
            throw new IllegalArgumentException("panel \"" + title + "\" needs an x and a y axis");
        }
        series = series == null ? List.of() : List.copyOf(series);
        refLines = refLines == null ? List.of() : List.copyOf(refLines);
    }

    /** A plot of the given series with no reference lines. */
    public static PlotPanel of(String title, Axis xAxis, Axis yAxis, Series... series) {
        return new PlotPanel(title, xAxis, yAxis, Arrays.asList(series), List.of(), null);
    }

    public PlotPanel withSeries(Series... more) {
        List<Series> all = new java.util.ArrayList<>(series);
        all.addAll(Arrays.asList(more));
        return new PlotPanel(title, xAxis, yAxis, all, refLines, colourScale);
    }

    public PlotPanel withRefLines(RefLine... lines) {
        List<RefLine> all = new java.util.ArrayList<>(refLines);
        all.addAll(Arrays.asList(lines));
        return new PlotPanel(title, xAxis, yAxis, series, all, colourScale);
    }

    public PlotPanel withColourScale(ColourScale scale) {
        return new PlotPanel(title, xAxis, yAxis, series, refLines, scale);
    }

    @Override
    public boolean isEmpty() {
        for (Series s : series) {
            if (s.hasData(xAxis, yAxis)) {
                return false;
            }
        }
        return true;
    }
}
