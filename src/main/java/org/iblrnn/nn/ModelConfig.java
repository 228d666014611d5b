package org.iblrnn.nn;

import java.util.List;
import java.util.Locale;

/**
 * Shape of a recurrent model: cell type, input, hidden and output sizes.
 *
 * @param cell       cell type: "rnn" (vanilla tanh, {@link TanhRnnCell}), "gru" ({@link GruCell}) or
 *                   "lstm" ({@link LstmCell}); case-insensitive, stored in lower case
 * @param inputSize  inputs per step (3 for the IBL task: oL, oR, feedback)
 * @param hiddenSize hidden units (paper: 50)
 * @param outputSize outputs of the softmax readout (2 actions)
 */
public record ModelConfig(String cell, int inputSize, int hiddenSize, int outputSize) {
    /** The accepted cell types. */
    public static final List<String> CELLS = List.of("rnn", "gru", "lstm");

    public ModelConfig {
        if (cell == null) {
            throw new IllegalArgumentException("cell type must be given");
        }
        cell = cell.toLowerCase(Locale.ROOT);
        if (!CELLS.contains(cell)) {
            throw new IllegalArgumentException("cell type must be one of " + String.join(", ", CELLS) + "; got "
                    + cell);
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be > 0, got " + inputSize);
        }
        if (hiddenSize <= 0 || hiddenSize > 4096) {
            throw new IllegalArgumentException("hidden size must be in [1, 4096], got " + hiddenSize);
        }
        if (outputSize < 2) {
            throw new IllegalArgumentException("output size must be >= 2, got " + outputSize);
        }
    }

    /** The paper's network: tanh RNN, 3 inputs, 50 hidden units, 2 actions. */
    public static ModelConfig paper() {
        return new ModelConfig("rnn", 3, 50, 2);
    }

    public ModelConfig withHiddenSize(int h) {
        return new ModelConfig(cell, inputSize, h, outputSize);
    }

    /** The same shape with another cell type (one of {@link #CELLS}). */
    public ModelConfig withCell(String c) {
        return new ModelConfig(c, inputSize, hiddenSize, outputSize);
    }
}
