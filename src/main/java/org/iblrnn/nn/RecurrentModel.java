package org.iblrnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A recurrent cell followed by a linear softmax readout, PyTorch {@code nn.RNN} (or {@code nn.GRU},
 * {@code nn.LSTM}, after {@link ModelConfig#cell()}) + {@code nn.Linear}:
 * logits_t = W_out h_t + b_out, p_t = softmax(logits_t).
 *
 * <p>Parameters live in one flat {@code double[]} with named blocks ({@link #layout()}) carrying
 * PyTorch's state-dict names: {@code core.*} for the cell, {@code readout.weight} [K, H] and
 * {@code readout.bias} [K]. The model itself is stateless and may be shared between threads;
 * per-thread work happens on a {@link Tape}.
 */
public final class RecurrentModel {
    private final ModelConfig config;
    private final Cell cell;
    private final ParamLayout layout;
    private final int readoutWeight;
    private final int readoutBias;

    public RecurrentModel(ModelConfig config) {
        this.config = config;
        this.cell = createCell(config);
        List<ParamBlock> blocks = new ArrayList<>();
        int end = 0;
        for (ParamBlock b : cell.blocks()) {
            ParamBlock r = b.relocate("core.", 0);
            blocks.add(r);
            end = Math.max(end, r.offset() + r.size());
        }
        this.readoutWeight = end;
        blocks.add(new ParamBlock("readout.weight", List.of(config.outputSize(), config.hiddenSize()), end));
        this.readoutBias = end + config.outputSize() * config.hiddenSize();
        blocks.add(new ParamBlock("readout.bias", List.of(config.outputSize()), readoutBias));
        this.layout = new ParamLayout(blocks);
    }

    private static Cell createCell(ModelConfig c) {
        return switch (c.cell()) {
            case "rnn" -> new TanhRnnCell(c.inputSize(), c.hiddenSize());
            case "gru" -> new GruCell(c.inputSize(), c.hiddenSize());
            case "lstm" -> new LstmCell(c.inputSize(), c.hiddenSize());
            default -> throw new IllegalArgumentException("cell type must be one of "
                    + String.join(", ", ModelConfig.CELLS) + "; got " + c.cell());
        };
    }

    public ModelConfig config() {
        return config;
    }

    public Cell cell() {
        return cell;
    }

    public ParamLayout layout() {
        return layout;
    }

    /** Offset of {@code readout.weight} in the flat vector. */
    int readoutWeightOffset() {
        return readoutWeight;
    }

    int readoutBiasOffset() {
        return readoutBias;
    }

    /**
     * PyTorch's default initialisation: the cell's parameters, then readout weight and bias, each
     * ~ U(-1/sqrt(H), 1/sqrt(H)) (Kaiming-uniform with a = sqrt(5) gives the same bound).
     */
    public double[] initialise(RandomGenerator rng) {
        double[] theta = new double[layout.size()];
        cell.initialise(theta, 0, rng);
        double bound = 1.0 / Math.sqrt(config.hiddenSize());
        for (int i = readoutWeight; i < theta.length; i++) {
            theta[i] = Initialisers.uniformFloat32(rng, bound);
        }
        return theta;
    }

    /** A fresh tape for one thread, with room for {@code initialCapacity} steps (it grows). */
    public Tape newTape(int initialCapacity) {
        return new Tape(this, initialCapacity);
    }

    /**
     * A fresh float32 tape ({@link FloatTape}) for one thread; tanh RNN only.
     *
     * @throws IllegalArgumentException for a GRU or LSTM model
     */
    public FloatTape newFloatTape(int initialCapacity) {
        return new FloatTape(this, initialCapacity);
    }

    /** A fresh tape of the given precision for one thread. */
    public SequenceTape newTape(int initialCapacity, Precision precision) {
        return precision == Precision.FLOAT32 ? newFloatTape(initialCapacity) : newTape(initialCapacity);
    }

    /** Checks that a parameter vector fits this model. */
    public void checkParameters(double[] theta) {
        if (theta.length != layout.size()) {
            throw new IllegalArgumentException("parameter vector must have length " + layout.size()
                    + " for " + config + ", got " + theta.length);
        }
    }
}
