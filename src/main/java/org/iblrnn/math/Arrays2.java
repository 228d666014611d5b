package org.iblrnn.math;

/** Array helpers the analyses share: deep copies, dot products, norms and shape checks. */
public final class Arrays2 {
    private Arrays2() {
    }

    public static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    public static double[][][] deepCopy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = deepCopy(a[i]);
        }
        return out;
    }

    public static int[][] deepCopy(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Euclidean distance between two vectors of the same length. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Euclidean norm, scaled to avoid overflow and underflow. */
    public static double norm(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        if (m == 0) {
            return 0;
        }
        double s = 0;
        for (double v : a) {
            double u = v / m;
            s += u * u;
        }
        return m * Math.sqrt(s);
    }

    public static void requireLength(double[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", got "
                    + (a == null ? "null" : a.length));
        }
    }

    public static void requireFinite(double[] a, String name) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " must have finite entries, got " + name + "[" + i + "] = "
                        + a[i]);
            }
        }
    }

    /** Checks a rectangular matrix with finite entries (rows &gt;= 0); returns its column count. */
    public static int requireMatrix(double[][] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must be a matrix, got null");
        }
        if (a.length == 0) {
            return 0;
        }
        int n = a[0] == null ? -1 : a[0].length;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException(name + " must be rectangular with " + n + " columns, got row " + i
                        + " of length " + (a[i] == null ? "null" : a[i].length));
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(name + " must have finite entries, got " + name + "[" + i
                            + "][" + j + "] = " + a[i][j]);
                }
            }
        }
        return n;
    }
}
