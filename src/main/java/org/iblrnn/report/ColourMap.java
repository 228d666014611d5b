package org.iblrnn.report;

/** Colour maps from a value in [0, 1] to a colour, by piecewise-linear interpolation of anchors. */
public enum ColourMap {
    /** Blue-white-red (ColorBrewer RdBu, reversed): for signed quantities such as correlations and weights. */
    DIVERGING("#2166ac", "#4393c3", "#92c5de", "#f7f7f7", "#f4a582", "#d6604d", "#b2182b"),
    /** Viridis (perceptually uniform, colour-blind safe): for magnitudes, speeds, trial indices. */
    VIRIDIS("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58",
            "#b5de2b", "#fde725");

    private final Rgb[] anchors;

    ColourMap(String... hex) {
        anchors = new Rgb[hex.length];
        for (int i = 0; i < hex.length; i++) {
            anchors[i] = Rgb.of(hex[i]);
        }
    }

    /** The colour at {@code t}, clamped to [0, 1]; {@link Rgb#LIGHT_GREY} for NaN. */
    public Rgb at(double t) {
        if (Double.isNaN(t)) {
            return Rgb.LIGHT_GREY;
        }
        double u = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) Math.floor(u));
        return anchors[i].mix(anchors[i + 1], u - i);
    }
}
