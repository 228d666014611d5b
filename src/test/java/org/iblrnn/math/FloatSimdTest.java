package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The float32 vector kernels give exactly the scalar twin's bits (so results never depend on
 * whether the Vector API module was present), the scalar twin computes what the contracts say
 * (against double-precision sums, to rounding), and the float tanh is as accurate as documented.
 */
class FloatSimdTest {
    private static final float[] SPECIALS = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        1e-30f, -1e-30f, 1e-8f, 4.2e-8f, 1e-4f, 0.17f, 0.1733f, 0.5f, -0.5f, 1f, -1f, 8.999999f, 9f, -9f, 9.000001f,
        20f, 1e10f, -1e10f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001)};

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(-scale, scale);
        }
        return a;
    }

    private static FloatSimd.Impl vectorOrSkip() {
        if (Boolean.getBoolean("iblrnn.expectVector")) {
            assertTrue(Simd.vectorModulePresent(), "the build adds --add-modules jdk.incubator.vector to the tests");
            assertEquals("vector", FloatSimd.implementation());
        }
        assumeTrue(Simd.vectorModulePresent(), "jdk.incubator.vector not in this JVM");
        FloatSimd.Impl v = FloatSimd.vector();
        assertNotNull(v);
        assertEquals("vector", v.name());
        return v;
    }

    @Test
    void implementationIsVectorWhenTheBuildSaysSo() {
        if (Boolean.getBoolean("iblrnn.expectVector")) {
            assertEquals("vector", FloatSimd.implementation());
        }
        assertEquals("scalar", FloatSimd.scalar().name());
    }

    @Test
    void paddingRoundsUpToWholeVectors() {
        assertEquals(8, FloatSimd.LANES);
        assertEquals(0, FloatSimd.padded(0));
        assertEquals(8, FloatSimd.padded(1));
        assertEquals(56, FloatSimd.padded(50));
        assertEquals(56, FloatSimd.padded(56));
        assertEquals(64, FloatSimd.padded(57));
    }

    @Test
    void axpyRowsVectorEqualsScalarBitForBitAndMatchesDoubleSums() {
        FloatSimd.Impl v = vectorOrSkip();
        FloatSimd.Impl s = FloatSimd.scalar();
        SplittableRandom rng = new SplittableRandom(20261201L);
        for (int n = 1; n <= 130; n++) {
            for (int count : new int[] {0, 1, 2, 7, 50, rng.nextInt(71)}) {
                int[] strides = {FloatSimd.padded(n) + rng.nextInt(5), -(n + rng.nextInt(9)), n / 2, 0};
                int stride = strides[rng.nextInt(strides.length)];
                checkAxpy(v, s, rng, n, count, stride);
            }
        }
        for (int n : new int[] {50, 56, 57}) {
            for (int count = 0; count <= 70; count++) {
                checkAxpy(v, s, rng, n, count, 56);
                checkAxpy(v, s, rng, n, count, -56);
            }
        }
    }

    /** Random rows at wOff + r * stride (any sign), a random start, then both kernels and a double sum. */
    private static void checkAxpy(FloatSimd.Impl v, FloatSimd.Impl s, SplittableRandom rng, int n, int count,
            int stride) {
        int span = Math.abs(stride) * Math.max(count - 1, 0) + n;
        int wOff = 3 + (stride < 0 ? Math.abs(stride) * Math.max(count - 1, 0) : 0);
        float[] w = random(rng, wOff + span + 4, 1);
        float[] coef = random(rng, count + 5, 1);
        float[] init = random(rng, n + 9, 1);
        float[] o1 = init.clone();
        float[] o2 = init.clone();
        String what = "axpyRows n=" + n + " count=" + count + " stride=" + stride;
        v.axpyRows(w, wOff, stride, count, coef, 2, o1, 5, n);
        s.axpyRows(w, wOff, stride, count, coef, 2, o2, 5, n);
        assertArrayBits(o2, o1, what);
        for (int k = 0; k < n; k++) {
            double want = init[5 + k];
            double mag = Math.abs(want);
            for (int r = 0; r < count; r++) {
                double term = (double) w[wOff + r * stride + k] * coef[2 + r];
                want += term;
                mag += Math.abs(term);
            }
            double tol = Math.max(count, 1) * 0x1p-23 * mag;
            if (!(Math.abs(want - o2[5 + k]) <= tol)) {
                throw new AssertionError(what + " k=" + k + ": " + o2[5 + k] + " vs " + want);
            }
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(init[i], o2[i], "writes before outOff");
        }
        for (int i = 5 + n; i < init.length; i++) {
            assertEquals(init[i], o2[i], "writes past n");
        }
    }

    @Test
    void axpyRowsMayShareTheArrayOfTheRowsAndOfTheCoefficients() {
        FloatSimd.Impl v = vectorOrSkip();
        FloatSimd.Impl s = FloatSimd.scalar();
        SplittableRandom rng = new SplittableRandom(7L);
        for (int n : new int[] {13, 56, 61}) {
            int count = 50;
            // one flat buffer: [coef (count) | out (n) | rows (count x stride)], rows read backwards
            int stride = -FloatSimd.padded(n);
            int coefOff = 0;
            int outOff = count;
            int wOff = count + n + (count - 1) * FloatSimd.padded(n);
            float[] buf = random(rng, wOff + n, 1);
            float[] b1 = buf.clone();
            float[] b2 = buf.clone();
            v.axpyRows(b1, wOff, stride, count, b1, coefOff, b1, outOff, n);
            s.axpyRows(b2, wOff, stride, count, b2, coefOff, b2, outOff, n);
            assertArrayBits(b2, b1, "shared buffer n=" + n);
            float[] separate = new float[n];
            System.arraycopy(buf, outOff, separate, 0, n);
            s.axpyRows(buf.clone(), wOff, stride, count, buf.clone(), coefOff, separate, 0, n);
            for (int k = 0; k < n; k++) {
                assertEquals(Float.floatToRawIntBits(separate[k]), Float.floatToRawIntBits(b2[outOff + k]));
            }
        }
    }

    @Test
    void dotVectorEqualsScalarBitForBitAndMatchesDoubleSums() {
        FloatSimd.Impl v = vectorOrSkip();
        FloatSimd.Impl s = FloatSimd.scalar();
        SplittableRandom rng = new SplittableRandom(99L);
        for (int n = 0; n <= 130; n++) {
            for (int rep = 0; rep < 4; rep++) {
                float[] a = random(rng, n + 7, 1);
                float[] b = random(rng, n + 9, 1);
                float dv = v.dot(a, 3, b, 5, n);
                float ds = s.dot(a, 3, b, 5, n);
                assertEquals(Float.floatToRawIntBits(ds), Float.floatToRawIntBits(dv), "dot n=" + n);
                double want = 0;
                double mag = 0;
                for (int k = 0; k < n; k++) {
                    double term = (double) a[3 + k] * b[5 + k];
                    want += term;
                    mag += Math.abs(term);
                }
                if (!(Math.abs(want - ds) <= Math.max(n, 1) * 0x1p-23 * mag)) {
                    throw new AssertionError("dot n=" + n + ": " + ds + " vs " + want);
                }
            }
        }
        // the documented order, spelled out for n = 19 (two blocks and a tail of 3)
        float[] a = random(rng, 19, 1);
        float[] b = random(rng, 19, 1);
        float[] l = new float[8];
        for (int k = 0; k < 19; k++) {
            l[k % 8] = Math.fma(a[k], b[k], l[k % 8]);
        }
        float want = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(s.dot(a, 0, b, 0, 19)));
        // special values: infinities, NaN, zeros of both signs, overflow
        for (int n : new int[] {1, 8, 11, 56}) {
            for (int rep = 0; rep < 200; rep++) {
                float[] x = new float[n];
                float[] y = new float[n];
                for (int k = 0; k < n; k++) {
                    x[k] = rng.nextInt(4) == 0 ? SPECIALS[rng.nextInt(SPECIALS.length)] : (float) rng.nextDouble(-2, 2);
                    y[k] = rng.nextInt(4) == 0 ? SPECIALS[rng.nextInt(SPECIALS.length)] : (float) rng.nextDouble(-2, 2);
                }
                assertSameFloat(s.dot(x, 0, y, 0, n), v.dot(x, 0, y, 0, n), "dot with specials n=" + n);
            }
        }
        float[] z = {-0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f};
        float[] one = {1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f};
        for (int n = 0; n <= 9; n++) {
            assertSameFloat(s.dot(z, 0, one, 0, n), v.dot(z, 0, one, 0, n), "dot of negative zeros n=" + n);
        }
    }

    @Test
    void elementwiseKernelsVectorEqualsScalarAndTheFormula() {
        FloatSimd.Impl v = vectorOrSkip();
        FloatSimd.Impl s = FloatSimd.scalar();
        SplittableRandom rng = new SplittableRandom(77);
        for (int n : new int[] {0, 1, 7, 8, 9, 50, 56, 61, 112, 120}) {
            for (int off : new int[] {0, 3}) {
                float[] x = random(rng, n + off + 8, 1.5);
                float[] y = random(rng, n + off + 8, 1.5);
                float a = (float) rng.nextDouble(-2, 2);
                float[] yv = y.clone();
                float[] ys = y.clone();
                v.axpy(a, x, off, yv, off + 1, n);
                s.axpy(a, x, off, ys, off + 1, n);
                assertArrayBits(ys, yv, "axpy n=" + n);
                for (int k = 0; k < y.length; k++) {
                    boolean inside = k >= off + 1 && k < off + 1 + n;
                    float want = inside ? Math.fma(a, x[k - 1], y[k]) : y[k];
                    assertSameFloat(want, ys[k], "axpy element " + k);
                }
                float[] w = random(rng, 5 * (n + 8), 1.0);
                float[] c = random(rng, 5, 1.0);
                float[] sv = random(rng, n + off + 8, 1.0);
                float[] ss = sv.clone();
                float[] ref = sv.clone();
                v.sumRows(w, 2, n + 7, 5, c, 0, sv, off, n);
                s.sumRows(w, 2, n + 7, 5, c, 0, ss, off, n);
                java.util.Arrays.fill(ref, off, off + n, 0.0f);
                s.axpyRows(w, 2, n + 7, 5, c, 0, ref, off, n);
                assertArrayBits(ref, ss, "sumRows = fill + axpyRows, n=" + n);
                assertArrayBits(ss, sv, "sumRows vector = scalar, n=" + n);
                float[] dh = random(rng, n + off + 8, 1.0);
                float[] h = random(rng, n + off + 8, 1.0);
                float[] ov = new float[n + off + 8];
                float[] os = new float[n + off + 8];
                v.tanhBackward(dh, off, h, 1, ov, 2, n);
                s.tanhBackward(dh, off, h, 1, os, 2, n);
                assertArrayBits(os, ov, "tanhBackward n=" + n);
                for (int k = 0; k < n; k++) {
                    float hk = h[1 + k];
                    assertSameFloat(dh[off + k] * (1.0f - hk * hk), os[2 + k], "tanhBackward element " + k);
                }
            }
        }
    }

    @Test
    void tanhVectorEqualsScalarBitForBit() {
        FloatSimd.Impl v = vectorOrSkip();
        FloatSimd.Impl s = FloatSimd.scalar();
        SplittableRandom rng = new SplittableRandom(5L);
        float[] x = new float[60_003];
        for (int i = 0; i < x.length; i++) {
            switch (i % 4) {
                case 0:
                    x[i] = (float) rng.nextDouble(-12, 12);
                    break;
                case 1:
                    x[i] = Float.intBitsToFloat(rng.nextInt()); // every exponent, NaNs included
                    break;
                case 2:
                    x[i] = (float) rng.nextDouble(-0.6, 0.6);
                    break;
                default:
                    x[i] = SPECIALS[rng.nextInt(SPECIALS.length)];
            }
        }
        for (int off : new int[] {0, 1, 5}) {
            for (int n : new int[] {0, 1, 7, 8, 9, 56, x.length - off}) {
                float[] y1 = x.clone();
                float[] y2 = x.clone();
                v.tanhInPlace(y1, off, n);
                s.tanhInPlace(y2, off, n);
                for (int i = 0; i < x.length; i++) {
                    if (i < off || i >= off + n) {
                        assertSameFloat(x[i], y1[i], "outside the range");
                        assertSameFloat(x[i], y2[i], "outside the range");
                    } else if (!sameFloat(y2[i], y1[i])) {
                        throw new AssertionError("tanh(" + x[i] + "): scalar " + y2[i] + ", vector " + y1[i]);
                    }
                }
            }
        }
    }

    @Test
    void tanhIsAccurateOverADenseSweep() {
        float[] x = new float[400_001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (-20 + i * 1e-4);
        }
        checkTanh(x, "sweep of [-20, 20]");
        // floats in [0, 1e-3], every 256th; floats in [1e-3, 9.5], every 256th
        int lo = Float.floatToRawIntBits(1e-3f);
        int hi = Float.floatToRawIntBits(9.5f);
        float[] small = new float[lo / 256 + 1];
        for (int i = 0; i < small.length; i++) {
            small[i] = Float.intBitsToFloat(i * 256);
        }
        checkTanh(small, "floats in [0, 1e-3]");
        float[] mid = new float[(hi - lo) / 256 + 1];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = -Float.intBitsToFloat(lo + i * 256);
        }
        checkTanh(mid, "floats in [-9.5, -1e-3]");
    }

    /** FloatSimd.tanhInPlace (whichever implementation) against Math.tanh: 1e-7 absolute, 2e-7 relative below 1/2. */
    private static void checkTanh(float[] x, String what) {
        float[] y = x.clone();
        FloatSimd.tanhInPlace(y, 0, y.length);
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < x.length; i++) {
            double want = Math.tanh((double) x[i]);
            double err = Math.abs(y[i] - want);
            maxAbs = Math.max(maxAbs, err);
            if (Math.abs(x[i]) < 0.5f && want != 0) {
                maxRel = Math.max(maxRel, err / Math.abs(want));
            }
            if (!(Math.abs(y[i]) <= 1f)) {
                throw new AssertionError(what + ": |tanh| > 1 at " + x[i]);
            }
            if (Math.abs(x[i]) < 0x1p-25f && Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                throw new AssertionError(what + ": tanh x != x for tiny x = " + x[i]);
            }
        }
        assertTrue(maxAbs <= 1e-7, what + ": max abs error " + maxAbs);
        assertTrue(maxRel <= 2e-7, what + ": max relative error " + maxRel);
    }

    @Test
    void tanhOfSpecialValues() {
        for (FloatSimd.Impl impl : new FloatSimd.Impl[] {FloatSimd.scalar(), FloatSimd.vector()}) {
            if (impl == null) {
                continue;
            }
            // a vector's worth and a scalar tail, so both code paths of each implementation run
            float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NaN, Float.MAX_VALUE, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, -Float.MAX_VALUE, 9f, -9f};
            float[] want = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.NaN, 1f, 0f, -0f,
                Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.NaN, -1f, 1f, -1f};
            float[] y = x.clone();
            impl.tanhInPlace(y, 0, y.length);
            for (int i = 0; i < x.length; i++) {
                assertSameFloat(want[i], y[i], impl.name() + " tanh(" + x[i] + ")");
            }
        }
    }

    /** Same bits, or both NaN. */
    private static boolean sameFloat(float want, float got) {
        return Float.isNaN(want) ? Float.isNaN(got) : Float.floatToRawIntBits(want) == Float.floatToRawIntBits(got);
    }

    private static void assertSameFloat(float want, float got, String what) {
        if (!sameFloat(want, got)) {
            throw new AssertionError(what + ": " + want + " vs " + got);
        }
    }

    private static void assertArrayBits(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            if (!sameFloat(want[i], got[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + want[i] + " vs " + got[i]);
            }
        }
    }
}
