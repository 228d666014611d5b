package org.iblrnn.report;

/** Pieces every panel painter shares: the panel title and the "no data" placeholder. */
final class PanelFrame {
    private PanelFrame() {
    }

    /** Vertical space the title takes at the top of a cell. */
    static double titleSpace(String title) {
        return title.isBlank() ? Theme.NO_TITLE_SPACE : Theme.PANEL_TITLE_SPACE;
    }

    /** Draws the title centred on {@code centreX}, kept inside the cell. */
    static void title(Canvas c, String title, Box cell, double centreX) {
        if (title.isBlank()) {
            return;
        }
        String t = TextMetrics.fit(title, Theme.PANEL_TITLE_SIZE, true, cell.w() - 8);
        double half = TextMetrics.width(t, Theme.PANEL_TITLE_SIZE, true) / 2;
        double cx = Math.max(cell.x() + 4 + half, Math.min(cell.right() - 4 - half, centreX));
        c.text(cx, cell.y() + 16, t, Theme.PANEL_TITLE_SIZE, true, false, Canvas.Anchor.MIDDLE, 0, Theme.TEXT);
    }

    /** A titled, framed placeholder saying "no data". */
    static void noData(Canvas c, String title, Box cell) {
        double top = cell.y() + titleSpace(title);
        Box box = new Box(cell.x() + 40, top, cell.w() - 52, cell.bottom() - 34 - top);
        c.rect(box.x(), box.y(), box.w(), box.h(), null, 1, Theme.FRAME, 0.8);
        c.text(box.centreX(), box.centreY() + Theme.centreBaseline(Theme.LABEL_SIZE), "no data", Theme.LABEL_SIZE,
                false, true, Canvas.Anchor.MIDDLE, 0, Theme.MUTED);
        title(c, title, cell, box.centreX());
    }
}
