package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Held-out scores computed by hand. */
class ScoresTest {
    private static final ChoiceSession S = new ChoiceSession(0, new double[] {0, 0.25, 1, 0.5}, new int[] {1, -1, 1, -1},
            new int[] {1, -1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5}, 0);

    @Test
    void logLikelihoodOfAKnownSequence() {
        double[] p = {0.8, 0.3, 0.9, 0.4};
        // responded trials: right at 0.8, left at 1 - 0.3, (no response), right at 0.4
        double expected = Math.log(0.8) + Math.log(0.7) + Math.log(0.4);
        assertEquals(expected, Scores.logLikelihood(S, p), 1e-15);
        // in bits per responded trial
        assertEquals(expected / 3 / Math.log(2), Scores.logLikelihood(S, p) / S.responses() / Math.log(2), 1e-15);
    }

    @Test
    void chanceIsMinusOneBit() {
        double[] p = {0.5, 0.5, 0.5, 0.5};
        assertEquals(-1.0, Scores.logLikelihood(S, p) / S.responses() / Math.log(2), 1e-15);
        assertEquals(1.5, Scores.correctPredictions(S, p), 0.0);
    }

    @Test
    void accuracyCountsPredictedSides() {
        double[] p = {0.8, 0.3, 0.1, 0.6};
        // right predicted right, left predicted left, (no response), right predicted... 0.6 > 0.5 -> right: correct
        assertEquals(3.0, Scores.correctPredictions(S, p), 0.0);
        double[] q = {0.2, 0.7, 0.1, 0.4};
        assertEquals(0.0, Scores.correctPredictions(S, q), 0.0);
    }

    @Test
    void anImpossibleChoiceCostsTheFloorNotInfinity() {
        double[] p = {0.0, 0.3, 0.5, 0.4};
        assertEquals(Math.log(Scores.FLOOR) + Math.log(0.7) + Math.log(0.4), Scores.logLikelihood(S, p), 1e-12);
    }
}
