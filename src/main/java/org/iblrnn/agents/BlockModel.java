package org.iblrnn.agents;

import org.iblrnn.task.TaskConfig;

/**
 * Which block filter an agent or observer uses (see {@link BlockInference}).
 */
public enum BlockModel {
    /** The paper's Markov approximation, switch probability = the block law's p ({@link BlockFilter}). */
    MARKOV,
    /** The exact filter for the task's block-length law ({@link SemiMarkovBlockFilter}). */
    SEMI_MARKOV,
    /** No block knowledge: a flat prior of 1/2 on every trial ({@link BlockBlindPrior}). */
    NONE;

    /** A fresh filter of this kind for {@code config}, already reset. */
    public BlockInference create(TaskConfig config) {
        switch (this) {
            case MARKOV:
                return BlockFilter.forTask(config);
            case SEMI_MARKOV:
                return SemiMarkovBlockFilter.forTask(config);
            case NONE:
                return new BlockBlindPrior();
            default:
                throw new IllegalStateException("unknown block model " + this);
        }
    }
}
