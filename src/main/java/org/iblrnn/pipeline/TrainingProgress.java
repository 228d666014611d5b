package org.iblrnn.pipeline;

import java.nio.file.Path;

import org.iblrnn.train.StepMetrics;

/** Observer of a training run; every method has a no-op default. Called on the training thread. */
public interface TrainingProgress {
    /** Training starts (or resumes) at gradient step {@code firstStep} of {@code totalSteps}. */
    default void onStart(long firstStep, long totalSteps, String note) {
    }

    /**
     * Something the user must see even when nothing else is shown (e.g. newer checkpoints that
     * did not read back and were skipped).
     */
    default void onWarning(String message) {
    }

    /** After every gradient step, with that step's metrics and the current metrics window. */
    default void onStep(long completedSteps, long totalSteps, StepMetrics step, double wallSeconds) {
    }

    /** After a metrics row was written. */
    default void onMetrics(long stepIndex, StepMetrics window, double wallSeconds) {
    }

    /** After a checkpoint was written. */
    default void onCheckpoint(long stepIndex, Path file) {
    }

    /** Training finished. */
    default void onFinish(long completedSteps, double wallSeconds) {
    }

    TrainingProgress NONE = new TrainingProgress() {
    };
}
