package org.iblrnn.analysis.dynamics;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

import org.iblrnn.math.Arrays2;
import org.iblrnn.nn.RecurrentModel;

/**
 * The paper code's Lyapunov estimate of a basin of attraction (reference-spec 5.11), with the
 * standard discrete Lyapunov equation by default and the code's transposed one as an option.
 *
 * <p>For a fixed point x* with Jacobian A = dF/dh(x*) and Q = I, P solves
 * <ul>
 *   <li>standard: A^T P A - P + Q = 0, so V(x) = (x - x*)^T P (x - x*) decreases along the
 *       linearised map (P = sum_k (A^T)^k A^k);</li>
 *   <li>code (transposed): A P A^T - P + Q = 0 (P = sum_k A^k (A^T)^k), which equals the standard P
 *       only for a normal A.</li>
 * </ul>
 * Both exist iff the spectral radius of A is below 1; they are computed by the doubling iteration
 * P &lt;- P + M^T P M, M &lt;- M^2 (M^T and M swapped for the transposed form) to a relative change of
 * 1e-13. gamma is the largest root of -lmax(P) g^2 - 2 lmax(P) sqrt(lmax(A^T A)) g + lmin(Q) = 0,
 * i.e. g = -s + sqrt(s^2 + 1 / lmax(P)) with s the largest singular value of A (always &gt; 0 for
 * Q = I). A state x0 is <i>in the basin</i> if its nonlinear remainder
 * g(x0) = F(x0) - F(x*) - A (x0 - x*) has ||g|| &lt; gamma ||x0 - x*||; its energy is
 * 0.5 (x0 - x*)^T P (x0 - x*).
 *
 * <p>x* is, as in the code, the lowest-residual point among all candidates (the finder's first
 * point). Failure (no points, x* not stable, no convergence) is reported in the result.
 */
public final class LyapunovBasin {
    private LyapunovBasin() {
    }

    private static final int MAX_DOUBLINGS = 60;
    private static final double REL_TOL = 1e-13;

    /**
     * @param computed    whether the estimate exists
     * @param reason      why not, or ""
     * @param transposed  whether the code's transposed equation was used
     * @param point       index of x* among the finder's points (-1 if none)
     * @param gamma       the radius factor
     * @param inBasin     per state, in the estimated basin, shape [M] (all false if not computed)
     * @param energy      per state, 0.5 (x0 - x*)^T P (x0 - x*), shape [M] (0 if not computed)
     */
    public record Result(boolean computed, String reason, boolean transposed, int point, double gamma,
                         boolean[] inBasin, double[] energy) {
        public Result {
            inBasin = inBasin.clone();
            energy = energy.clone();
        }

        @Override
        public boolean[] inBasin() {
            return inBasin.clone();
        }

        @Override
        public double[] energy() {
            return energy.clone();
        }

        /** Fraction of the states inside the estimated basin. */
        public double fraction() {
            int c = 0;
            for (boolean b : inBasin) {
                c += b ? 1 : 0;
            }
            return inBasin.length == 0 ? 0 : (double) c / inBasin.length;
        }
    }

    /**
     * Solves the discrete Lyapunov equation with Q = I.
     *
     * @param a          square matrix with spectral radius &lt; 1, shape [N][N]; not modified
     * @param transposed false: A^T P A - P + I = 0; true: A P A^T - P + I = 0
     * @return P, or null if the doubling did not converge (spectral radius &gt;= 1)
     */
    public static double[][] solve(double[][] a, boolean transposed) {
        int n = a.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[i][i] = 1;
        }
        double[][] m = transposed ? transpose(a) : Arrays2.deepCopy(a);
        for (int it = 0; it < MAX_DOUBLINGS; it++) {
            // P <- P + M^T P M (the transposed form runs the same recursion on A^T)
            double[][] inc = multiply(transpose(m), multiply(p, m));
            double incNorm = 0;
            double pNorm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    p[i][j] += inc[i][j];
                    incNorm = Math.max(incNorm, Math.abs(inc[i][j]));
                    pNorm = Math.max(pNorm, Math.abs(p[i][j]));
                }
            }
            if (!Double.isFinite(pNorm) || pNorm > 1e12) {
                return null;
            }
            if (incNorm <= REL_TOL * pNorm) {
                return p;
            }
            m = multiply(m, m);
        }
        return null;
    }

    /**
     * The estimate for the finder's lowest-residual point under {@code input}.
     *
     * @param points the finder's result
     * @param states states to test, shape [M][N]; not modified
     */
    public static Result estimate(RecurrentModel model, double[] theta, double[] input, FixedPoints points,
                                  double[][] states, boolean transposed) {
        int m = states.length;
        if (points.size() == 0) {
            return new Result(false, "no fixed points", transposed, -1, Double.NaN, new boolean[m], new double[m]);
        }
        double[] xs = points.state(0);
        double[][] a = points.jacobian(0);
        double[][] p = solve(a, transposed);
        if (p == null) {
            return new Result(false, String.format(java.util.Locale.ROOT,
                    "x* is not stable (largest |lambda| %.4f): no Lyapunov solution", points.maxModulus(0)), transposed,
                    0, Double.NaN, new boolean[m], new double[m]);
        }
        double lmaxP;
        double smax;
        try {
            lmaxP = max(new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(symmetrise(p))).getEigenvalues());
            smax = Math.sqrt(Math.max(0, max(new EigenDecompositionSymmetric(
                    MatrixUtils.createRealMatrix(symmetrise(multiply(transpose(a), a)))).getEigenvalues())));
        } catch (MathRuntimeException e) {
            return new Result(false, "eigendecomposition failed: " + e.getMessage(), transposed, 0, Double.NaN,
                    new boolean[m], new double[m]);
        }
        double gamma = -smax + Math.sqrt(smax * smax + 1 / lmaxP);
        double[] fx = FixedPointFinder.step(model, theta, input, xs);
        double[][] images = FixedPointFinder.stepAll(model, theta, input, states);
        boolean[] in = new boolean[m];
        double[] energy = new double[m];
        int n = xs.length;
        double[] d = new double[n];
        for (int s = 0; s < m; s++) {
            double dn = 0;
            for (int i = 0; i < n; i++) {
                d[i] = states[s][i] - xs[i];
                dn += d[i] * d[i];
            }
            double gn = 0;
            double e = 0;
            for (int i = 0; i < n; i++) {
                double ad = 0;
                double pd = 0;
                for (int j = 0; j < n; j++) {
                    ad += a[i][j] * d[j];
                    pd += p[i][j] * d[j];
                }
                double g = images[s][i] - fx[i] - ad;
                gn += g * g;
                e += d[i] * pd;
            }
            in[s] = Math.sqrt(gn) < gamma * Math.sqrt(dn);
            energy[s] = 0.5 * e;
        }
        return new Result(true, "", transposed, 0, gamma, in, energy);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int c = b[0].length;
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double v = a[i][l];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < c; j++) {
                    out[i][j] += v * b[l][j];
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] symmetrise(double[][] a) {
        int n = a.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return s;
    }
}
