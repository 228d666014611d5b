package org.iblrnn.agents;

import org.iblrnn.math.Checks;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.TaskConfig;

/**
 * The paper's Markov block filter (section 2.3): a two-state hidden Markov model over the block
 * side with switch probability h per trial and emission P(s | b) = c if s = b, else 1 - c.
 *
 * <p>With P = P(b_{n-1} = R | D_{n-1}) the filtered posterior after the previous trial:
 * <pre>
 *   predict   P' = (1 - h) P + h (1 - P)                 (not applied before the first trial)
 *   prior     P(s_n = R | D_{n-1}) = c P' + (1 - c)(1 - P')
 *   update    P(b_n = R | D_n) = P' e(R) / (P' e(R) + (1 - P') e(L)),
 *             e(b) = sum_s w(s) P(s | b)
 * </pre>
 * with w(s) the indicator of the true side, or the likelihood of the trial's data under each side
 * for a soft update (see {@link BlockInference}). The session starts with P(b_0 = R) = 1/2.
 *
 * <p>The paper assumes this Markov approximation although the code's blocks last 20-100 trials
 * (reference-spec 1.2); {@link SemiMarkovBlockFilter} is the exact filter for that law.
 */
public final class BlockFilter implements BlockInference {
    private final double h;
    private final double c;
    /** Filtered posterior P(b = L), P(b = R) of the last updated trial (1/2 before any). */
    private double postL;
    private double postR;
    /** Predicted P(b = L), P(b = R) of the next trial; both kept, so no 1 - p cancels near 0 or 1. */
    private double predL;
    private double predR;
    private int n;

    /**
     * @param switchProbability h, the probability that the block side changes between trials, in [0, 1]
     * @param concordance       c = P(stimulus on the block side), in [0, 1]
     */
    public BlockFilter(double switchProbability, double concordance) {
        this.h = Checks.probability(switchProbability, "switch probability");
        this.c = Checks.probability(concordance, "concordance");
        reset();
    }

    /**
     * The filter the paper's code uses for a task: h = the block law's {@code p} (0.02, the
     * code's {@code trials_per_block_param}) and the task's concordance.
     */
    public static BlockFilter forTask(TaskConfig config) {
        return new BlockFilter(switchProbability(config.blockLengths()), config.concordance());
    }

    /** The per-trial switch probability the paper associates with a block law: its {@code p}. */
    static double switchProbability(BlockLengths law) {
        if (law instanceof BlockLengths.TruncatedGeometric g) {
            return g.p();
        }
        if (law instanceof BlockLengths.TruncatedExponential e) {
            return e.asTruncatedGeometric().p();
        }
        if (law instanceof BlockLengths.Hazard hz) {
            return hz.p();
        }
        throw new IllegalArgumentException("block law must be TruncatedGeometric or Hazard, got " + law);
    }

    public double switchProbability() {
        return h;
    }

    public double concordance() {
        return c;
    }

    @Override
    public void reset() {
        postL = 0.5;
        postR = 0.5;
        predL = 0.5;
        predR = 0.5;
        n = 0;
    }

    @Override
    public void updateWeights(double wL, double wR) {
        BlockInference.checkWeights(wL, wR);
        double eR = wL * (1 - c) + wR * c;
        double eL = wL * c + wR * (1 - c);
        double jR = predR * eR;
        double jL = predL * eL;
        double z = jR + jL;
        if (!(z > 0)) {
            throw new IllegalStateException("the observed side has probability 0 under the filter (concordance "
                    + c + ", predicted P(b = right) " + predR + ")");
        }
        postR = jR / z;
        postL = jL / z;
        predR = (1 - h) * postR + h * postL;
        predL = (1 - h) * postL + h * postR;
        n++;
    }

    @Override
    public double predictedBlockRight() {
        return predR;
    }

    @Override
    public double stimulusPriorRight() {
        return c * predR + (1 - c) * predL;
    }

    @Override
    public double blockPosteriorRight() {
        return postR;
    }

    @Override
    public int trials() {
        return n;
    }
}
