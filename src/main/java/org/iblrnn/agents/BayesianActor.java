package org.iblrnn.agents;

import java.util.List;

import org.iblrnn.task.TaskConfig;

/**
 * The Bayesian actor (paper section 2.3, reference-spec 4.2): performs the task from its three
 * inputs alone, knowing the task's configuration, and acts when its stimulus posterior crosses the
 * action threshold. Its output is p = (P(s = L | ...), P(s = R | ...)).
 *
 * <p><b>{@link Variant#EXACT}</b> (the paper's equations). Per trial n, with D_{n-1} what the
 * block filter ({@link BlockModel}) learnt from trials before n:
 * <pre>
 *   prior       pi_n = P(s_n = R | D_{n-1})                    (output on the blank steps)
 *   posterior   P(s_n = R | o_{n,1..t}, D_{n-1}) = sigmoid(logit pi_n + log P(o | R) - log P(o | L))
 * </pre>
 * with the exact two-channel likelihood of {@link StimulusLikelihood} (mu marginalised once per
 * trial). The actor counts steps exactly as the task does (blank steps, then observation steps;
 * the trial ends on an action, i.e. P(L) &gt; threshold (side -1) or else P(R) &gt; threshold
 * (side +1) on an observation step, or after the last observation step: a timeout) and checks
 * that blank steps carry zero observations. The first step after a trial's end carries its
 * feedback (for the paper's protocol: the first blank step, the only one with a non-zero reward
 * input). After an action a with feedback = the correct reward the true side is a; with the error
 * reward it is -a; both update the block filter with the true side. After a timeout the side is
 * unknown and the filter gets the soft update with the trial's likelihoods
 * (log P(o | L), log P(o | R)).
 *
 * <p><b>{@link Variant#REFERENCE}</b> (the paper's code, {@code utils/models.py BayesianActor}),
 * driven purely by its input x = (o^L, o^R, r): state S = (P(L), P(R)) and the Markov filter's
 * posterior B.
 * <ul>
 *   <li>o^L = o^R = 0 and r = 0: nothing changes;</li>
 *   <li>o^L = o^R = 0 and r != 0 (feedback): chosen = round-half-even(S) elementwise; true side =
 *       argmax(chosen) if r equals the correct reward, else argmax(1 - chosen), ties to left. On a
 *       timeout this guesses the side opposite to the rounded posterior. Then B is updated
 *       (emission times transition, no transition before the first trial) and the next prior is
 *       S = T B, the predicted <em>block</em> probability without the emission (it can reach 0.98);</li>
 *   <li>otherwise (observation): S(s) ∝ S(s) sum_m P(m | s) N(d; m, 2 sd^2) with d = o^R - o^L,
 *       re-marginalising mu at every step ({@link DifferenceLikelihood#stepInPlace}).</li>
 * </ul>
 * The code resets the actor once per analysis (its state carries over between sessions); here
 * {@link #reset()} runs at the start of every session, so every session starts from S = B = 1/2.
 * With {@link BlockModel#NONE} it is the code's {@code BayesianBlocklessActor}: B and S return to
 * 1/2 after every feedback step. The REFERENCE variant needs at least one blank step per trial.
 *
 * <p>Exposed state (after each step): the block filter's filtered posterior P(b = R) of the last
 * trial whose feedback was processed, the current trial's stimulus prior P(s = R), and the
 * current stimulus posterior P(s = R) (= the prior on blank steps).
 */
public final class BayesianActor implements Agent {
    /** Exact inference, or the paper code's approximations. */
    public enum Variant {
        /** The paper's equations, both observation channels, true sides, soft timeout update. */
        EXACT,
        /** The paper's code, reproduced with its approximations (reference-spec 4.2). */
        REFERENCE
    }

    private static final List<String> STATE_NAMES = List.of("blockPosteriorRight", "stimulusPriorRight",
            "stimulusPosteriorRight");

