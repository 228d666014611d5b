package org.iblrnn.train;

/**
 * A first-order optimiser with explicit, exportable state.
 *
 * <p>Lifecycle: created fresh for a parameter count, {@link #step} once per gradient step,
 * {@link #state()} / {@link #restore(long, double[][])} to checkpoint and resume bit-exactly.
 */
public interface Optimizer {
    /** Updates {@code theta} in place from {@code grad} (not modified). */
    void step(double[] theta, double[] grad);

    /** Number of steps taken. */
    long steps();

    /** Copies of the state buffers, in a fixed order named by {@link #stateNames()}. */
    double[][] state();

    /** Names of the state buffers ("momentum_buffer"; "exp_avg", "exp_avg_sq"). */
    String[] stateNames();

    /** Restores the state written by {@link #state()} after {@code steps} steps. */
    void restore(long steps, double[][] state);
}
