package org.iblrnn.agents;

import java.util.List;

import org.iblrnn.math.Checks;
import org.iblrnn.task.TaskConfig;

/**
 * The paper code's {@code ExponentialWeightedActor} (reference-spec 4.4): a heuristic side prior
 * that exponentially forgets past trials instead of inferring the block.
 *
 * <p>Prior state Q = (Q_L, Q_R), Q = (1/2, 1/2) at the session start. After each trial with
 * inferred side s (exactly the reference actor's rule: round the current posterior, keep it after
 * the correct reward, flip it otherwise, so a timeout is guessed as the side opposite to the
 * rounded posterior):
 * <pre>
 *   Q &lt;- lambda Q + (1 - lambda) onehot(s),       lambda = decay (0.9)
 *   S &lt;- Q                                         (the next trial's stimulus prior)
 * </pre>
 * Within a trial S is updated exactly like the reference actor's, from d = o^R - o^L
 * ({@link DifferenceLikelihood#stepInPlace}); steps with o^L = o^R = 0 leave S unchanged, and
 * such a step with a non-zero reward input is the feedback step. The output is S. As for
 * {@link BayesianActor}, {@link #reset()} runs per session (the code resets once per analysis).
 *
 * <p>Exposed state: Q_R (the smoothed prior for the next trial) and S_R.
 */
public final class ExponentialActor implements Agent {
    /** The code's decay. */
    public static final double PAPER_DECAY = 0.9;

    private static final List<String> STATE_NAMES = List.of("stimulusPriorRight", "stimulusPosteriorRight");

    private final TaskConfig config;
    private final double decay;
    private final DifferenceLikelihood difference;
    private final double[] q = new double[2];
    private final double[] s = new double[2];

    /** The code's actor with decay 0.9. */
    public ExponentialActor(TaskConfig config) {
        this(config, PAPER_DECAY);
    }

    /**
     * @param config the task (contrasts, noise, correct reward); needs at least one blank step
     * @param decay  lambda, the weight kept by the old prior per trial, in [0, 1]
     */
    public ExponentialActor(TaskConfig config, double decay) {
        if (config == null) {
            throw new IllegalArgumentException("config must be given, got null");
        }
        if (config.blankSteps() < 1) {
            throw new IllegalArgumentException("blank steps per trial must be >= 1, got " + config.blankSteps());
        }
        this.config = config;
        this.decay = Checks.probability(decay, "decay");
        this.difference = new DifferenceLikelihood(config);
        reset();
    }

    public double decay() {
        return decay;
    }

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public void reset() {
        q[0] = 0.5;
        q[1] = 0.5;
        s[0] = 0.5;
        s[1] = 0.5;
    }

    @Override
    public void step(double[] x, double[] p) {
        if (x.length < 3 || p.length < 2) {
            throw new IllegalArgumentException("x must have length 3 and p length 2, got " + x.length + " and "
                    + p.length);
        }
        if (x[0] == 0.0 && x[1] == 0.0) {
            if (x[2] != 0.0) {
                feedback(x[2]);
            }
        } else {
            difference.stepInPlace(s, x[1] - x[0]);
        }
        p[0] = s[0];
        p[1] = s[1];
    }

    private void feedback(double r) {
        double cl = Math.rint(s[0]);
        double cr = Math.rint(s[1]);
        if (r != config.correctReward()) {
            cl = Math.abs(1 - cl);
            cr = Math.abs(1 - cr);
        }
        int idx = cr > cl ? 1 : 0;
        q[0] *= decay;
        q[1] *= decay;
        q[idx] += 1 - decay;
        s[0] = q[0];
        s[1] = q[1];
    }

    /** Q_R, the smoothed prior P(s = right) for the next trial. */
    public double stimulusPriorRight() {
        return q[1];
    }

    /** The current stimulus posterior P(s = right). */
    public double stimulusPosteriorRight() {
        return s[1];
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    public void stateInto(double[] out, int off) {
        out[off] = q[1];
        out[off + 1] = s[1];
    }
}
