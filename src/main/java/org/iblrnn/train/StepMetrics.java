package org.iblrnn.train;

/**
 * Behaviour and loss of one gradient step (or an aggregate over several), summed over its sessions.
 *
 * @param gradientSteps number of gradient steps aggregated
 * @param lossSum       sum over gradient steps of the objective
 * @param trials        trials completed
 * @param actions       trials ended by an action (not a timeout)
 * @param correct       trials ended by a correct action
 * @param rnnSteps      RNN steps taken (blank steps included)
 */
public record StepMetrics(long gradientSteps, double lossSum, long trials, long actions, long correct,
                          long rnnSteps) {
    public static final StepMetrics EMPTY = new StepMetrics(0, 0, 0, 0, 0, 0);

    public StepMetrics plus(StepMetrics o) {
        return new StepMetrics(gradientSteps + o.gradientSteps, lossSum + o.lossSum, trials + o.trials,
                actions + o.actions, correct + o.correct, rnnSteps + o.rnnSteps);
    }

    /** Mean objective per gradient step. */
    public double loss() {
        return gradientSteps == 0 ? Double.NaN : lossSum / gradientSteps;
    }

    /** Fraction of trials ended by a correct action (timeouts count as incorrect). */
    public double fractionCorrect() {
        return trials == 0 ? Double.NaN : (double) correct / trials;
    }

    /** Fraction of trials ended by an action. */
    public double fractionActions() {
        return trials == 0 ? Double.NaN : (double) actions / trials;
    }

    /** Fraction of actions that were correct. */
    public double correctAmongActions() {
        return actions == 0 ? Double.NaN : (double) correct / actions;
    }

    /** Mean RNN steps per trial, blank steps included. */
    public double stepsPerTrial() {
        return trials == 0 ? Double.NaN : (double) rnnSteps / trials;
    }
}
