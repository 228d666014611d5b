package org.iblrnn.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSimd}'s kernels on the JDK Vector API, always on 8-lane (256-bit) float vectors:
 * axpyRows with up to 7 output vectors accumulated in registers across the sum, dot with one
 * vector of 8 lane sums, tanh 8 values at a time. Loaded only when the module
 * {@code jdk.incubator.vector} is present; {@link ScalarFloatSimd} gives the same bits.
 */
final class VectorFloatSimd implements FloatSimd.Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void axpyRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
            int outOff, int n) {
        // blocks of 7 vectors first: 56 is the default H = 50 padded, and 7 accumulators plus a
        // broadcast and a load fit AVX2's 16 registers with room to spare. Each block is its own
        // small method: one large method is not inlined whole by C2, and a Vector API call that
        // is not inlined boxes its vectors.
        int k = 0;
        for (; k + 56 <= n; k += 56) {
            axpy7(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 32 <= n; k += 32) {
            axpy4(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 16 <= n; k += 16) {
            axpy2(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
        }
        for (; k + 8 <= n; k += 8) {
            axpy1(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
        }
        if (k == n || count <= 0) {
            return;
        }
        // the last n - k < 8 elements: one vector pass if its full 8-lane loads stay inside the
        // arrays, otherwise an fma chain per element (the same operations either way)
        long first = (long) wOff + k;
        long last = first + (long) (count - 1) * stride;
        if (Math.min(first, last) >= 0 && Math.max(first, last) + 8 <= w.length && outOff >= 0
                && (long) outOff + k + 8 <= out.length) {
            axpyTail(w, wOff + k, stride, count, coef, coefOff, out, outOff + k, n - k);
            return;
        }
        for (; k < n; k++) {
            float v = out[outOff + k];
            int row = wOff + k;
            for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
                v = Math.fma(w[row], coef[r], v);
            }
            out[outOff + k] = v;
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int blocks = n & ~7;
        for (int i = 0; i < blocks; i += 8) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        return ScalarFloatSimd.dotTail(acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3), acc.lane(4),
                acc.lane(5), acc.lane(6), acc.lane(7), a, aOff + blocks, b, bOff + blocks, n - blocks);
    }

    @Override
    public void tanhInPlace(float[] a, int off, int n) {
        int i = off;
        int end = off + n;
        for (; i + 8 <= end; i += 8) {
            tanhOf(FloatVector.fromArray(S, a, i)).intoArray(a, i);
        }
        if (i < end && i + 8 <= a.length) {
            // the last n mod 8 values on one vector when the array has 8 elements there (those
            // past the end are read, never written)
            tanhTail(a, i, end - i);
            return;
        }
        for (; i < end; i++) {
            a[i] = ScalarFloatSimd.tanh(a[i]);
        }
    }

    /** tanh of a[i..i+t) for t &lt; 8, from an 8-lane load: a store of the first t lanes only. */
    private static void tanhTail(float[] a, int i, int t) {
        FloatVector y = tanhOf(FloatVector.fromArray(S, a, i));
        a[i] = y.lane(0);
        if (t > 1) {
            a[i + 1] = y.lane(1);
        }
        if (t > 2) {
            a[i + 2] = y.lane(2);
        }
        if (t > 3) {
            a[i + 3] = y.lane(3);
        }
        if (t > 4) {
            a[i + 4] = y.lane(4);
        }
        if (t > 5) {
            a[i + 5] = y.lane(5);
        }
        if (t > 6) {
            a[i + 6] = y.lane(6);
        }
    }

    /**
     * {@link ScalarFloatSimd#tanh} of 8 values, the same operations lane by lane (small enough for
     * C2 to inline, so its vectors stay in registers).
     */
    private static FloatVector tanhOf(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        FloatVector t = bits.and(ScalarFloatSimd.MAGNITUDE).reinterpretAsFloats();
        FloatVector k = t.fma(ScalarFloatSimd.TWO_LOG2E, ScalarFloatSimd.ROUNDER);
        FloatVector nf = k.sub(ScalarFloatSimd.ROUNDER);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -ScalarFloatSimd.HALF_LN2), t);
        FloatVector r2 = r.mul(r);
        FloatVector lo = r.fma(ScalarFloatSimd.H1, ScalarFloatSimd.H0);
        FloatVector hi = r.fma(ScalarFloatSimd.H3, ScalarFloatSimd.H2);
        hi = r2.fma(FloatVector.broadcast(S, ScalarFloatSimd.H4), hi);
        FloatVector h = r2.fma(hi, lo);
        FloatVector p = r2.fma(h, r);
        FloatVector scale = k.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(ScalarFloatSimd.SCALE_BIAS)
                .reinterpretAsFloats();
        FloatVector e = scale.fma(p, scale.fma(0.5f, -1.0f));
        FloatVector y = e.div(e.add(2.0f));
        y = y.blend(1.0f, t.compare(VectorOperators.GE, ScalarFloatSimd.TANH_CLAMP));
        return y.reinterpretAsInts().or(bits.and(ScalarFloatSimd.SIGN)).reinterpretAsFloats();
    }

    @Override
    public void sumRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
            int outOff, int n) {
        int k = 0;
        for (; k + 56 <= n; k += 56) {
            sum7(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
        }
        if (k < n) {
            java.util.Arrays.fill(out, outOff + k, outOff + n, 0.0f);
            axpyRows(w, wOff + k, stride, count, coef, coefOff, out, outOff + k, n - k);
        }
    }

    /** Elements [o, o + 56) of sumRows: axpy7 from zero accumulators. */
    private static void sum7(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            FloatVector c = FloatVector.broadcast(S, coef[r]);
            a0 = FloatVector.fromArray(S, w, row).fma(c, a0);
            a1 = FloatVector.fromArray(S, w, row + 8).fma(c, a1);
            a2 = FloatVector.fromArray(S, w, row + 16).fma(c, a2);
            a3 = FloatVector.fromArray(S, w, row + 24).fma(c, a3);
            a4 = FloatVector.fromArray(S, w, row + 32).fma(c, a4);
            a5 = FloatVector.fromArray(S, w, row + 40).fma(c, a5);
            a6 = FloatVector.fromArray(S, w, row + 48).fma(c, a6);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 8);
        a2.intoArray(out, o + 16);
        a3.intoArray(out, o + 24);
        a4.intoArray(out, o + 32);
        a5.intoArray(out, o + 40);
        a6.intoArray(out, o + 48);
    }

    /** Elements [o, o + 56) of axpyRows, 7 accumulators. */
    private static void axpy7(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + 8);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 16);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 24);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 32);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 40);
        FloatVector a6 = FloatVector.fromArray(S, out, o + 48);
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            FloatVector c = FloatVector.broadcast(S, coef[r]);
            a0 = FloatVector.fromArray(S, w, row).fma(c, a0);
            a1 = FloatVector.fromArray(S, w, row + 8).fma(c, a1);
            a2 = FloatVector.fromArray(S, w, row + 16).fma(c, a2);
            a3 = FloatVector.fromArray(S, w, row + 24).fma(c, a3);
            a4 = FloatVector.fromArray(S, w, row + 32).fma(c, a4);
            a5 = FloatVector.fromArray(S, w, row + 40).fma(c, a5);
            a6 = FloatVector.fromArray(S, w, row + 48).fma(c, a6);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 8);
        a2.intoArray(out, o + 16);
        a3.intoArray(out, o + 24);
        a4.intoArray(out, o + 32);
        a5.intoArray(out, o + 40);
        a6.intoArray(out, o + 48);
    }

    /** Elements [o, o + 32) of axpyRows, 4 accumulators. */
    private static void axpy4(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + 8);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 16);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 24);
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            FloatVector c = FloatVector.broadcast(S, coef[r]);
            a0 = FloatVector.fromArray(S, w, row).fma(c, a0);
            a1 = FloatVector.fromArray(S, w, row + 8).fma(c, a1);
            a2 = FloatVector.fromArray(S, w, row + 16).fma(c, a2);
            a3 = FloatVector.fromArray(S, w, row + 24).fma(c, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 8);
        a2.intoArray(out, o + 16);
        a3.intoArray(out, o + 24);
    }

    /** Elements [o, o + 16) of axpyRows, 2 accumulators. */
    private static void axpy2(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + 8);
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            FloatVector c = FloatVector.broadcast(S, coef[r]);
            a0 = FloatVector.fromArray(S, w, row).fma(c, a0);
            a1 = FloatVector.fromArray(S, w, row + 8).fma(c, a1);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 8);
    }

    /** Elements [o, o + 8) of axpyRows, 1 accumulator. */
    private static void axpy1(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            FloatVector c = FloatVector.broadcast(S, coef[r]);
            a0 = FloatVector.fromArray(S, w, row).fma(c, a0);
        }
        a0.intoArray(out, o);
    }

    /**
     * Elements [o, o + t) of axpyRows, t &lt; 8, on one vector: full 8-lane loads (the caller has
     * checked that they stay inside the arrays; the lanes from t on are read but never written)
     * and a store of the first t lanes only.
     */
    private static void axpyTail(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o, int t) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            a0 = FloatVector.fromArray(S, w, row).fma(FloatVector.broadcast(S, coef[r]), a0);
        }
        out[o] = a0.lane(0);
        if (t > 1) {
            out[o + 1] = a0.lane(1);
        }
        if (t > 2) {
            out[o + 2] = a0.lane(2);
        }
        if (t > 3) {
            out[o + 3] = a0.lane(3);
        }
        if (t > 4) {
            out[o + 4] = a0.lane(4);
        }
        if (t > 5) {
            out[o + 5] = a0.lane(5);
        }
        if (t > 6) {
            out[o + 6] = a0.lane(6);
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            av.fma(FloatVector.fromArray(S, x, xOff + k), FloatVector.fromArray(S, y, yOff + k))
                    .intoArray(y, yOff + k);
        }
        for (; k < n; k++) {
            y[yOff + k] = Math.fma(a, x[xOff + k], y[yOff + k]);
        }
    }

    @Override
    public void tanhBackward(float[] dh, int dhOff, float[] h, int hOff, float[] out, int outOff, int n) {
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            FloatVector v = FloatVector.fromArray(S, h, hOff + k);
            FloatVector one = FloatVector.broadcast(S, 1.0f);
            FloatVector.fromArray(S, dh, dhOff + k).mul(one.sub(v.mul(v))).intoArray(out, outOff + k);
        }
        for (; k < n; k++) {
            float v = h[hOff + k];
            out[outOff + k] = dh[dhOff + k] * (1.0f - v * v);
        }
    }
}
