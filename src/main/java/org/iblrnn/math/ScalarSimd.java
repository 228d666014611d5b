package org.iblrnn.math;

/** The {@link Math#fma} twin of {@link VectorSimd}: the same chain per element, one row at a time. */
final class ScalarSimd implements Simd.Impl {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void axpyRows(double[][] rows, int rowOff, int count, double[] coef, int coefOff, double[] out,
            int outOff, int n) {
        // one row at a time over all elements: each element sees the same chain in the same order
        // as the vector kernel, and C2 vectorises the inner loop (Math.fma is an intrinsic)
        for (int r = 0; r < count; r++) {
            double[] row = rows[r];
            double c = coef[coefOff + r];
            for (int k = 0; k < n; k++) {
                out[outOff + k] = Math.fma(row[rowOff + k], c, out[outOff + k]);
            }
        }
    }
}
