package org.iblrnn.report;

import java.util.Arrays;

/** A growable list of primitive doubles. */
final class DoubleList {
    private double[] a = new double[64];
    private int n;

    void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        a[n++] = v;
    }

    double get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    double[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
