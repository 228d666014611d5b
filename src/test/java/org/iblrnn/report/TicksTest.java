package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TicksTest {

    /** Checks that ticks are evenly spaced multiples of a 1-2-5 step, inside [lo, hi], covering it to within a step. */
    private static void assertNice(double lo, double hi, double[] t) {
        String ctx = "[" + lo + ", " + hi + "] -> " + java.util.Arrays.toString(t);
        assertTrue(t.length >= 2 && t.length <= 12, "tick count " + ctx);
        double step = t[1] - t[0];
        int exp = (int) Math.floor(Math.log10(step) + 1e-9);
        double mantissa = step / Math.pow(10, exp);
        assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
                "step " + step + " is not 1, 2 or 5 x 10^k: " + ctx);
        double tol = step * 1e-6;
        for (int i = 0; i < t.length; i++) {
            double k = t[i] / step;
            assertEquals(Math.rint(k), k, 1e-6, "tick not a multiple of the step: " + ctx);
            if (i > 0) {
                assertEquals(step, t[i] - t[i - 1], tol, "uneven spacing: " + ctx);
            }
            assertTrue(t[i] >= lo - tol && t[i] <= hi + tol, "tick outside range: " + ctx);
        }
        assertTrue(t[0] - step < lo + tol, "first tick leaves more than a step uncovered: " + ctx);
        assertTrue(t[t.length - 1] + step > hi - tol, "last tick leaves more than a step uncovered: " + ctx);
    }

    @Test
    void linearTicksOnTypicalRanges() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.linear(0, 1, 5), 0);
        assertNice(-2.5, 2.5, Ticks.linear(-2.5, 2.5, 5));
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, Ticks.linear(-2.5, 2.5, 5), 0);
        assertNice(0.001, 0.0047, Ticks.linear(0.001, 0.0047, 5));
        assertNice(1e5, 3e7, Ticks.linear(1e5, 3e7, 5));
        assertArrayEquals(new double[] {1e7, 2e7, 3e7}, Ticks.linear(1e5, 3e7, 4), 0);
        assertNice(-0.05, 1.05, Ticks.linear(-0.05, 1.05, 6));
        assertNice(99.5, 100.5, Ticks.linear(99.5, 100.5, 5));
    }

    @Test
    void tickValuesAreExactDecimals() {
        double[] t = Ticks.linear(0, 1, 10);
        assertEquals(0.3, t[3], 0.0, "0.3 must not come out as 0.30000000000000004");
        assertEquals(0.7, t[7], 0.0);
    }

    @Test
    void linearTicksAreNiceOnRandomRanges() {
        Random rng = new Random(20240517L);
        for (int i = 0; i < 2000; i++) {
            double scale = Math.pow(10, rng.nextInt(20) - 10);
            double lo = (rng.nextDouble() * 2 - 1) * scale;
            double hi = lo + rng.nextDouble() * scale * 3 + scale * 1e-3;
            int target = 2 + rng.nextInt(7);
            assertNice(lo, hi, Ticks.linear(lo, hi, target));
        }
    }

    @Test
    void linearRejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 10, 5));
    }

    @Test
    void logTicksUseDecadesThenOneTwoFive() {
        assertArrayEquals(new double[] {1, 10, 100, 1000}, Ticks.log(0.8, 1500, 5), 1e-12);
        assertArrayEquals(new double[] {2, 5, 10}, Ticks.log(1.5, 15, 5), 1e-12);
        double[] many = Ticks.log(1e-6, 1e12, 5);
        assertTrue(many.length >= 2 && many.length <= 7, java.util.Arrays.toString(many));
        double[] narrow = Ticks.log(3.1, 3.9, 5);
        assertTrue(narrow.length >= 2 && narrow[0] >= 3.1 && narrow[narrow.length - 1] <= 3.9);
    }

    @Test
    void labelsShareDecimalsAndAreCompact() {
        assertEquals(List.of("0.0", "0.5", "1.0"), Ticks.labels(new double[] {0, 0.5, 1}));
        assertEquals(List.of("-2", "-1", "0", "1", "2"), Ticks.labels(new double[] {-2, -1, 0, 1, 2}));
        assertEquals(List.of("0.001", "0.002", "0.003", "0.004"), Ticks.labels(Ticks.linear(0.001, 0.0047, 5)));
        assertEquals(List.of("1e7", "2e7", "3e7"), Ticks.labels(new double[] {1e7, 2e7, 3e7}));
        assertEquals(List.of("0", "5e6", "1e7", "1.5e7"), Ticks.labels(new double[] {0, 5e6, 1e7, 1.5e7}));
        assertEquals(List.of("-2e-5", "0", "2e-5"), Ticks.labels(new double[] {-2e-5, 0, 2e-5}));
        assertEquals(List.of("0.0", "0.4"), Ticks.labels(new double[] {-1e-17, 0.4}), "no \"-0.0\"");
        // a tiny spread on a large value keeps every digit rather than an unreadable mantissa
        assertEquals(List.of("1000000.1", "1000000.2"), Ticks.labels(new double[] {1000000.1, 1000000.2}));
        assertEquals(List.of("123456790", "123456792"), Ticks.labels(new double[] {123456790, 123456792}));
        for (String s : Ticks.labels(Ticks.linear(-1, 1, 8))) {
            assertFalse(s.startsWith("-0") && Double.parseDouble(s) == 0, "negative zero label " + s);
        }
    }

    @Test
    void compactFormatting() {
        assertEquals("0", Ticks.compact(0));
        assertEquals("0", Ticks.compact(-0.0));
        assertEquals("0.25", Ticks.compact(0.25));
        assertEquals("1200", Ticks.compact(1200));
        assertEquals("1.5e6", Ticks.compact(1.5e6));
        assertEquals("3e-5", Ticks.compact(3e-5));
        assertEquals("0.3", Ticks.compact(0.1 + 0.2));
        assertEquals("", Ticks.compact(Double.NaN));
        assertEquals("", Ticks.compact(Double.POSITIVE_INFINITY));
        assertEquals(List.of("0.01", "0.1", "1", "10", "100"),
                Ticks.logLabels(new double[] {0.01, 0.1, 1, 10, 100}));
    }
}
