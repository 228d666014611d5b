package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.math.DoubleList;

/**
 * Lays out and draws a {@link PlotPanel} or a {@link VectorFieldPanel} in a grid cell: axes with
 * ticks and labels, reference lines, bands, arrows, error bars, lines, markers, a colour bar and a
 * legend placed where it covers no data: an empty corner, or outside the plot ({@link #place}).
 */
final class XyPlot {
    /** A series with its arrays copied once and its colour resolved. */
    private record Data(Series s, double[] x, double[] y, double[] err, double[] cv, Rgb colour) {
    }

    private final String title;
    private final Axis xAxis;
    private final Axis yAxis;
    private final List<Data> data = new ArrayList<>();
    private final List<RefLine> refLines;
    private final double[] ax;
    private final double[] ay;
    private final double[] adx;
    private final double[] ady;
    private final ColourBar colourBar;
    private final AxisScale xs;
    private final AxisScale ys;
    private final Legend legend;

    XyPlot(PlotPanel p) {
        this(p.title(), p.xAxis(), p.yAxis(), p.series(), p.refLines(), new double[0], new double[0], new double[0],
                new double[0], p.colourScale());
    }

    XyPlot(VectorFieldPanel v) {
        this(v.title(), v.xAxis(), v.yAxis(), v.overlay(), List.of(), v.x(), v.y(), v.dx(), v.dy(), v.colourScale());
    }

