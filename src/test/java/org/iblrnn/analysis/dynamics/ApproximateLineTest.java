package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;

/**
 * The looser line test on hand-built 2-unit tanh networks W_hh = diag(a, 0.5): the first unit has
 * stable points +-r (r = tanh(a r)) and a saddle at 0, so every network has the same three
 * collinear distinct points; only the speed along the chain between them differs. a = 1.1: slow
 * (|tanh(1.1 h) - h| &lt;= 0.02 on the chain), a = 2: fast (up to 0.26). Reference states: a grid
 * over [-1, 1]^2, whose median speed is about 0.3 for both.
 */
class ApproximateLineTest {
    private static final double[] NO_INPUT = {0, 0, 0};

    static ApproximateLine.Result run(double a) {
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{a, 0}, {0, 0.5}});
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(7, -1, 1),
                FixedPointConfig.defaults());
        return ApproximateLine.test(m, theta, NO_INPUT, fp, FixedPointFinderTest.grid(11, -1, 1),
                ApproximateLine.Options.defaults());
    }

    /** The positive root of h = tanh(a h). */
    static double root(double a) {
        double lo = 1e-6;
        double hi = 1.0;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (Math.tanh(a * mid) - mid > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void slowChainOfAttractorsAndSaddleIsDetectedThoughNoEigenvalueIsNearOne() {
        ApproximateLine.Result r = run(1.1);
        assertTrue(r.detected(), r.reason());
        assertEquals(3, r.distinctPoints());
        assertEquals(FixedPoints.Stability.STABLE, r.stability()[0]);
        assertEquals(FixedPoints.Stability.SADDLE, r.stability()[1]);
        assertEquals(FixedPoints.Stability.STABLE, r.stability()[2]);
        assertArrayEquals(new double[] {1, 0}, r.direction(), 1e-9);
        assertEquals(1.0, r.explained(), 1e-12);
        double rt = root(1.1);
        assertEquals(2 * rt, r.extent(), 1e-8);
        // eigenvalues along the line: a (1 - r^2) at the attractors, a at the saddle
        double lam = 1.1 * (1 - rt * rt);
        assertArrayEquals(new double[] {lam, 1.1, lam}, r.lineEigenvalues(), 1e-8);
        assertFalse(r.eigenvaluesNearOne(), "the strict eigenvalue criterion fails");
        // the chain speed is the largest |tanh(1.1 h) - h| on [-r, r], sampled
        double max = 0;
        for (int k = 0; k <= 2000; k++) {
            double h = -rt + 2 * rt * k / 2000.0;
            max = Math.max(max, Math.abs(Math.tanh(1.1 * h) - h));
        }
        assertEquals(max, r.maxChainSpeed(), 2e-4);
        assertTrue(r.speedRatio() < 0.1, "ratio " + r.speedRatio());
        // the strict test does not fire on this network
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{1.1, 0}, {0, 0.5}});
        assertFalse(FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(7, -1, 1),
                FixedPointConfig.defaults()).lineAttractor().detected());
    }

    @Test
    void fastBistableChainIsNotALine() {
        ApproximateLine.Result r = run(2.0);
        assertEquals(3, r.distinctPoints());
        assertEquals(1.0, r.explained(), 1e-12);
        assertFalse(r.detected());
        assertTrue(r.reason().startsWith("chain not slow"), r.reason());
        assertTrue(r.speedRatio() > 0.5, "ratio " + r.speedRatio());
    }

    @Test
    void tooFewDistinctPointsOrNotCollinear() {
        // a = 0.5: the origin is the only fixed point
        ApproximateLine.Result one = run(0.5);
        assertEquals(1, one.distinctPoints());
        assertFalse(one.detected());
        assertTrue(one.reason().contains("fewer than 3"), one.reason());
        // W = diag(2, 2): nine points on a 3 x 3 lattice, not on a line
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(9, -1, 1),
                FixedPointConfig.defaults());
        ApproximateLine.Result lattice = ApproximateLine.test(m, theta, NO_INPUT, fp,
                FixedPointFinderTest.grid(11, -1, 1), ApproximateLine.Options.defaults());
        assertEquals(9, lattice.distinctPoints());
        assertEquals(0.5, lattice.explained(), 1e-9);
        assertTrue(lattice.reason().startsWith("not collinear"), lattice.reason());
    }

    @Test
    void nearLinearLineAttractorPassesToo() {
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double[][] w = {
            {c * c + 0.3 * s * s, (1 - 0.3) * c * s},
            {(1 - 0.3) * c * s, s * s + 0.3 * c * c}};
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, w);
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(7, -0.5, 0.5),
                FixedPointConfig.defaults().withTolQ(1e-8));
        ApproximateLine.Result r = ApproximateLine.test(m, theta, NO_INPUT, fp, FixedPointFinderTest.grid(11, -1, 1),
                ApproximateLine.Options.defaults());
        assertTrue(r.detected(), r.reason());
        assertTrue(r.distinctPoints() >= 3);
        assertEquals(1.0, Math.abs(r.direction()[0] * c + r.direction()[1] * s), 1e-3);
        assertTrue(r.eigenvaluesNearOne());
    }

    @Test
    void invalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ApproximateLine.Options(0.05, 1, 0.9, 0.1, 20, 0.05));
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 0.5}});
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(3, -1, 1),
                FixedPointConfig.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApproximateLine.test(m, theta, NO_INPUT, fp, new double[0][], ApproximateLine.Options.defaults()));
        assertTrue(e.getMessage().contains("referenceStates"));
    }
}
