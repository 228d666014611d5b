package org.iblrnn.agents;

/**
 * A block "filter" that knows nothing about blocks: every prior is 1/2 and updates only count
 * trials. It turns an agent or observer block-blind (the code's {@code BayesianBlocklessActor},
 * reference-spec 4.4):
 * <pre>
 *   P(b_n = R | D_{n-1}) = P(s_n = R | D_{n-1}) = 1/2 for every n.
 * </pre>
 */
public final class BlockBlindPrior implements BlockInference {
    private int n;

    @Override
    public void reset() {
        n = 0;
    }

    @Override
    public void updateWeights(double wL, double wR) {
        BlockInference.checkWeights(wL, wR);
        n++;
    }

    @Override
    public double predictedBlockRight() {
        return 0.5;
    }

    @Override
    public double stimulusPriorRight() {
        return 0.5;
    }

    @Override
    public double blockPosteriorRight() {
        return 0.5;
    }

    @Override
    public int trials() {
        return n;
    }
}
