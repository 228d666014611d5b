package org.iblrnn.report;

/** An axis-aligned rectangle in base pixels (y down). */
record Box(double x, double y, double w, double h) {

    double right() {
        return x + w;
    }

    double bottom() {
        return y + h;
    }

    double centreX() {
        return x + w / 2;
    }

    double centreY() {
        return y + h / 2;
    }

    boolean contains(double px, double py) {
        return px >= x && px <= x + w && py >= y && py <= y + h;
    }

    Box grow(double d) {
        return new Box(x - d, y - d, w + 2 * d, h + 2 * d);
    }
}
