package org.iblrnn.report;

import java.util.List;

/**
 * Lays out a whole {@link Figure} (title, grid of panels, wrapped caption) and draws it on a
 * {@link Canvas}. Plot areas are left-aligned within each grid column.
 */
final class FigurePainter {
    private FigurePainter() {
    }

    /** Size of the figure in base pixels. */
    record Size(double width, double height) {
    }

    private static double width(Figure f) {
        return 2 * Theme.PAD + f.cols() * Theme.CELL_W;
    }

    private static double titleSpace(Figure f) {
        return f.title().isBlank() ? 0 : Theme.TITLE_SPACE;
    }

    private static List<String> captionLines(Figure f) {
        return f.caption().isBlank() ? List.of()
                : TextMetrics.wrap(f.caption().strip(), Theme.CAPTION_SIZE, width(f) - 2 * Theme.PAD);
    }

    static Size size(Figure f) {
        int lines = captionLines(f).size();
        double h = 2 * Theme.PAD + titleSpace(f) + f.rows() * Theme.CELL_H
                + (lines == 0 ? 0 : 6 + lines * Theme.CAPTION_LINE);
        return new Size(width(f), Math.ceil(h));
    }

    static void paint(Figure f, Canvas c) {
        Size size = size(f);
        c.rect(0, 0, size.width(), size.height(), Rgb.WHITE, 1, null, 0);
        if (!f.title().isBlank()) {
            c.text(size.width() / 2, Theme.PAD + 0.9 * Theme.TITLE_SIZE,
                    TextMetrics.fit(f.title(), Theme.TITLE_SIZE, true, size.width() - 2 * Theme.PAD), Theme.TITLE_SIZE,
                    true, false, Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
        }
        double gridTop = Theme.PAD + titleSpace(f);
        List<Panel> panels = f.panels();
        double[] minLeft = new double[f.cols()];
        for (int i = 0; i < panels.size(); i++) {
            Box cell = cell(f, i, gridTop);
            Panel p = panels.get(i);
            if (!p.isEmpty()) {
                minLeft[i % f.cols()] = Math.max(minLeft[i % f.cols()], leftMargin(p, cell));
            }
        }
        for (int i = 0; i < panels.size(); i++) {
            paintPanel(panels.get(i), c, cell(f, i, gridTop), minLeft[i % f.cols()]);
        }
        if (panels.isEmpty()) {
            PanelFrame.noData(c, "", cell(f, 0, gridTop));
        }
        List<String> lines = captionLines(f);
        double y = gridTop + f.rows() * Theme.CELL_H + 6;
        for (String line : lines) {
            y += Theme.CAPTION_LINE;
            c.text(Theme.PAD, y - 3, line, Theme.CAPTION_SIZE, false, false, Canvas.Anchor.START, 0, Theme.TEXT);
        }
    }

    private static Box cell(Figure f, int i, double gridTop) {
        int row = i / f.cols();
        int col = i % f.cols();
        return new Box(Theme.PAD + col * Theme.CELL_W, gridTop + row * Theme.CELL_H, Theme.CELL_W, Theme.CELL_H);
    }

    private static double leftMargin(Panel p, Box cell) {
        if (p instanceof PlotPanel pp) {
            return new XyPlot(pp).leftMargin(cell);
        } else if (p instanceof VectorFieldPanel v) {
            return new XyPlot(v).leftMargin(cell);
        } else if (p instanceof HeatmapPanel h) {
            // heatmaps centre their square matrix, so they neither need nor impose alignment
            return 0;
        }
        throw new IllegalStateException("unknown panel type " + p.getClass().getName());
    }

    private static void paintPanel(Panel p, Canvas c, Box cell, double minLeft) {
        if (p.isEmpty()) {
            PanelFrame.noData(c, p.title(), cell);
        } else if (p instanceof PlotPanel pp) {
            new XyPlot(pp).paint(c, cell, minLeft);
        } else if (p instanceof VectorFieldPanel v) {
            new XyPlot(v).paint(c, cell, minLeft);
        } else if (p instanceof HeatmapPanel h) {
            new HeatmapPlot(h).paint(c, cell, 0);
        } else {
            throw new IllegalStateException("unknown panel type " + p.getClass().getName());
        }
    }
}
