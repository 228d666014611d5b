package org.iblrnn.nn;

import java.util.Arrays;

/**
 * What {@link Tape} and {@link FloatTape} record alike for each step, whatever the precision of
 * their states: the logits and probabilities of the readout, the target and its loss weight;
 * with the step count, the capacity and the parameters of the current sequence. Subclasses keep
 * their own per-step states and grow them in {@link #allocate(int)}.
 */
abstract class TapeSteps implements SequenceTape {
    final RecurrentModel model;
    /** Outputs of the readout. */
    final int k;
    double[] theta;
    int capacity;
    /** Steps recorded since {@link #begin}. */
    int t;
    double[] logits;
    double[] probs;
    int[] targets;
    double[] weights;

    TapeSteps(RecurrentModel model) {
        this.model = model;
        this.k = model.config().outputSize();
    }

    /** Grows every per-step array to {@code cap} steps (the subclass's, then {@link #growSteps}). */
    abstract void allocate(int cap);

    /** Grows the arrays of this class to {@code cap} steps. */
    final void growSteps(int cap) {
        capacity = cap;
        logits = logits == null ? new double[cap * k] : Arrays.copyOf(logits, cap * k);
        probs = probs == null ? new double[cap * k] : Arrays.copyOf(probs, cap * k);
        targets = targets == null ? new int[cap] : Arrays.copyOf(targets, cap);
        weights = weights == null ? new double[cap] : Arrays.copyOf(weights, cap);
    }

    /** Checks and keeps {@code theta} (by reference) and forgets the recorded steps. */
    final void startSequence(double[] theta) {
        model.checkParameters(theta);
        this.theta = theta;
        t = 0;
    }

    /** Before a forward step: checks that a sequence was begun and makes room for the step. */
    final void prepareStep() {
        if (theta == null) {
            throw new IllegalStateException("begin() must be called before forward()");
        }
        if (t == capacity) {
            allocate(capacity * 2);
        }
    }

    /** After a forward step wrote its logits and probabilities: no target yet; returns its index. */
    final int finishStep() {
        targets[t] = -1;
        weights[t] = 0.0;
        return t++;
    }

    public RecurrentModel model() {
        return model;
    }

    /** Sets the target and loss weight of the most recent step. */
    @Override
    public final void target(int target, double weight) {
        if (t == 0) {
            throw new IllegalStateException("target() needs a forward() step first");
        }
        if (target < 0 || target >= k) {
            throw new IllegalArgumentException("target must be in [0, " + k + "), got " + target);
        }
        targets[t - 1] = target;
        weights[t - 1] = weight;
    }

    /** Steps recorded since {@link #begin(double[])}. */
    @Override
    public final int length() {
        return t;
    }

    /** Probability of output {@code o} at step {@code step}. */
    @Override
    public final double prob(int step, int o) {
        return probs[step * k + o];
    }

    /** Logit of output {@code o} at step {@code step}. */
    public final double logit(int step, int o) {
        return logits[step * k + o];
    }

    /** Target of step {@code step}, or -1 if none. */
    public final int targetAt(int step) {
        return targets[step];
    }

    /** Loss weight of step {@code step}. */
    public final double weightAt(int step) {
        return weights[step];
    }

    /** Changes the loss weight of an already recorded step (e.g. to drop the session's final step). */
    @Override
    public final void setWeight(int step, double weight) {
        if (step < 0 || step >= t) {
            throw new IllegalArgumentException("step must be in [0, " + t + "), got " + step);
        }
        weights[step] = weight;
    }

    /** scale * sum_t w_t l_t without computing gradients. */
    @Override
    public final double loss(Loss loss, double scale) {
        double sum = 0;
        for (int s = 0; s < t; s++) {
            if (weights[s] != 0.0) {
                sum += weights[s] * loss.value(logits, probs, s * k, k, targets[s]);
            }
        }
        return scale * sum;
    }
}
