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

    /**
     * Per-column left margins (plot areas left-aligned within a column) and the extra width a
     * column gets for a legend beside a plot ({@link XyPlot#extraWidth}; the widest its panels ask).
     */
    private record Layout(double[] minLeft, double[] colExtra, boolean[] widened) {
        double extraBefore(int col) {
            double x = 0;
            for (int k = 0; k < col; k++) {
                x += colExtra[k];
            }
            return x;
        }
    }

    private static Layout layout(Figure f) {
        double gridTop = Theme.PAD + titleSpace(f);
        List<Panel> panels = f.panels();
        double[] minLeft = new double[f.cols()];
        double[] colExtra = new double[f.cols()];
        boolean[] widened = new boolean[panels.size()];
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            if (!p.isEmpty()) {
                minLeft[i % f.cols()] = Math.max(minLeft[i % f.cols()], leftMargin(p, baseCell(f, i, gridTop)));
            }
        }
        for (int i = 0; i < panels.size(); i++) {
            XyPlot xy = xyPlot(panels.get(i));
            if (xy != null) {
                double extra = xy.extraWidth(baseCell(f, i, gridTop), minLeft[i % f.cols()]);
                widened[i] = extra > 0;
                colExtra[i % f.cols()] = Math.max(colExtra[i % f.cols()], Math.ceil(extra));
            }
        }
        return new Layout(minLeft, colExtra, widened);
    }

    private static XyPlot xyPlot(Panel p) {
        if (p.isEmpty()) {
            return null;
        } else if (p instanceof PlotPanel pp) {
            return new XyPlot(pp);
        } else if (p instanceof VectorFieldPanel v) {
            return new XyPlot(v);
        }
        return null;
    }

    private static double width(Figure f, Layout l) {
        return 2 * Theme.PAD + f.cols() * Theme.CELL_W + l.extraBefore(f.cols());
    }

    private static double titleSpace(Figure f) {
        return f.title().isBlank() ? 0 : Theme.TITLE_SPACE;
    }

    private static List<String> captionLines(Figure f, Layout l) {
        return f.caption().isBlank() ? List.of()
                : TextMetrics.wrap(f.caption().strip(), Theme.CAPTION_SIZE, width(f, l) - 2 * Theme.PAD);
    }

    static Size size(Figure f) {
        return size(f, layout(f));
    }

    private static Size size(Figure f, Layout l) {
        int lines = captionLines(f, l).size();
        double h = 2 * Theme.PAD + titleSpace(f) + f.rows() * Theme.CELL_H
                + (lines == 0 ? 0 : 6 + lines * Theme.CAPTION_LINE);
        return new Size(width(f, l), Math.ceil(h));
    }

    static void paint(Figure f, Canvas c) {
        Layout l = layout(f);
        Size size = size(f, l);
        c.rect(0, 0, size.width(), size.height(), Rgb.WHITE, 1, null, 0);
        if (!f.title().isBlank()) {
            c.text(size.width() / 2, Theme.PAD + 0.9 * Theme.TITLE_SIZE,
                    TextMetrics.fit(f.title(), Theme.TITLE_SIZE, true, size.width() - 2 * Theme.PAD), Theme.TITLE_SIZE,
                    true, false, Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
        }
        double gridTop = Theme.PAD + titleSpace(f);
        List<Panel> panels = f.panels();
        for (int i = 0; i < panels.size(); i++) {
            Box cell = cell(f, i, gridTop, l);
            if (l.widened()[i]) {
                // the column's extra width holds this panel's legend, right of an unshrunk plot
                double extra = l.colExtra()[i % f.cols()];
                xyPlot(panels.get(i)).paint(c, cell, l.minLeft()[i % f.cols()], cell.w() - extra);
            } else {
                paintPanel(panels.get(i), c, cell, l.minLeft()[i % f.cols()]);
            }
        }
        if (panels.isEmpty()) {
            PanelFrame.noData(c, "", cell(f, 0, gridTop, l));
        }
        List<String> lines = captionLines(f, l);
        double y = gridTop + f.rows() * Theme.CELL_H + 6;
        for (String line : lines) {
            y += Theme.CAPTION_LINE;
            c.text(Theme.PAD, y - 3, line, Theme.CAPTION_SIZE, false, false, Canvas.Anchor.START, 0, Theme.TEXT);
        }
    }

    /** Cell {@code i} of the grid without any column's extra width. */
    private static Box baseCell(Figure f, int i, double gridTop) {
        int row = i / f.cols();
        int col = i % f.cols();
        return new Box(Theme.PAD + col * Theme.CELL_W, gridTop + row * Theme.CELL_H, Theme.CELL_W, Theme.CELL_H);
    }

    /** Cell {@code i}, columns widened by their extra width. */
    private static Box cell(Figure f, int i, double gridTop, Layout l) {
        Box b = baseCell(f, i, gridTop);
        int col = i % f.cols();
        return new Box(b.x() + l.extraBefore(col), b.y(), b.w() + l.colExtra()[col], b.h());
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
