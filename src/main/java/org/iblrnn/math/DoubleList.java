package org.iblrnn.math;

import java.util.Arrays;

/** A growable list of primitive doubles: the one growable array the analyses and figures share. */
public final class DoubleList {
    private double[] a = new double[64];
    private int n;

    /** Appends {@code v}, doubling the capacity when full. */
    public void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        a[n++] = v;
    }

    /** The {@code i}-th value added. */
    public double get(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + i + " of " + n);
        }
        return a[i];
    }

    /** How many values were added. */
    public int size() {
        return n;
    }

    /** The values added, in order, in a new array. */
    public double[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
