package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.Test;

/** The lapse-psychometric family: exact gradients and parameter recovery from simulated choices. */
class LapsePsychometricTest {
    private static final BlockLengths LAW = BlockLengths.TruncatedExponential.ibl();

    private static List<LapsePsychometric> family() {
        return List.of(new Psychometric(), new OracleBlock(), ExponentialKernel.action(), ExponentialKernel.stimulus(),
                new BayesPrior(LAW, 0.8), new BayesPriorFitted(0.8), new HistoryGlm());
    }

    @Test
    void gradientsMatchCentralDifferences() {
        List<ChoiceSession> data = ChoiceSimulator.simulate(new ChoiceSimulator.Truth("action", 0.2, 3, 4, 0.05, 0.1,
                1.5, 0.8, 0.02), 3, 30, 3, 11);
        SplittableRandom rng = new SplittableRandom(5);
        for (LapsePsychometric m : family()) {
            int dim = 5 + m.regressorNames().size() + m.nonlinearNames().size();
            for (int rep = 0; rep < 3; rep++) {
                double[] theta = new double[dim];
                for (int i = 0; i < dim; i++) {
                    theta[i] = rng.nextDouble(-1.5, 1.5);
                }
                double[] grad = new double[dim];
                m.objective(data, theta, grad);
                for (int i = 0; i < dim; i++) {
                    double h = 1e-6;
                    double[] tp = theta.clone();
                    double[] tm = theta.clone();
                    tp[i] += h;
                    tm[i] -= h;
                    double[] scratch = new double[dim];
                    double fd = (m.objective(data, tp, scratch) - m.objective(data, tm, scratch)) / (2 * h);
                    assertEquals(fd, grad[i], 1e-7 + 1e-6 * Math.abs(fd), m.name() + " parameter " + i);
                }
            }
        }
    }

    /**
     * Each model recovers the parameters it simulated, on ~40,000 simulated responses (70
     * sessions of 90 + 10 blocks). Standard errors at this n: ~0.008 for P(right) at each of the
     * 9 signed contrasts (sqrt(0.25 / 4,400)), ~0.06 for a prior weight,
     * ~0.01 for a decay; the tolerances are 3-5 of them. 
     */
    @Test
    void recoversSimulatedParameters() {
        record Case(LapsePsychometric model, ChoiceSimulator.Truth truth, String nonlinear) {
        }
        List<Case> cases = List.of(
                new Case(new Psychometric(), new ChoiceSimulator.Truth("none", -0.3, 6, 5, 0.05, 0.1, 0, 0, 0), null),
                new Case(new OracleBlock(), new ChoiceSimulator.Truth("oracle", 0.2, 6, 4, 0.03, 0.06, 1.2, 0, 0), null),
                new Case(ExponentialKernel.action(), new ChoiceSimulator.Truth("action", 0.1, 6, 5, 0.04, 0.04, 1.5, 0.8,
                        0.01), "decay"),
                new Case(ExponentialKernel.stimulus(), new ChoiceSimulator.Truth("stimulus", 0.1, 6, 5, 0.04, 0.04, 1.5,
                        0.85, 0.01), "decay"),
                new Case(new BayesPrior(LAW, 0.8), new ChoiceSimulator.Truth("bayes", -0.2, 6, 5, 0.05, 0.02, 1.8, 0,
                        0.01), null));
        for (long seed = 1; seed <= 3; seed++) {
            for (Case c : cases) {
                List<ChoiceSession> data = ChoiceSimulator.simulate(c.truth(), 70, 90, 10, seed * 100 + 7);
                ChoiceFit fit = c.model().fit(data, seed).fit();
                String at = c.model().name() + " seed " + seed + ": " + fit.names() + " = "
                        + java.util.Arrays.toString(fit.values());
                assertTrue(fit.converged(), at + " " + fit.note());
                assertEquals(c.truth().bias(), fit.value("bias"), 0.12, at);
                // weight, compression and lapses trade off (at IBL's contrasts a lapse of 0.1 and a weight of
                // 6 give the same curve as 0.06 and 3.3 with more compression): the curve is what is identified
                for (double sc : new double[] {-1, -0.25, -0.125, -0.0625, 0, 0.0625, 0.125, 0.25, 1}) {
                    assertEquals(curve(c.truth().bias(), c.truth().weight(), c.truth().k(), c.truth().lo(),
                            c.truth().hi(), sc), curve(fit.value("bias"), fit.value("contrast_weight"),
                            fit.value("contrast_k"), fit.value("lapse_low"), fit.value("lapse_high"), sc), 0.025,
                            at + " at contrast " + sc);
                }
                if (!c.model().regressorNames().isEmpty()) {
                    assertEquals(c.truth().beta(), fit.value("prior_weight"), 0.3, at);
                }
                if (c.nonlinear() != null) {
                    assertEquals(c.truth().alpha(), fit.value(c.nonlinear()), 0.04, at);
                }
            }
        }
    }

    /** P(right) of the core with no prior term. */
    private static double curve(double bias, double w, double k, double lo, double hi, double c) {
        return lo + (1 - lo - hi) / (1 + Math.exp(-(bias + w * ContrastTransform.value(c, k))));
    }

    @Test
    void historyGlmRegressorsFollowTheirDefinition() {
        ChoiceSession s = new ChoiceSession(0, new double[] {0.25, 0, 1, 0.5, 0.125}, new int[] {1, -1, 1, -1, 1},
                new int[] {1, 1, 0, -1, 1}, new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, 0);
        double[][] x = new double[2][5];
        new HistoryGlm().regressors(s, new double[0], x, null);
        // t0: none; t1: prev right rewarded; t2: prev right unrewarded; t3: prev no response; t4: prev left rewarded
        assertEquals(List.of(0.0, 1.0, 1.0, 0.0, -1.0), List.of(x[0][0], x[0][1], x[0][2], x[0][3], x[0][4]));
        assertEquals(List.of(0.0, 1.0, -1.0, 0.0, -1.0), List.of(x[1][0], x[1][1], x[1][2], x[1][3], x[1][4]));
    }

    @Test
    void actionKernelSkipsNoResponsesAndStimulusKernelDoesNot() {
        ChoiceSession s = new ChoiceSession(0, new double[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1},
                new double[] {0.5, 0.5, 0.5}, 0);
        double[][] xa = new double[1][3];
        double[][] xs = new double[1][3];
        double raw = LapsePsychometric.logit(0.5);
        ExponentialKernel.action().regressors(s, new double[] {raw}, xa, null);
        ExponentialKernel.stimulus().regressors(s, new double[] {raw}, xs, null);
        // action: p stays 0.5 after the no-response, then 0.75; stimulus: 0.75 then 0.875
        assertEquals(0.0, xa[0][1], 1e-15);
        assertEquals(0.5, xa[0][2], 1e-15);
        assertEquals(0.5, xs[0][1], 1e-15);
        assertEquals(0.75, xs[0][2], 1e-15);
    }
}
