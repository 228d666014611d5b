package org.iblrnn.report;

import java.util.ArrayDeque;
import java.util.Deque;

/** A {@link Canvas} that writes SVG elements. Clip-path ids use a placeholder the renderer replaces. */
final class SvgCanvas implements Canvas {
    /** Replaced by a content hash, so ids are deterministic yet distinct between figures. */
    static final String ID_PLACEHOLDER = "\u0000ID\u0000";

    private final StringBuilder out = new StringBuilder(1 << 16);
    private final Deque<Boolean> clips = new ArrayDeque<>();
    private int clipCount;

    String body() {
        return out.toString();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb colour, double width, boolean dashed) {
        if (!finite(x1, y1, x2, y2)) {
            return;
        }
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append('"');
        stroke(colour, width, dashed);
        out.append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Rgb colour, double width, boolean dashed) {
        if (n < 2 || !finite(xs, ys, n)) {
            return;
        }
        out.append("<polyline points=\"");
        points(xs, ys, n);
        out.append("\" fill=\"none\"");
        stroke(colour, width, dashed);
        out.append(" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, Rgb fill, double opacity, Rgb stroke, double strokeWidth) {
        if (n < 3 || !finite(xs, ys, n)) {
            return;
        }
        out.append("<polygon points=\"");
        points(xs, ys, n);
        out.append('"');
        fill(fill, opacity);
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
            out.append(" stroke-linejoin=\"round\"");
        }
        out.append("/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Rgb fill, double fillOpacity, Rgb stroke,
            double strokeWidth) {
        if (!finite(x, y, w, h) || w < 0 || h < 0) {
            return;
        }
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append('"');
        fill(fill, fillOpacity);
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
        }
        out.append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth) {
        if (!finite(cx, cy, r, 0)) {
            return;
        }
        out.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(num(r)).append('"');
        fill(fill, 1);
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
        }
        out.append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, boolean italic, Anchor anchor,
            double angleDeg, Rgb colour) {
        if (text == null || text.isEmpty() || !finite(x, y, size, angleDeg)) {
            return;
        }
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"")
                .append(num(size)).append('"');
        if (anchor != Anchor.START) {
            out.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        if (italic) {
            out.append(" font-style=\"italic\"");
        }
        if (!colour.equals(Rgb.BLACK)) {
            out.append(" fill=\"").append(colour.hex()).append('"');
        }
        if (angleDeg != 0) {
            out.append(" transform=\"rotate(").append(num(angleDeg)).append(' ').append(num(x)).append(' ')
                    .append(num(y)).append(")\"");
        }
        out.append('>').append(Svg.escape(text)).append("</text>\n");
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        String id = "clip-" + ID_PLACEHOLDER + "-" + clipCount++;
        out.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
        clips.push(Boolean.TRUE);
    }

    @Override
    public void popClip() {
        clips.pop();
        out.append("</g>\n");
    }

    @Override
    public void beginCrisp() {
        out.append("<g shape-rendering=\"crispEdges\">\n");
    }

    @Override
    public void endCrisp() {
        out.append("</g>\n");
    }

    private void stroke(Rgb colour, double width, boolean dashed) {
        out.append(" stroke=\"").append(colour.hex()).append("\" stroke-width=\"").append(num(width)).append('"');
        if (dashed) {
            out.append(" stroke-dasharray=\"").append(num(4 * width)).append(',').append(num(2.5 * width))
                    .append('"');
        }
    }

    private void fill(Rgb fill, double opacity) {
        if (fill == null) {
            out.append(" fill=\"none\"");
            return;
        }
        out.append(" fill=\"").append(fill.hex()).append('"');
        if (opacity < 1) {
            out.append(" fill-opacity=\"").append(num(opacity)).append('"');
        }
    }

    private void points(double[] xs, double[] ys, int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(num(xs[i])).append(',').append(num(ys[i]));
        }
    }

    private static boolean finite(double a, double b, double c, double d) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d);
    }

    private static boolean finite(double[] xs, double[] ys, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                return false;
            }
        }
        return true;
    }

    /** A coordinate rounded to 0.01 px, without trailing zeros or "-0"; locale-independent. */
    static String num(double v) {
        long r = Math.round(v * 100);
        if (r == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder(12);
        if (r < 0) {
            b.append('-');
            r = -r;
        }
        b.append(r / 100);
        long frac = r % 100;
        if (frac != 0) {
            b.append('.');
            if (frac < 10) {
                b.append('0').append(frac);
            } else if (frac % 10 == 0) {
                b.append(frac / 10);
            } else {
                b.append(frac);
            }
        }
        return b.toString();
    }
}
