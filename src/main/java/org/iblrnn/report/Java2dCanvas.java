package org.iblrnn.report;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A {@link Canvas} that draws on a Java2D graphics context (already scaled from base pixels). */
final class Java2dCanvas implements Canvas {
    private final Graphics2D g;
    private final Deque<Shape> clips = new ArrayDeque<>();
    private final Map<String, Font> fonts = new HashMap<>();

    Java2dCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb colour, double width, boolean dashed) {
        if (!finite(x1, y1, x2, y2)) {
            return;
        }
        stroke(colour, width, dashed);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Rgb colour, double width, boolean dashed) {
        if (n < 2 || !finite(xs, ys, n)) {
            return;
        }
        stroke(colour, width, dashed);
        g.draw(path(xs, ys, n, false));
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, Rgb fill, double opacity, Rgb stroke, double strokeWidth) {
        if (n < 3 || !finite(xs, ys, n)) {
            return;
        }
        Path2D p = path(xs, ys, n, true);
        fill(p, fill, opacity);
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
            g.draw(p);
        }
    }

    @Override
    public void rect(double x, double y, double w, double h, Rgb fill, double fillOpacity, Rgb stroke,
            double strokeWidth) {
        if (!finite(x, y, w, h) || w < 0 || h < 0) {
            return;
        }
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            fill(r, fill, fillOpacity);
        }
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
            g.draw(r);
        }
    }

    @Override
    public void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth) {
        if (!finite(cx, cy, r, 0)) {
            return;
        }
        Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        if (fill != null) {
            fill(e, fill, 1);
        }
        if (stroke != null) {
            stroke(stroke, strokeWidth, false);
            g.draw(e);
        }
    }

    @Override
    public void text(double x, double y, String text, double size, boolean bold, boolean italic, Anchor anchor,
            double angleDeg, Rgb colour) {
        if (text == null || text.isEmpty() || !finite(x, y, size, angleDeg)) {
            return;
        }
        Font font = font(size, bold, italic);
        g.setFont(font);
        g.setColor(color(colour));
        FontRenderContext frc = g.getFontRenderContext();
        double w = font.getStringBounds(text, frc).getWidth();
        double dx = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (angleDeg != 0) {
            g.rotate(Math.toRadians(angleDeg));
        }
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        clips.push(g.getClip() == null ? NO_CLIP : g.getClip());
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    /** Marks "no clip" on the stack (a deque cannot hold null). */
    private static final Shape NO_CLIP = new Rectangle2D.Double();

    @Override
    public void popClip() {
        Shape s = clips.pop();
        g.setClip(s == NO_CLIP ? null : s);
    }

    @Override
    public void beginCrisp() {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    @Override
    public void endCrisp() {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }

    private Font font(double size, boolean bold, boolean italic) {
        String key = size + "/" + bold + "/" + italic;
        return fonts.computeIfAbsent(key, k -> new Font(Font.SANS_SERIF,
                (bold ? Font.BOLD : Font.PLAIN) | (italic ? Font.ITALIC : Font.PLAIN), 10).deriveFont((float) size));
    }

    private void stroke(Rgb colour, double width, boolean dashed) {
        g.setColor(color(colour));
        float w = (float) width;
        g.setStroke(dashed
                ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4 * w, 2.5f * w}, 0f)
                : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    private void fill(Shape s, Rgb fill, double opacity) {
        if (fill == null) {
            return;
        }
        g.setColor(color(fill));
        if (opacity < 1) {
            Composite saved = g.getComposite();
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, opacity)));
            g.fill(s);
            g.setComposite(saved);
        } else {
            g.fill(s);
        }
    }

    private static Path2D path(double[] xs, double[] ys, int n, boolean close) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        if (close) {
            p.closePath();
        }
        return p;
    }

    private static Color color(Rgb c) {
        return new Color(c.red(), c.green(), c.blue());
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
}
