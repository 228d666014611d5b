package org.iblrnn.nn;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A recurrent cell: the parameters of a recurrent core and a factory for the per-thread
 * {@link Kernel} that runs its steps forward and backward.
 *
 * <p>The cell owns the parameters of the core (PyTorch names without the {@code core.} prefix),
 * stored in a flat vector. Each step's stored state has {@link #stateSize()} entries whose first
 * {@link #hiddenSize()} are the hidden vector h that the readout sees; a cell may store more
 * (an LSTM's cell state, or gate activations it reuses in the backward pass). Of these, the first
 * {@link #carriedSize()} entries are what the next step reads; the rest is a cache of the step
 * that produced them. Implementations: {@link TanhRnnCell} ("rnn"), {@link GruCell} ("gru") and
 * {@link LstmCell} ("lstm"); the tape and the trainer work on any of them unchanged (the initial
 * state is all zeros, and the backward pass carries dL/d(carried state) from step to step).
 */
public interface Cell {
    /** Short name: "rnn", "gru" or "lstm". */
    String kind();

    int inputSize();

    int hiddenSize();

    /** Entries stored per step (>= {@link #carriedSize()}; h first). */
    int stateSize();

    /**
     * Entries of the stored state that the next step reads (h for rnn/gru, h and c for lstm):
     * the state space of the recurrence, between {@link #hiddenSize()} and {@link #stateSize()}.
     */
    default int carriedSize() {
        return hiddenSize();
    }

    /** Blocks in PyTorch order and shape, offsets relative to the cell's first parameter. */
    List<ParamBlock> blocks();

    /** Number of parameters of the core. */
    default int parameterCount() {
        int n = 0;
        for (ParamBlock b : blocks()) {
            n += b.size();
        }
        return n;
    }

    /** PyTorch's default initialisation, written into {@code theta[off..off+parameterCount)}. */
    void initialise(double[] theta, int off, RandomGenerator rng);

    /** A fresh kernel (weights in fast layouts plus gradient accumulators) for one thread. */
    Kernel newKernel();

    /**
     * The per-thread working copy of a cell. Lifecycle: {@link #load} after every parameter
     * update; {@link #forward} per step; for a backward pass {@link #zeroGradient}, then
     * {@link #backward} from the last step to the first, then {@link #addGradientTo}.
     */
    interface Kernel {
        /** Copies the parameters {@code theta[off..]} into the kernel's layouts. */
        void load(double[] theta, int off);

        /**
         * Writes the state after input {@code x} from state {@code prev} into {@code out}
         * (all {@link Cell#stateSize()} entries). Only {@code prev[0..carriedSize())} is read;
         * {@code prev} and {@code out} must be distinct arrays. A kernel may also write padding
         * entries past {@link Cell#stateSize()} when {@code out} is longer (the tanh RNN's kernel
         * works on whole 4-lane vectors, see {@link TanhRnnCell#paddedSize()}).
         */
        void forward(double[] x, double[] prev, double[] out);

        void zeroGradient();

        /**
         * One backward step at sequence position {@code t}: given dL/d(state) of this step in
         * {@code dState} (may be modified; only its first {@link Cell#carriedSize()} entries are
         * read, the cached entries being functions of the carried ones), accumulates the
         * parameter gradient and overwrites {@code dPrev} with dL/d(previous state) through this
         * step (entries past {@link Cell#carriedSize()} set to zero, up to the array's length or
         * the kernel's padded size). {@code cur} is the state that {@link #forward} wrote from
         * {@code prev} and {@code x}.
         */
        void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev);

        /** Adds the accumulated parameter gradient into {@code grad[off..]} (flat PyTorch layout). */
        void addGradientTo(double[] grad, int off);
    }
}
