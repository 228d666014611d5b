package org.iblrnn.report;

import java.util.Arrays;
import java.util.List;

/**
 * A vector field, e.g. a state-space flow field: arrows from (x[i], y[i]) along (dx[i], dy[i]),
 * coloured by speed |(dx, dy)| with a colour bar, optionally with series drawn over them
 * (trajectories, fixed points). Arrow lengths are scaled together so the longest fits the arrow
 * spacing; their directions are true in the plotted coordinates. Arrays are copied on the way in and out.
 *
 * @param title       the panel title; "" for none
 * @param xAxis       the x axis
 * @param yAxis       the y axis
 * @param x           arrow tails, x
 * @param y           arrow tails, y
 * @param dx          arrow components along x (data units)
 * @param dy          arrow components along y
 * @param colourScale the speed colour scale (default: viridis fitted to the speeds, labelled "speed")
 * @param overlay     series drawn over the arrows
 */
public record VectorFieldPanel(String title, Axis xAxis, Axis yAxis, double[] x, double[] y, double[] dx,
        double[] dy, ColourScale colourScale, List<Series> overlay) implements Panel {

    public VectorFieldPanel {
        title = title == null ? "" : title;
        if (xAxis == null || yAxis == null) {
            throw new IllegalArgumentException("vector field \"" + title + "\" needs an x and a y axis");
        }
        if (x == null || y == null || dx == null || dy == null) {
            throw new IllegalArgumentException("vector field \"" + title + "\" needs x, y, dx and dy arrays");
        }
        if (y.length != x.length || dx.length != x.length || dy.length != x.length) {
            throw new IllegalArgumentException("vector field \"" + title + "\" array lengths differ: x " + x.length
                    + ", y " + y.length + ", dx " + dx.length + ", dy " + dy.length);
        }
        x = x.clone();
        y = y.clone();
        dx = dx.clone();
        dy = dy.clone();
        colourScale = colourScale == null ? ColourScale.auto("speed") : colourScale;
        overlay = overlay == null ? List.of() : List.copyOf(overlay);
    }

    /** Arrows coloured by speed on a viridis scale, with no overlay. */
    public static VectorFieldPanel of(String title, Axis xAxis, Axis yAxis, double[] x, double[] y, double[] dx,
            double[] dy) {
        return new VectorFieldPanel(title, xAxis, yAxis, x, y, dx, dy, null, List.of());
    }

    public VectorFieldPanel withOverlay(Series... series) {
        return new VectorFieldPanel(title, xAxis, yAxis, x, y, dx, dy, colourScale, Arrays.asList(series));
    }

    public VectorFieldPanel withColourScale(ColourScale scale) {
        return new VectorFieldPanel(title, xAxis, yAxis, x, y, dx, dy, scale, overlay);
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
    public double[] dx() {
        return dx.clone();
    }

    @Override
    public double[] dy() {
        return dy.clone();
    }

    /** Whether arrow i can be drawn. */
    boolean arrowOk(int i) {
        return xAxis.accepts(x[i]) && yAxis.accepts(y[i]) && Double.isFinite(dx[i]) && Double.isFinite(dy[i]);
    }

    @Override
    public boolean isEmpty() {
        for (int i = 0; i < x.length; i++) {
            if (arrowOk(i)) {
                return false;
            }
        }
        for (Series s : overlay) {
            if (s.hasData(xAxis, yAxis)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorFieldPanel v && title.equals(v.title) && xAxis.equals(v.xAxis)
                && yAxis.equals(v.yAxis) && Arrays.equals(x, v.x) && Arrays.equals(y, v.y)
                && Arrays.equals(dx, v.dx) && Arrays.equals(dy, v.dy) && colourScale.equals(v.colourScale)
                && overlay.equals(v.overlay);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(title, xAxis, yAxis, Arrays.hashCode(x), Arrays.hashCode(y),
                Arrays.hashCode(dx), Arrays.hashCode(dy), overlay);
    }

    @Override
    public String toString() {
        return "VectorFieldPanel[title=" + title + ", arrows=" + x.length + ", overlay=" + overlay.size() + "]";
    }
}
