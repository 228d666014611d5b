package org.iblrnn.analysis.choice;

/**
 * Held-out scores of predicted choice probabilities: log-likelihood of the observed choices and
 * accuracy, over trials with a response only (a no-response trial has no choice to score).
 */
public final class Scores {
    private Scores() {
    }

    /** Smallest probability a prediction is scored at, so one impossible choice costs ~50 bits, not infinity. */
    public static final double FLOOR = 1e-15;

    /** Natural-log likelihood: sum over responded trials of log P(observed choice). */
    public static double logLikelihood(ChoiceSession s, double[] probRight) {
        check(s, probRight);
        double ll = 0;
        for (int t = 0; t < probRight.length; t++) {
            int c = s.choiceAt(t);
            if (c != 0) {
                ll += logProbability(c, probRight[t]);
            }
        }
        return ll;
    }

    /** log P(choice) for choice -1 or +1 under P(right) = p, floored at {@link #FLOOR}. */
    public static double logProbability(int choice, double p) {
        double q = choice > 0 ? p : 1 - p;
        return Math.log(Math.max(q, FLOOR));
    }

    /**
     * Correct predictions among responded trials: the model predicts right when P(right) &gt; 0.5,
     * left when &lt; 0.5, and counts half a trial at exactly 0.5.
     */
    public static double correctPredictions(ChoiceSession s, double[] probRight) {
        check(s, probRight);
        double k = 0;
        for (int t = 0; t < probRight.length; t++) {
            int c = s.choiceAt(t);
            if (c == 0) {
                continue;
            }
            double p = probRight[t];
            if (p == 0.5) {
                k += 0.5;
            } else if ((p > 0.5) == (c > 0)) {
                k += 1;
            }
        }
        return k;
    }

    private static void check(ChoiceSession s, double[] probRight) {
        if (probRight.length != s.length()) {
            throw new IllegalArgumentException("session " + s.id() + ": " + probRight.length
                    + " predictions for " + s.length() + " trials");
        }
    }
}
