package org.iblrnn.train;

/**
 * The complete mutable state of a training run between gradient steps: with the
 * {@link TrainConfig} it determines the rest of the run bit for bit.
 *
 * <p>Owned by one thread. {@code theta} is updated in place by {@link Trainer#step}.
 */
public final class TrainingState {
    private final double[] theta;
    private final Optimizer optimizer;
    private long completedSteps;
    private long totalRnnSteps;
    private StepMetrics window;

    public TrainingState(double[] theta, Optimizer optimizer, long completedSteps, long totalRnnSteps,
                         StepMetrics window) {
        this.theta = theta;
        this.optimizer = optimizer;
        this.completedSteps = completedSteps;
        this.totalRnnSteps = totalRnnSteps;
        this.window = window;
    }

    /** The parameters (live reference). */
    public double[] theta() {
        return theta;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Gradient steps completed; the next step has this index. */
    public long completedSteps() {
        return completedSteps;
    }

    /** RNN steps taken since the start of training, over all sessions. */
    public long totalRnnSteps() {
        return totalRnnSteps;
    }

    /** Metrics accumulated since the last metrics row. */
    public StepMetrics window() {
        return window;
    }

    /** Clears the metrics window (after a metrics row is written). */
    public void resetWindow() {
        window = StepMetrics.EMPTY;
    }

    void advance(StepMetrics m) {
        completedSteps++;
        totalRnnSteps += m.rnnSteps();
        window = window.plus(m);
    }
}