    private final TaskConfig config;
    private final Variant variant;
    private final BlockModel blockModel;
    private final BlockInference filter;
    private final StimulusLikelihood likelihood;
    private final DifferenceLikelihood difference;
    private final double threshold;
    private final int blank;
    private final int lastObsStep;

    // EXACT bookkeeping
    private int k;
    private int actedSide;
    private boolean pendingFeedback;

    // both variants
    private final double[] s = new double[2];
    private double priorRight;

    /**
     * @param config     the task (contrasts, noise, concordance, block law, threshold, rewards)
     * @param variant    exact or the code's approximations
     * @param blockModel the block filter; REFERENCE allows only {@link BlockModel#MARKOV} and
     *                   {@link BlockModel#NONE}
     */
    public BayesianActor(TaskConfig config, Variant variant, BlockModel blockModel) {
        if (config == null || variant == null || blockModel == null) {
            throw new IllegalArgumentException("config, variant and block model must be given, got "
                    + config + ", " + variant + ", " + blockModel);
        }
        if (variant == Variant.REFERENCE && blockModel == BlockModel.SEMI_MARKOV) {
            throw new IllegalArgumentException("block model must be MARKOV or NONE for the REFERENCE variant, got "
                    + blockModel);
        }
        if (variant == Variant.REFERENCE && config.blankSteps() < 1) {
            throw new IllegalArgumentException("blank steps per trial must be >= 1 for the REFERENCE variant, got "
                    + config.blankSteps());
        }
        this.config = config;
        this.variant = variant;
        this.blockModel = blockModel;
        this.filter = blockModel.create(config);
        this.likelihood = variant == Variant.EXACT ? new StimulusLikelihood(config) : null;
        this.difference = variant == Variant.REFERENCE ? new DifferenceLikelihood(config) : null;
        this.threshold = config.actionThreshold();
        this.blank = config.blankSteps();
        this.lastObsStep = config.blankSteps() + config.maxObservations() - 1;
        reset();
    }

    /** The exact actor with the paper's Markov block filter. */
    public static BayesianActor exact(TaskConfig config) {
        return new BayesianActor(config, Variant.EXACT, BlockModel.MARKOV);
    }

    /** The exact actor with the exact semi-Markov block filter for the task's block law. */
    public static BayesianActor exactSemiMarkov(TaskConfig config) {
        return new BayesianActor(config, Variant.EXACT, BlockModel.SEMI_MARKOV);
    }

    /** The paper code's actor. */
    public static BayesianActor reference(TaskConfig config) {
        return new BayesianActor(config, Variant.REFERENCE, BlockModel.MARKOV);
    }

    /** The paper code's {@code BayesianBlocklessActor}: the reference actor with prior 1/2 on every trial. */
    public static BayesianActor blockBlind(TaskConfig config) {
        return blockBlind(config, Variant.REFERENCE);
    }

    /** A block-blind actor (prior 1/2 on every trial) with the given within-trial inference. */
    public static BayesianActor blockBlind(TaskConfig config, Variant variant) {
        return new BayesianActor(config, variant, BlockModel.NONE);
    }

    public Variant variant() {
        return variant;
    }

    public BlockModel blockModel() {
        return blockModel;
    }

