package org.iblrnn.nn;

/**
 * What a training loop needs from a forward record of one sequence: steps forward with their
 * action probabilities and targets, then the loss and its exact gradient by backpropagation
 * through time. Implementations: {@link Tape} (float64, every cell) and {@link FloatTape}
 * (float32, the tanh RNN). Lifecycle: {@link #begin}, then per step {@link #forward} and
 * optionally {@link #target}, then {@link #backward} or {@link #loss}. One thread per tape.
 */
public interface SequenceTape {
    /** Starts a sequence with parameters {@code theta} and an all-zero initial state. */
    void begin(double[] theta);

    /** Runs one step on input {@code x[xOff..xOff+inputSize)}; returns the step index. */
    int forward(double[] x, int xOff);

    /** Sets the target and loss weight of the most recent step. */
    void target(int target, double weight);

    /** Steps recorded since {@link #begin}. */
    int length();

    /** Probability of output {@code o} at step {@code step}. */
    double prob(int step, int o);

    /** Changes the loss weight of an already recorded step. */
    void setWeight(int step, double weight);

    /** scale * sum_t w_t l_t without computing gradients. */
    double loss(Loss loss, double scale);

    /**
     * Backpropagation through the whole recorded sequence: adds d(loss)/d(theta) into
     * {@code grad} (not cleared first) and returns the loss, scale * sum_t w_t l_t.
     */
    double backward(Loss loss, double scale, double[] grad);
}
