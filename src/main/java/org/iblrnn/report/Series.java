package org.iblrnn.report;

import java.util.Arrays;

/**
 * One data series of a plot panel. Point i is (x[i], y[i]); a point with a missing coordinate
 * (NaN or infinite, or non-positive on a log axis) is skipped and breaks the line there.
 * Arrays are copied on the way in and out.
 *
 * @param label        the legend entry; "" for none
 * @param x            x values (data units; category indices on a categorical axis)
 * @param y            y values, same length as x
 * @param yErr         half-widths of the error bars or band (e.g. s.e.m.), same length, &ge; 0
 *                     where finite (NaN: no error at that point); null for none
 * @param colourValues per-point values that colour markers and line segments through the panel's
 *                     colour scale (e.g. trial index along a trajectory); null for a single colour
 * @param style        lines, markers, or both
 * @param errorStyle   error bars or a shaded band (used only when yErr is given)
 * @param marker       the marker shape (used only when markers are drawn)
 * @param colour       the colour; null for the panel's palette colour for this series' position
 * @param dashed       dashed lines rather than solid
 */
public record Series(String label, double[] x, double[] y, double[] yErr, double[] colourValues,
        Style style, ErrorStyle errorStyle, Marker marker, Rgb colour, boolean dashed) {

    /** What a series draws. */
    public enum Style { LINE, MARKERS, LINE_MARKERS }

    /** How a series draws yErr. */
    public enum ErrorStyle { BARS, BAND }

    public Series {
        label = label == null ? "" : label;
        if (x == null || y == null) {
            throw new IllegalArgumentException("series \"" + label + "\" needs x and y arrays");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series \"" + label + "\" x and y lengths differ: "
                    + x.length + " != " + y.length);
        }
        x = x.clone();
        y = y.clone();
        if (yErr != null) {
            if (yErr.length != x.length) {
                throw new IllegalArgumentException("series \"" + label + "\" yErr length " + yErr.length
                        + " != number of points " + x.length);
            }
            yErr = yErr.clone();
            for (int i = 0; i < yErr.length; i++) {
                if (yErr[i] < 0) {
                    throw new IllegalArgumentException("series \"" + label + "\" yErr must be >= 0, got "
                            + yErr[i] + " at index " + i);
                }
            }
        }
        if (colourValues != null) {
            if (colourValues.length != x.length) {
                throw new IllegalArgumentException("series \"" + label + "\" colourValues length "
                        + colourValues.length + " != number of points " + x.length);
            }
            colourValues = colourValues.clone();
        }
        if (style == null || errorStyle == null || marker == null) {
            throw new IllegalArgumentException("series \"" + label + "\" style, error style and marker must be given");
        }
    }

    /** A solid line in the palette colour. */
    public static Series line(String label, double[] x, double[] y) {
        return new Series(label, x, y, null, null, Style.LINE, ErrorStyle.BARS, Marker.CIRCLE, null, false);
    }

    /** Circle markers in the palette colour. */
    public static Series markers(String label, double[] x, double[] y) {
        return new Series(label, x, y, null, null, Style.MARKERS, ErrorStyle.BARS, Marker.CIRCLE, null, false);
    }

    /** A solid line with circle markers in the palette colour. */
    public static Series lineMarkers(String label, double[] x, double[] y) {
        return new Series(label, x, y, null, null, Style.LINE_MARKERS, ErrorStyle.BARS, Marker.CIRCLE, null,
                false);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] yErr() {
        return yErr == null ? null : yErr.clone();
    }

    @Override
    public double[] colourValues() {
        return colourValues == null ? null : colourValues.clone();
    }

    /** This series with error bars of half-width {@code newYErr}. */
    public Series withErrorBars(double[] newYErr) {
        return new Series(label, x, y, newYErr, colourValues, style, ErrorStyle.BARS, marker, colour, dashed);
    }

    /** This series with a shaded band y &plusmn; {@code newYErr}. */
    public Series withErrorBand(double[] newYErr) {
        return new Series(label, x, y, newYErr, colourValues, style, ErrorStyle.BAND, marker, colour, dashed);
    }

    /** This series coloured point by point through the panel's colour scale. */
    public Series withColourValues(double[] values) {
        return new Series(label, x, y, yErr, values, style, errorStyle, marker, colour, dashed);
    }

    public Series withStyle(Style newStyle) {
        return new Series(label, x, y, yErr, colourValues, newStyle, errorStyle, marker, colour, dashed);
    }

    public Series withMarker(Marker newMarker) {
        return new Series(label, x, y, yErr, colourValues, style, errorStyle, newMarker, colour, dashed);
    }

    public Series withColour(Rgb newColour) {
        return new Series(label, x, y, yErr, colourValues, style, errorStyle, marker, newColour, dashed);
    }

    public Series withDashed(boolean newDashed) {
        return new Series(label, x, y, yErr, colourValues, style, errorStyle, marker, colour, newDashed);
    }

    public Series withLabel(String newLabel) {
        return new Series(newLabel, x, y, yErr, colourValues, style, errorStyle, marker, colour, dashed);
    }

    boolean drawsLine() {
        return style != Style.MARKERS;
    }

    boolean drawsMarkers() {
        return style != Style.LINE;
    }

    /** Whether point i can be placed on the given axes. */
    boolean placeable(int i, Axis xAxis, Axis yAxis) {
        return xAxis.accepts(x[i]) && yAxis.accepts(y[i]);
    }

    /** Whether any point can be placed on the given axes. */
    boolean hasData(Axis xAxis, Axis yAxis) {
        for (int i = 0; i < x.length; i++) {
            if (placeable(i, xAxis, yAxis)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && label.equals(s.label) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y)
                && Arrays.equals(yErr, s.yErr) && Arrays.equals(colourValues, s.colourValues)
                && style == s.style && errorStyle == s.errorStyle && marker == s.marker
                && java.util.Objects.equals(colour, s.colour) && dashed == s.dashed;
    }

    @Override
    public int hashCode() {
        int h = label.hashCode();
        h = 31 * h + Arrays.hashCode(x);
        h = 31 * h + Arrays.hashCode(y);
        h = 31 * h + Arrays.hashCode(yErr);
        h = 31 * h + Arrays.hashCode(colourValues);
        h = 31 * h + style.ordinal();
        h = 31 * h + errorStyle.ordinal();
        h = 31 * h + marker.ordinal();
        h = 31 * h + java.util.Objects.hashCode(colour);
        return 31 * h + (dashed ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Series[label=" + label + ", points=" + x.length + ", style=" + style
                + (yErr == null ? "" : ", errors=" + errorStyle)
                + (colourValues == null ? "" : ", colour-valued") + (dashed ? ", dashed" : "") + "]";
    }
}
