package org.iblrnn.report;

import java.util.List;

/**
 * An opaque sRGB colour with 8-bit channels.
 *
 * @param red   0-255
 * @param green 0-255
 * @param blue  0-255
 */
public record Rgb(int red, int green, int blue) {
    public static final Rgb BLACK = new Rgb(0, 0, 0);
    public static final Rgb WHITE = new Rgb(255, 255, 255);
    /** Reference lines, spines of empty panels, "no data" text. */
    public static final Rgb GREY = new Rgb(128, 128, 128);
    /** Cells of a heatmap that hold no finite value. */
    public static final Rgb LIGHT_GREY = new Rgb(224, 224, 224);

    /** Okabe &amp; Ito's colour-blind-safe palette, in the order series take it. */
    public static final List<Rgb> OKABE_ITO = List.of(
            of("#0072B2"), // blue
            of("#D55E00"), // vermillion
            of("#009E73"), // bluish green
            of("#E69F00"), // orange
            of("#CC79A7"), // reddish purple
            of("#56B4E9"), // sky blue
            of("#000000"), // black
            of("#F0E442")); // yellow

    public Rgb {
        check(red, "red");
        check(green, "green");
        check(blue, "blue");
    }

    private static void check(int v, String name) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " must be in [0, 255], got " + v);
        }
    }

    /** Parses {@code "#RRGGBB"} (the '#' is optional, case-insensitive). */
    public static Rgb of(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("colour must be #RRGGBB, got null");
        }
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!h.matches("[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must be #RRGGBB, got \"" + hex + "\"");
        }
        int v = Integer.parseInt(h, 16);
        return new Rgb((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    /** The default colour of the series at {@code index} (0-based): the Okabe-Ito palette, cycled. */
    public static Rgb palette(int index) {
        return OKABE_ITO.get(Math.floorMod(index, OKABE_ITO.size()));
    }

    /** {@code "#rrggbb"}, lower case. */
    public String hex() {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    /** Linear interpolation in sRGB: {@code t = 0} gives this colour, {@code t = 1} gives {@code other}. */
    public Rgb mix(Rgb other, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Rgb((int) Math.round(red + (other.red - red) * u),
                (int) Math.round(green + (other.green - green) * u),
                (int) Math.round(blue + (other.blue - blue) * u));
    }
}