    public TaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        String base = variant == Variant.EXACT ? "actor" : "actor-reference";
        switch (blockModel) {
            case MARKOV:
                return base;
            case SEMI_MARKOV:
                return base + "-semi-markov";
            default:
                return base + "-blind";
        }
    }

    @Override
    public void reset() {
        filter.reset();
        pendingFeedback = false;
        if (variant == Variant.EXACT) {
            startTrial();
        } else {
            s[0] = 0.5;
            s[1] = 0.5;
            priorRight = 0.5;
        }
    }

    @Override
    public void step(double[] x, double[] p) {
        if (x.length < 3 || p.length < 2) {
            throw new IllegalArgumentException("x must have length 3 and p length 2, got " + x.length + " and "
                    + p.length);
        }
        if (variant == Variant.EXACT) {
            stepExact(x);
        } else {
            stepReference(x);
        }
        p[0] = s[0];
        p[1] = s[1];
    }

    // ---- EXACT ----------------------------------------------------------------------------

    private void startTrial() {
        likelihood.reset();
        k = 0;
        actedSide = 0;
        priorRight = filter.stimulusPriorRight();
        s[0] = 1 - priorRight;
        s[1] = priorRight;
    }

    private void stepExact(double[] x) {
        if (pendingFeedback) {
            feedback(x[2]);
            pendingFeedback = false;
            startTrial();
        }
        if (k < blank) {
            if (x[0] != 0.0 || x[1] != 0.0) {
                throw new IllegalStateException("actor out of step with the task: step " + k
                        + " of the trial should be blank, got observations (" + x[0] + ", " + x[1] + ")");
            }
            k++;
            return;
        }
        likelihood.observe(x[0], x[1]);
        double post = likelihood.posteriorRight(priorRight);
        s[0] = 1 - post;
        s[1] = post;
        // the environment's rule: side -1 if P(left) > threshold, else +1 if P(right) > threshold
        if (s[0] > threshold) {
            actedSide = -1;
            pendingFeedback = true;
        } else if (s[1] > threshold) {
            actedSide = 1;
            pendingFeedback = true;
        } else if (k == lastObsStep) {
            actedSide = 0;
            pendingFeedback = true;
        }
        k++;
    }

    /** Updates the block filter with the finished trial given the reward input r. */
    private void feedback(double r) {
        if (actedSide == 0) {
            if (r != config.timeoutReward()) {
                throw new IllegalStateException("actor out of step with the task: expected the timeout reward "
                        + config.timeoutReward() + " after a timeout, got " + r);
            }
            filter.updateSoftLog(likelihood.logLikelihoodLeft(), likelihood.logLikelihoodRight());
            return;
        }
        boolean correct = r == config.correctReward();
        boolean error = r == config.errorReward();
        if (correct && !error) {
            filter.update(actedSide);
        } else if (error && !correct) {
            filter.update(-actedSide);
        } else if (correct) {
            // correct and error rewards coincide: the feedback says nothing about the side
            filter.updateSoftLog(likelihood.logLikelihoodLeft(), likelihood.logLikelihoodRight());
        } else {
            throw new IllegalStateException("actor out of step with the task: expected the correct ("
                    + config.correctReward() + ") or error (" + config.errorReward()
                    + ") reward after an action, got " + r);
        }
    }

    // ---- REFERENCE ------------------------------------------------------------------------

    private void stepReference(double[] x) {
        if (x[0] == 0.0 && x[1] == 0.0) {
            if (x[2] != 0.0) {
                referenceFeedback(x[2]);
            }
            return;
        }
        difference.stepInPlace(s, x[1] - x[0]);
    }

    private void referenceFeedback(double r) {
        double cl = Math.rint(s[0]);
        double cr = Math.rint(s[1]);
        if (r != config.correctReward()) {
            cl = Math.abs(1 - cl);
            cr = Math.abs(1 - cr);
        }
        int side = cr > cl ? 1 : -1;
        filter.update(side);
        // the code's next prior: T B, the predicted block probability (no emission)
        priorRight = filter.predictedBlockRight();
        s[0] = 1 - priorRight;
        s[1] = priorRight;
    }

    // ---- state ----------------------------------------------------------------------------

    /** Filtered P(b = right) after the last processed feedback (0.5 at the session start). */
    public double blockPosteriorRight() {
        return filter.blockPosteriorRight();
    }

    /** The current trial's stimulus prior P(s = right). */
    public double stimulusPriorRight() {
        return priorRight;
    }

    /** The current stimulus posterior P(s = right) (= the prior before any observation). */
    public double stimulusPosteriorRight() {
        return s[1];
    }

    @Override
    public int stateSize() {
        return 3;
    }

    @Override
    public List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    public void stateInto(double[] out, int off) {
        out[off] = filter.blockPosteriorRight();
        out[off + 1] = priorRight;
        out[off + 2] = s[1];
    }
}
