package org.iblrnn.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Simd}'s kernel on the JDK Vector API, always on 4-lane double vectors, with up to 13
 * output vectors accumulated in registers across the sum. Loaded only when the module
 * {@code jdk.incubator.vector} is present; {@link ScalarSimd} gives the same bits.
 */
final class VectorSimd implements Simd.Impl {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void axpyRows(double[][] rows, int rowOff, int count, double[] coef, int coefOff, double[] out,
            int outOff, int n) {
        // blocks of 13 vectors first: 52 is the default H = 50 padded, and 13 accumulators plus a
        // broadcast and a load fit AVX2's 16 registers (one pass over the rows instead of the three
        // of 32 + 16 + 4). Each block is its own small method: one large method is not inlined
        // whole by C2, and a Vector API call that is not inlined boxes its vectors.
        int k = 0;
        for (; k + 52 <= n; k += 52) {
            axpy13(rows, rowOff + k, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 32 <= n; k += 32) {
            axpy8(rows, rowOff + k, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 16 <= n; k += 16) {
            axpy4(rows, rowOff + k, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 4 <= n; k += 4) {
            axpy1(rows, rowOff + k, count, coef, coefOff, out, outOff + k);
        }
        for (; k < n; k++) {
            double v = out[outOff + k];
            for (int r = 0; r < count; r++) {
                v = Math.fma(rows[r][rowOff + k], coef[coefOff + r], v);
            }
            out[outOff + k] = v;
        }
    }

    /** Elements [o, o + 52) of axpyRows, 13 accumulators. */
    private static void axpy13(double[][] rows, int ro, int count, double[] coef, int coefOff, double[] out, int o) {
        DoubleVector a0 = DoubleVector.fromArray(S, out, o);
        DoubleVector a1 = DoubleVector.fromArray(S, out, o + 4);
        DoubleVector a2 = DoubleVector.fromArray(S, out, o + 8);
        DoubleVector a3 = DoubleVector.fromArray(S, out, o + 12);
        DoubleVector a4 = DoubleVector.fromArray(S, out, o + 16);
        DoubleVector a5 = DoubleVector.fromArray(S, out, o + 20);
        DoubleVector a6 = DoubleVector.fromArray(S, out, o + 24);
        DoubleVector a7 = DoubleVector.fromArray(S, out, o + 28);
        DoubleVector a8 = DoubleVector.fromArray(S, out, o + 32);
        DoubleVector a9 = DoubleVector.fromArray(S, out, o + 36);
        DoubleVector a10 = DoubleVector.fromArray(S, out, o + 40);
        DoubleVector a11 = DoubleVector.fromArray(S, out, o + 44);
        DoubleVector a12 = DoubleVector.fromArray(S, out, o + 48);
        for (int r = 0; r < count; r++) {
            double[] row = rows[r];
            DoubleVector c = DoubleVector.broadcast(S, coef[coefOff + r]);
            a0 = DoubleVector.fromArray(S, row, ro).fma(c, a0);
            a1 = DoubleVector.fromArray(S, row, ro + 4).fma(c, a1);
            a2 = DoubleVector.fromArray(S, row, ro + 8).fma(c, a2);
            a3 = DoubleVector.fromArray(S, row, ro + 12).fma(c, a3);
            a4 = DoubleVector.fromArray(S, row, ro + 16).fma(c, a4);
            a5 = DoubleVector.fromArray(S, row, ro + 20).fma(c, a5);
            a6 = DoubleVector.fromArray(S, row, ro + 24).fma(c, a6);
            a7 = DoubleVector.fromArray(S, row, ro + 28).fma(c, a7);
            a8 = DoubleVector.fromArray(S, row, ro + 32).fma(c, a8);
            a9 = DoubleVector.fromArray(S, row, ro + 36).fma(c, a9);
            a10 = DoubleVector.fromArray(S, row, ro + 40).fma(c, a10);
            a11 = DoubleVector.fromArray(S, row, ro + 44).fma(c, a11);
            a12 = DoubleVector.fromArray(S, row, ro + 48).fma(c, a12);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 4);
        a2.intoArray(out, o + 8);
        a3.intoArray(out, o + 12);
        a4.intoArray(out, o + 16);
        a5.intoArray(out, o + 20);
        a6.intoArray(out, o + 24);
        a7.intoArray(out, o + 28);
        a8.intoArray(out, o + 32);
        a9.intoArray(out, o + 36);
        a10.intoArray(out, o + 40);
        a11.intoArray(out, o + 44);
        a12.intoArray(out, o + 48);
    }

    /** Elements [o, o + 32) of axpyRows, 8 accumulators. */
    private static void axpy8(double[][] rows, int ro, int count, double[] coef, int coefOff, double[] out, int o) {
        DoubleVector a0 = DoubleVector.fromArray(S, out, o);
        DoubleVector a1 = DoubleVector.fromArray(S, out, o + 4);
        DoubleVector a2 = DoubleVector.fromArray(S, out, o + 8);
        DoubleVector a3 = DoubleVector.fromArray(S, out, o + 12);
        DoubleVector a4 = DoubleVector.fromArray(S, out, o + 16);
        DoubleVector a5 = DoubleVector.fromArray(S, out, o + 20);
        DoubleVector a6 = DoubleVector.fromArray(S, out, o + 24);
        DoubleVector a7 = DoubleVector.fromArray(S, out, o + 28);
        for (int r = 0; r < count; r++) {
            double[] row = rows[r];
            DoubleVector c = DoubleVector.broadcast(S, coef[coefOff + r]);
            a0 = DoubleVector.fromArray(S, row, ro).fma(c, a0);
            a1 = DoubleVector.fromArray(S, row, ro + 4).fma(c, a1);
            a2 = DoubleVector.fromArray(S, row, ro + 8).fma(c, a2);
            a3 = DoubleVector.fromArray(S, row, ro + 12).fma(c, a3);
            a4 = DoubleVector.fromArray(S, row, ro + 16).fma(c, a4);
            a5 = DoubleVector.fromArray(S, row, ro + 20).fma(c, a5);
            a6 = DoubleVector.fromArray(S, row, ro + 24).fma(c, a6);
            a7 = DoubleVector.fromArray(S, row, ro + 28).fma(c, a7);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 4);
        a2.intoArray(out, o + 8);
        a3.intoArray(out, o + 12);
        a4.intoArray(out, o + 16);
        a5.intoArray(out, o + 20);
        a6.intoArray(out, o + 24);
        a7.intoArray(out, o + 28);
    }

    /** Elements [o, o + 16) of axpyRows, 4 accumulators. */
    private static void axpy4(double[][] rows, int ro, int count, double[] coef, int coefOff, double[] out, int o) {
        DoubleVector a0 = DoubleVector.fromArray(S, out, o);
        DoubleVector a1 = DoubleVector.fromArray(S, out, o + 4);
        DoubleVector a2 = DoubleVector.fromArray(S, out, o + 8);
        DoubleVector a3 = DoubleVector.fromArray(S, out, o + 12);
        for (int r = 0; r < count; r++) {
            double[] row = rows[r];
            DoubleVector c = DoubleVector.broadcast(S, coef[coefOff + r]);
            a0 = DoubleVector.fromArray(S, row, ro).fma(c, a0);
            a1 = DoubleVector.fromArray(S, row, ro + 4).fma(c, a1);
            a2 = DoubleVector.fromArray(S, row, ro + 8).fma(c, a2);
            a3 = DoubleVector.fromArray(S, row, ro + 12).fma(c, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 4);
        a2.intoArray(out, o + 8);
        a3.intoArray(out, o + 12);
    }

    /** Elements [o, o + 4) of axpyRows, one accumulator. */
    private static void axpy1(double[][] rows, int ro, int count, double[] coef, int coefOff, double[] out, int o) {
        DoubleVector a0 = DoubleVector.fromArray(S, out, o);
        for (int r = 0; r < count; r++) {
            double[] row = rows[r];
            DoubleVector c = DoubleVector.broadcast(S, coef[coefOff + r]);
            a0 = DoubleVector.fromArray(S, row, ro).fma(c, a0);
        }
        a0.intoArray(out, o);
    }
}
