package org.iblrnn.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Renders a {@link Figure} to PNG bytes with Java2D (anti-aliased), in the same layout as
 * {@link SvgRenderer}. Works headless: it draws on a {@link BufferedImage} only. The same figure
 * and width give the same bytes on the same JDK and fonts.
 */
public final class PngRenderer {
    private PngRenderer() {
    }

    /** The figure as a PNG {@code widthPx} wide (16-10000), its height following the layout. */
    public static byte[] render(Figure figure, int widthPx) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must be given");
        }
        if (widthPx < 16 || widthPx > 10_000) {
            throw new IllegalArgumentException("PNG width must be in [16, 10000] px, got " + widthPx);
        }
        FigurePainter.Size size = FigurePainter.size(figure);
        double scale = widthPx / size.width();
        int heightPx = Math.max(1, (int) Math.round(size.height() * scale));
        BufferedImage img = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            // paint the whole raster first: the scaled figure may stop a fraction of a pixel short
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, widthPx, heightPx);
            g.scale(scale, scale);
            FigurePainter.paint(figure, new Java2dCanvas(g));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
