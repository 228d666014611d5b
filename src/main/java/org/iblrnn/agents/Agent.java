package org.iblrnn.agents;

import java.util.List;

/**
 * Anything that performs the IBL task step by step: it receives the same three inputs as the
 * network and returns action probabilities; the task acts when one exceeds the threshold
 * (reference-spec 2.5).
 *
 * <p>Lifecycle: {@link #reset()} at the start of every session, then {@link #step} once per
 * step. An agent instance belongs to one thread.
 */
public interface Agent {
    /** Short name used in tables and figures ("rnn", "actor", ...). */
    String name();

    /** Forgets everything: the start of a new session. */
    void reset();

    /**
     * One step.
     *
     * @param x inputs, shape [3]: left observation, right observation, reward emitted at the
     *          previous step (0 at the start of a session); not modified
     * @param p output, shape [2]: P(left), P(right)
     */
    void step(double[] x, double[] p);

    /** Length of the internal state exposed after each step (RNN: hidden units). */
    int stateSize();

    /** Names of the state components, length {@link #stateSize()}. */
    List<String> stateNames();

    /** Copies the state after the last step into {@code out[off..off+stateSize)}. */
    void stateInto(double[] out, int off);
}
