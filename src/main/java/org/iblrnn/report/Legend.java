package org.iblrnn.report;

import java.util.List;

/** A legend box: one row per labelled series or reference line. */
final class Legend {
    private static final double SWATCH = 20;
    private static final double INSET = 6;

    /** One legend row and how its swatch is drawn. */
    record Entry(String label, Rgb colour, boolean line, boolean marker, Marker shape, boolean dashed,
            boolean band) {
    }

    private final List<Entry> entries;
    private final double maxTextWidth;

    Legend(List<Entry> entries, double maxTextWidth) {
        this.entries = List.copyOf(entries);
        this.maxTextWidth = maxTextWidth;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private String text(Entry e) {
        return TextMetrics.fit(e.label(), Theme.LEGEND_SIZE, false, maxTextWidth);
    }

    double width() {
        double w = 0;
        for (Entry e : entries) {
            w = Math.max(w, TextMetrics.width(text(e), Theme.LEGEND_SIZE, false));
        }
        return INSET + SWATCH + 5 + w + INSET;
    }

    double height() {
        return 4 + entries.size() * Theme.LEGEND_ROW + 2;
    }

    /** Width of one column of entries, without the box insets. */
    private double columnWidth() {
        return width() - 2 * INSET;
    }

    /** The most columns that fit in {@code width}, at least 1. */
    int columnsFitting(double width) {
        return (int) Math.max(1, Math.min(entries.size(), Math.floor((width - 2 * INSET + 12) / (columnWidth() + 12))));
    }

    /** Height of the box laid out in {@code cols} columns. */
    double height(int cols) {
        return 4 + Math.ceil(entries.size() / (double) cols) * Theme.LEGEND_ROW + 2;
    }

    /** Width of the box laid out in {@code cols} columns. */
    double width(int cols) {
        return 2 * INSET + cols * columnWidth() + (cols - 1) * 12;
    }

    void draw(Canvas c, double x, double y) {
        draw(c, x, y, 1);
    }

    /** Draws the box at (x, y), entries filling {@code cols} columns row by row. */
    void draw(Canvas c, double x, double y, int cols) {
        c.rect(x, y, width(cols), height(cols), Rgb.WHITE, 0.85, Theme.FRAME, 0.6);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = y + 4 + (i / cols + 0.5) * Theme.LEGEND_ROW;
            double sx = x + INSET + (i % cols) * (columnWidth() + 12);
            if (e.band()) {
                c.rect(sx, cy - 4, SWATCH, 8, e.colour(), Theme.BAND_OPACITY, null, 0);
            }
            if (e.line()) {
                c.line(sx, cy, sx + SWATCH, cy, e.colour(), Theme.LINE_WIDTH, e.dashed());
            }
            if (e.marker()) {
                Markers.draw(c, e.shape(), sx + SWATCH / 2, cy, Theme.MARKER_R, e.colour());
            }
            c.text(sx + SWATCH + 5, cy + Theme.centreBaseline(Theme.LEGEND_SIZE), text(e), Theme.LEGEND_SIZE, false,
                    false, Canvas.Anchor.START, 0, Theme.TEXT);
        }
    }
}
