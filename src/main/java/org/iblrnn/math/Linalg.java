package org.iblrnn.math;

import java.util.Arrays;
import java.util.Comparator;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Dense linear algebra on {@code double[][]} (row-major, rectangular) and {@code double[]}: the
 * project's only doorway to EJML, which stays an implementation detail of this class.
 *
 * <p>Every routine copies its inputs (they are never modified) and returns fresh arrays. Numerical
 * failure (a singular or indefinite matrix, a decomposition that did not converge) is returned as
 * data: each result record carries a success flag and a reason, and its arrays are then empty.
 * Malformed arguments (ragged, empty, non-square where a square matrix is needed, non-finite
 * entries, mismatched lengths) throw {@link IllegalArgumentException}.
 *
 * <p>Conventions: eigen- and singular vectors are returned as <em>rows</em> ({@code vectors[k]} is
 * the k-th vector), each of unit Euclidean length; symmetric eigenvalues and singular values are
 * sorted in descending order. Signs of vectors are whatever EJML produced (deterministic for a
 * given input); callers that need a sign convention impose one.
 */
public final class Linalg {
    /**
     * Smallest acceptable ratio min / max of the absolute pivots of a triangular factor (the U of
     * LU with partial pivoting, or L_ii^2 for Cholesky) before a matrix is declared singular:
     * about 20 ulps. A cheap lower-bound-style indicator of the reciprocal condition number;
     * EJML's {@code quality()} (a product of pivot ratios) shrinks with n even for
     * well-conditioned matrices and is not used.
     */
    private static final double MIN_PIVOT_RATIO = 5e-15;

    private Linalg() {
    }

    // ------------------------------------------------------------------------------------------
    // result records

    /**
     * Eigendecomposition of a symmetric matrix A = sum_k values[k] v_k v_k^T.
     *
     * @param values    eigenvalues, descending, length n (empty when not converged)
     * @param vectors   unit eigenvectors as rows, shape [n][n], orthonormal; row k belongs to
     *                  {@code values[k]} (empty when not converged)
     * @param converged whether the decomposition succeeded
     * @param reason    why it failed, or "" on success
     */
    public record SymmetricEigen(double[] values, double[][] vectors, boolean converged, String reason) {
        public SymmetricEigen {
            values = values.clone();
            vectors = Arrays2.deepCopy(vectors);
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double[][] vectors() {
            return Arrays2.deepCopy(vectors);
        }
    }

    /**
     * Eigenvalues of a general real square matrix, with eigenvectors for the real ones.
     *
     * <p>Order: descending modulus, ties broken by descending real part, then descending imaginary
     * part (so a complex pair appears as +im then -im).
     *
     * @param real        real parts, length n
     * @param imaginary   imaginary parts, length n
     * @param realVectors row k is a unit eigenvector of eigenvalue k if that eigenvalue is real
     *                    (imaginary part exactly 0 in EJML's output), otherwise a length-0 row
     * @param converged   whether the decomposition succeeded (arrays empty otherwise)
     * @param reason      why it failed, or "" on success
     */
    public record GeneralEigen(double[] real, double[] imaginary, double[][] realVectors, boolean converged,
                               String reason) {
        public GeneralEigen {
            real = real.clone();
            imaginary = imaginary.clone();
            realVectors = Arrays2.deepCopy(realVectors);
        }

        @Override
        public double[] real() {
            return real.clone();
        }

        @Override
        public double[] imaginary() {
            return imaginary.clone();
        }

        @Override
        public double[][] realVectors() {
            return Arrays2.deepCopy(realVectors);
        }

        /** |lambda_k| for each eigenvalue. */
        public double[] moduli() {
            double[] m = new double[real.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = Math.hypot(real[k], imaginary[k]);
            }
            return m;
        }
    }

    /**
     * Thin singular value decomposition A = U diag(s) V^T of an m x n matrix, r = min(m, n).
     *
     * @param u         left singular vectors as rows, shape [r][m] (row k is the k-th column of U)
     * @param s         singular values, descending, length r
     * @param v         right singular vectors as rows, shape [r][n] (row k is the k-th column of V)
     * @param converged whether the decomposition succeeded (arrays empty otherwise)
     * @param reason    why it failed, or "" on success
     */
    public record Svd(double[][] u, double[] s, double[][] v, boolean converged, String reason) {
        public Svd {
            u = Arrays2.deepCopy(u);
            s = s.clone();
            v = Arrays2.deepCopy(v);
        }

