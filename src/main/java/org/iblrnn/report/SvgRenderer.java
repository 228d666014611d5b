package org.iblrnn.report;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Renders a {@link Figure} as a standalone SVG document (UTF-8 text, no XML declaration, so it can
 * also be inlined in HTML). The output is deterministic: the same figure gives the same string;
 * numbers are written with a fixed, locale-independent format, and the clip-path ids are derived
 * from a hash of the content (so several figures can share one HTML page).
 */
public final class SvgRenderer {
    private SvgRenderer() {
    }

    /** The figure at its natural size (base pixels: about 330 px per grid column). */
    public static String render(Figure figure) {
        FigurePainter.Size size = FigurePainter.size(figure);
        return render(figure, size.width());
    }

    /**
     * The figure with {@code width} and {@code height} attributes scaled so the width is
     * {@code widthPx}; the viewBox keeps the natural layout.
     */
    public static String render(Figure figure, double widthPx) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must be given");
        }
        if (!(widthPx >= 16 && widthPx <= 100_000)) {
            throw new IllegalArgumentException("SVG width must be in [16, 100000] px, got " + widthPx);
        }
        FigurePainter.Size size = FigurePainter.size(figure);
        SvgCanvas canvas = new SvgCanvas();
        FigurePainter.paint(figure, canvas);
        String body = canvas.body();
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String id = String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
        body = body.replace(SvgCanvas.ID_PLACEHOLDER, id);
        double heightPx = widthPx * size.height() / size.width();
        StringBuilder b = new StringBuilder(body.length() + 512);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SvgCanvas.num(widthPx))
                .append("\" height=\"").append(SvgCanvas.num(heightPx)).append("\" viewBox=\"0 0 ")
                .append(SvgCanvas.num(size.width())).append(' ').append(SvgCanvas.num(size.height()))
                .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" xml:space=\"preserve\">\n");
        if (!figure.title().isBlank()) {
            b.append("<title>").append(Svg.escape(figure.title())).append("</title>\n");
        }
        if (!figure.caption().isBlank()) {
            b.append("<desc>").append(Svg.escape(figure.caption())).append("</desc>\n");
        }
        b.append(body).append("</svg>\n");
        return b.toString();
    }
}
