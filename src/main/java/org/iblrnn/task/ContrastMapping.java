package org.iblrnn.task;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.math.Checks;

/**
 * Maps a visual contrast c in [0, 1] (Michelson fraction, as in the mouse data) to the observation
 * mean mu of the simulated task: {@code mu = scale * c^exponent} (with 0^exponent = 0).
 *
 * <p>The model's observations are N(mu, 1) on the stimulus side, so mu is a signal-to-noise ratio;
 * a mouse's sensitivity to contrast is compressive (psychometric curves rise steeply from 0 to
 * 0.25 and saturate towards 1). {@link #ibl()} uses {@code scale = 2.5} so that full contrast maps
 * to the paper's top mean 2.5 (reference-spec 1.1) and {@code exponent = 0.5} (square-root
 * compression), so the mouse set {0, 0.0625, 0.125, 0.25, 1} becomes the means
 * {0, 0.625, 0.884, 1.25, 2.5}: the hardest nonzero mouse contrast (0.0625) lands near the
 * paper's lowest nonzero mean (0.5), and the three hard levels stay distinguishable instead of
 * being crowded near 0 as a linear map (exponent 1: {0, 0.156, 0.3125, 0.625, 2.5}) would do.
 * Both parameters are configurable; the task itself stores only the resulting means.
 *
 * @param scale    mean of full contrast (c = 1), finite and &gt; 0
 * @param exponent compression exponent, finite and &gt; 0 (1 = linear)
 */
public record ContrastMapping(double scale, double exponent) {

    public ContrastMapping {
        Checks.positive(scale, "contrast mapping scale");
        Checks.positive(exponent, "contrast mapping exponent");
    }

    /** The preset's mapping: mu = 2.5 * sqrt(c). */
    public static ContrastMapping ibl() {
        return new ContrastMapping(2.5, 0.5);
    }

    /** The observation mean of contrast {@code c} (a fraction in [0, 1]). */
    public double mean(double c) {
        if (!(c >= 0 && c <= 1)) {
            throw new IllegalArgumentException("contrast must be in [0, 1], got " + c);
        }
        return c == 0 ? 0.0 : scale * Math.pow(c, exponent);
    }

    /** The observation means of {@code contrasts}, in the same order. */
    public List<Double> means(List<Double> contrasts) {
        List<Double> out = new ArrayList<>(contrasts.size());
        for (Double c : contrasts) {
            if (c == null) {
                throw new IllegalArgumentException("contrast must be in [0, 1], got null");
            }
            out.add(mean(c));
        }
        return List.copyOf(out);
    }
}