        @Override
        public double[][] u() {
            return Arrays2.deepCopy(u);
        }

        @Override
        public double[] s() {
            return s.clone();
        }

        @Override
        public double[][] v() {
            return Arrays2.deepCopy(v);
        }

        /** Number of singular values above {@code relTol * s[0]}. */
        public int rank(double relTol) {
            int r = 0;
            for (double x : s) {
                if (s.length > 0 && x > relTol * s[0]) {
                    r++;
                }
            }
            return r;
        }
    }

    /**
     * Solution of a linear system or least-squares problem.
     *
     * @param x      the solution (empty when not solved)
     * @param solved whether a unique solution was found
     * @param reason why not, or "" on success
     */
    public record Solution(double[] x, boolean solved, String reason) {
        public Solution {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        static Solution failed(String reason) {
            return new Solution(new double[0], false, reason);
        }
    }

    /**
     * A matrix inverse.
     *
     * @param inverse    A^-1, shape [n][n] (empty when singular)
     * @param invertible whether A was numerically invertible
     * @param reason     why not, or "" on success
     */
    public record Inverse(double[][] inverse, boolean invertible, String reason) {
        public Inverse {
            inverse = Arrays2.deepCopy(inverse);
        }

        @Override
        public double[][] inverse() {
            return Arrays2.deepCopy(inverse);
        }
    }

    // ------------------------------------------------------------------------------------------
    // decompositions

    /**
     * Eigendecomposition of a symmetric matrix. Only symmetry to round-off is expected: the matrix
     * is symmetrised as (A + A^T) / 2 before decomposition.
     *
     * @param a symmetric matrix, shape [n][n], n &gt;= 1
     * @throws IllegalArgumentException if {@code a} is not square or not symmetric to within
     *                                  1e-8 relative to its largest entry
     */
    public static SymmetricEigen symmetricEigen(double[][] a) {
        int n = requireSquare(a, "a");
        double scale = maxAbs(a);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.abs(a[i][j] - a[j][i]);
                if (d > 1e-8 * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("a must be symmetric, got a[" + i + "][" + j + "] = " + a[i][j]
                            + " vs a[" + j + "][" + i + "] = " + a[j][i]);
                }
                m.set(i, j, 0.5 * (a[i][j] + a[j][i]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            return new SymmetricEigen(new double[0], new double[0][], false, "symmetric eigendecomposition failed");
        }
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
            vals[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(k -> -vals[k]).thenComparingInt(k -> k));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int r = 0; r < n; r++) {
            int k = order[r];
            values[r] = vals[k];
            DMatrixRMaj v = eig.getEigenVector(k);
            if (v == null) {
                return new SymmetricEigen(new double[0], new double[0][], false, "eigenvector " + k + " missing");
            }
            vectors[r] = normalised(v.getData(), n);
        }
        return new SymmetricEigen(values, vectors, true, "");
    }

    /**
     * Eigenvalues of a general (non-symmetric) real square matrix, plus eigenvectors of the real
     * eigenvalues. See {@link GeneralEigen} for the order.
     *
     * @param a square matrix, shape [n][n], n &gt;= 1
     */
    public static GeneralEigen eigen(double[][] a) {
        int n = requireSquare(a, "a");
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, false);
        if (!eig.decompose(toMatrix(a))) {
            return new GeneralEigen(new double[0], new double[0], new double[0][], false,
                    "general eigendecomposition did not converge");
        }
        Complex_F64[] ev = new Complex_F64[n];
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            ev[k] = eig.getEigenvalue(k);
            order[k] = k;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(k -> -ev[k].getMagnitude())
                .thenComparingDouble(k -> -ev[k].real).thenComparingDouble(k -> -ev[k].imaginary)
                .thenComparingInt(k -> k));
        double[] re = new double[n];
        double[] im = new double[n];
        double[][] vecs = new double[n][];
        for (int r = 0; r < n; r++) {
            int k = order[r];
            re[r] = ev[k].real;
            im[r] = ev[k].imaginary;
            DMatrixRMaj v = im[r] == 0.0 ? eig.getEigenVector(k) : null;
            vecs[r] = v == null ? new double[0] : normalised(v.getData(), n);
        }
        return new GeneralEigen(re, im, vecs, true, "");
    }

