package org.iblrnn.agents;

import java.util.List;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;

/**
 * The Bayesian observer (paper section 2.3, reference-spec 4.3): an analysis of a recorded
 * session, not an agent. It sees the same observations as the agent that performed the session
 * and the true side of every trial, but the agent decided when each trial ended.
 *
 * <p>Per trial n with true sides s_0..s_{n-1} before it and the n_obs observation pairs the
 * agent saw:
 * <ul>
 *   <li><b>{@link Variant#EXACT}</b>: block prior = the filter's prediction P(b_n = R | s_{&lt;n})
 *       ({@link BlockModel#MARKOV}: the paper's filter; {@link BlockModel#SEMI_MARKOV}: the exact
 *       filter; {@link BlockModel#NONE}: 1/2); stimulus prior = emission applied to it;
 *       posterior = exact two-channel posterior ({@link StimulusLikelihood}) after the n_obs
 *       observations.</li>
 *   <li><b>{@link Variant#REFERENCE}</b> (the code's {@code compute_optimal_bayesian_observer_*}):
 *       block prior = the Markov filter's filtered posterior after trial n-1 with <em>no</em>
 *       transition (0.5 on trial 0); stimulus prior = c P + (1 - c)(1 - P) of that; posterior from
 *       d = o^R - o^L only, with the cumulative per-trial likelihood of
 *       {@link DifferenceLikelihood}. The code's off-by-one defects are fixed: the last trial's
 *       block posterior is computed (the code leaves it 0). The code reads float16-rounded
 *       stimuli; this class uses the observations it is given. Transition and emission come from
 *       the config (the code hard-codes 0.02 and 0.8, the paper's values).</li>
 * </ul>
 * In both variants the block filter is updated with every trial's true side (timeouts included,
 * as in the code), the favoured side is +1 if the posterior exceeds 1/2 and -1 otherwise, and a
 * trial counts as correct when the favoured side is the true side, whether or not the posterior
 * crossed the action threshold.
 */
public final class BayesianObserver {
    /** Exact inference, or the paper code's approximations. */
    public enum Variant {
        /** Predicted block prior, both channels. */
        EXACT,
        /** The code's observer: no transition in the prior, d only (reference-spec 4.3). */
        REFERENCE
    }

    private final TaskConfig config;
    private final Variant variant;
    private final BlockModel blockModel;

    /**
     * @param config     the task (contrasts, noise, concordance, block law)
     * @param variant    exact or the code's approximations
     * @param blockModel the block filter; REFERENCE allows only {@link BlockModel#MARKOV}
     */
    public BayesianObserver(TaskConfig config, Variant variant, BlockModel blockModel) {
        if (config == null || variant == null || blockModel == null) {
            throw new IllegalArgumentException("config, variant and block model must be given, got "
                    + config + ", " + variant + ", " + blockModel);
        }
        if (variant == Variant.REFERENCE && blockModel != BlockModel.MARKOV) {
            throw new IllegalArgumentException("block model must be MARKOV for the REFERENCE variant, got "
                    + blockModel);
        }
        this.config = config;
        this.variant = variant;
        this.blockModel = blockModel;
    }

    /** The paper's observer: exact stimulus inference, Markov block filter. */
    public static BayesianObserver exact(TaskConfig config) {
        return new BayesianObserver(config, Variant.EXACT, BlockModel.MARKOV);
    }

    /** The paper code's observer. */
    public static BayesianObserver reference(TaskConfig config) {
        return new BayesianObserver(config, Variant.REFERENCE, BlockModel.MARKOV);
    }

    public Variant variant() {
        return variant;
    }

    public BlockModel blockModel() {
        return blockModel;
    }

    /** Observes the completed trials of a closed-loop run ({@link ObservedTrial#listFrom(Session, TaskEnvironment)}). */
    public ObserverTrace observe(Session session, TaskEnvironment env) {
        return observe(ObservedTrial.listFrom(session, env));
    }

    /**
     * Observes the first {@code observations.length} trials of {@code session}, trial t with the
     * first {@code observations[t]} observation pairs ({@link ObservedTrial#listFrom(Session, int[])};
     * e.g. the {@code observations()} column of an {@link AgentRunner} trial table).
     */
    public ObserverTrace observe(Session session, int[] observations) {
        return observe(ObservedTrial.listFrom(session, observations));
    }

    /** Observes {@code trials} in order, as one session starting with no history. */
    public ObserverTrace observe(List<ObservedTrial> trials) {
        int n = trials.size();
        int[] side = new int[n];
        int[] nObs = new int[n];
        double[] blockPrior = new double[n];
        double[] blockPost = new double[n];
        double[] stimPrior = new double[n];
        double[] stimPost = new double[n];
        int[] favoured = new int[n];
        boolean[] correct = new boolean[n];
        BlockInference filter = blockModel.create(config);
        StimulusLikelihood exact = variant == Variant.EXACT ? new StimulusLikelihood(config) : null;
        DifferenceLikelihood diff = variant == Variant.REFERENCE ? new DifferenceLikelihood(config) : null;
        double c = config.concordance();
        for (int t = 0; t < n; t++) {
            ObservedTrial trial = trials.get(t);
            if (trial == null) {
                throw new IllegalArgumentException("trials must not contain null, got null at index " + t);
            }
            side[t] = trial.stimSide();
            nObs[t] = trial.observations();
            double posterior;
            if (variant == Variant.EXACT) {
                blockPrior[t] = filter.predictedBlockRight();
                stimPrior[t] = filter.stimulusPriorRight();
                exact.reset();
                for (int i = 0; i < nObs[t]; i++) {
                    exact.observe(trial.left(i), trial.right(i));
                }
                posterior = exact.posteriorRight(stimPrior[t]);
            } else {
                double p = filter.blockPosteriorRight();
                blockPrior[t] = p;
                stimPrior[t] = c * p + (1 - c) * (1 - p);
                diff.reset();
                for (int i = 0; i < nObs[t]; i++) {
                    diff.observe(trial.right(i) - trial.left(i));
                }
                posterior = diff.posteriorRight(stimPrior[t]);
            }
            stimPost[t] = posterior;
            favoured[t] = posterior > 0.5 ? 1 : -1;
            correct[t] = favoured[t] == side[t];
            filter.update(side[t]);
            blockPost[t] = filter.blockPosteriorRight();
        }
        return new ObserverTrace(side, nObs, blockPrior, blockPost, stimPrior, stimPost, favoured, correct);
    }
}
