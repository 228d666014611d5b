package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.iblrnn.nn.Cell;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.ReferenceCells;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FixedPointFinder} on GRU and LSTM networks: the map is the cell's own step on the carried
 * state (h for the GRU, (h, c) for the LSTM), its Jacobians agree with central differences, and
 * the points found are verified against an independent scalar implementation of the cell.
 */
class FixedPointCellsTest {
    /** Central difference step: truncation ~ h^2 |F'''| ~ 1e-12, round-off ~ 1e-16 / h ~ 1e-10. */
    private static final double FD_STEP = 1e-6;
    /**
     * Jacobian vs central differences: |a - n| &lt;= JACOBIAN_REL max(JACOBIAN_FLOOR, |a| + |n|),
     * as in {@link FixedPointFinderTest} (the quotient's round-off, ~1e-10 absolute, sets the floor).
     */
    private static final double JACOBIAN_REL = 1e-6;
    private static final double JACOBIAN_FLOOR = 1e-3;
    /**
     * Residual of a converged point, ||F(x*) - x*|| with F evaluated by the scalar reference
     * (Math.tanh): the search stops at q &lt;= 1e-20 (||r|| ~ 1.4e-10), and the reference differs
     * from the kernel's step by rounding (~1e-14).
     */
    private static final double RESIDUAL = 1e-9;

    private static RecurrentModel model(String cell, int h) {
        return new RecurrentModel(new ModelConfig(cell, 3, h, 2));
    }

