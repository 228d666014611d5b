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
 * (an LSTM's cell state, or gate activations it reuses in the backward pass). GRU and LSTM cells
 * plug in here without any change to the tape or the trainer.
 */
public interface Cell {
    /** Short name ("rnn"). */
    String kind();

    int inputSize();

    int hiddenSize();

    /** Entries stored per step (>= hiddenSize; h first). */
    int stateSize();

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

        /** Writes the state after input {@code x} from state {@code prev} into {@code out}. */
        void forward(double[] x, double[] prev, double[] out);

        void zeroGradient();

        /**
         * One backward step at sequence position {@code t}: given dL/d(state) of this step in
         * {@code dState} (may be modified), accumulates the parameter gradient and overwrites
         * {@code dPrev} with dL/d(previous state) through this step.
         */
        void backward(int t, double[] x, double[] prev, double[] cur, double[] dState, double[] dPrev);

        /** Adds the accumulated parameter gradient into {@code grad[off..]} (flat PyTorch layout). */
        void addGradientTo(double[] grad, int off);
    }
}
