package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.iblrnn.analysis.representation.Representation;

/**
 * The empirical field against the true field of an affine map simulated without noise: the mean
 * step of a bin equals the map's step at the bin's mean start exactly (linearity), so any error in
 * matching, binning or averaging shows up.
 */
class EmpiricalFieldTest {
    /** Sums of a few hundred doubles of size ~1. */
    private static final double SUM_ROUNDING = 1e-12;

    private static final double[][] A = {{0.9, 0.1}, {-0.05, 0.95}};
    private static final double[][] B = {{0.3, -0.2, 0.05}, {0.1, 0.1, 0.4}};

    static double[] step(double[] p, double[] x) {
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = A[i][0] * p[0] + A[i][1] * p[1] + B[i][0] * x[0] + B[i][1] * x[1] + B[i][2] * x[2];
        }
        return out;
    }

    /** The true step of the condition's exact input at p. */
    static double[] trueStep(double[] p, double[] c) {
        double[] n = step(p, c);
        return new double[] {n[0] - p[0], n[1] - p[1]};
    }

    @Test
    void meanStepOfEachBinIsTheTrueFieldAtItsMeanStart() {
        SplittableRandom rng = new SplittableRandom(3);
        int t = 20_000;
        double[][] p = new double[t][];
        double[][] x = new double[t][];
        p[0] = new double[] {0, 0};
        x[0] = new double[3];
        double[][] conds = Representation.CONDITIONS;
        for (int s = 1; s < t; s++) {
            // half the steps take a condition's exact input, the rest a random one
            x[s] = rng.nextBoolean() ? conds[rng.nextInt(conds.length)].clone()
                    : new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextBoolean() ? -0.05 : 0.5};
            p[s] = step(p[s - 1], x[s]);
        }
        EmpiricalField.Grid grid = EmpiricalField.Grid.covering(p, 15);
        int checkedBins = 0;
        for (double[] c : conds) {
            List<double[]> tails = new ArrayList<>();
            List<double[]> heads = new ArrayList<>();
            for (int s = 1; s < t; s++) {
                // exact inputs only: tolerance 0 (a random input never equals a condition)
                if (EmpiricalField.matches(x[s][0], x[s][1], x[s][2], c, 0)) {
                    tails.add(p[s - 1]);
                    heads.add(p[s]);
                }
            }
            EmpiricalField.Field f = EmpiricalField.bin("c", c, tails.toArray(double[][]::new),
                    heads.toArray(double[][]::new), null, grid, 5);
            assertEquals(tails.size(), f.matchedSteps());
            assertTrue(f.size() > 3, "bins " + f.size());
            for (int k = 0; k < f.size(); k++) {
                double[] ts = trueStep(new double[] {f.meanX()[k], f.meanY()[k]}, c);
                assertEquals(ts[0], f.dx()[k], SUM_ROUNDING, "bin " + f.bins()[k]);
                assertEquals(ts[1], f.dy()[k], SUM_ROUNDING, "bin " + f.bins()[k]);
                assertTrue(f.counts()[k] >= 5);
                assertEquals(f.bins()[k], grid.bin(f.meanX()[k], f.meanY()[k]), "a bin's mean start lies in it");
                checkedBins++;
            }
            assertEquals(0, f.modelDx().length);
        }
        assertTrue(checkedBins > 20);
    }

    @Test
    void modelOnTheSameStatesAgreesExactlyAndAWrongModelDoesNot() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] c = Representation.CONDITIONS[2];
        int m = 3000;
        double[][] tails = new double[m][];
        double[][] heads = new double[m][];
        double[][] wrong = new double[m][];
        for (int s = 0; s < m; s++) {
            tails[s] = new double[] {4 * rng.nextDouble() - 2, 2 * rng.nextDouble() - 1};
            heads[s] = step(tails[s], c);
            wrong[s] = new double[] {tails[s][0] - (heads[s][1] - tails[s][1]), tails[s][1] + (heads[s][0] - tails[s][0])};
        }
        EmpiricalField.Grid grid = EmpiricalField.Grid.covering(tails, 7);
        EmpiricalField.Field same = EmpiricalField.bin("right", c, tails, heads, heads, grid, 10);
        EmpiricalField.Agreement a = EmpiricalField.agreementWithModel(same);
        assertEquals(same.size(), a.bins());
        assertEquals(1.0, a.meanCosine(), 1e-12);
        assertEquals(0.0, a.relativeError(), 1e-12);
        // a model whose steps are rotated by 90 degrees
        EmpiricalField.Agreement b = EmpiricalField.agreementWithModel(
                EmpiricalField.bin("right", c, tails, heads, wrong, grid, 10));
        assertEquals(0.0, b.meanCosine(), 1e-9);
        assertEquals(Math.sqrt(2), b.relativeError(), 1e-9);
        // the true field at the grid points, compared bin by bin through the grid
        int g = grid.size();
        double[] gx = new double[g];
        double[] gy = new double[g];
        double[] gdx = new double[g];
        double[] gdy = new double[g];
        for (int k = 0; k < g; k++) {
            gx[k] = grid.centreX(k);
            gy[k] = grid.centreY(k);
            double[] ts = trueStep(new double[] {gx[k], gy[k]}, c);
            gdx[k] = ts[0];
            gdy[k] = ts[1];
        }
        EmpiricalField.Agreement vg = EmpiricalField.agreementWithGrid(same, grid, gx, gy, gdx, gdy);
        assertEquals(same.size(), vg.bins());
        assertTrue(vg.meanCosine() > 0.99, "cos " + vg.meanCosine());
        assertTrue(vg.relativeError() < 0.2, "err " + vg.relativeError());
    }

    @Test
    void sparseBinsAreLeftBlank() {
        double[][] tails = {{0, 0}, {0, 0}, {0, 0}, {1, 1}};
        double[][] heads = {{0.1, 0}, {0.2, 0}, {0.3, 0}, {1, 2}};
        EmpiricalField.Grid grid = new EmpiricalField.Grid(0, 0, 1, 1, 2, 2);
        EmpiricalField.Field f = EmpiricalField.bin("x", new double[3], tails, heads, null, grid, 3);
        assertEquals(1, f.size());
        assertEquals(0, f.bins()[0]);
        assertEquals(3, f.counts()[0]);
        assertEquals(0.2, f.dx()[0], 1e-15);
        assertEquals(4, f.matchedSteps());
        assertEquals(3, f.reportedSteps());
        assertEquals(2, EmpiricalField.bin("x", new double[3], tails, heads, null, grid, 1).size());
    }

    @Test
    void conditionMatchingAndGridBins() {
        double[] left = Representation.CONDITIONS[0];
        assertTrue(EmpiricalField.matches(1.2 + 0.149, 0.2 - 0.149, -0.05, left, 0.15));
        assertFalse(EmpiricalField.matches(1.2 + 0.151, 0.2, -0.05, left, 0.15));
        assertTrue(EmpiricalField.matches(1.2, 0.2, 0.0, left, 0.15), "first observation step: reward input 0");
        assertFalse(EmpiricalField.matches(1.2, 0.2, 1.0, left, 0.15), "feedback must be the penalty or 0");
        assertTrue(EmpiricalField.matches(0, 0, 0, Representation.CONDITIONS[4], 0));
        assertFalse(EmpiricalField.matches(0, 0, 1, Representation.CONDITIONS[4], 0.15));
        assertTrue(EmpiricalField.matches(0, 0, 1, Representation.CONDITIONS[5], 0.15));
        assertFalse(EmpiricalField.matches(0.1, -0.05, 0, Representation.CONDITIONS[4], 0.15),
                "an observation step is not a blank step, however small its observations");

        double[][] pts = {{-1, 2}, {3, 4}};
        EmpiricalField.Grid g = EmpiricalField.Grid.covering(pts, 5);
        assertEquals(25, g.size());
        for (int b = 0; b < g.size(); b++) {
            assertEquals(b, g.bin(g.centreX(b), g.centreY(b)));
        }
        assertEquals(-1, g.bin(-1 - 0.6, 2));
        assertEquals(-1, g.bin(Double.NaN, 2));
        assertEquals(0, g.bin(-1 - 0.4, 2 - 0.2));
        assertThrows(IllegalArgumentException.class, () -> new EmpiricalField.Grid(0, 0, 0, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalField.bin("x", new double[3],
                new double[1][2], new double[2][2], null, g, 1));
    }
}
