package org.iblrnn.analysis.behaviour;

import java.util.Arrays;

/**
 * Puts curves over different contrast sets on one axis by rank: the k-th smallest of n unsigned
 * contrast levels goes to k / (n - 1), signed by the stimulus side, so every set spans [-1, 1].
 * The paper's model contrasts {0, 0.5, ..., 2.5} and the mice's {0, 0.0625, 0.125, 0.25, 1} then
 * share zero, the extremes and the ordering; points between are matched by rank, not by
 * strength. Contrasts outside the given set are dropped.
 */
public final class ContrastRank {
    /** The main IBL contrast set of the biased-block sessions. */
    public static final double[] MICE = {0, 0.0625, 0.125, 0.25, 1};

    private ContrastRank() {
    }

    /** The curve with its x (signed contrasts) mapped to signed ranks over {@code levels}. */
    public static Curve map(Curve c, double[] levels) {
        double[] x = c.x();
        double[] m = c.mean();
        double[] s = c.sem();
        int[] n = c.n();
        double[] ox = new double[x.length];
        double[] om = new double[x.length];
        double[] os = new double[x.length];
        int[] on = new int[x.length];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            int r = Arrays.binarySearch(levels, Math.abs(x[i]));
            if (r < 0) {
                continue;
            }
            ox[k] = Math.signum(x[i]) * r / (double) (levels.length - 1);
            om[k] = m[i];
            os[k] = s[i];
            on[k] = n[i];
            k++;
        }
        // keep x increasing (signum(0) = 0 keeps zero in place)
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(ox[a], ox[b]));
        double[] fx = new double[k];
        double[] fm = new double[k];
        double[] fs = new double[k];
        int[] fn = new int[k];
        for (int i = 0; i < k; i++) {
            fx[i] = ox[idx[i]];
            fm[i] = om[idx[i]];
            fs[i] = os[idx[i]];
            fn[i] = on[idx[i]];
        }
        return new Curve(c.label(), fx, fm, fs, fn);
    }
}
