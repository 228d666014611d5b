package org.iblrnn.math;

/**
 * The float32 kernels of the RNN engine, on 8-lane (256-bit) float vectors: a sum of scaled rows,
 * a dot product and an in-place tanh.
 *
 * <p>Two implementations give identical bits, chosen like {@link Simd}'s: one on the JDK's Vector
 * API (module {@code jdk.incubator.vector}, added by the {@code ./iblrnn} launcher and the test
 * build with {@code --add-modules jdk.incubator.vector}), and a scalar twin on
 * {@link Math#fma(float, float, float)} used when the module is absent or the system property
 * {@code iblrnn.simd=scalar} is set. Every output element is the same sequence of IEEE float
 * operations in both (lanes never mix, except in {@link #dot}'s fixed final sum), so results do not
 * depend on which implementation or machine computed them. The one exception is the payload of a
 * NaN result, which may differ (a NaN stays a NaN).
 */
public final class FloatSimd {
    /** Lanes per vector: 256-bit vectors of floats on every machine. */
    public static final int LANES = 8;

    private static final Impl IMPL = choose();

    private FloatSimd() {
    }

    /** "vector" (Vector API) or "scalar" (the {@link Math#fma(float, float, float)} twin). */
    public static String implementation() {
        return IMPL.name();
    }

    /** {@code n} rounded up to a multiple of {@link #LANES}. */
    public static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /**
     * A sum of scaled rows of a flat matrix: out[outOff + k] = the fused multiply-add chain over
     * r = 0..count-1, in that order, of w[wOff + r * stride + k] * coef[coefOff + r], starting from
     * out's value, for k in [0, n). {@code stride} may be any value, negative included. {@code out}
     * may be the same array as {@code w} or {@code coef} as long as the elements read and the
     * elements written do not overlap (the vector kernel keeps its sums in registers and writes
     * them at the end). Fastest for n a multiple of {@link #LANES}, above all of 56 (one pass over
     * the rows with 7 vector sums); for the last n mod 8 elements the vector kernel may read (never
     * write) up to 7 elements past the end of each row and of out's range, where the arrays have
     * them.
     */
    public static void axpyRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff,
            float[] out, int outOff, int n) {
        IMPL.axpyRows(w, wOff, stride, count, coef, coefOff, out, outOff, n);
    }

    /**
     * The dot product of a[aOff..aOff+n) and b[bOff..bOff+n), in a fixed order: 8 lane sums
     * l_j = fused multiply-add chain, starting from +0, over the whole 8-blocks i of
     * a[aOff + 8i + j] * b[bOff + 8i + j]; then the leftover n mod 8 products fused into lanes
     * 0, 1, ...; then ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
     */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return IMPL.dot(a, aOff, b, bOff, n);
    }

    /**
     * Hyperbolic tangent of a[off..off+n) in place, in float32: within 9e-8 absolute error and 2.6
     * ulps of {@link Math#tanh} over all floats, and within 1.9e-7 relative error for |x| &lt; 1/2
     * (measured once over every float up to 9.5; FloatSimdTest re-checks a dense sample); tanh x = x exactly for |x| &lt; 2^-25. |x| &gt;= 9 gives
     * exactly 1 with x's sign (1 - tanh 9 = 3.05e-8; so do the infinities); the sign of zero is kept
     * (tanh(-0) = -0); NaN gives NaN; the result never exceeds 1 in magnitude. For the last
     * n mod 8 values the vector kernel may read (never write) up to 7 elements past off + n,
     * where the array has them.
     *
     * <p>Method, for t = |x|: tanh t = E / (E + 2) with E = expm1(2t) = 2^(n+1) p + (2^n - 1),
     * n = round(2t / ln 2), p = expm1(2r) / 2 for r = t - n (ln 2) / 2 in [-0.1733, 0.1733] by a
     * degree-6 polynomial r + r^2 h(r) (relative error 1.4e-8) whose coefficients are fitted by
     * {@code src/test/resources/org/iblrnn/math/fit_float_tanh.py}; fused multiply-adds, one
     * division, and x's sign copied in at the end. Near 1 the errors of E are damped (the
     * derivative of E / (E + 2) in E vanishes), unlike those of a rational t P(t^2) / Q(t^2),
     * whose Horner roundings cost up to 5.3 ulps there.
     */
    public static void tanhInPlace(float[] a, int off, int n) {
        IMPL.tanhInPlace(a, off, n);
    }

    /**
     * {@link #axpyRows} starting from +0 instead of out's value: out[outOff + k] = the fused
     * multiply-add chain over r = 0..count-1 of w[wOff + r * stride + k] * coef[coefOff + r] from
     * +0 (out's previous contents are not read), for k in [0, n). Same bits as filling out's range
     * with zeros and calling {@link #axpyRows}.
     */
    public static void sumRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff,
            float[] out, int outOff, int n) {
        IMPL.sumRows(w, wOff, stride, count, coef, coefOff, out, outOff, n);
    }

    /** y[yOff + k] = fma(a, x[xOff + k], y[yOff + k]) for k in [0, n). */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        IMPL.axpy(a, x, xOff, y, yOff, n);
    }

    /**
     * The tanh's backward step: out[outOff + k] = dh[dhOff + k] * (1 - h[hOff + k] * h[hOff + k]),
     * each product and the difference rounded to float, for k in [0, n).
     */
    public static void tanhBackward(float[] dh, int dhOff, float[] h, int hOff, float[] out, int outOff, int n) {
        IMPL.tanhBackward(dh, dhOff, h, hOff, out, outOff, n);
    }

    static Impl scalar() {
        return new ScalarFloatSimd();
    }

    static Impl vector() {
        return Simd.loadVector("org.iblrnn.math.VectorFloatSimd", Impl.class);
    }

    private static Impl choose() {
        if (Simd.vectorWanted()) {
            Impl v = vector();
            if (v != null) {
                return v;
            }
        }
        return scalar();
    }

    /** The kernels; see the static methods of {@link FloatSimd} for their contracts. */
    interface Impl {
        String name();

        void axpyRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
                int outOff, int n);

        float dot(float[] a, int aOff, float[] b, int bOff, int n);

        void sumRows(float[] w, int wOff, int stride, int count, float[] coef, int coefOff, float[] out,
                int outOff, int n);

        void tanhInPlace(float[] a, int off, int n);

        void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

        void tanhBackward(float[] dh, int dhOff, float[] h, int hOff, float[] out, int outOff, int n);
    }
}
