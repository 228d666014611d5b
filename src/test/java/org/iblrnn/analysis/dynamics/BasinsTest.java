package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;

/**
 * Basins by forward iteration on hand-built 2-unit tanh networks whose basins are known: with
 * W_hh = diag(2, 0.5) the first unit is bistable (h = +-r, r = tanh(2 r)) and the second decays,
 * so a state's attractor is the sign of its first coordinate; the line h1 = 0 is the saddle's
 * stable manifold and is captured by neither attractor.
 */
class BasinsTest {
    private static final double[] NO_INPUT = {0, 0, 0};
    private static final double[][] IDENTITY = {{1, 0}, {0, 1}};
    private static final double[] ORIGIN = {0, 0};

    static FixedPoints bistable(RecurrentModel m, double[] theta) {
        return FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(7, -1, 1),
                FixedPointConfig.defaults());
    }

    @Test
    void attractorOfEachStartIsTheSignOfItsFirstCoordinate() {
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 0.5}});
        FixedPoints fp = bistable(m, theta);
        double[][] starts = FixedPointFinderTest.grid(10, -0.95, 0.95); // no start on h1 = 0
        Basins.Result b = Basins.compute(m, theta, NO_INPUT, fp, IDENTITY, ORIGIN, starts, Basins.Options.defaults());

        double r = FixedPointFinderTest.bistableRoot();
        assertEquals(2, b.attractors().size());
        assertArrayEquals(new double[] {-r, 0}, b.attractors().get(0).plane(), 1e-8, "ordered by PC1");
        assertArrayEquals(new double[] {r, 0}, b.attractors().get(1).plane(), 1e-8);
        int[] a = b.assignment();
        for (int s = 0; s < starts.length; s++) {
            assertEquals(starts[s][0] < 0 ? 0 : 1, a[s], "start " + starts[s][0] + "," + starts[s][1]);
            assertTrue(b.steps()[s] >= 1 && b.steps()[s] < 1000);
        }
        assertArrayEquals(new double[] {0.5, 0.5}, b.fractions(), 1e-15);
        assertEquals(0, b.uncaptured());
    }

    @Test
    void statesOnTheSaddlesStableManifoldAreUncaptured() {
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{2, 0}, {0, 0.5}});
        FixedPoints fp = bistable(m, theta);
        double[][] starts = {{0, 0.7}, {0, -0.3}, {0.2, 0.1}, {-0.01, 0}};
        Basins.Result b = Basins.compute(m, theta, NO_INPUT, fp, IDENTITY, ORIGIN, starts,
                new Basins.Options(0.05, 0.05, 200));
        assertArrayEquals(new int[] {-1, -1, 1, 0}, b.assignment());
        assertEquals(200, b.steps()[0], "never captured: maxSteps");
        assertEquals(0.5, b.uncaptured(), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.25}, b.fractions(), 1e-15);
    }

    @Test
    void duplicateStablePointsAreOneAttractor() {
        // a search stopped at q <= 1e-8 reports one stable point as several unique points
        RecurrentModel m = FixedPointFinderTest.model(2);
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{1.1, 0}, {0, 0.97}});
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, FixedPointFinderTest.grid(9, -1, 1),
                FixedPointConfig.defaults().withTolQ(1e-8));
        assertTrue(fp.count(FixedPoints.Stability.STABLE) > 2, "the loose search should leave copies: " + fp);
        List<Basins.Attractor> att = Basins.attractors(fp, IDENTITY, ORIGIN, Basins.Options.defaults());
        assertEquals(2, att.size());
        int merged = att.get(0).members().length + att.get(1).members().length;
        assertEquals(fp.count(FixedPoints.Stability.STABLE), merged);
        // with a tiny merge distance the copies stay apart
        assertTrue(Basins.attractors(fp, IDENTITY, ORIGIN, new Basins.Options(1e-6, 0.05, 1000)).size() > 2);
    }

    @Test
    void noStablePointMeansEverythingUncaptured() {
        RecurrentModel m = FixedPointFinderTest.model(2);
        // W = 2 I rotated by 90 degrees: the origin is an unstable spiral, the only fixed point
        double[] theta = FixedPointFinderTest.theta(m, new double[][] {{0, -2}, {2, 0}});
        FixedPoints fp = FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0.001, 0}},
                FixedPointConfig.defaults());
        Basins.Result b = Basins.compute(m, theta, NO_INPUT, fp, IDENTITY, ORIGIN, new double[][] {{0.5, 0.5}},
                Basins.Options.defaults());
        assertEquals(0, b.attractors().size());
        assertEquals(1, b.uncaptured());
        assertArrayEquals(new int[] {-1}, b.assignment());
    }

    @Test
    void mergeLabelsGroupsByDistanceToTheFirstMember() {
        double[][] p = {{0, 0}, {1, 0}, {0.01, 0}, {1.04, 0}, {0.06, 0}};
        assertArrayEquals(new int[] {0, 1, 0, 1, 2}, FixedPointLines.mergeLabels(p, 0.05));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, FixedPointLines.mergeLabels(p, 1e-3));
    }

    @Test
    void invalidOptionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Basins.Options(0, 0.05, 10));
        assertTrue(e.getMessage().contains("mergeDistance"));
        assertThrows(IllegalArgumentException.class, () -> new Basins.Options(0.05, 0.05, 0));
    }
}
