package org.iblrnn.report;

/**
 * How values map to colours, drawn as a colour bar beside the panel.
 *
 * @param label the colour bar's label, with units (e.g. "trial index", "speed (a.u./step)"); "" for none
 * @param min   the value at the bottom of the bar, or NaN to compute it from the data
 * @param max   the value at the top of the bar, or NaN to compute it from the data
 * @param map   the colour map
 */
public record ColourScale(String label, double min, double max, ColourMap map) {

    public ColourScale {
        label = label == null ? "" : label;
        if (map == null) {
            throw new IllegalArgumentException("colour map must be given");
        }
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("colour range must be finite or NaN (auto), got ["
                    + min + ", " + max + "]");
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("colour range must have min < max, got [" + min + ", " + max + "]");
        }
    }

    /** A sequential (viridis) scale fitted to the data. */
    public static ColourScale auto(String label) {
        return new ColourScale(label, Double.NaN, Double.NaN, ColourMap.VIRIDIS);
    }

    /**
     * A blue-white-red scale fitted to the data; with an automatic range it is symmetric about 0
     * (white is 0).
     */
    public static ColourScale diverging(String label) {
        return new ColourScale(label, Double.NaN, Double.NaN, ColourMap.DIVERGING);
    }

    public ColourScale withRange(double newMin, double newMax) {
        return new ColourScale(label, newMin, newMax, map);
    }

    public ColourScale withMap(ColourMap newMap) {
        return new ColourScale(label, min, max, newMap);
    }

    /**
     * The range to draw for finite data spanning [lo, hi] (lo &gt; hi when there is none): fixed
     * ends are kept, automatic diverging ranges are symmetric about 0, and a zero-width range is widened.
     */
    double[] resolve(double lo, double hi) {
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (map == ColourMap.DIVERGING && Double.isNaN(min) && Double.isNaN(max)) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        double a = Double.isNaN(min) ? lo : min;
        double b = Double.isNaN(max) ? hi : max;
        if (!(a < b)) {
            if (!Double.isNaN(min)) {
                b = a + (a == 0 ? 1 : Math.abs(a) * 0.1);
            } else if (!Double.isNaN(max)) {
                a = b - (b == 0 ? 1 : Math.abs(b) * 0.1);
            } else {
                double pad = a == 0 ? 1 : Math.abs(a) * 0.1;
                a -= pad;
                b += pad;
            }
        }
        return new double[] {a, b};
    }
}
