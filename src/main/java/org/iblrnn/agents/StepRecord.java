package org.iblrnn.agents;

import java.util.List;

/**
 * Per-step record of an agent's closed-loop session (reference-spec 2.6, stored in doubles):
 * the inputs it received, the probabilities it returned, the reward the task emitted and its
 * internal state after the step, as the agent exposes it ({@link Agent#stateInto}: for a network,
 * its hidden vector h, whatever the cell; {@link RnnAgent#carriedStates} rebuilds an LSTM's
 * (h, c) from the record). Immutable: arrays are never exposed, only copied out.
 */
public final class StepRecord {
    private final int steps;
    private final int stateSize;
    private final List<String> stateNames;
    private final int[] trial;
    private final int[] stepInTrial;
    private final double[] inputs;
    private final double[] probRight;
    private final double[] reward;
    private final double[] states;

    StepRecord(int steps, List<String> stateNames, int[] trial, int[] stepInTrial, double[] inputs,
               double[] probRight, double[] reward, double[] states) {
        this.steps = steps;
        this.stateSize = stateNames.size();
        this.stateNames = List.copyOf(stateNames);
        this.trial = trial;
        this.stepInTrial = stepInTrial;
        this.inputs = inputs;
        this.probRight = probRight;
        this.reward = reward;
        this.states = states;
    }

    /** Number of steps T. */
    public int size() {
        return steps;
    }

    public int stateSize() {
        return stateSize;
    }

    public List<String> stateNames() {
        return stateNames;
    }

    /** Trial index of step t. */
    public int trial(int t) {
        return trial[t];
    }

    /** 0-based step within its trial. */
    public int stepInTrial(int t) {
        return stepInTrial[t];
    }

    /** Input j (0 = left observation, 1 = right observation, 2 = previous reward) at step t. */
    public double input(int t, int j) {
        return inputs[t * 3 + j];
    }

    /** P(right) returned at step t (P(left) = 1 - P(right) for the agents here). */
    public double probRight(int t) {
        return probRight[t];
    }

    /** Reward emitted by the task at step t (the next step's third input). */
    public double reward(int t) {
        return reward[t];
    }

    /** State component i after step t. */
    public double state(int t, int i) {
        return states[t * stateSize + i];
    }

    /** The states as a row-major copy, shape [T][stateSize] flattened. */
    public double[] statesFlat() {
        return states.clone();
    }

    /** The inputs as a row-major copy, shape [T][3] flattened. */
    public double[] inputsFlat() {
        return inputs.clone();
    }
}