    private static double[] theta(RecurrentModel m, long seed, double gain) {
        double[] theta = m.initialise(new SplittableRandom(seed));
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= gain;
        }
        return theta;
    }

    /** F by the scalar reference cell, on the carried state. */
    private static double[] referenceStep(RecurrentModel m, double[] theta, double[] x, double[] s) {
        int h = m.config().hiddenSize();
        if (m.config().cell().equals("gru")) {
            return ReferenceCells.gru(theta, 3, h, x, s)[0];
        }
        double[][] r = ReferenceCells.lstm(theta, 3, h, x, Arrays.copyOfRange(s, 0, h), Arrays.copyOfRange(s, h, 2 * h));
        double[] out = new double[2 * h];
        System.arraycopy(r[0], 0, out, 0, h);
        System.arraycopy(r[1], 0, out, h, h);
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double[] randomState(SplittableRandom rng, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextDouble(-1, 1);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void stepIsTheCellsOwnStepOnTheCarriedState(String cell) {
        RecurrentModel m = model(cell, 5);
        Cell c = m.cell();
        int n = c.carriedSize();
        assertEquals(cell.equals("lstm") ? 10 : 5, n);
        double[] theta = theta(m, 3, 2.0);
        double[] x = {0.2, 1.2, -0.05};
        double[] s = randomState(new SplittableRandom(4), n);
        Cell.Kernel k = c.newKernel();
        k.load(theta, 0);
        double[] prev = Arrays.copyOf(s, c.stateSize());
        double[] out = new double[c.stateSize()];
        k.forward(x, prev, out);
        assertArrayEquals(Arrays.copyOf(out, n), FixedPointFinder.step(m, theta, x, s), 0.0);
        double[][] both = FixedPointFinder.stepAll(m, theta, x, new double[][] {s, s});
        assertArrayEquals(Arrays.copyOf(out, n), both[1], 0.0);
        assertArrayEquals(referenceStep(m, theta, x, s), both[0], 1e-13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void jacobiansMatchCentralDifferences(String cell) {
        SplittableRandom rng = new SplittableRandom(cell.length());
        double maxAbs = 0;
        for (int trial = 0; trial < 12; trial++) {
            int h = 1 + trial % 4;
            RecurrentModel m = model(cell, h);
            double[] theta = theta(m, 100 + trial, 3.0);
            int n = m.cell().carriedSize();
            double[] x = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] s = randomState(rng, n);
            double[][] j = FixedPointFinder.jacobian(m, theta, x, s);
            double[][] jx = FixedPointFinder.inputJacobian(m, theta, x, s);
            assertEquals(n, j.length);
            assertEquals(n, jx.length);
            assertEquals(3, jx[0].length);
            for (int col = 0; col < n; col++) {
                double[] sp = s.clone();
                double[] sm = s.clone();
                sp[col] += FD_STEP;
                sm[col] -= FD_STEP;
                double[] fp = FixedPointFinder.step(m, theta, x, sp);
                double[] fm = FixedPointFinder.step(m, theta, x, sm);
                for (int row = 0; row < n; row++) {
                    double num = (fp[row] - fm[row]) / (2 * FD_STEP);
                    double a = j[row][col];
                    maxAbs = Math.max(maxAbs, Math.abs(a));
                    assertTrue(Math.abs(a - num) <= JACOBIAN_REL * Math.max(JACOBIAN_FLOOR, Math.abs(a) + Math.abs(num)),
                            cell + " H=" + h + " dF" + row + "/ds" + col + ": " + a + " vs " + num);
                }
            }
            for (int col = 0; col < 3; col++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[col] += FD_STEP;
                xm[col] -= FD_STEP;
                double[] fp = FixedPointFinder.step(m, theta, xp, s);
                double[] fm = FixedPointFinder.step(m, theta, xm, s);
                for (int row = 0; row < n; row++) {
                    double num = (fp[row] - fm[row]) / (2 * FD_STEP);
                    double a = jx[row][col];
                    assertTrue(Math.abs(a - num) <= JACOBIAN_REL * Math.max(JACOBIAN_FLOOR, Math.abs(a) + Math.abs(num)),
                            cell + " H=" + h + " dF" + row + "/dx" + col + ": " + a + " vs " + num);
                }
            }
        }
        assertTrue(maxAbs > 0.1, "the recurrent Jacobians must not be trivially small: " + maxAbs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void fixedPointsAreFoundAndVerified(String cell) {
        RecurrentModel m = model(cell, 4);
        int n = m.cell().carriedSize();
        double[] theta = theta(m, 9, 2.0);
        double[] x = {0.5, 0.0, 1.0};
        SplittableRandom rng = new SplittableRandom(10);
        double[][] starts = new double[24][];
        for (int s = 0; s < starts.length; s++) {
            starts[s] = randomState(rng, n);
        }
        FixedPoints fp = FixedPointFinder.find(m, theta, x, starts, FixedPointConfig.defaults());
        assertTrue(fp.size() >= 1, "no fixed point found");
        int converged = 0;
        for (int k = 0; k < fp.size(); k++) {
            double[] p = fp.state(k);
            assertEquals(n, p.length);
            assertEquals(n, fp.jacobian(k).length);
            if (fp.converged()[k]) {
                converged++;
                double r = dist(referenceStep(m, theta, x, p), p);
                assertTrue(r <= RESIDUAL, cell + " point " + k + ": |F(x*) - x*| = " + r);
            }
        }
        assertTrue(converged >= 1, "no converged point");

        // forward iteration from a start lands on a STABLE point the search also found
        double[] s = starts[0].clone();
        for (int t = 0; t < 5000; t++) {
            s = FixedPointFinder.step(m, theta, x, s);
        }
        assertTrue(dist(FixedPointFinder.step(m, theta, x, s), s) < 1e-12, "iteration did not settle");
        boolean matched = false;
        for (int k = 0; k < fp.size(); k++) {
            if (dist(fp.state(k), s) < 1e-6) {
                matched = true;
                assertEquals(FixedPoints.Stability.STABLE, fp.stability()[k]);
                assertTrue(fp.maxModulus(k) < 1);
            }
        }
        assertTrue(matched, "the attractor " + Arrays.toString(s) + " was not among the found points");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void statesMustHaveTheCarriedSize(String cell) {
        RecurrentModel m = model(cell, 3);
        double[] theta = theta(m, 1, 1.0);
        int n = m.cell().carriedSize();
        double[][] wrong = {new double[n + 1]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.find(m, theta, new double[3], wrong, FixedPointConfig.defaults()));
        assertTrue(e.getMessage().contains("starts[0] must have length " + n), e.getMessage());
        if (cell.equals("lstm")) {
            // an LSTM's state is (h, c): an h alone is rejected
            assertThrows(IllegalArgumentException.class, () -> FixedPointFinder.step(m, theta, new double[3],
                    new double[3]));
        }
    }
}
