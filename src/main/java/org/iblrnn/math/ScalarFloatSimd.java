package org.iblrnn.math;

/**
 * The scalar twin of {@link VectorFloatSimd}: every output element is the same sequence of float
 * operations ({@link Math#fma(float, float, float)}, additions, multiplications, divisions,
 * comparisons and bit operations), so both give the same bits. Also home of the float tanh's
 * constants and of the pieces the vector kernels share for their tails.
 */
final class ScalarFloatSimd implements FloatSimd.Impl {
    /*
     * The float tanh (see tanh below): h, the polynomial of expm1(2r) / 2 = r + r^2 h(r) on
     * |r| <= 0.1735, a relative-error minimax fitted, and rounded to float32 coefficient by
     * coefficient, by src/test/resources/org/iblrnn/math/fit_float_tanh.py (relative error 1.4e-8
     * with these float coefficients, evaluated exactly).
     */
    static final float H0 = 0x1.fffffep-1f; // 0.99999994
    static final float H1 = 0x1.5554b4p-1f; // 0.66666186
    static final float H2 = 0x1.5556f6p-2f; // 0.33333954
    static final float H3 = 0x1.12256ap-3f; // 0.13386042
    static final float H4 = 0x1.6b9896p-5f; // 0.044384282
    /** 2 / ln 2 rounded to float. */
    static final float TWO_LOG2E = 0x1.715476p+1f;
    /**
     * (ln 2) / 2 rounded to float: t - n * HALF_LN2 is exact in one fma, and the rounding of
     * (ln 2) / 2, 9.5e-10, times n costs at most 5e-9 in tanh (n is small where it matters).
     */
    static final float HALF_LN2 = 0x1.62e430p-2f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in the low bits. */
    static final float ROUNDER = 0x1.8p23f;
    /** Added to the bits of ROUNDER + n shifted left by 23, gives the bits of 2^(n + 1). */
    static final int SCALE_BIAS = (128 - 0x4B400000) << 23;
    /** |x| at and above which tanh x is taken as 1 (1 - tanh 9 = 3.05e-8, half a float ulp of 1). */
    static final float TANH_CLAMP = 9.0f;
    /** Bits of a float but its sign. */
    static final int MAGNITUDE = 0x7fffffff;
    /** The sign bit of a float. */
    static final int SIGN = 0x80000000;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void axpyRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
            int outOff, int n) {
        // blocks of 8 elements with 8 accumulators kept in registers across the rows, then an fma
        // chain per element: each element sees the same chain in the same order as the vector
        // kernel. (A row-outer loop over contiguous elements is 2.4 times slower for n = 56: C2
        // does not vectorise loops that short, and it stores and reloads out for every row.)
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            axpy8(w, wOff + k, stride, count, coef, coefOff, out, outOff + k);
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

    /** Elements [o, o + 8) of axpyRows, 8 scalar accumulators. */
    private static void axpy8(float[] w, int wo, int stride, int count, float[] coef, int coefOff, float[] out,
            int o) {
        float a0 = out[o];
        float a1 = out[o + 1];
        float a2 = out[o + 2];
        float a3 = out[o + 3];
        float a4 = out[o + 4];
        float a5 = out[o + 5];
        float a6 = out[o + 6];
        float a7 = out[o + 7];
        int row = wo;
        for (int r = coefOff, end = coefOff + count; r < end; r++, row += stride) {
            float c = coef[r];
            a0 = Math.fma(w[row], c, a0);
            a1 = Math.fma(w[row + 1], c, a1);
            a2 = Math.fma(w[row + 2], c, a2);
            a3 = Math.fma(w[row + 3], c, a3);
            a4 = Math.fma(w[row + 4], c, a4);
            a5 = Math.fma(w[row + 5], c, a5);
            a6 = Math.fma(w[row + 6], c, a6);
            a7 = Math.fma(w[row + 7], c, a7);
        }
        out[o] = a0;
        out[o + 1] = a1;
        out[o + 2] = a2;
        out[o + 3] = a3;
        out[o + 4] = a4;
        out[o + 5] = a5;
        out[o + 6] = a6;
        out[o + 7] = a7;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float l0 = 0f;
        float l1 = 0f;
        float l2 = 0f;
        float l3 = 0f;
        float l4 = 0f;
        float l5 = 0f;
        float l6 = 0f;
        float l7 = 0f;
        int blocks = n & ~7;
        for (int i = 0; i < blocks; i += 8) {
            int ia = aOff + i;
            int ib = bOff + i;
            l0 = Math.fma(a[ia], b[ib], l0);
            l1 = Math.fma(a[ia + 1], b[ib + 1], l1);
            l2 = Math.fma(a[ia + 2], b[ib + 2], l2);
            l3 = Math.fma(a[ia + 3], b[ib + 3], l3);
            l4 = Math.fma(a[ia + 4], b[ib + 4], l4);
            l5 = Math.fma(a[ia + 5], b[ib + 5], l5);
            l6 = Math.fma(a[ia + 6], b[ib + 6], l6);
            l7 = Math.fma(a[ia + 7], b[ib + 7], l7);
        }
        return dotTail(l0, l1, l2, l3, l4, l5, l6, l7, a, aOff + blocks, b, bOff + blocks, n - blocks);
    }

    /**
     * The end of {@link FloatSimd#dot}, shared by both implementations: the {@code t < 8} leftover
     * products a[aOff + j] * b[bOff + j] are fused into lane j, then the lanes are summed as
     * ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
     */
    static float dotTail(float l0, float l1, float l2, float l3, float l4, float l5, float l6, float l7,
            float[] a, int aOff, float[] b, int bOff, int t) {
        if (t > 0) {
            l0 = Math.fma(a[aOff], b[bOff], l0);
            if (t > 1) {
                l1 = Math.fma(a[aOff + 1], b[bOff + 1], l1);
            }
            if (t > 2) {
                l2 = Math.fma(a[aOff + 2], b[bOff + 2], l2);
            }
            if (t > 3) {
                l3 = Math.fma(a[aOff + 3], b[bOff + 3], l3);
            }
            if (t > 4) {
                l4 = Math.fma(a[aOff + 4], b[bOff + 4], l4);
            }
            if (t > 5) {
                l5 = Math.fma(a[aOff + 5], b[bOff + 5], l5);
            }
            if (t > 6) {
                l6 = Math.fma(a[aOff + 6], b[bOff + 6], l6);
            }
        }
        return ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7));
    }

    @Override
    public void tanhInPlace(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = tanh(a[i]);
        }
    }

    /**
     * The float tanh of {@link FloatSimd#tanhInPlace}, one element; {@link VectorFloatSimd} does
     * the same operations lane by lane. With t = |x| (sign bit cleared):
     * tanh t = E / (E + 2), E = expm1(2t) = 2^(n+1) p + (2^n - 1), where n = round(2t / ln 2)
     * (by adding {@link #ROUNDER}), r = t - n (ln 2)/2 (one fma, exact; |r| &lt;= 0.17329),
     * p = expm1(2r)/2 = r + r^2 h(r) (h by Estrin's scheme, fmas) and 2^(n+1) is built from n's
     * bits. The result is replaced by 1 when t &gt;= {@link #TANH_CLAMP} (a comparison, false for
     * NaN; this also discards the meaningless exponents of huge t), then x's sign bit is or-ed in
     * (the result is +0 or positive, or NaN).
     */
    static float tanh(float x) {
        int bits = Float.floatToRawIntBits(x);
        float t = Float.intBitsToFloat(bits & MAGNITUDE);
        float k = Math.fma(t, TWO_LOG2E, ROUNDER);
        float nf = k - ROUNDER;
        float r = Math.fma(nf, -HALF_LN2, t);
        float r2 = r * r;
        float lo = Math.fma(r, H1, H0);
        float hi = Math.fma(r, H3, H2);
        hi = Math.fma(r2, H4, hi);
        float h = Math.fma(r2, hi, lo);
        float p = Math.fma(r2, h, r);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(k) << 23) + SCALE_BIAS);
        float e = Math.fma(scale, p, Math.fma(scale, 0.5f, -1.0f));
        float y = e / (e + 2.0f);
        y = t >= TANH_CLAMP ? 1.0f : y;
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) | (bits & SIGN));
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int k = 0; k < n; k++) {
            y[yOff + k] = Math.fma(a, x[xOff + k], y[yOff + k]);
        }
    }

    @Override
    public void tanhBackward(float[] dh, int dhOff, float[] h, int hOff, float[] out, int outOff, int n) {
        for (int k = 0; k < n; k++) {
            float v = h[hOff + k];
            out[outOff + k] = dh[dhOff + k] * (1.0f - v * v);
        }
    }

    @Override
    public void sumRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
            int outOff, int n) {
        java.util.Arrays.fill(out, outOff, outOff + n, 0.0f);
        axpyRows(w, wOff, stride, count, coef, coefOff, out, outOff, n);
    }
}
