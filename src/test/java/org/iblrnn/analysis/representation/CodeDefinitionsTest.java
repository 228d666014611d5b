package org.iblrnn.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.iblrnn.analysis.dynamics.FixedPoints;

/** The paper code's stability rule: every |Re lambda| &lt; 1 and q at or below the 5% quantile of the starts' q. */
class CodeDefinitionsTest {
    /** Points with the given q and eigenvalues (real parts; imaginary parts as given), starts with the given q. */
    static FixedPoints points(double[] q, double[][] re, double[][] im, double[] startQ) {
        int k = q.length;
        int n = re[0].length;
        int s = startQ.length;
        FixedPoints.Stability[] st = new FixedPoints.Stability[k];
        Arrays.fill(st, FixedPoints.Stability.STABLE);
        FixedPoints.Outcome[] out = new FixedPoints.Outcome[s];
        Arrays.fill(out, FixedPoints.Outcome.CONVERGED);
        FixedPoints.Search search = new FixedPoints.Search(new double[s][n], new double[s][n], new double[s][n],
                startQ, new int[s], out, new int[s]);
        FixedPoints.LineAttractor none = new FixedPoints.LineAttractor(false, new int[0], new double[0], new double[0],
                0, 0, new double[0], new double[0], 0);
        return new FixedPoints(new double[3], new double[k][n], q, new boolean[k], st, re, im, new double[k][n][n],
                new int[k], search, 0, 0, none);
    }

    @Test
    void stableNeedsSmallRealPartsAndALowResidual() {
        double[] startQ = new double[101];
        for (int i = 0; i <= 100; i++) {
            startQ[i] = i; // 5% quantile = 5 (linear interpolation)
        }
        double[][] re = {{0.9, 0.5}, {0.9, 0.5}, {-1.2, 0.5}, {0.6, 0.6}, {0.9, 0.1}};
        double[][] im = {{0, 0}, {0, 0}, {0, 0}, {0.9, -0.9}, {0, 0}};
        double[] q = {1, 5, 1, 2, 5.01};
        // point 3: |lambda| = 1.08 > 1 but |Re lambda| = 0.6 < 1, stable by the code's rule
        assertArrayEquals(new boolean[] {true, true, false, true, false},
                CodeDefinitions.codeStable(points(q, re, im, startQ)));
        // non-finite start residuals are ignored by the quantile
        double[] withNaN = Arrays.copyOf(startQ, 102);
        withNaN[101] = Double.NaN;
        assertArrayEquals(new boolean[] {true, true, false, true, false},
                CodeDefinitions.codeStable(points(q, re, im, withNaN)));
    }
}
