package org.iblrnn.nn;

import java.util.SplittableRandom;

/**
 * A fixed (open-loop) input sequence with per-step targets and loss weights, and the plumbing to
 * run it through a {@link Tape}: the loss as a function of theta with the inputs held fixed, which
 * is exactly the function BPTT differentiates. Test fixture.
 */
public final class OpenLoop {
    /** Inputs, shape [T][I]. */
    private final double[][] x;
    /** Target per step, -1 for none. */
    private final int[] target;
    /** Loss weight per step (0 where there is no target). */
    private final double[] weight;

    public OpenLoop(double[][] x, int[] target, double[] weight) {
        if (x.length != target.length || x.length != weight.length) {
            throw new IllegalArgumentException("x, target and weight must have the same length, got "
                    + x.length + ", " + target.length + ", " + weight.length);
        }
        this.x = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            this.x[t] = x[t].clone();
        }
        this.target = target.clone();
        this.weight = weight.clone();
    }

    /**
     * Random sequence: inputs ~ N(0, 1) (a few exact zeros), random targets, weight 1 except that
     * each step gets weight 0 with probability {@code pZero} (and step {@code zeroStep}, if >= 0,
     * always does). Every weight-0 step still carries a valid target, so tests can check that it
     * is ignored.
     */
    public static OpenLoop random(SplittableRandom rng, int steps, int inputs, int outputs, double pZero,
                                  int zeroStep) {
        double[][] x = new double[steps][inputs];
        int[] target = new int[steps];
        double[] weight = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < inputs; j++) {
                x[t][j] = rng.nextInt(7) == 0 ? 0.0 : rng.nextGaussian();
            }
            target[t] = rng.nextInt(outputs);
            weight[t] = (t == zeroStep || rng.nextDouble() < pZero) ? 0.0 : 1.0;
        }
        return new OpenLoop(x, target, weight);
    }

    /** The inputs, targets and weights recorded on {@code tape} (e.g. after a closed-loop run). */
    public static OpenLoop fromTape(Tape tape) {
        int steps = tape.length();
        int in = tape.model().config().inputSize();
        double[][] x = new double[steps][in];
        int[] target = new int[steps];
        double[] weight = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < in; j++) {
                x[t][j] = tape.input(t, j);
            }
            target[t] = tape.targetAt(t);
            weight[t] = tape.weightAt(t);
        }
        return new OpenLoop(x, target, weight);
    }

    public int length() {
        return x.length;
    }

    public double[] input(int t) {
        return x[t].clone();
    }

    public int target(int t) {
        return target[t];
    }

    public double weight(int t) {
        return weight[t];
    }

    /** A copy with step {@code t}'s target and weight replaced. */
    public OpenLoop withTarget(int t, int newTarget, double newWeight) {
        OpenLoop c = new OpenLoop(x, target, weight);
        c.target[t] = newTarget;
        c.weight[t] = newWeight;
        return c;
    }

    /**
     * Begins {@code tape} with {@code theta} and forwards every step, setting targets where there
     * is one. If {@code skipZeroWeight}, steps with weight 0 get no target call at all.
     */
    public void run(SequenceTape tape, double[] theta, boolean skipZeroWeight) {
        tape.begin(theta);
        for (int t = 0; t < x.length; t++) {
            tape.forward(x[t], 0);
            if (target[t] >= 0 && !(skipZeroWeight && weight[t] == 0.0)) {
                tape.target(target[t], weight[t]);
            }
        }
    }

    /** scale * sum_t w_t l_t at {@code theta}. */
    public double loss(SequenceTape tape, double[] theta, Loss loss, double scale) {
        run(tape, theta, false);
        return tape.loss(loss, scale);
    }

    /** d(scale * sum_t w_t l_t)/d(theta) by the tape's BPTT. */
    public double[] gradient(SequenceTape tape, double[] theta, Loss loss, double scale) {
        run(tape, theta, false);
        double[] g = new double[theta.length];
        tape.backward(loss, scale, g);
        return g;
    }
}
