package org.iblrnn.pipeline;

import java.util.List;
import java.util.Locale;

import org.iblrnn.train.TrainConfig;

/** Named starting configurations. */
public final class Presets {
    private Presets() {
    }

    /** Names accepted by {@link #train(String)}. */
    public static List<String> names() {
        return List.of("paper");
    }

    /**
     * The training preset called {@code name}. "paper": the paper's code (reference-spec 1-3):
     * 4-block sessions, truncated-geometric blocks in [20, 100], 50-unit tanh RNN, "prob" loss,
     * SGD lr 1e-3 momentum 0.1, batch 1, 100,001 gradient steps, seed 1.
     */
    public static TrainConfig train(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "paper" -> TrainConfig.paper();
            default -> throw new IllegalArgumentException("--preset must be one of " + names() + ", got " + name);
        };
    }
}
