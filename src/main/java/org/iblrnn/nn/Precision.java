package org.iblrnn.nn;

import java.util.Locale;

/**
 * Arithmetic precision of the training engine's forward and backward passes.
 *
 * <ul>
 *   <li>{@link #FLOAT64} ("float64"): every quantity in double precision ({@link Tape}); the default,
 *       and the precision of every evaluation and analysis.</li>
 *   <li>{@link #FLOAT32} ("float32"): the forward and backward passes of the tanh RNN in single
 *       precision, PyTorch's default dtype ({@link FloatTape}): about twice as fast; one forward
 *       and backward pass agrees with the float64 engine's to float rounding, a whole training run
 *       only statistically (an action that flips at the task's threshold changes the session).
 *       The parameters, the optimiser, the loss and the checkpoints stay float64.</li>
 * </ul>
 */
public enum Precision {
    FLOAT64("float64"),
    FLOAT32("float32");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /** The command-line and config name. */
    public String id() {
        return id;
    }

    /** Parses "float64" or "float32" (also "fp64", "fp32"; not "float", which means 64 bits in Python). */
    public static Precision parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "float64", "fp64" -> FLOAT64;
            case "float32", "fp32" -> FLOAT32;
            default -> throw new IllegalArgumentException("precision must be float64 or float32; got " + s);
        };
    }

    /**
     * Checks that this precision has an engine for {@code cell} ("rnn", "gru" or "lstm"): float64
     * has one for every cell, float32 for the tanh RNN only.
     *
     * @throws IllegalArgumentException naming the cell otherwise
     */
    public void requireEngineFor(String cell) {
        if (this == FLOAT32 && !"rnn".equals(cell)) {
            throw new IllegalArgumentException("precision float32 is implemented for the tanh RNN (cell rnn) only, got cell "
                    + cell);
        }
    }
}
