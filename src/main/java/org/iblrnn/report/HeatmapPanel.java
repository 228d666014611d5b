package org.iblrnn.report;

import java.util.Arrays;
import java.util.List;

/**
 * A matrix drawn as coloured cells with a colour bar, e.g. a correlation or weight matrix. Row 0
 * is at the top. NaN cells are drawn light grey. The array is copied on the way in and out.
 *
 * @param title       the panel title; "" for none
 * @param values      the matrix, values[row][col], rectangular
 * @param rowLabels   one label per row, or empty to number the rows from 0
 * @param colLabels   one label per column, or empty to number the columns from 0
 * @param xLabel      the label under the columns; "" for none
 * @param yLabel      the label beside the rows; "" for none
 * @param colourScale the colour scale (default: blue-white-red, symmetric about 0)
 */
public record HeatmapPanel(String title, double[][] values, List<String> rowLabels, List<String> colLabels,
        String xLabel, String yLabel, ColourScale colourScale) implements Panel {

    public HeatmapPanel {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        if (values == null) {
            throw new IllegalArgumentException("heatmap \"" + title + "\" needs a matrix");
        }
        values = copy(values, title);
        int cols = values.length == 0 ? 0 : values[0].length;
        rowLabels = rowLabels == null ? List.of() : List.copyOf(rowLabels);
        colLabels = colLabels == null ? List.of() : List.copyOf(colLabels);
        if (!rowLabels.isEmpty() && rowLabels.size() != values.length) {
            throw new IllegalArgumentException("heatmap \"" + title + "\" has " + values.length + " rows but "
                    + rowLabels.size() + " row labels");
        }
        if (!colLabels.isEmpty() && colLabels.size() != cols) {
            throw new IllegalArgumentException("heatmap \"" + title + "\" has " + cols + " columns but "
                    + colLabels.size() + " column labels");
        }
        colourScale = colourScale == null ? ColourScale.diverging("") : colourScale;
    }

    /** A heatmap with numbered rows and columns and a blue-white-red scale symmetric about 0. */
    public static HeatmapPanel of(String title, double[][] values) {
        return new HeatmapPanel(title, values, List.of(), List.of(), "", "", null);
    }

    public HeatmapPanel withLabels(List<String> newRowLabels, List<String> newColLabels) {
        return new HeatmapPanel(title, values, newRowLabels, newColLabels, xLabel, yLabel, colourScale);
    }

    public HeatmapPanel withAxisLabels(String newXLabel, String newYLabel) {
        return new HeatmapPanel(title, values, rowLabels, colLabels, newXLabel, newYLabel, colourScale);
    }

    public HeatmapPanel withColourScale(ColourScale scale) {
        return new HeatmapPanel(title, values, rowLabels, colLabels, xLabel, yLabel, scale);
    }

    @Override
    public double[][] values() {
        return copy(values, title);
    }

    public int rows() {
        return values.length;
    }

    public int cols() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** values[r][c] without copying the matrix. */
    double value(int r, int c) {
        return values[r][c];
    }

    @Override
    public boolean isEmpty() {
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] copy(double[][] m, String title) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != m[0].length) {
                throw new IllegalArgumentException("heatmap \"" + title + "\" matrix must be rectangular; row " + r
                        + " has " + (m[r] == null ? "no" : String.valueOf(m[r].length)) + " entries, row 0 has "
                        + m[0].length);
            }
            out[r] = m[r].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatmapPanel h && title.equals(h.title) && Arrays.deepEquals(values, h.values)
                && rowLabels.equals(h.rowLabels) && colLabels.equals(h.colLabels) && xLabel.equals(h.xLabel)
                && yLabel.equals(h.yLabel) && colourScale.equals(h.colourScale);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(title, Arrays.deepHashCode(values), rowLabels, colLabels, xLabel, yLabel,
                colourScale.label(), colourScale.min(), colourScale.max(), colourScale.map().ordinal());
    }

    @Override
    public String toString() {
        return "HeatmapPanel[title=" + title + ", " + rows() + "x" + cols() + "]";
    }
}