    /**
     * Thin singular value decomposition, singular values descending.
     *
     * @param a matrix, shape [m][n], m, n &gt;= 1
     */
    public static Svd svd(double[][] a) {
        int m = requireRectangular(a, "a");
        int n = a[0].length;
        int r = Math.min(m, n);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(toMatrix(a))) {
            return new Svd(new double[0][], new double[0], new double[0][], false, "SVD did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] s = new double[r];
        double[][] ur = new double[r][m];
        double[][] vr = new double[r][n];
        for (int k = 0; k < r; k++) {
            s[k] = w.get(k, k);
            for (int i = 0; i < m; i++) {
                ur[k][i] = u.get(i, k);
            }
            for (int j = 0; j < n; j++) {
                vr[k][j] = v.get(j, k);
            }
        }
        return new Svd(ur, s, vr, true, "");
    }

    // ------------------------------------------------------------------------------------------
    // solves

    /**
     * Solves A x = b for square A by LU with partial pivoting.
     *
     * @param a square matrix, shape [n][n]
     * @param b right-hand side, length n
     * @return the solution, or solved = false if A is numerically singular
     */
    public static Solution solve(double[][] a, double[] b) {
        int n = requireSquare(a, "a");
        requireVector(b, n, "b");
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        if (!lu.setA(toMatrix(a)) || !luPivotsOk(lu)) {
            return Solution.failed("matrix is singular to working precision");
        }
        return solveWith(lu, b, n);
    }

    /**
     * Solves A x = b for symmetric positive-definite A by Cholesky factorisation.
     *
     * @param a symmetric positive-definite matrix, shape [n][n] (only symmetric to round-off is
     *          required; the lower triangle is used)
     * @param b right-hand side, length n
     * @return the solution, or solved = false if A is not numerically positive definite
     */
    public static Solution choleskySolve(double[][] a, double[] b) {
        int n = requireSquare(a, "a");
        requireVector(b, n, "b");
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(toMatrix(a)) || !cholPivotsOk(chol)) {
            return Solution.failed("matrix is not positive definite to working precision");
        }
        return solveWith(chol, b, n);
    }

    /**
     * Least-squares solution of min ||A x - b||_2 for a tall or square A of full column rank,
     * by Householder QR with column pivoting.
     *
     * @param a design matrix, shape [m][n], m &gt;= n
     * @param b targets, length m
     * @return the solution, or solved = false if A is rank deficient (relative singular-value
     *         tolerance 1e-12)
     */
    public static Solution leastSquares(double[][] a, double[] b) {
        int m = requireRectangular(a, "a");
        int n = a[0].length;
        requireVector(b, m, "b");
        if (m < n) {
            throw new IllegalArgumentException("a must have at least as many rows as columns, got " + m + " x " + n);
        }
        Svd s = svd(a);
        if (!s.converged()) {
            return Solution.failed(s.reason());
        }
        int rank = s.rank(1e-12);
        if (rank < n) {
            return Solution.failed("matrix is rank deficient: rank " + rank + " < " + n + " columns");
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!qr.setA(toMatrix(a))) {
            return Solution.failed("QR factorisation failed");
        }
        return solveWith(qr, b, n);
    }

