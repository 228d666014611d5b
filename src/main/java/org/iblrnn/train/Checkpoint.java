package org.iblrnn.train;

/**
 * A training state frozen for storage: with its config it resumes the run bit for bit.
 * Randomness needs no stored generator state: every session's stream is derived from
 * (seed, gradient step, session index), see {@link Trainer}.
 *
 * @param config          the run's configuration
 * @param completedSteps  gradient steps done (the next step's index)
 * @param totalRnnSteps   RNN steps taken since the start of training
 * @param window          metrics accumulated since the last metrics row
 * @param wallSeconds     training wall time so far (not part of the result)
 * @param theta           parameters, flat in the model's layout
 * @param optimizerSteps  optimiser step count
 * @param optimizerState  optimiser buffers, named by {@link Optimizer#stateNames()}
 */
public record Checkpoint(TrainConfig config, long completedSteps, long totalRnnSteps, StepMetrics window,
                         double wallSeconds, double[] theta, long optimizerSteps, double[][] optimizerState) {
    public Checkpoint {
        theta = theta.clone();
        double[][] copy = new double[optimizerState.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = optimizerState[i].clone();
        }
        optimizerState = copy;
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[][] optimizerState() {
        double[][] copy = new double[optimizerState.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = optimizerState[i].clone();
        }
        return copy;
    }

    /** Freezes a live state. */
    public static Checkpoint of(TrainConfig config, TrainingState s, double wallSeconds) {
        return new Checkpoint(config, s.completedSteps(), s.totalRnnSteps(), s.window(), wallSeconds, s.theta(),
                s.optimizer().steps(), s.optimizer().state());
    }

    /** Thaws into a live state with a fresh optimiser restored from the stored buffers. */
    public TrainingState toState() {
        Optimizer opt = config.optimizer().create(theta.length);
        opt.restore(optimizerSteps, optimizerState);
        return new TrainingState(theta.clone(), opt, completedSteps, totalRnnSteps, window);
    }
}
