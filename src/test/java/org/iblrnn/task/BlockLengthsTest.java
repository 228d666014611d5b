package org.iblrnn.task;

import static org.iblrnn.testsupport.StatAsserts.assertChiSquareFits;
import static org.iblrnn.testsupport.StatAsserts.assertProportion;
import static org.iblrnn.testsupport.StatAsserts.assertWithinSe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.StatAsserts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a sampler that loops forever must fail, not hang the build. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockLengthsTest {
    private static final int N = 100_000;

    private static final BlockLengths.TruncatedGeometric TRUNC = new BlockLengths.TruncatedGeometric(0.02, 20, 100);
    private static final BlockLengths.Hazard HAZARD = new BlockLengths.Hazard(0.02, 20, 100);

    /** Histogram of N draws over [0, maxLength]; fails on any draw outside [minLength, maxLength]. */
    private static long[] histogram(BlockLengths law, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] h = new long[law.maxLength() + 1];
        for (int i = 0; i < N; i++) {
            int l = law.sample(rng);
            assertTrue(l >= law.minLength() && l <= law.maxLength(), "draw out of range: " + l);
            h[l]++;
        }
        return h;
    }

    private static double[] pmfArray(BlockLengths law) {
        double[] p = new double[law.maxLength() + 1];
        for (int l = 0; l <= law.maxLength(); l++) {
            p[l] = law.pmf(l);
        }
        return p;
    }

    private static double pmfSum(BlockLengths law) {
        double s = 0;
        for (int l = -5; l <= law.maxLength() + 50; l++) {
            s += law.pmf(l);
        }
        return s;
    }

    private static double pmfMean(BlockLengths law) {
        double m = 0;
        for (int l = law.minLength(); l <= law.maxLength(); l++) {
            m += l * law.pmf(l);
        }
        return m;
    }

    private static double pmfSd(BlockLengths law) {
        double m = pmfMean(law);
        double v = 0;
        for (int l = law.minLength(); l <= law.maxLength(); l++) {
            v += (l - m) * (l - m) * law.pmf(l);
        }
        return Math.sqrt(v);
    }

    // --- truncated geometric (paper's code) ---------------------------------------------------

    @Test
    void truncatedGeometricBoundsAndSupport() {
        assertEquals(20, TRUNC.minLength());
        assertEquals(100, TRUNC.maxLength());
        assertEquals(0.0, TRUNC.pmf(19));
        assertEquals(0.0, TRUNC.pmf(101));
        assertEquals(0.0, TRUNC.pmf(0));
        assertEquals(0.0, TRUNC.pmf(-1));
        for (int l = 20; l <= 100; l++) {
            assertTrue(TRUNC.pmf(l) > 0, "pmf(" + l + ") must be positive");
        }
    }

    @Test
    void truncatedGeometricPmfSumsToOneAndHasReferenceMoments() {
        assertEquals(1.0, pmfSum(TRUNC), 1e-12);
        // reference-spec 1.2: mean 49.42, sd 21.9 (exact: 49.41938, 21.92189)
        assertEquals(49.4194, pmfMean(TRUNC), 1e-3);
        assertEquals(21.9219, pmfSd(TRUNC), 1e-3);
        // geometric ratio between successive lengths and the explicit renormalised form
        double mass = Math.pow(0.98, 19) - Math.pow(0.98, 100); // acceptance 0.5486
        assertEquals(0.5486, mass, 1e-4);
        for (int l = 20; l <= 100; l++) {
            assertEquals(Math.pow(0.98, l - 1) * 0.02 / mass, TRUNC.pmf(l), 1e-15);
        }
    }

    @Test
    void truncatedGeometricSamplesMatchPmf() {
        long[] h = histogram(TRUNC, 20_200_601L);
        // 81 support points, expected counts >= ~400 each, so no pooling: df = 80, critical 135.78
        StatAsserts.ChiSquare c = assertChiSquareFits(h, pmfArray(TRUNC), "truncated geometric lengths");
        assertEquals(80, c.df());
        double sum = 0;
        for (int l = 0; l < h.length; l++) {
            sum += (double) l * h[l];
        }
        assertWithinSe(49.4194, sum / N, 21.9219 / Math.sqrt(N), "truncated geometric mean length");
        assertTrue(h[20] > 0 && h[100] > 0, "both ends of the support are reached");
    }

    @Test
    void truncatedGeometricWithLargeSuccessProbabilityStillInRange() {
        // p = 1 makes every geometric draw 1; with min 1 the only length is 1
        BlockLengths one = new BlockLengths.TruncatedGeometric(1.0, 1, 5);
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(1, one.sample(rng));
        }
        assertEquals(1.0, one.pmf(1), 1e-15);
        assertEquals(1.0, pmfSum(one), 1e-15);
        // a degenerate window [k, k] always yields k
        BlockLengths fixed = new BlockLengths.TruncatedGeometric(0.3, 4, 4);
        for (int i = 0; i < 100; i++) {
            assertEquals(4, fixed.sample(rng));
        }
        assertEquals(1.0, fixed.pmf(4), 1e-15);
    }

    @Test
    void truncatedGeometricWithUnreachableWindowIsRejectedOrSampled() {
        BlockLengths law;
        try {
            law = new BlockLengths.TruncatedGeometric(1.0, 2, 5);
        } catch (IllegalArgumentException rejected) {
            return; // acceptable: the parameters are refused up front
        }
        assertEquals(1.0, pmfSum(law), 1e-12, "pmf must be a distribution");
        BlockLengths l = law;
        int x = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> l.sample(new SplittableRandom(1)));
        assertTrue(x >= 2 && x <= 5, "sample " + x);
    }

    // --- hazard (paper's text) ----------------------------------------------------------------

    @Test
    void hazardBoundsAndPmf() {
        assertEquals(20, HAZARD.minLength());
        assertEquals(101, HAZARD.maxLength());
        assertEquals(0.0, HAZARD.pmf(19));
        assertEquals(0.0, HAZARD.pmf(102));
        assertEquals(0.02, HAZARD.pmf(20), 1e-15);
        assertEquals(Math.pow(0.98, 80) * 0.02, HAZARD.pmf(100), 1e-15);
        // mass at the cap: survival through trials 20..100 = 0.98^81 ~= 0.1947
        assertEquals(Math.pow(0.98, 81), HAZARD.pmf(101), 1e-15);
        assertEquals(0.1947, HAZARD.pmf(101), 1e-4);
        assertEquals(1.0, pmfSum(HAZARD), 1e-12);
        // reference-spec 1.5: mean about 59
        assertEquals(59.46, pmfMean(HAZARD), 0.01);
    }

    @Test
    void hazardSamplesMatchPmf() {
        long[] h = histogram(HAZARD, 1_234_567L);
        // 82 support points, no pooling needed: df = 81, critical 137.07
        StatAsserts.ChiSquare c = assertChiSquareFits(h, pmfArray(HAZARD), "hazard lengths");
        assertEquals(81, c.df());
        assertProportion(Math.pow(0.98, 81), h[101], N, "fraction of blocks at the 101-trial cap");
    }

    // --- truncated exponential (the IBL rig) -----------------------------------------------------

    private static final BlockLengths.TruncatedExponential TEXP = BlockLengths.TruncatedExponential.ibl();

    @Test
    void truncatedExponentialBoundsAndSupport() {
        assertEquals(new BlockLengths.TruncatedExponential(60, 20, 100), TEXP);
        // floor of a continuous draw in [20, 100]: x = 100 has probability 0, so 20..99
        assertEquals(20, TEXP.minLength());
        assertEquals(99, TEXP.maxLength());
        assertEquals(0.0, TEXP.pmf(19));
        assertEquals(0.0, TEXP.pmf(100));
        assertEquals(0.0, TEXP.pmf(-3));
        for (int l = 20; l <= 99; l++) {
            assertTrue(TEXP.pmf(l) > 0, "pmf(" + l + ") must be positive");
        }
        assertEquals(1.0, pmfSum(TEXP), 1e-12);
    }

    @Test
    void truncatedExponentialIsTheFlooredContinuousLaw() {
        // P(L = l) = P(l <= X < l + 1 | 20 <= X <= 100) for X ~ Exp(mean 60)
        double z = Math.exp(-20 / 60.0) - Math.exp(-100 / 60.0);
        for (int l = 20; l <= 99; l++) {
            double expected = (Math.exp(-l / 60.0) - Math.exp(-(l + 1) / 60.0)) / z;
            assertEquals(expected, TEXP.pmf(l), 1e-14, "pmf(" + l + ")");
        }
        // ... which is the geometric with p = 1 - exp(-1/60) truncated to [20, 99]
        BlockLengths.TruncatedGeometric g = TEXP.asTruncatedGeometric();
        assertEquals(1 - Math.exp(-1 / 60.0), g.p(), 1e-15);
        assertEquals(20, g.minTrials());
        assertEquals(99, g.maxTrials());
        for (int l = 15; l <= 105; l++) {
            assertEquals(g.pmf(l), TEXP.pmf(l), 1e-14, "pmf(" + l + ")");
        }
        // moments (computed independently in double precision): mean 50.8652, sd 22.1131
        assertEquals(50.8652, pmfMean(TEXP), 1e-3);
        assertEquals(50.8652, TEXP.mean(), 1e-3);
        assertEquals(22.1131, pmfSd(TEXP), 1e-3);
        assertEquals(pmfMean(TRUNC), TRUNC.mean(), 1e-12, "default mean() is the pmf's mean");
    }

    @Test
    void truncatedExponentialSamplesMatchPmf() {
        long[] h = histogram(TEXP, 20_201_206L);
        // 80 support points, expected counts >= ~390 each: df = 79
        StatAsserts.ChiSquare c = assertChiSquareFits(h, pmfArray(TEXP), "truncated exponential lengths");
        assertEquals(79, c.df());
        double sum = 0;
        for (int l = 0; l < h.length; l++) {
            sum += (double) l * h[l];
        }
        assertWithinSe(TEXP.mean(), sum / N, pmfSd(TEXP) / Math.sqrt(N), "truncated exponential mean length");
        assertTrue(h[20] > 0 && h[99] > 0, "both ends of the support are reached");
        // the rig's law is not the paper's code's truncated geometric (p = 0.02 on [20, 100])
        double[] p = new double[h.length];
        for (int l = 0; l < h.length; l++) {
            p[l] = TRUNC.pmf(l);
        }
        assertTrue(!StatAsserts.chiSquare(h, p).passes(), "chi-square must tell the two laws apart");
    }

    @Test
    void truncatedExponentialEdgeCases() {
        SplittableRandom rng = new SplittableRandom(11);
        // degenerate window: always min
        BlockLengths fixed = new BlockLengths.TruncatedExponential(60, 7, 7);
        assertEquals(7, fixed.minLength());
        assertEquals(7, fixed.maxLength());
        assertEquals(1.0, fixed.pmf(7), 1e-15);
        for (int i = 0; i < 100; i++) {
            assertEquals(7, fixed.sample(rng));
        }
        // a one-trial-wide window [5, 6): always 5
        BlockLengths narrow = new BlockLengths.TruncatedExponential(3, 5, 6);
        assertEquals(5, narrow.maxLength());
        assertEquals(1.0, narrow.pmf(5), 1e-15);
        assertEquals(5, narrow.sample(rng));
        // extreme means stay in range and sum to one
        BlockLengths[] laws = {new BlockLengths.TruncatedExponential(1e-9, 2, 40),
            new BlockLengths.TruncatedExponential(1e12, 2, 40)};
        for (BlockLengths law : laws) {
            assertEquals(1.0, pmfSum(law), 1e-9, law.toString());
            for (int i = 0; i < 1000; i++) {
                int x = law.sample(rng);
                assertTrue(x >= law.minLength() && x <= law.maxLength(), law + " sample " + x);
            }
        }
        assertEquals(1.0, laws[0].pmf(2), 1e-12, "a tiny mean puts everything on the minimum");
        assertEquals(1.0 / 38, laws[1].pmf(17), 1e-9, "a huge mean is uniform on [2, 39]");
    }

    @Test
    void truncatedExponentialRejectsBadParameters() {
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedExponential(0, 20, 100));
        assertTrue(e.getMessage().contains("block-length mean") && e.getMessage().contains("got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BlockLengths.TruncatedExponential(Double.NaN, 20, 100));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BlockLengths.TruncatedExponential(Double.POSITIVE_INFINITY, 20, 100));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedExponential(60, 0, 100));
        assertTrue(e.getMessage().contains("minimum block length") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedExponential(60, 50, 40));
        assertTrue(e.getMessage().contains("50") && e.getMessage().contains("40"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BlockLengths.TruncatedExponential(60, 20, 100_001));
        assertTrue(e.getMessage().contains("100001"), e.getMessage());
    }

    // --- validation -----------------------------------------------------------------------------

    @Test
    void invalidParametersAreRejectedWithInformativeMessages() {
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedGeometric(0.0, 20, 100));
        assertTrue(e.getMessage().contains("probability") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedGeometric(-0.2, 20, 100));
        assertTrue(e.getMessage().contains("probability") && e.getMessage().contains("-0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.Hazard(1.5, 20, 100));
        assertTrue(e.getMessage().contains("probability") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.Hazard(Double.NaN, 20, 100));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedGeometric(0.02, 0, 100));
        assertTrue(e.getMessage().contains("minimum block length") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.Hazard(0.02, -4, 100));
        assertTrue(e.getMessage().contains("minimum block length") && e.getMessage().contains("-4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.TruncatedGeometric(0.02, 60, 50));
        assertTrue(e.getMessage().contains("minimum block length") && e.getMessage().contains("maximum block length")
                && e.getMessage().contains("60") && e.getMessage().contains("50"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlockLengths.Hazard(0.02, 60, 59));
        assertTrue(e.getMessage().contains("60") && e.getMessage().contains("59"), e.getMessage());
    }

    // --- chi-square support sanity (so the critical values used above are trustworthy) -----------

    @Test
    void chiSquareCriticalValuesMatchTables() {
        // P(X > x) = 1e-4: scipy.stats.chi2.isf(1e-4, df)
        assertEquals(15.136705, StatAsserts.chiSquareCritical(1, 1e-4), 1e-4);
        assertEquals(25.744832, StatAsserts.chiSquareCritical(5, 1e-4), 1e-4);
        assertEquals(35.564014, StatAsserts.chiSquareCritical(10, 1e-4), 1e-4);
        assertEquals(135.782521, StatAsserts.chiSquareCritical(80, 1e-4), 1e-4);
        assertEquals(137.074676, StatAsserts.chiSquareCritical(81, 1e-4), 1e-4);
        assertEquals(283.060254, StatAsserts.chiSquareCritical(200, 1e-4), 1e-4);
        // classic 5% table values
        assertEquals(3.841459, StatAsserts.chiSquareCritical(1, 0.05), 1e-5);
        assertEquals(11.070498, StatAsserts.chiSquareCritical(5, 0.05), 1e-5);
    }

    @Test
    void chiSquareDetectsAWrongLaw() {
        // the hazard law's samples do not fit the truncated-geometric pmf (and vice versa)
        long[] h = histogram(HAZARD, 99L);
        double[] p = new double[h.length];
        for (int l = 0; l < h.length; l++) {
            p[l] = TRUNC.pmf(l);
        }
        assertTrue(!StatAsserts.chiSquare(h, p).passes(), "chi-square must reject the wrong law");
    }
}
