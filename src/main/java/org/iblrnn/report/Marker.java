package org.iblrnn.report;

/** Marker shapes of a series drawn with markers. */
public enum Marker {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND,
    /** A five-pointed star, drawn larger: fixed points. */
    STAR
}
