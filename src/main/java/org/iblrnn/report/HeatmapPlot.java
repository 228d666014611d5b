package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out and draws a {@link HeatmapPanel}: square cells (row 0 at the top) centred in the cell,
 * row labels on the left, column labels underneath (rotated when they are too wide), and a colour
 * bar on the right. Labels are thinned when cells are too small to label every one.
 */
final class HeatmapPlot {
    private static final double MAX_LABEL_W = 80;

    private final HeatmapPanel p;
    private final ColourBar bar;
    private final List<String> rowLabels;
    private final List<String> colLabels;

    HeatmapPlot(HeatmapPanel p) {
        this.p = p;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < p.rows(); r++) {
            for (int c = 0; c < p.cols(); c++) {
                double v = p.value(r, c);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        ColourScale s = p.colourScale();
        double[] range = s.resolve(lo, hi);
        this.bar = new ColourBar(s.map(), range[0], range[1], s.label());
        this.rowLabels = p.rowLabels().isEmpty() ? indices(p.rows()) : fitted(p.rowLabels());
        this.colLabels = p.colLabels().isEmpty() ? indices(p.cols()) : fitted(p.colLabels());
    }

    private static List<String> indices(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    private static List<String> fitted(List<String> labels) {
        List<String> out = new ArrayList<>(labels.size());
        for (String l : labels) {
            out.add(TextMetrics.fit(l, Theme.TICK_SIZE, false, MAX_LABEL_W));
        }
        return out;
    }

    private static double maxWidth(List<String> labels) {
        double w = 0;
        for (String l : labels) {
            w = Math.max(w, TextMetrics.width(l, Theme.TICK_SIZE, false));
        }
        return w;
    }

    /** Space this panel needs left of its cells. */
    double leftMargin(Box cell) {
        return 6 + (p.yLabel().isBlank() ? 0 : Theme.LABEL_SIZE + 6) + maxWidth(rowLabels) + 4;
    }

    /** Show every k-th label so that labels {@code need} px tall/wide fit cells {@code cellPx} apart. */
    private static int every(double cellPx, double need, boolean nice) {
        if (cellPx >= need) {
            return 1;
        }
        if (!nice) {
            return (int) Math.ceil(need / cellPx);
        }
        for (int scale = 1;; scale *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * scale * cellPx >= need) {
                    return m * scale;
                }
            }
        }
    }

    void paint(Canvas c, Box cell, double minLeft) {
        int rows = p.rows();
        int cols = p.cols();
        double top = cell.y() + PanelFrame.titleSpace(p.title());
        double left = cell.x() + Math.max(minLeft, leftMargin(cell));
        double colW = maxWidth(colLabels);
        double xLabelSpace = p.xLabel().isBlank() ? 0 : 6 + Theme.LABEL_SIZE;
        double availH = cell.bottom() - (4 + Theme.TICK_SIZE + xLabelSpace + 8) - top;
        double cbW = bar.width(availH);
        double availW = cell.right() - 12 - cbW - left;
        double cellPx = Math.min(availW / cols, availH / rows);
        boolean rotated = !p.colLabels().isEmpty() && colW + 4 > cellPx;
        if (rotated) {
            availH = cell.bottom() - (4 + colW + xLabelSpace + 8) - top;
            cellPx = Math.min(availW / cols, availH / rows);
        }
        cellPx = Math.max(0.5, cellPx);
        double matW = cellPx * cols;
        double matH = cellPx * rows;
        double matLeft = left + Math.max(0, (availW - matW) / 2);
        double matTop = top;

        c.beginCrisp();
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                c.rect(matLeft + k * cellPx, matTop + r * cellPx, cellPx, cellPx, bar.colour(p.value(r, k)), 1, null, 0);
            }
        }
        c.endCrisp();
        c.rect(matLeft, matTop, matW, matH, null, 1, Theme.AXIS, 0.6);

        boolean rowNice = p.rowLabels().isEmpty();
        int rowEvery = every(cellPx, Theme.TICK_SIZE * 1.2, rowNice);
        for (int r = 0; r < rows; r += rowEvery) {
            double y = matTop + (r + 0.5) * cellPx;
            c.text(matLeft - 4, y + Theme.centreBaseline(Theme.TICK_SIZE), rowLabels.get(r), Theme.TICK_SIZE, false,
                    false, Canvas.Anchor.END, 0, Theme.TEXT);
        }
        boolean colNice = p.colLabels().isEmpty();
        int colEvery = every(cellPx, rotated ? Theme.TICK_SIZE * 1.2 : colW + 6, colNice);
        for (int k = 0; k < cols; k += colEvery) {
            double x = matLeft + (k + 0.5) * cellPx;
            if (rotated) {
                c.text(x + Theme.centreBaseline(Theme.TICK_SIZE), matTop + matH + 4, colLabels.get(k), Theme.TICK_SIZE,
                        false, false, Canvas.Anchor.END, -90, Theme.TEXT);
            } else {
                c.text(x, matTop + matH + 3 + 0.85 * Theme.TICK_SIZE, colLabels.get(k), Theme.TICK_SIZE, false, false,
                        Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
            }
        }
        double labelsBottom = matTop + matH + 4 + (rotated ? colW : Theme.TICK_SIZE);
        if (!p.xLabel().isBlank()) {
            c.text(matLeft + matW / 2, labelsBottom + 5 + 0.85 * Theme.LABEL_SIZE,
                    TextMetrics.fit(p.xLabel(), Theme.LABEL_SIZE, false, cell.w() - 16), Theme.LABEL_SIZE, false, false,
                    Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
        }
        if (!p.yLabel().isBlank()) {
            double x = matLeft - 4 - maxWidth(rowLabels) - 6 - 0.2 * Theme.LABEL_SIZE;
            c.text(x, matTop + matH / 2, TextMetrics.fit(p.yLabel(), Theme.LABEL_SIZE, false, Math.max(matH, 40)),
                    Theme.LABEL_SIZE, false, false, Canvas.Anchor.MIDDLE, -90, Theme.TEXT);
        }
        bar.draw(c, matLeft + matW, matTop, matH);
        PanelFrame.title(c, p.title(), cell, matLeft + matW / 2);
    }
}
