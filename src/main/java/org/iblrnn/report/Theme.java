package org.iblrnn.report;

/** Sizes (base pixels) and colours shared by every painter; one place to restyle all figures. */
final class Theme {
    private Theme() {
    }

    static final double CELL_W = 330;
    static final double CELL_H = 255;
    static final double PAD = 12;

    static final double TITLE_SIZE = 15;
    static final double TITLE_SPACE = 28;
    static final double PANEL_TITLE_SIZE = 12;
    static final double PANEL_TITLE_SPACE = 24;
    static final double NO_TITLE_SPACE = 10;
    static final double LABEL_SIZE = 11;
    static final double TICK_SIZE = 10;
    static final double LEGEND_SIZE = 9.5;
    static final double LEGEND_ROW = 14;
    static final double CAPTION_SIZE = 10.5;
    static final double CAPTION_LINE = 14;

    static final double TICK_LEN = 4;
    static final double AXIS_WIDTH = 0.9;
    static final double LINE_WIDTH = 1.6;
    static final double ERROR_WIDTH = 1.0;
    static final double CAP_HALF = 2.5;
    static final double MARKER_R = 3.2;
    static final double BAND_OPACITY = 0.22;

    static final Rgb AXIS = new Rgb(51, 51, 51);
    static final Rgb TEXT = Rgb.BLACK;
    static final Rgb MUTED = new Rgb(110, 110, 110);
    static final Rgb FRAME = new Rgb(190, 190, 190);

    /** Baseline offset that centres text of this size vertically on a point. */
    static double centreBaseline(double size) {
        return 0.35 * size;
    }
}
