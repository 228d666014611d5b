package org.iblrnn.report;

/**
 * A horizontal or vertical reference line across a plot panel, e.g. chance level at 0.5.
 *
 * @param orientation horizontal (constant y) or vertical (constant x)
 * @param value       its position in data units
 * @param label       its legend entry; "" for none
 * @param colour      its colour
 * @param dashed      dashed rather than solid
 */
public record RefLine(Orientation orientation, double value, String label, Rgb colour, boolean dashed) {

    /** Which coordinate a reference line holds constant. */
    public enum Orientation { HORIZONTAL, VERTICAL }

    public RefLine {
        if (orientation == null) {
            throw new IllegalArgumentException("reference line orientation must be given");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reference line position must be finite, got " + value);
        }
        label = label == null ? "" : label;
        colour = colour == null ? Rgb.GREY : colour;
    }

    /** A dashed grey line at constant y. */
    public static RefLine horizontal(double y) {
        return new RefLine(Orientation.HORIZONTAL, y, "", Rgb.GREY, true);
    }

    /** A dashed grey line at constant x. */
    public static RefLine vertical(double x) {
        return new RefLine(Orientation.VERTICAL, x, "", Rgb.GREY, true);
    }

    /** This line with a legend entry. */
    public RefLine withLabel(String newLabel) {
        return new RefLine(orientation, value, newLabel, colour, dashed);
    }

    public RefLine withColour(Rgb newColour) {
        return new RefLine(orientation, value, label, newColour, dashed);
    }

    public RefLine withDashed(boolean newDashed) {
        return new RefLine(orientation, value, label, colour, newDashed);
    }
}
