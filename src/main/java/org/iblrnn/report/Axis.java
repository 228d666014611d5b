package org.iblrnn.report;

import java.util.List;

/**
 * One axis of a plot panel.
 *
 * @param label      the axis label, with units where there are any (e.g. "signed contrast",
 *                   "time (trials)"); "" for none
 * @param min        fixed lower end in data units, or NaN to compute it from the data
 * @param max        fixed upper end in data units, or NaN to compute it from the data
 * @param log        base-10 logarithmic scale; non-positive values are then skipped as missing
 * @param categories tick labels for the category positions 0, 1, ..., n-1 (data x values are then
 *                   category indices); empty for a numeric axis
 */
public record Axis(String label, double min, double max, boolean log, List<String> categories) {

    public Axis {
        label = label == null ? "" : label;
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("axis \"" + label + "\" range must be finite or NaN (auto), got ["
                    + min + ", " + max + "]");
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("axis \"" + label + "\" range must have min < max, got ["
                    + min + ", " + max + "]");
        }
        if (log && (min <= 0 || max <= 0)) {
            throw new IllegalArgumentException("log axis \"" + label + "\" range must be > 0, got ["
                    + min + ", " + max + "]");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (log && !categories.isEmpty()) {
            throw new IllegalArgumentException("axis \"" + label + "\" cannot be both logarithmic and categorical");
        }
    }

    /** A linear axis whose range is computed from the data. */
    public static Axis of(String label) {
        return new Axis(label, Double.NaN, Double.NaN, false, List.of());
    }

    /** A categorical axis: data values 0..n-1 are the categories, labelled by {@code categories}. */
    public static Axis categorical(String label, List<String> categories) {
        return new Axis(label, Double.NaN, Double.NaN, false, categories);
    }

    /** This axis with a fixed range; either end may be NaN to keep it automatic. */
    public Axis withRange(double min, double max) {
        return new Axis(label, min, max, log, categories);
    }

    /** This axis on a base-10 logarithmic scale. */
    public Axis withLog() {
        return new Axis(label, min, max, true, categories);
    }

    /** Whether {@code v} can be placed on this axis (finite, and positive on a log axis). */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
