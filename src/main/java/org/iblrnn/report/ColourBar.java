package org.iblrnn.report;

/** A vertical colour bar with ticks and a rotated label, drawn beside a panel. */
final class ColourBar {
    static final double GAP = 12;
    static final double BAR_W = 10;
    private static final int STEPS = 64;

    private final ColourMap map;
    private final double lo;
    private final double hi;
    private final String label;

    ColourBar(ColourMap map, double lo, double hi, String label) {
        this.map = map;
        this.lo = lo;
        this.hi = hi;
        this.label = label;
    }

    /** The colour of value v on this bar. */
    Rgb colour(double v) {
        return Double.isFinite(v) ? map.at((v - lo) / (hi - lo)) : Rgb.LIGHT_GREY;
    }

    /** A representative colour of this bar, for legend swatches. */
    Rgb swatch() {
        return map.at(0.6);
    }

    private AxisScale.TickSet ticks(double height) {
        AxisScale s = AxisScale.resolve(Axis.of("").withRange(lo, hi), new double[0], 0);
        return s.ticks(height, false);
    }

    /** Width taken to the right of the panel, gap included, for a bar {@code height} tall. */
    double width(double height) {
        double w = 0;
        for (String l : ticks(height).labels()) {
            w = Math.max(w, TextMetrics.width(l, Theme.TICK_SIZE, false));
        }
        return GAP + BAR_W + Theme.TICK_LEN + 3 + w + (label.isBlank() ? 0 : 6 + Theme.LABEL_SIZE);
    }

    /** Draws the bar with its left edge {@link #GAP} right of {@code x}. */
    void draw(Canvas c, double x, double top, double height) {
        double bx = x + GAP;
        c.beginCrisp();
        for (int i = 0; i < STEPS; i++) {
            double y0 = top + height * i / STEPS;
            double y1 = top + height * (i + 1) / STEPS;
            // row i (from the top) shows the value at its centre
            double t = 1 - (i + 0.5) / STEPS;
            c.rect(bx, y0, BAR_W, y1 - y0 + 0.01, map.at(t), 1, null, 0);
        }
        c.endCrisp();
        c.rect(bx, top, BAR_W, height, null, 1, Theme.AXIS, 0.6);
        AxisScale.TickSet ts = ticks(height);
        double tw = 0;
        for (int i = 0; i < ts.values().length; i++) {
            double y = top + height * (1 - (ts.values()[i] - lo) / (hi - lo));
            c.line(bx + BAR_W, y, bx + BAR_W + Theme.TICK_LEN, y, Theme.AXIS, Theme.AXIS_WIDTH, false);
            c.text(bx + BAR_W + Theme.TICK_LEN + 3, y + Theme.centreBaseline(Theme.TICK_SIZE), ts.labels().get(i),
                    Theme.TICK_SIZE, false, false, Canvas.Anchor.START, 0, Theme.TEXT);
            tw = Math.max(tw, TextMetrics.width(ts.labels().get(i), Theme.TICK_SIZE, false));
        }
        if (!label.isBlank()) {
            // reads bottom to top like the y-axis label; glyphs lie left of the baseline
            double lx = bx + BAR_W + Theme.TICK_LEN + 3 + tw + 4 + 0.8 * Theme.LABEL_SIZE;
            c.text(lx, top + height / 2, TextMetrics.fit(label, Theme.LABEL_SIZE, false, height + 20),
                    Theme.LABEL_SIZE, false, false, Canvas.Anchor.MIDDLE, -90, Theme.TEXT);
        }
    }
}
