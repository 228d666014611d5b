package org.iblrnn.analysis.behaviour;

/**
 * A curve of group means with standard errors: y[i] = mean of the values in group x[i],
 * sem[i] = sample sd / sqrt(n[i]). Groups with fewer than the analysis' minimum count are left
 * out, so every point is backed by data. Immutable.
 *
 * @param label legend label
 * @param x     group keys, increasing
 * @param mean  group means
 * @param sem   standard errors of the means (0 when every value is equal)
 * @param n     group sizes
 */
public record Curve(String label, double[] x, double[] mean, double[] sem, int[] n) {
    public Curve {
        if (x.length != mean.length || x.length != sem.length || x.length != n.length) {
            throw new IllegalArgumentException("curve arrays must have equal lengths, got " + x.length + ", "
                    + mean.length + ", " + sem.length + ", " + n.length);
        }
        x = x.clone();
        mean = mean.clone();
        sem = sem.clone();
        n = n.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sem() {
        return sem.clone();
    }

    @Override
    public int[] n() {
        return n.clone();
    }

    public int size() {
        return x.length;
    }

    public boolean isEmpty() {
        return x.length == 0;
    }

    /** Mean at group key {@code key}, or NaN if that group is absent. */
    public double meanAt(double key) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == key) {
                return mean[i];
            }
        }
        return Double.NaN;
    }

    /** The same curve under another label. */
    public Curve withLabel(String l) {
        return new Curve(l, x, mean, sem, n);
    }
}
