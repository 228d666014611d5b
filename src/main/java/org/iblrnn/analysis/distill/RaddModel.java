package org.iblrnn.analysis.distill;

import org.iblrnn.math.Arrays2;

/**
 * A small tanh RNN z'_t = tanh(A z'_{t-1} + B o_t + c), the distilled model of RADD (paper
 * section 3.3.2). Units are those it was fitted in (normalised coordinates z_hat = z / s).
 *
 * <p>Parameter vector layout (used by the fits and gradient checks): theta = [A row-major (M*M),
 * B row-major (M*I), c (M)].
 *
 * @param a recurrent weights A, shape [M][M]
 * @param b input weights B, shape [M][I] (I = 3 for the task: oL, oR, r)
 * @param c bias, shape [M]
 */
public record RaddModel(double[][] a, double[][] b, double[] c) {
    public RaddModel {
        if (a == null || b == null || c == null) {
            throw new IllegalArgumentException("a, b and c must be non-null");
        }
        int m = c.length;
        if (m < 1) {
            throw new IllegalArgumentException("c must have length >= 1, got 0");
        }
        if (a.length != m || b.length != m) {
            throw new IllegalArgumentException("a and b must have " + m + " rows, got " + a.length + " and "
                    + b.length);
        }
        int in = b[0].length;
        for (int i = 0; i < m; i++) {
            if (a[i].length != m) {
                throw new IllegalArgumentException("a must have shape [" + m + "][" + m + "], got row " + i
                        + " of length " + a[i].length);
            }
            if (b[i].length != in) {
                throw new IllegalArgumentException("b must have shape [" + m + "][" + in + "], got row " + i
                        + " of length " + b[i].length);
            }
        }
        a = Arrays2.deepCopy(a);
        b = Arrays2.deepCopy(b);
        c = c.clone();
    }

    /** Number of units M. */
    public int units() {
        return c.length;
    }

    /** Number of inputs I. */
    public int inputs() {
        return b[0].length;
    }

    @Override
    public double[][] a() {
        return Arrays2.deepCopy(a);
    }

    @Override
    public double[][] b() {
        return Arrays2.deepCopy(b);
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    /** Length of the parameter vector M*M + M*I + M. */
    public static int parameterCount(int m, int in) {
        return m * m + m * in + m;
    }

    /** The parameters as a vector in the layout of the class javadoc. */
    public double[] toVector() {
        int m = units();
        int in = inputs();
        double[] theta = new double[parameterCount(m, in)];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                theta[k++] = a[i][j];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < in; j++) {
                theta[k++] = b[i][j];
            }
        }
        for (int i = 0; i < m; i++) {
            theta[k++] = c[i];
        }
        return theta;
    }

    /**
     * A model from a parameter vector.
     *
     * @param theta parameters, length M*M + M*I + M; not modified
     */
    public static RaddModel fromVector(int m, int in, double[] theta) {
        if (theta.length != parameterCount(m, in)) {
            throw new IllegalArgumentException("theta must have length " + parameterCount(m, in) + ", got "
                    + theta.length);
        }
        double[][] a = new double[m][m];
        double[][] b = new double[m][in];
        double[] c = new double[m];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = theta[k++];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < in; j++) {
                b[i][j] = theta[k++];
            }
        }
        for (int i = 0; i < m; i++) {
            c[i] = theta[k++];
        }
        return new RaddModel(a, b, c);
    }

    /**
     * One step: out = tanh(A z + B o + c).
     *
     * @param z   previous state, shape [M]; not modified
     * @param o   input, shape [I]; not modified
     * @param out next state, shape [M]; must not alias z
     */
    public void stepInto(double[] z, double[] o, double[] out) {
        int m = units();
        int in = inputs();
        if (z.length != m || o.length != in || out.length != m) {
            throw new IllegalArgumentException("z, o, out must have lengths " + m + ", " + in + ", " + m + ", got "
                    + z.length + ", " + o.length + ", " + out.length);
        }
        if (z == out) {
            throw new IllegalArgumentException("out must not alias z");
        }
        for (int i = 0; i < m; i++) {
            double s = c[i];
            for (int j = 0; j < m; j++) {
                s += a[i][j] * z[j];
            }
            for (int j = 0; j < in; j++) {
                s += b[i][j] * o[j];
            }
            out[i] = Math.tanh(s);
        }
    }

    /** One step, returning the new state (see {@link #stepInto}). */
    public double[] step(double[] z, double[] o) {
        double[] out = new double[units()];
        stepInto(z, o, out);
        return out;
    }

    /**
     * Free-running trajectory: out[0] = z0, out[t] = step(out[t-1], o[t]) for t &gt;= 1 (o[0] is not
     * used).
     *
     * @param z0 initial state, shape [M]
     * @param o  inputs, shape [T][I]
     * @return states, shape [T][M]
     */
    public double[][] simulate(double[] z0, double[][] o) {
        double[][] out = new double[o.length][];
        if (o.length == 0) {
            return out;
        }
        out[0] = z0.clone();
        for (int t = 1; t < o.length; t++) {
            out[t] = step(out[t - 1], o[t]);
        }
        return out;
    }
}
