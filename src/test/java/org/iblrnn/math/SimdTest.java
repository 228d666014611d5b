package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The vector kernels give exactly the scalar twin's bits (so results never depend on whether the
 * Vector API module was present), and the scalar twin computes what its contract says (against
 * plain sums, to rounding).
 */
class SimdTest {
    private static final SplittableRandom RNG = new SplittableRandom(20261130L);

    private static double[] random(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = RNG.nextDouble(-1, 1);
        }
        return a;
    }

    private static double[][] random(int r, int n) {
        double[][] a = new double[r][];
        for (int i = 0; i < r; i++) {
            a[i] = random(n);
        }
        return a;
    }

    private static Simd.Impl vectorOrSkip() {
        if (Boolean.getBoolean("iblrnn.expectVector")) {
            assertTrue(Simd.vectorModulePresent(), "the build adds --add-modules jdk.incubator.vector to the tests");
            assertEquals("vector", Simd.implementation());
        }
        assumeTrue(Simd.vectorModulePresent(), "jdk.incubator.vector not in this JVM");
        Simd.Impl v = Simd.vector();
        assertNotNull(v);
        return v;
    }

    @Test
    void axpyRowsVectorEqualsScalarBitForBitAndMatchesPlainSums() {
        Simd.Impl v = vectorOrSkip();
        Simd.Impl s = Simd.scalar();
        for (int n : new int[] {1, 3, 4, 8, 16, 31, 32, 36, 52, 53, 100}) {
            for (int count : new int[] {0, 1, 3, 50}) {
                double[][] rows = random(count, n + 5);
                double[] coef = random(count + 2);
                double[] init = random(n + 3);
                double[] o1 = init.clone();
                double[] o2 = init.clone();
                v.axpyRows(rows, 2, count, coef, 1, o1, 3, n - 0);
                s.axpyRows(rows, 2, count, coef, 1, o2, 3, n - 0);
                assertArrayBits(o2, o1, "axpyRows n=" + n + " count=" + count);
                for (int k = 0; k < n; k++) {
                    double want = init[3 + k];
                    for (int r = 0; r < count; r++) {
                        want += rows[r][2 + k] * coef[1 + r];
                    }
                    assertEquals(want, o2[3 + k], 1e-13 * (1 + count), "plain sum n=" + n + " k=" + k);
                }
                assertEquals(init[0], o2[0]);
                if (n + 3 < init.length) {
                    assertEquals(init[n + 3], o2[n + 3], "writes past n");
                }
            }
        }
    }

    @Test
    void paddingRoundsUpToWholeVectors() {
        assertEquals(0, Simd.padded(0));
        assertEquals(4, Simd.padded(1));
        assertEquals(52, Simd.padded(50));
        assertEquals(52, Simd.padded(52));
    }

    private static void assertArrayBits(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + want[i] + " vs " + got[i]);
            }
        }
    }
}