    private XyPlot(String title, Axis xAxis, Axis yAxis, List<Series> series, List<RefLine> refLines, double[] ax,
            double[] ay, double[] adx, double[] ady, ColourScale scale) {
        this.title = title;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.refLines = refLines;
        this.ax = ax;
        this.ay = ay;
        this.adx = adx;
        this.ady = ady;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            data.add(new Data(s, s.x(), s.y(), s.yErr(), s.colourValues(),
                    s.colour() != null ? s.colour() : Rgb.palette(i)));
        }
        this.colourBar = colourBar(scale);
        this.xs = AxisScale.resolve(xAxis, xValues(), xValues().length);
        double[] yv = yValues();
        this.ys = AxisScale.resolve(yAxis, yv, yv.length);
        this.legend = new Legend(legendEntries(), 0.45 * Theme.CELL_W);
    }

    private boolean arrowOk(int i) {
        return xAxis.accepts(ax[i]) && yAxis.accepts(ay[i]) && Double.isFinite(adx[i]) && Double.isFinite(ady[i]);
    }

    private ColourBar colourBar(ColourScale scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean wanted = false;
        for (Data d : data) {
            if (d.cv() == null) {
                continue;
            }
            wanted = true;
            for (int i = 0; i < d.x().length; i++) {
                if (placeable(d, i) && Double.isFinite(d.cv()[i])) {
                    lo = Math.min(lo, d.cv()[i]);
                    hi = Math.max(hi, d.cv()[i]);
                }
            }
        }
        for (int i = 0; i < ax.length; i++) {
            wanted = true;
            if (arrowOk(i)) {
                double speed = Math.hypot(adx[i], ady[i]);
                lo = Math.min(lo, speed);
                hi = Math.max(hi, speed);
            }
        }
        if (!wanted) {
            return null;
        }
        ColourScale s = scale == null ? ColourScale.auto("") : scale;
        double[] r = s.resolve(lo, hi);
        return new ColourBar(s.map(), r[0], r[1], s.label());
    }

    private boolean placeable(Data d, int i) {
        return xAxis.accepts(d.x()[i]) && yAxis.accepts(d.y()[i]);
    }

    private double[] xValues() {
        DoubleList v = new DoubleList();
        for (Data d : data) {
            for (int i = 0; i < d.x().length; i++) {
                if (placeable(d, i)) {
                    v.add(d.x()[i]);
                }
            }
        }
        for (int i = 0; i < ax.length; i++) {
            if (arrowOk(i)) {
                v.add(ax[i]);
            }
        }
        for (RefLine r : refLines) {
            if (r.orientation() == RefLine.Orientation.VERTICAL) {
                v.add(r.value());
            }
        }
        return v.toArray();
    }

    private double[] yValues() {
        DoubleList v = new DoubleList();
        for (Data d : data) {
            for (int i = 0; i < d.x().length; i++) {
                if (placeable(d, i)) {
                    v.add(d.y()[i]);
                    if (d.err() != null && Double.isFinite(d.err()[i])) {
                        v.add(d.y()[i] - d.err()[i]);
                        v.add(d.y()[i] + d.err()[i]);
                    }
                }
            }
        }
        for (int i = 0; i < ay.length; i++) {
            if (arrowOk(i)) {
                v.add(ay[i]);
            }
        }
        for (RefLine r : refLines) {
            if (r.orientation() == RefLine.Orientation.HORIZONTAL) {
                v.add(r.value());
            }
        }
        return v.toArray();
    }

    private List<Legend.Entry> legendEntries() {
        List<Legend.Entry> out = new ArrayList<>();
        for (Data d : data) {
            Series s = d.s();
            if (s.label().isBlank()) {
                continue;
            }
            Rgb colour = d.cv() != null && colourBar != null ? colourBar.swatch() : d.colour();
            out.add(new Legend.Entry(s.label(), colour, s.drawsLine(), s.drawsMarkers(), s.marker(), s.dashed(),
                    d.err() != null && s.errorStyle() == Series.ErrorStyle.BAND));
        }
        for (RefLine r : refLines) {
            if (!r.label().isBlank()) {
                out.add(new Legend.Entry(r.label(), r.colour(), true, false, Marker.CIRCLE, r.dashed(), false));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- layout

    private double plotTop(Box cell) {
        return cell.y() + PanelFrame.titleSpace(title);
    }

    private double plotBottom(Box cell) {
        double reserve = Theme.TICK_LEN + 3 + xTickLabelsHeight(cell)
                + (xAxis.label().isBlank() ? 0 : 6 + Theme.LABEL_SIZE) + 8;
        return cell.bottom() - reserve;
    }

    /** Width category labels wrap to: the space per category on an estimated plot width. */
    private double wrapWidth(Box cell) {
        if (xAxis.categories().isEmpty()) {
            return 0;
        }
        double plotW = cell.w() - 12 - 60 - (colourBar == null ? 0 : 50);
        return Math.max(30, plotW / (xs.hi - xs.lo) - 6);
    }

    /** Height of the x tick labels (more than one line for wrapped category labels). */
    private double xTickLabelsHeight(Box cell) {
        if (xAxis.categories().isEmpty()) {
            return Theme.TICK_SIZE;
        }
        int lines = AxisScale.lines(xs.ticks(cell.w() - 82, true, wrapWidth(cell)));
        return Theme.TICK_SIZE + (lines - 1) * Theme.TICK_SIZE * 1.15;
    }

    private AxisScale.TickSet yTicks(Box cell) {
        return ys.ticks(plotBottom(cell) - plotTop(cell), false);
    }

    private double margin(AxisScale.TickSet yt) {
        double w = 0;
        for (String l : yt.labels()) {
            w = Math.max(w, TextMetrics.width(l, Theme.TICK_SIZE, false));
        }
        return 6 + (yAxis.label().isBlank() ? 0 : Theme.LABEL_SIZE + 6) + w + 3 + Theme.TICK_LEN;
    }

    /** Space this panel needs left of its plot area in {@code cell}. */
    double leftMargin(Box cell) {
        return margin(yTicks(cell));
    }

    /** The plot area in {@code cell} with {@code below} px reserved under the x-axis label. */
    private Box plotArea(Box cell, double minLeft, double below) {
        double top = plotTop(cell);
        double plotH = Math.max(20, plotBottom(cell) - below - top);
        AxisScale.TickSet yt = ys.ticks(plotH, false);
        double left = cell.x() + Math.max(minLeft, margin(yt));
        double cbW = colourBar == null ? 0 : colourBar.width(plotH);
        double right = cell.right() - 12 - cbW;
        return new Box(left, top, Math.max(20, right - left), plotH);
    }

    /**
     * Where the legend goes and the plot area it leaves: {@code extra} &gt; 0 when the legend fits
     * neither in an empty corner nor outside within the plot's limits, and the panel asks for that
     * much more cell width to hold it on the right of an unshrunk plot.
     */
    private record Placement(Box plot, double legendX, double legendY, int cols, double extra) {
    }

    /**
     * The legend's place, tried in this order, so that it covers no data whenever there is room: an
     * inside corner where nothing is drawn; outside on the right or below when that costs at most
     * half the plot's width or 40% of its height (the smaller loss); outside on the right in a cell
     * widened for it ({@link #extraWidth}); below whatever it costs; only when none of these fits,
     * the corner that hides the least.
     *
     * @param plotCellW NaN, or the width of the part of {@code cell} that holds the plot when the
     *                  cell was widened by {@link #extraWidth} for this panel's legend
     */
    private Placement place(Box cell, double minLeft, double plotCellW) {
        Box plot = plotArea(cell, minLeft, 0);
        if (legend.isEmpty()) {
            return new Placement(plot, Double.NaN, Double.NaN, 1, 0);
        }
        double lw = legend.width();
        double lh = legend.height();
        double cbW = colourBar == null ? 0 : colourBar.width(plot.h());
        if (!Double.isNaN(plotCellW)) {
            Box narrow = plotArea(new Box(cell.x(), cell.y(), plotCellW, cell.h()), minLeft, 0);
            return new Placement(narrow, narrow.right() + cbW + 10, narrow.y(), 1, 0);
        }
        Box[] corners = {
            new Box(plot.right() - lw - 4, plot.y() + 4, lw, lh),
            new Box(plot.x() + 6, plot.y() + 4, lw, lh),
            new Box(plot.right() - lw - 4, plot.bottom() - lh - 4, lw, lh),
            new Box(plot.x() + 6, plot.bottom() - lh - 4, lw, lh)};
        DoubleList[] samples = samples(plot);
        int best = 0;
        int bestCount = Integer.MAX_VALUE;
        for (int k = 0; k < corners.length; k++) {
            int n = count(samples, corners[k].grow(3 + 2 * Theme.MARKER_R));
            if (n < bestCount) {
                bestCount = n;
                best = k;
            }
        }
        boolean fitsInside = lw <= plot.w() - 10 && lh <= plot.h() - 8;
        if (bestCount == 0 && fitsInside) {
            return new Placement(plot, corners[best].x(), corners[best].y(), 1, 0);
        }
        int cols = legend.columnsFitting(cell.w() - 16);
        double belowH = legend.height(cols) + 6;
        // outside costs plot width or height; take the smaller fractional loss within limits
        double rightLoss = (lw + 10) / plot.w();
        boolean rightFits = lh <= plot.h() + 10;
        boolean rightOk = rightLoss <= 0.5 && rightFits;
        double belowLoss = belowH / plot.h();
        boolean belowOk = belowLoss <= 0.4;
        if (rightOk && (!belowOk || rightLoss <= belowLoss)) {
            Box shrunk = new Box(plot.x(), plot.y(), plot.w() - lw - 10, plot.h());
            return new Placement(shrunk, shrunk.right() + cbW + 10, shrunk.y(), 1, 0);
        }
        if (!belowOk && rightFits) {
            // a wider cell: the plot keeps its width and the legend goes on its right
            return new Placement(plot, plot.right() + cbW + 10, plot.y(), 1, lw + 10);
        }
        if (belowOk || plot.h() - belowH >= 40) {
            Box lifted = plotArea(cell, minLeft, belowH);
            double w = legend.width(cols);
            return new Placement(lifted, Math.max(cell.x() + 4, Math.min(cell.right() - 4 - w, lifted.centreX() - w / 2)),
                    cell.bottom() - belowH - 2, cols, 0);
        }
        return new Placement(plot, corners[best].x(), corners[best].y(), 1, 0);
    }

    /**
     * Extra cell width this panel needs in {@code cell} to put its legend beside the plot without
     * covering data or shrinking the plot (0 when a corner or the cell's own margins do).
     */
    double extraWidth(Box cell, double minLeft) {
        return place(cell, minLeft, Double.NaN).extra();
    }

    /** Draws the panel in {@code cell}, with at least {@code minLeft} left of the plot area. */
    void paint(Canvas c, Box cell, double minLeft) {
        paint(c, cell, minLeft, Double.NaN);
    }

    /**
     * Draws the panel in {@code cell}, which was widened by the {@link #extraWidth} this panel
     * asked for: the plot is laid out in its first {@code plotCellW} px and the legend on its right
     * (NaN: not widened).
     */
    void paint(Canvas c, Box cell, double minLeft, double plotCellW) {
        Placement at = place(cell, minLeft, plotCellW);
        Box plot = at.plot();
        double legendX = at.legendX();
        double legendY = at.legendY();
        int legendCols = at.cols();
        AxisScale.TickSet yt = ys.ticks(plot.h(), false);
        AxisScale.TickSet xt = xs.ticks(plot.w(), true, wrapWidth(cell));
        drawData(c, plot);
        drawAxes(c, cell, plot, xt, yt);
        if (colourBar != null) {
            colourBar.draw(c, plot.right(), plot.y(), plot.h());
        }
        if (!legend.isEmpty()) {
            legend.draw(c, legendX, legendY, legendCols);
        }
        PanelFrame.title(c, title, cell, plot.centreX());
    }

    private double px(Box plot, double v) {
        return plot.x() + xs.fraction(v) * plot.w();
    }

    private double py(Box plot, double v) {
        return plot.bottom() - ys.fraction(v) * plot.h();
    }

    // ---------------------------------------------------------------- legend placement

    /** Pixel positions where the panel draws something: points, samples along lines, bar ends, arrows. */
    private DoubleList[] samples(Box plot) {
        DoubleList sx = new DoubleList();
        DoubleList sy = new DoubleList();
        for (Data d : data) {
            double prevX = Double.NaN;
            double prevY = Double.NaN;
            for (int i = 0; i < d.x().length; i++) {
                if (!placeable(d, i)) {
                    prevX = Double.NaN;
                    continue;
                }
                double x = px(plot, d.x()[i]);
                double y = py(plot, d.y()[i]);
                sx.add(x);
                sy.add(y);
                if (d.s().drawsLine() && !Double.isNaN(prevX)) {
                    segment(sx, sy, prevX, prevY, x, y);
                }
                if (d.err() != null && Double.isFinite(d.err()[i])) {
                    double y0 = py(plot, d.y()[i] - d.err()[i]);
                    double y1 = py(plot, d.y()[i] + d.err()[i]);
                    if (Double.isFinite(y0) && Double.isFinite(y1)) {
                        segment(sx, sy, x, y0, x, y1);
                    }
                }
                prevX = x;
                prevY = y;
            }
        }
        for (RefLine r : refLines) {
            if (r.orientation() == RefLine.Orientation.HORIZONTAL) {
                double y = py(plot, r.value());
                segment(sx, sy, plot.x(), y, plot.right(), y);
            } else {
                double x = px(plot, r.value());
                segment(sx, sy, x, plot.y(), x, plot.bottom());
            }
        }
        for (int i = 0; i < ax.length; i++) {
            if (arrowOk(i)) {
                double x = px(plot, ax[i]);
                double y = py(plot, ay[i]);
                sx.add(x);
                sy.add(y);
                double hx = px(plot, ax[i] + adx[i]);
                double hy = py(plot, ay[i] + ady[i]);
                if (Double.isFinite(hx) && Double.isFinite(hy)) {
                    // a point a little along the arrow, whatever its final scale
                    double len = Math.hypot(hx - x, hy - y);
                    if (len > 0) {
                        sx.add(x + (hx - x) / len * 4);
                        sy.add(y + (hy - y) / len * 4);
                    }
                }
            }
        }
        return new DoubleList[] {sx, sy};
    }

    private static void segment(DoubleList sx, DoubleList sy, double x0, double y0, double x1, double y1) {
        if (!Double.isFinite(x0 + y0 + x1 + y1)) {
            return;
        }
        int n = (int) Math.min(400, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 4));
        for (int k = 1; k < n; k++) {
            double t = k / (double) n;
            sx.add(x0 + (x1 - x0) * t);
            sy.add(y0 + (y1 - y0) * t);
        }
    }

    private static int count(DoubleList[] samples, Box b) {
        int n = 0;
        for (int i = 0; i < samples[0].size(); i++) {
            if (b.contains(samples[0].get(i), samples[1].get(i))) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- drawing

    private void drawData(Canvas c, Box plot) {
        c.pushClip(plot.x(), plot.y(), plot.w(), plot.h());
        for (RefLine r : refLines) {
            if (r.orientation() == RefLine.Orientation.HORIZONTAL) {
                double y = py(plot, r.value());
                c.line(plot.x(), y, plot.right(), y, r.colour(), 1.0, r.dashed());
            } else {
                double x = px(plot, r.value());
                c.line(x, plot.y(), x, plot.bottom(), r.colour(), 1.0, r.dashed());
            }
        }
        for (Data d : data) {
            if (d.err() != null && d.s().errorStyle() == Series.ErrorStyle.BAND) {
                drawBand(c, plot, d);
            }
        }
        drawArrows(c, plot);
        for (Data d : data) {
            if (d.err() != null && d.s().errorStyle() == Series.ErrorStyle.BARS) {
                drawErrorBars(c, plot, d);
            }
            if (d.s().drawsLine()) {
                drawLine(c, plot, d);
            }
        }
        c.popClip();
        Box markerClip = plot.grow(Theme.MARKER_R * 2 + 1);
        c.pushClip(markerClip.x(), markerClip.y(), markerClip.w(), markerClip.h());
        for (Data d : data) {
            if (!d.s().drawsMarkers()) {
                continue;
            }
            for (int i = 0; i < d.x().length; i++) {
                if (placeable(d, i)) {
                    Rgb fill = d.cv() != null ? colourBar.colour(d.cv()[i]) : d.colour();
                    Markers.draw(c, d.s().marker(), px(plot, d.x()[i]), py(plot, d.y()[i]), Theme.MARKER_R, fill);
                }
            }
        }
        c.popClip();
    }

    /** y pixel of a value, or just below the plot when the axis cannot place it (log axis, y &le; 0). */
    private double pyOrBottom(Box plot, double v) {
        return yAxis.accepts(v) ? py(plot, v) : plot.bottom() + 2;
    }

    private void drawBand(Canvas c, Box plot, Data d) {
        int n = d.x().length;
        double[] xs2 = new double[2 * n];
        double[] ys2 = new double[2 * n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && placeable(d, j) && Double.isFinite(d.err()[j])) {
                j++;
            }
            int m = j - i;
            if (m >= 2) {
                for (int k = 0; k < m; k++) {
                    int p = i + k;
                    double x = px(plot, d.x()[p]);
                    xs2[k] = x;
                    ys2[k] = pyOrBottom(plot, d.y()[p] + d.err()[p]);
                    xs2[2 * m - 1 - k] = x;
                    ys2[2 * m - 1 - k] = pyOrBottom(plot, d.y()[p] - d.err()[p]);
                }
                c.polygon(xs2, ys2, 2 * m, d.colour(), Theme.BAND_OPACITY, null, 0);
            } else if (m == 1) {
                drawErrorBar(c, plot, d, i, d.colour());
            }
            i = Math.max(j, i + 1);
        }
    }

    private void drawErrorBars(Canvas c, Box plot, Data d) {
        for (int i = 0; i < d.x().length; i++) {
            if (placeable(d, i) && Double.isFinite(d.err()[i]) && d.err()[i] > 0) {
                Rgb colour = d.cv() != null ? colourBar.colour(d.cv()[i]) : d.colour();
                drawErrorBar(c, plot, d, i, colour);
            }
        }
    }

    private void drawErrorBar(Canvas c, Box plot, Data d, int i, Rgb colour) {
        double x = px(plot, d.x()[i]);
        double y0 = pyOrBottom(plot, d.y()[i] - d.err()[i]);
        double y1 = pyOrBottom(plot, d.y()[i] + d.err()[i]);
        c.line(x, y0, x, y1, colour, Theme.ERROR_WIDTH, false);
        c.line(x - Theme.CAP_HALF, y0, x + Theme.CAP_HALF, y0, colour, Theme.ERROR_WIDTH, false);
        c.line(x - Theme.CAP_HALF, y1, x + Theme.CAP_HALF, y1, colour, Theme.ERROR_WIDTH, false);
    }

    private void drawLine(Canvas c, Box plot, Data d) {
        int n = d.x().length;
        double[] xs2 = new double[n];
        double[] ys2 = new double[n];
        int i = 0;
        while (i < n) {
            int m = 0;
            int j = i;
            while (j < n && placeable(d, j)) {
                xs2[m] = px(plot, d.x()[j]);
                ys2[m] = py(plot, d.y()[j]);
                m++;
                j++;
            }
            if (m == 1 && !d.s().drawsMarkers()) {
                c.circle(xs2[0], ys2[0], Theme.LINE_WIDTH, d.cv() != null ? colourBar.colour(d.cv()[i]) : d.colour(),
                        null, 0);
            } else if (m >= 2 && d.cv() == null) {
                c.polyline(xs2, ys2, m, d.colour(), Theme.LINE_WIDTH, d.s().dashed());
            } else if (m >= 2) {
                for (int k = 1; k < m; k++) {
                    double a = d.cv()[i + k - 1];
                    double b = d.cv()[i + k];
                    double v = Double.isFinite(a) && Double.isFinite(b) ? (a + b) / 2 : Double.isFinite(a) ? a : b;
                    c.line(xs2[k - 1], ys2[k - 1], xs2[k], ys2[k], colourBar.colour(v), Theme.LINE_WIDTH,
                            d.s().dashed());
                }
            }
            i = Math.max(j, i + 1);
        }
    }

    private void drawArrows(Canvas c, Box plot) {
        int n = 0;
        double maxLen = 0;
        double[] vx = new double[ax.length];
        double[] vy = new double[ax.length];
        for (int i = 0; i < ax.length; i++) {
            vx[i] = Double.NaN;
            if (!arrowOk(i)) {
                continue;
            }
            n++;
            vx[i] = px(plot, ax[i] + adx[i]) - px(plot, ax[i]);
            vy[i] = py(plot, ay[i] + ady[i]) - py(plot, ay[i]);
            if (Double.isFinite(vx[i]) && Double.isFinite(vy[i])) {
                maxLen = Math.max(maxLen, Math.hypot(vx[i], vy[i]));
            }
        }
        if (n == 0) {
            return;
        }
        double target = Math.max(4, Math.min(0.2 * Math.min(plot.w(), plot.h()), 0.9 * Math.sqrt(plot.w() * plot.h() / n)));
        double k = maxLen > 0 ? target / maxLen : 0;
        for (int i = 0; i < ax.length; i++) {
            if (!Double.isFinite(vx[i]) || !Double.isFinite(vy[i])) {
                continue;
            }
            double tx = px(plot, ax[i]);
            double ty = py(plot, ay[i]);
            Rgb colour = colourBar.colour(Math.hypot(adx[i], ady[i]));
            double wx = vx[i] * k;
            double wy = vy[i] * k;
            double len = Math.hypot(wx, wy);
            if (len < 1) {
                c.circle(tx, ty, 0.9, colour, null, 0);
                continue;
            }
            double head = Math.min(0.4 * len, 5);
            double hw = head * 0.55;
            double ux = wx / len;
            double uy = wy / len;
            double ex = tx + wx;
            double ey = ty + wy;
            double bx = ex - ux * head;
            double by = ey - uy * head;
            c.line(tx, ty, bx, by, colour, 1.0, false);
            c.polygon(new double[] {ex, bx - uy * hw, bx + uy * hw}, new double[] {ey, by + ux * hw, by - ux * hw}, 3,
                    colour, 1, null, 0);
        }
    }

    private void drawAxes(Canvas c, Box cell, Box plot, AxisScale.TickSet xt, AxisScale.TickSet yt) {
        c.line(plot.x(), plot.bottom(), plot.right(), plot.bottom(), Theme.AXIS, Theme.AXIS_WIDTH, false);
        c.line(plot.x(), plot.y(), plot.x(), plot.bottom(), Theme.AXIS, Theme.AXIS_WIDTH, false);
        for (int i = 0; i < xt.values().length; i++) {
            double x = px(plot, xt.values()[i]);
            if (!(x >= plot.x() - 0.5 && x <= plot.right() + 0.5)) {
                continue;
            }
            c.line(x, plot.bottom(), x, plot.bottom() + Theme.TICK_LEN, Theme.AXIS, Theme.AXIS_WIDTH, false);
            String[] lines = xt.labels().get(i).split("\n", -1);
            for (int k = 0; k < lines.length; k++) {
                c.text(x, plot.bottom() + Theme.TICK_LEN + 2 + 0.85 * Theme.TICK_SIZE + k * 1.15 * Theme.TICK_SIZE,
                        lines[k], Theme.TICK_SIZE, false, false, Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
            }
        }
        for (int i = 0; i < yt.values().length; i++) {
            double y = py(plot, yt.values()[i]);
            if (!(y >= plot.y() - 0.5 && y <= plot.bottom() + 0.5)) {
                continue;
            }
            c.line(plot.x() - Theme.TICK_LEN, y, plot.x(), y, Theme.AXIS, Theme.AXIS_WIDTH, false);
            c.text(plot.x() - Theme.TICK_LEN - 3, y + Theme.centreBaseline(Theme.TICK_SIZE), yt.labels().get(i),
                    Theme.TICK_SIZE, false, false, Canvas.Anchor.END, 0, Theme.TEXT);
        }
        if (!xAxis.label().isBlank()) {
            double y = plot.bottom() + Theme.TICK_LEN + 3 + xTickLabelsHeight(cell) + 5 + 0.85 * Theme.LABEL_SIZE;
            c.text(plot.centreX(), y, TextMetrics.fit(xAxis.label(), Theme.LABEL_SIZE, false, cell.w() - 16),
                    Theme.LABEL_SIZE, false, false, Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
        }
        if (!yAxis.label().isBlank()) {
            double x = cell.x() + 6 + 0.8 * Theme.LABEL_SIZE;
            c.text(x, plot.centreY(), TextMetrics.fit(yAxis.label(), Theme.LABEL_SIZE, false, plot.h() + 20),
                    Theme.LABEL_SIZE, false, false, Canvas.Anchor.MIDDLE, -90, Theme.TEXT);
        }
    }
}
