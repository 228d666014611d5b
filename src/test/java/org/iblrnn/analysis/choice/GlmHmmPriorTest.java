package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The GLM-HMM's prior: the predictive for a zero-contrast trial t with every other trial as it was. */
class GlmHmmPriorTest {
    @Test
    void priorIsThePredictiveWithOnlyTrialTsContrastZeroed() {
        GlmHmm.Fitted m = GlmHmm.Fitted.of(new double[][] {{6, 0.5, 1.2}, {4, -0.3, -1.5}},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}}, new double[] {0.6, 0.4});
        ChoiceSession s = ChoiceSimulator.simulate(new ChoiceSimulator.Truth("none", 0, 4, 5, 0.05, 0.05, 0, 0, 0.05),
                1, 0, 2, 17).get(0);
        double[] prior = m.priorProbRight(s);
        for (int t : List.of(0, 1, 7, 30, s.length() - 1)) {
            double[] c = s.contrast();
            c[t] = 0;
            ChoiceSession zeroedAtT = new ChoiceSession(0, c, s.stimSide(), s.choice(), s.blockProbRight(), 0);
            assertEquals(m.probRight(zeroedAtT)[t], prior[t], 1e-15, "trial " + t);
        }
    }
}
