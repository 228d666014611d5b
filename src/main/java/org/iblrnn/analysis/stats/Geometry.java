package org.iblrnn.analysis.stats;

import org.iblrnn.math.Arrays2;

/**
 * Angles and subspace fractions of vectors (reference spec sections 5.2 and 5.3: the stimulus
 * readout's fraction in the PCA plane, the angle between the stimulus and block readouts in the
 * full space and within the plane).
 *
 * <p>Angles use the half-angle formula theta = 2 atan2(||u - v||, ||u + v||) on the unit vectors
 * u, v (Kahan), accurate near 0 and 180 degrees where arccos(u . v) loses half its digits.
 *
 * <p>A subspace is given by an orthonormal basis as rows, shape [K][N] (for example the PCA
 * components); it is checked to be orthonormal to 1e-8. Zero vectors have no direction: the
 * angle functions reject them with {@link IllegalArgumentException}.
 */
public final class Geometry {
    private static final double ORTHONORMAL_TOL = 1e-8;

    private Geometry() {
    }

    /**
     * The angle between two vectors, in degrees, in [0, 180].
     *
     * @param a a non-zero vector, length N
     * @param b a non-zero vector, length N
     */
    public static double angleDegrees(double[] a, double[] b) {
        Arrays2.requireFinite(a, "a");
        Arrays2.requireLength(b, a.length, "b");
        Arrays2.requireFinite(b, "b");
        double[] u = unit(a, "a");
        double[] v = unit(b, "b");
        double[] diff = new double[u.length];
        double[] sum = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            diff[i] = u[i] - v[i];
            sum[i] = u[i] + v[i];
        }
        double theta = 2 * Math.atan2(Arrays2.norm(diff), Arrays2.norm(sum));
        return Math.min(180.0, Math.max(0.0, Math.toDegrees(theta)));
    }

    /**
     * The angle between the projections of two vectors onto a subspace, in degrees, in [0, 180]
     * (e.g. the angle of two readouts within the PCA plane).
     *
     * @param a     a vector, length N, with a non-zero projection
     * @param b     a vector, length N, with a non-zero projection
     * @param basis orthonormal basis rows, shape [K][N]
     */
    public static double angleInSubspaceDegrees(double[] a, double[] b, double[][] basis) {
        double[] pa = coordinates(a, basis);
        double[] pb = coordinates(b, basis);
        if (Arrays2.norm(pa) == 0) {
            throw new IllegalArgumentException("a must have a non-zero projection onto the subspace, got 0");
        }
        if (Arrays2.norm(pb) == 0) {
            throw new IllegalArgumentException("b must have a non-zero projection onto the subspace, got 0");
        }
        return angleDegrees(pa, pb);
    }

    /**
     * Coordinates of v in the subspace basis: B v (no centring).
     *
     * @param v     a vector, length N
     * @param basis orthonormal basis rows, shape [K][N]
     * @return length K
     */
    public static double[] coordinates(double[] v, double[][] basis) {
        int n = checkBasis(basis);
        Arrays2.requireLength(v, n, "v");
        Arrays2.requireFinite(v, "v");
        double[] c = new double[basis.length];
        for (int k = 0; k < basis.length; k++) {
            c[k] = Arrays2.dot(basis[k], v);
        }
        return c;
    }

    /**
     * The orthogonal projection of v onto the subspace, in the full space: B^T B v.
     *
     * @return length N
     */
    public static double[] project(double[] v, double[][] basis) {
        double[] c = coordinates(v, basis);
        double[] p = new double[v.length];
        for (int k = 0; k < c.length; k++) {
            for (int j = 0; j < p.length; j++) {
                p[j] += c[k] * basis[k][j];
            }
        }
        return p;
    }

    /**
     * Fraction of a vector's length inside a subspace: ||B v|| / ||v||, in [0, 1]. The paper's
     * "93.39% of the stimulus readout's length lies in the PCA plane".
     *
     * @param v     a non-zero vector, length N
     * @param basis orthonormal basis rows, shape [K][N]
     */
    public static double fractionInSubspace(double[] v, double[][] basis) {
        double[] c = coordinates(v, basis);
        double nv = Arrays2.norm(v);
        if (nv == 0) {
            throw new IllegalArgumentException("v must be non-zero, got the zero vector");
        }
        return Math.min(1.0, Arrays2.norm(c) / nv);
    }

    /**
     * The unit vector v / ||v||.
     *
     * @param v a non-zero finite vector
     */
    public static double[] normalise(double[] v) {
        Arrays2.requireFinite(v, "v");
        return unit(v, "v");
    }

    /** Euclidean norm (overflow-safe). */
    public static double norm(double[] v) {
        Arrays2.requireFinite(v, "v");
        return Arrays2.norm(v);
    }

    private static double[] unit(double[] v, String name) {
        double n = Arrays2.norm(v);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be non-zero, got the zero vector");
        }
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / n;
        }
        return u;
    }

    private static int checkBasis(double[][] basis) {
        int n = Arrays2.requireMatrix(basis, "basis");
        if (basis.length == 0 || n == 0) {
            throw new IllegalArgumentException("basis must have at least 1 row and 1 column, got " + basis.length
                    + " rows");
        }
        for (int i = 0; i < basis.length; i++) {
            for (int j = i; j < basis.length; j++) {
                double d = Arrays2.dot(basis[i], basis[j]);
                double expected = i == j ? 1 : 0;
                if (Math.abs(d - expected) > ORTHONORMAL_TOL) {
                    throw new IllegalArgumentException("basis must have orthonormal rows, got row " + i + " . row " + j
                            + " = " + d);
                }
            }
        }
        return n;
    }
}
