package org.iblrnn.report;

/**
 * The drawing operations the figure painter needs, in base pixels (y down). Implemented once for
 * SVG text and once for Java2D, so both renderers share one layout. Elements with a non-finite
 * coordinate are skipped by the implementations.
 */
interface Canvas {

    /** Horizontal text alignment relative to the anchor point. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Rgb colour, double width, boolean dashed);

    /** An open polyline through the first n points. */
    void polyline(double[] xs, double[] ys, int n, Rgb colour, double width, boolean dashed);

    /** A filled closed polygon through the first n points, optionally outlined. */
    void polygon(double[] xs, double[] ys, int n, Rgb fill, double opacity, Rgb stroke, double strokeWidth);

    /** A rectangle; fill or stroke may be null. */
    void rect(double x, double y, double w, double h, Rgb fill, double fillOpacity, Rgb stroke, double strokeWidth);

    void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth);

    /**
     * Text with its baseline at y, aligned to x by {@code anchor}, rotated by {@code angleDeg}
     * (clockwise, about (x, y)).
     */
    void text(double x, double y, String text, double size, boolean bold, boolean italic, Anchor anchor,
            double angleDeg, Rgb colour);

    /** Restricts drawing to a rectangle until the matching {@link #popClip()}. */
    void pushClip(double x, double y, double w, double h);

    void popClip();

    /** Between these calls, shapes are drawn without anti-aliasing (heatmap cells, no seams). */
    void beginCrisp();

    void endCrisp();
}
