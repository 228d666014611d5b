package org.iblrnn.analysis.behaviour;

import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates values by a numeric group key and turns them into a {@link Curve}
 * (mean and standard error per group, Welford's algorithm). Keys are compared exactly.
 */
public final class GroupMeans {
    private final TreeMap<Double, double[]> acc = new TreeMap<>();

    /** Adds {@code value} to group {@code key}; NaN values are ignored. */
    public void add(double key, double value) {
        if (Double.isNaN(value) || Double.isNaN(key)) {
            return;
        }
        double k = key == 0 ? 0.0 : key; // pool -0.0 with 0.0
        double[] s = acc.computeIfAbsent(k, kk -> new double[3]);
        s[0]++;
        double d = value - s[1];
        s[1] += d / s[0];
        s[2] += d * (value - s[1]);
    }

    /** The curve of groups with at least {@code minCount} values. */
    public Curve curve(String label, int minCount) {
        int m = 0;
        for (double[] s : acc.values()) {
            if (s[0] >= minCount) {
                m++;
            }
        }
        double[] x = new double[m];
        double[] mean = new double[m];
        double[] sem = new double[m];
        int[] n = new int[m];
        int i = 0;
        for (Map.Entry<Double, double[]> e : acc.entrySet()) {
            double[] s = e.getValue();
            if (s[0] < minCount) {
                continue;
            }
            x[i] = e.getKey();
            mean[i] = s[1];
            n[i] = (int) s[0];
            sem[i] = s[0] > 1 ? Math.sqrt(s[2] / (s[0] - 1) / s[0]) : 0.0;
            i++;
        }
        return new Curve(label, x, mean, sem, n);
    }
}