    /**
     * Inverse of a square matrix by LU with partial pivoting.
     *
     * @param a square matrix, shape [n][n]
     * @return the inverse, or invertible = false if A is numerically singular
     */
    public static Inverse invert(double[][] a) {
        int n = requireSquare(a, "a");
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        if (!lu.setA(toMatrix(a)) || !luPivotsOk(lu)) {
            return new Inverse(new double[0][], false, "matrix is singular to working precision");
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        lu.invert(inv);
        double[][] out = fromMatrix(inv);
        if (!allFinite(out)) {
            return new Inverse(new double[0][], false, "inverse has non-finite entries");
        }
        return new Inverse(out, true, "");
    }

    // ------------------------------------------------------------------------------------------
    // small kernels used by the tests and callers

    /** Matrix product A B. @param a shape [m][k] @param b shape [k][n] @return shape [m][n] */
    public static double[][] multiply(double[][] a, double[][] b) {
        int m = requireRectangular(a, "a");
        int k = requireRectangular(b, "b");
        if (a[0].length != k) {
            throw new IllegalArgumentException("a and b must be conformable, got " + m + " x " + a[0].length
                    + " and " + k + " x " + b[0].length);
        }
        int n = b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                double[] bp = b[p];
                for (int j = 0; j < n; j++) {
                    ci[j] += aip * bp[j];
                }
            }
        }
        return c;
    }

    /** Matrix-vector product A x. @param a shape [m][n] @param x length n @return length m */
    public static double[] multiply(double[][] a, double[] x) {
        int m = requireRectangular(a, "a");
        requireVector(x, a[0].length, "x");
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            double[] ai = a[i];
            for (int j = 0; j < x.length; j++) {
                s += ai[j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Transpose. @param a shape [m][n] @return shape [n][m] */
    public static double[][] transpose(double[][] a) {
        int m = requireRectangular(a, "a");
        int n = a[0].length;
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private static boolean luPivotsOk(LinearSolverDense<DMatrixRMaj> solver) {
        LUDecomposition_F64<DMatrixRMaj> lu = solver.getDecomposition();
        if (lu.isSingular()) {
            return false;
        }
        DMatrixRMaj u = lu.getUpper(null);
        return pivotRatio(u, false) > MIN_PIVOT_RATIO;
    }

    private static boolean cholPivotsOk(LinearSolverDense<DMatrixRMaj> solver) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = solver.getDecomposition();
        return pivotRatio(chol.getT(null), true) > MIN_PIVOT_RATIO;
    }

    /** min / max of |t_ii| (squared when {@code square}); 0 if any pivot is 0 or not finite. */
    private static double pivotRatio(DMatrixRMaj t, boolean square) {
        int n = Math.min(t.numRows, t.numCols);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(t.get(i, i));
            if (square) {
                d *= d;
            }
            if (!Double.isFinite(d)) {
                return 0;
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max > 0 ? min / max : 0;
    }

    private static Solution solveWith(LinearSolverDense<DMatrixRMaj> solver, double[] b, int n) {
        DMatrixRMaj bm = new DMatrixRMaj(b.length, 1, true, b.clone());
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(bm, x);
        double[] out = x.getData().clone();
        for (double v : out) {
            if (!Double.isFinite(v)) {
                return Solution.failed("solution has non-finite entries");
            }
        }
        return new Solution(out, true, "");
    }

    private static double[] normalised(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i] * v[i];
        }
        double norm = Math.sqrt(s);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static DMatrixRMaj toMatrix(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        DMatrixRMaj out = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], 0, out.data, i * n, n);
        }
        return out;
    }

    private static double[][] fromMatrix(DMatrixRMaj a) {
        double[][] out = new double[a.numRows][a.numCols];
        for (int i = 0; i < a.numRows; i++) {
            System.arraycopy(a.data, i * a.numCols, out[i], 0, a.numCols);
        }
        return out;
    }

    private static boolean allFinite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Checks a non-empty rectangular matrix of finite entries; returns its row count. */
    static int requireRectangular(double[][] a, String name) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty matrix, got "
                    + (a == null ? "null" : a.length + " rows"));
        }
        int n = a[0].length;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException(name + " must be rectangular with " + n + " columns, got row " + i
                        + " of length " + (a[i] == null ? "null" : a[i].length));
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(name + " must have finite entries, got " + name + "[" + i + "]["
                            + j + "] = " + a[i][j]);
                }
            }
        }
        return a.length;
    }

    private static int requireSquare(double[][] a, String name) {
        int n = requireRectangular(a, name);
        if (a[0].length != n) {
            throw new IllegalArgumentException(name + " must be square, got " + n + " x " + a[0].length);
        }
        return n;
    }

    private static void requireVector(double[] b, int n, String name) {
        if (b == null || b.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", got "
                    + (b == null ? "null" : b.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException(name + " must have finite entries, got " + name + "[" + i + "] = "
                        + b[i]);
            }
        }
    }
}
