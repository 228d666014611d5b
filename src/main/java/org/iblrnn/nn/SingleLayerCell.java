package org.iblrnn.nn;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the one-layer PyTorch cells share: the parameter blocks {@code weight_ih_l0} [G·H, I],
 * {@code weight_hh_l0} [G·H, H], {@code bias_ih_l0} [G·H], {@code bias_hh_l0} [G·H] for G stacked
 * gates (1 for {@code nn.RNN}, 3 for {@code nn.GRU}, 4 for {@code nn.LSTM}), laid out in that
 * order, and PyTorch's {@code reset_parameters}: every parameter ~ U(-1/sqrt(H), 1/sqrt(H)),
 * drawn in that order and rounded to float32.
 */
abstract class SingleLayerCell implements Cell {
    /** Input size I. */
    protected final int in;
    /** Hidden size H. */
    protected final int hid;
    /** Stacked gates G. */
    protected final int gates;

    SingleLayerCell(int inputSize, int hiddenSize, int gates) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be > 0, got " + inputSize);
        }
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hidden size must be > 0, got " + hiddenSize);
        }
        this.in = inputSize;
        this.hid = hiddenSize;
        this.gates = gates;
    }

    @Override
    public final int inputSize() {
        return in;
    }

    @Override
    public final int hiddenSize() {
        return hid;
    }

    /** Offset of weight_hh_l0. */
    final int offHh() {
        return gates * hid * in;
    }

    /** Offset of bias_ih_l0. */
    final int offBih() {
        return offHh() + gates * hid * hid;
    }

    /** Offset of bias_hh_l0. */
    final int offBhh() {
        return offBih() + gates * hid;
    }

    @Override
    public final List<ParamBlock> blocks() {
        return List.of(
                new ParamBlock("weight_ih_l0", List.of(gates * hid, in), 0),
                new ParamBlock("weight_hh_l0", List.of(gates * hid, hid), offHh()),
                new ParamBlock("bias_ih_l0", List.of(gates * hid), offBih()),
                new ParamBlock("bias_hh_l0", List.of(gates * hid), offBhh()));
    }

    @Override
    public final void initialise(double[] theta, int off, RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(hid);
        int n = offBhh() + gates * hid;
        for (int i = 0; i < n; i++) {
            theta[off + i] = Initialisers.uniformFloat32(rng, bound);
        }
    }
}
