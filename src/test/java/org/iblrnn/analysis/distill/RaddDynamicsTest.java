package org.iblrnn.analysis.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.nn.Cell;
import org.junit.jupiter.api.Test;

import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.representation.Representation;

/** The distilled model's dynamics: the network wrapping, fixed points of known systems, fields. */
class RaddDynamicsTest {
    static final double[][] NO_INPUT_WEIGHTS = {{0, 0, 0}, {0, 0, 0}};
    static final double[] NO_BIAS = {0, 0};
    static final double[] ZERO_INPUT = {0, 0, 0};

    static FixedPoints find(RaddModel m, double[] input) {
        return RaddDynamics.fixedPoints(m, input, RaddDynamics.gridStarts(m.units(), 21),
                RaddDynamics.fixedPointConfig());
    }

    /** Points sorted by their first, then second coordinate, with their stability and spectra. */
    static List<Integer> sorted(FixedPoints fp) {
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < fp.size(); k++) {
            idx.add(k);
        }
        idx.sort(Comparator.<Integer>comparingDouble(k -> fp.state(k)[0]).thenComparingDouble(k -> fp.state(k)[1]));
        return idx;
    }

    /** The positive root of a = tanh(g a) for g &gt; 1, by bisection (independent of the finder). */
    static double bistableRoot(double g) {
        double lo = 1e-6;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (Math.tanh(g * mid) - mid > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void wrappedNetworkStepsExactlyLikeTheModel() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] a = {{0.54, 0.31}, {-0.19, 0.84}};
        double[][] b = {{-0.19, 0.20, 0.005}, {-0.04, 0.04, 0.021}};
        double[] c = {0.3, -0.2};
        RaddModel m = new RaddModel(a, b, c);
        RaddDynamics.Network net = RaddDynamics.asNetwork(m);
        assertEquals(2, net.model().config().hiddenSize());
        assertEquals(3, net.model().config().inputSize());
        Cell.Kernel kernel = net.model().cell().newKernel();
        kernel.load(net.theta(), net.model().layout().block("core.weight_ih_l0").offset());
        double worstFinder = 0;
        double worstKernel = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] z = {2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1};
            double[] o = {rng.nextGaussian(), rng.nextGaussian(), rng.nextInt(3) - 1};
            double[] expected = m.step(z, o);
            double[] viaFinder = FixedPointFinder.step(net.model(), net.theta(), o, z);
            double[] viaKernel = new double[2];
            kernel.forward(o, z, viaKernel);
            for (int i = 0; i < 2; i++) {
                worstFinder = Math.max(worstFinder, Math.abs(viaFinder[i] - expected[i]));
                worstKernel = Math.max(worstKernel, Math.abs(viaKernel[i] - expected[i]));
            }
        }
        // the same sums in another order: a few ulps of values below 1; a transposed A or B, or a
        // dropped bias, gives errors of order 0.1
        assertTrue(worstFinder <= 1e-15, "FixedPointFinder.step differs by " + worstFinder);
        // the training kernel uses its own tanh (accurate to ~1e-15)
        assertTrue(worstKernel <= 1e-13, "the nn kernel differs by " + worstKernel);
    }

    @Test
    void contractiveSystemHasOneStableFixedPointAtTheOrigin() {
        RaddModel m = new RaddModel(new double[][] {{0.5, 0}, {0, 0.5}}, NO_INPUT_WEIGHTS, NO_BIAS);
        FixedPoints fp = find(m, ZERO_INPUT);
        assertEquals(1, fp.size(), fp.toString());
        assertArrayEquals(new double[] {0, 0}, fp.state(0), 1e-9);
        assertEquals(FixedPoints.Stability.STABLE, fp.stability()[0]);
        assertArrayEquals(new double[] {0.5, 0.5}, fp.eigenvaluesRe()[0], 1e-12);
    }

    @Test
    void bistableAxisGivesTwoStablePointsAndASaddleAtTheOrigin() {
        // z1' = tanh(2 z1): stable at +-a, unstable at 0; z2' = tanh(0.5 z2): stable at 0
        RaddModel m = new RaddModel(new double[][] {{2, 0}, {0, 0.5}}, NO_INPUT_WEIGHTS, NO_BIAS);
        FixedPoints fp = find(m, ZERO_INPUT);
        assertEquals(3, fp.size(), fp.toString());
        double a = bistableRoot(2);
        List<Integer> idx = sorted(fp);
        double[][] expected = {{-a, 0}, {0, 0}, {a, 0}};
        FixedPoints.Stability[] kinds = {FixedPoints.Stability.STABLE, FixedPoints.Stability.SADDLE,
            FixedPoints.Stability.STABLE};
        for (int i = 0; i < 3; i++) {
            int k = idx.get(i);
            assertArrayEquals(expected[i], fp.state(k), 1e-9, "point " + i);
            assertEquals(kinds[i], fp.stability()[k], "point " + i);
        }
        // spectra: 2 (1 - a^2) and 0.5 at the stable points, 2 and 0.5 at the saddle
        double[] stable = fp.eigenvaluesRe()[idx.get(0)];
        Arrays.sort(stable);
        assertArrayEquals(new double[] {2 * (1 - a * a), 0.5}, stable, 1e-9);
        double[] saddle = fp.eigenvaluesRe()[idx.get(1)];
        Arrays.sort(saddle);
        assertArrayEquals(new double[] {0.5, 2}, saddle, 1e-12);
    }

    @Test
    void twoBistableAxesGiveFourStableFourSaddlesAndAnUnstableOrigin() {
        RaddModel m = new RaddModel(new double[][] {{2, 0}, {0, 2}}, NO_INPUT_WEIGHTS, NO_BIAS);
        FixedPoints fp = find(m, ZERO_INPUT);
        assertEquals(9, fp.size(), fp.toString());
        assertEquals(4, fp.count(FixedPoints.Stability.STABLE));
        assertEquals(4, fp.count(FixedPoints.Stability.SADDLE));
        assertEquals(1, fp.count(FixedPoints.Stability.UNSTABLE));
        double a = bistableRoot(2);
        for (int k : fp.indicesOf(FixedPoints.Stability.STABLE)) {
            assertEquals(a, Math.abs(fp.state(k)[0]), 1e-9);
            assertEquals(a, Math.abs(fp.state(k)[1]), 1e-9);
        }
        int origin = fp.indicesOf(FixedPoints.Stability.UNSTABLE)[0];
        assertArrayEquals(new double[] {0, 0}, fp.state(origin), 1e-9);
    }

    @Test
    void inputAndBiasMoveTheFixedPoint() {
        // decoupled units: z_i = tanh(0.5 z_i + x_i + c_i), one stable solution each
        double[][] b = {{1, 0, 0}, {0, 1, 0}};
        double[] c = {0.1, -0.3};
        RaddModel m = new RaddModel(new double[][] {{0.5, 0}, {0, 0.5}}, b, c);
        double[] x = {0.3, -0.2, 0.7};
        FixedPoints fp = find(m, x);
        assertEquals(1, fp.size(), fp.toString());
        for (int i = 0; i < 2; i++) {
            double z = 0;
            for (int it = 0; it < 2000; it++) {
                z = Math.tanh(0.5 * z + x[i] + c[i]);
            }
            assertEquals(z, fp.state(0)[i], 1e-9, "unit " + i);
        }
        assertEquals(FixedPoints.Stability.STABLE, fp.stability()[0]);
    }

    @Test
    void fieldIsOneModelStepMinusTheState() {
        RaddModel m = new RaddModel(RaddTest.A, RaddTest.B, RaddTest.C);
        double[] x = {1.2, 0.2, -0.05};
        RaddDynamics.Field f = RaddDynamics.field(m, x, 5, -1, 1);
        assertEquals(25, f.x().length);
        double[] xs = f.x();
        double[] ys = f.y();
        assertEquals(-1, Arrays.stream(xs).min().orElseThrow(), 0);
        assertEquals(1, Arrays.stream(ys).max().orElseThrow(), 0);
        for (int i = 0; i < xs.length; i++) {
            double[] next = m.step(new double[] {xs[i], ys[i]}, x);
            assertEquals(next[0] - xs[i], f.dx()[i], 1e-15);
            assertEquals(next[1] - ys[i], f.dy()[i], 1e-15);
        }
        RaddModel three = new RaddModel(new double[3][3], new double[3][3], new double[3]);
        assertThrows(IllegalArgumentException.class, () -> RaddDynamics.field(three, x, 5, -1, 1));
    }

    @Test
    void analyseGivesFieldsOnlyForTwoUnitsAndFixedPointsForAny() {
        RaddModel two = new RaddModel(RaddTest.A, RaddTest.B, RaddTest.C);
        List<RaddDynamics.Condition> c2 = RaddDynamics.analyse(two, Representation.CONDITION_NAMES,
                Representation.CONDITIONS, RaddDynamics.gridStarts(2, 11), RaddDynamics.fixedPointConfig(), 7);
        assertEquals(6, c2.size());
        for (RaddDynamics.Condition c : c2) {
            assertEquals(49, c.field().x().length, c.name());
            assertTrue(c.fixedPoints().size() >= 1, c.name());
            for (int k = 0; k < c.fixedPoints().size(); k++) {
                double[] z = c.fixedPoints().state(k);
                assertArrayEquals(z, two.step(z, c.input()), 1e-9, c.name());
            }
        }
        double[][] a3 = {{0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 2}};
        RaddModel three = new RaddModel(a3, new double[3][3], new double[3]);
        List<RaddDynamics.Condition> c3 = RaddDynamics.analyse(three, List.of("none"), new double[][] {ZERO_INPUT},
                RaddDynamics.gridStarts(3, 7), RaddDynamics.fixedPointConfig(), 7);
        assertNull(c3.get(0).field());
        FixedPoints fp = c3.get(0).fixedPoints();
        assertEquals(3, fp.size(), fp.toString());
        assertEquals(2, fp.count(FixedPoints.Stability.STABLE));
        assertEquals(1, fp.count(FixedPoints.Stability.SADDLE));
    }

    @Test
    void gridStartsCoverTheStateSpace() {
        double[][] g = RaddDynamics.gridStarts(2, 3);
        assertEquals(9, g.length);
        assertArrayEquals(new double[] {-0.98, -0.98}, g[0], 0);
        assertArrayEquals(new double[] {0, 0}, g[4], 1e-15);
        assertArrayEquals(new double[] {0.98, 0.98}, g[8], 0);
        assertEquals(8, RaddDynamics.gridStarts(3, 2).length);
        assertThrows(IllegalArgumentException.class, () -> RaddDynamics.gridStarts(10, 10));
    }

    @Test
    void nearestNetworkPointIsTheClosestProjectedPoint() {
        RaddModel m = new RaddModel(new double[][] {{2, 0}, {0, 0.5}}, NO_INPUT_WEIGHTS, NO_BIAS);
        RaddDynamics.Condition c = RaddDynamics.analyse(m, List.of("none"), new double[][] {ZERO_INPUT},
                RaddDynamics.gridStarts(2, 11), RaddDynamics.fixedPointConfig(), 5).get(0);
        FixedPoints self = c.fixedPoints();
        double[][] projected = new double[self.size()][];
        for (int k = 0; k < self.size(); k++) {
            double[] z = self.state(k);
            projected[self.size() - 1 - k] = new double[] {z[0] + 0.01, z[1]};
        }
        FixedPoints reversed = self;
        RaddDynamics.Condition w = c.withNetwork(reversed, projected);
        for (int k = 0; k < self.size(); k++) {
            int j = w.nearestNetworkPoint(k);
            assertEquals(self.size() - 1 - k, j);
            assertEquals(0.01, w.distanceToNetworkPoint(k, j), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> c.withNetwork(self, new double[1][2]));
        assertEquals(-1, c.nearestNetworkPoint(0));
    }
}
