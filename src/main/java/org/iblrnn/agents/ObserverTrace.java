package org.iblrnn.agents;

import java.util.Arrays;

/**
 * Per-trial output of a {@link BayesianObserver} on a recorded session. All arrays have shape
 * [nTrials] and are copied in and out. Probabilities are of the right side.
 *
 * @param stimSide              true stimulus side, -1 / +1
 * @param observations          observation steps the observer used (those the agent saw)
 * @param blockPriorRight       block belief before the trial: EXACT P(b_n = R | s_{&lt;n}) (predicted);
 *                              REFERENCE the filtered P(b_{n-1} = R | s_{&lt;n}) without the
 *                              transition (0.5 on trial 0)
 * @param blockPosteriorRight   P(b_n = R | s_{&lt;=n}) after the trial's true side
 * @param stimulusPriorRight    P(s_n = R) before the trial's observations
 * @param stimulusPosteriorRight P(s_n = R | observations seen, history) at the agent's decision step
 * @param favouredSide          +1 if the posterior exceeds 1/2, else -1 (ties left, as the code's
 *                              2 round(p) - 1 with round-half-even)
 * @param correct               favouredSide == stimSide
 */
public record ObserverTrace(int[] stimSide, int[] observations, double[] blockPriorRight,
                            double[] blockPosteriorRight, double[] stimulusPriorRight,
                            double[] stimulusPosteriorRight, int[] favouredSide, boolean[] correct) {
    public ObserverTrace {
        if (stimSide == null || observations == null || blockPriorRight == null || blockPosteriorRight == null
                || stimulusPriorRight == null || stimulusPosteriorRight == null || favouredSide == null
                || correct == null) {
            throw new IllegalArgumentException("all per-trial arrays must be given, got a null");
        }
        int n = stimSide.length;
        if (observations.length != n || blockPriorRight.length != n || blockPosteriorRight.length != n
                || stimulusPriorRight.length != n || stimulusPosteriorRight.length != n
                || favouredSide.length != n || correct.length != n) {
            throw new IllegalArgumentException("all per-trial arrays must have length " + n);
        }
        stimSide = stimSide.clone();
        observations = observations.clone();
        blockPriorRight = blockPriorRight.clone();
        blockPosteriorRight = blockPosteriorRight.clone();
        stimulusPriorRight = stimulusPriorRight.clone();
        stimulusPosteriorRight = stimulusPosteriorRight.clone();
        favouredSide = favouredSide.clone();
        correct = correct.clone();
    }

    public int trialCount() {
        return stimSide.length;
    }

    /** Fraction of trials whose favoured side is the true side; NaN for no trials. */
    public double fractionCorrect() {
        if (correct.length == 0) {
            return Double.NaN;
        }
        int c = 0;
        for (boolean b : correct) {
            if (b) {
                c++;
            }
        }
        return (double) c / correct.length;
    }

    @Override
    public int[] stimSide() {
        return stimSide.clone();
    }

    @Override
    public int[] observations() {
        return observations.clone();
    }

    @Override
    public double[] blockPriorRight() {
        return blockPriorRight.clone();
    }

    @Override
    public double[] blockPosteriorRight() {
        return blockPosteriorRight.clone();
    }

    @Override
    public double[] stimulusPriorRight() {
        return stimulusPriorRight.clone();
    }

    @Override
    public double[] stimulusPosteriorRight() {
        return stimulusPosteriorRight.clone();
    }

    @Override
    public int[] favouredSide() {
        return favouredSide.clone();
    }

    @Override
    public boolean[] correct() {
        return correct.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObserverTrace t && Arrays.equals(t.stimSide, stimSide)
                && Arrays.equals(t.observations, observations) && Arrays.equals(t.blockPriorRight, blockPriorRight)
                && Arrays.equals(t.blockPosteriorRight, blockPosteriorRight)
                && Arrays.equals(t.stimulusPriorRight, stimulusPriorRight)
                && Arrays.equals(t.stimulusPosteriorRight, stimulusPosteriorRight)
                && Arrays.equals(t.favouredSide, favouredSide) && Arrays.equals(t.correct, correct);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(stimSide);
        h = 31 * h + Arrays.hashCode(observations);
        h = 31 * h + Arrays.hashCode(blockPriorRight);
        h = 31 * h + Arrays.hashCode(blockPosteriorRight);
        h = 31 * h + Arrays.hashCode(stimulusPriorRight);
        h = 31 * h + Arrays.hashCode(stimulusPosteriorRight);
        h = 31 * h + Arrays.hashCode(favouredSide);
        return 31 * h + Arrays.hashCode(correct);
    }

    @Override
    public String toString() {
        return "ObserverTrace[" + trialCount() + " trials, fraction correct " + fractionCorrect() + "]";
    }
}
