package org.iblrnn.pipeline;

import java.util.List;
import java.util.Locale;

import org.iblrnn.task.TaskConfig;
import org.iblrnn.train.TrainConfig;

/** Named starting configurations. */
public final class Presets {
    private Presets() {
    }

    /** Names accepted by {@link #train(String)}. */
    public static List<String> names() {
        return List.of("paper", "ibl-mouse");
    }

    /**
     * The training preset called {@code name}. "paper": the paper's code (reference-spec 1-3):
     * 4-block sessions, truncated-geometric blocks in [20, 100], 50-unit tanh RNN, "prob" loss,
     * SGD lr 1e-3 momentum 0.1, batch 1, 100,001 gradient steps, seed 1.
     * "ibl-mouse": the same training settings on the real IBL protocol ({@link TaskConfig#iblMouse()}):
     * sessions open with 90 unbiased trials, then 14 alternating 0.8 / 0.2 blocks with the rig's
     * truncated-exponential lengths (mean 60 truncated to [20, 100], floored: 20-99 trials, mean
     * 50.87), about 802 trials per session (mice: median 774); the mouse contrasts
     * {0, 0.0625, 0.125, 0.25, 1} mapped to observation means 2.5 * sqrt(c) =
     * {0, 0.625, 0.884, 1.25, 2.5}. Each gradient step's session is about 4 times longer than the
     * paper's, so a step costs about 4 times as much.
     */
    public static TrainConfig train(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "paper" -> TrainConfig.paper();
            case "ibl-mouse" -> TrainConfig.paper().withTask(TaskConfig.iblMouse());
            default -> throw new IllegalArgumentException("--preset must be one of " + names() + ", got " + name);
        };
    }
}
