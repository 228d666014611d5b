package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iblrnn.agents.BlockFilter;
import org.iblrnn.agents.SemiMarkovBlockFilter;
import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.Test;

/** The Bayesian priors against the project's block filters, on hand-built sessions. */
class BayesPriorTest {
    private static final BlockLengths LAW = BlockLengths.TruncatedExponential.ibl();

    /** A session: 4 unbiased trials, then 30 right-block trials and 25 left-block ones (sides as given). */
    private static ChoiceSession handBuilt() {
        int n = 4 + 30 + 25;
        double[] c = new double[n];
        int[] side = new int[n];
        int[] choice = new int[n];
        double[] p = new double[n];
        for (int t = 0; t < n; t++) {
            c[t] = 0.25;
            boolean right = t < 4 ? t % 2 == 0 : (t < 34 ? t % 5 != 0 : t % 5 == 0);
            side[t] = right ? 1 : -1;
            choice[t] = t % 7 == 3 ? 0 : side[t];
            p[t] = t < 4 ? 0.5 : (t < 34 ? 0.8 : 0.2);
        }
        return new ChoiceSession(0, c, side, choice, p, 4);
    }

    @Test
    void exactPriorEqualsTheSemiMarkovFilterRunFromTheFirstBiasedTrial() {
        ChoiceSession s = handBuilt();
        double[][] x = new double[1][s.length()];
        new BayesPrior(LAW, 0.8).regressors(s, new double[0], x, null);
        SemiMarkovBlockFilter f = SemiMarkovBlockFilter.forLaw(LAW, 0.8);
        f.reset();
        for (int t = 0; t < s.length(); t++) {
            if (t < 4) {
                assertEquals(0.0, x[0][t], 0.0, "opening trial " + t);
                continue;
            }
            assertEquals(2 * f.stimulusPriorRight() - 1, x[0][t], 1e-15, "trial " + t);
            f.update(s.stimSideAt(t));
        }
        // the block is learnt: by the end of the right block the prior leans right, 10 trials into the left block left
        assertEquals(true, x[0][33] > 0.3);
        assertEquals(true, x[0][50] < -0.2);
    }

    @Test
    void fittedVariantEqualsTheMarkovFilterWithItsHazard() {
        ChoiceSession s = handBuilt();
        for (double h : new double[] {0.01, 0.05, 0.3}) {
            double[][] x = new double[1][s.length()];
            double[][][] dx = new double[1][1][s.length()];
            double raw = LapsePsychometric.logit(2 * h);
            new BayesPriorFitted(0.8).regressors(s, new double[] {raw}, x, dx);
            BlockFilter f = new BlockFilter(h, 0.8);
            f.reset();
            for (int t = 4; t < s.length(); t++) {
                assertEquals(2 * f.stimulusPriorRight() - 1, x[0][t], 1e-14, "h " + h + " trial " + t);
                f.update(s.stimSideAt(t));
            }
            // the derivative in the raw hazard, against central differences
            double e = 1e-6;
            double[][] xp = new double[1][s.length()];
            double[][] xm = new double[1][s.length()];
            new BayesPriorFitted(0.8).regressors(s, new double[] {raw + e}, xp, null);
            new BayesPriorFitted(0.8).regressors(s, new double[] {raw - e}, xm, null);
            for (int t = 0; t < s.length(); t++) {
                assertEquals((xp[0][t] - xm[0][t]) / (2 * e), dx[0][0][t], 1e-8, "h " + h + " trial " + t);
            }
        }
    }

    @Test
    void kernelDecayDerivativeMatchesCentralDifferences() {
        ChoiceSession s = handBuilt();
        for (ExponentialKernel k : new ExponentialKernel[] {ExponentialKernel.action(), ExponentialKernel.stimulus()}) {
            double raw = 0.7;
            double[][] x = new double[1][s.length()];
            double[][][] dx = new double[1][1][s.length()];
            k.regressors(s, new double[] {raw}, x, dx);
            double e = 1e-6;
            double[][] xp = new double[1][s.length()];
            double[][] xm = new double[1][s.length()];
            k.regressors(s, new double[] {raw + e}, xp, null);
            k.regressors(s, new double[] {raw - e}, xm, null);
            for (int t = 0; t < s.length(); t++) {
                assertEquals((xp[0][t] - xm[0][t]) / (2 * e), dx[0][0][t], 1e-8, k.name() + " trial " + t);
            }
        }
    }
}
