package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.RunFolder;
import org.iblrnn.train.Checkpoint;
import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;
import org.iblrnn.train.Trainer;
import org.iblrnn.train.TrainingState;

/**
 * A training run in a run folder: creates or resumes it, runs the gradient steps, writes metrics
 * rows and checkpoints. Checkpoints are written after gradient step 0 and every
 * {@code checkpointEvery} steps, and after the last step; metrics rows likewise every
 * {@code metricsEvery} steps (each row aggregates the steps since the previous row).
 */
public final class TrainingRun {
    private final RunFolder folder;
    private final TrainConfig config;
    private final int threads;
    private final LongSupplier nanoClock;

    private TrainingRun(RunFolder folder, TrainConfig config, int threads, LongSupplier nanoClock) {
        this.folder = folder;
        this.config = config;
        this.threads = threads;
        this.nanoClock = nanoClock;
    }

    /** A new run in {@code dir}, which must not already hold one. */
    public static TrainingRun create(Path dir, TrainConfig config, int threads, LongSupplier nanoClock)
            throws IOException {
        RunFolder f = new RunFolder(dir);
        if (f.exists()) {
            throw new IllegalArgumentException(dir + " already holds a training run; use --resume " + dir
                    + " to continue it, or choose another --out");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
        }
        Files.createDirectories(dir);
        f.writeConfig(config, Version.VERSION);
        f.startMetrics();
        return new TrainingRun(f, config, threads, nanoClock);
    }

    /** An existing run in {@code dir}, with its stored config. */
    public static TrainingRun open(Path dir, int threads, LongSupplier nanoClock) throws IOException {
        RunFolder f = new RunFolder(dir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--resume " + dir + ": no such folder");
        }
        return new TrainingRun(f, f.readConfig(), threads, nanoClock);
    }

    public TrainConfig config() {
        return config;
    }

    public RunFolder folder() {
        return folder;
    }

    /**
     * Trains from the newest valid checkpoint (or from scratch) to the configured number of
     * steps. On divergence ({@link org.iblrnn.train.TrainingDivergedException}) nothing more is
     * written, so the last good checkpoint stays the newest.
     *
     * @return the final state
     */
    public TrainingState run(TrainingProgress progress) throws IOException {
        try (Trainer trainer = new Trainer(config, threads)) {
            CheckpointStore.Latest latest = CheckpointStore.latest(folder.checkpointDir());
            TrainingState state;
            double wallBefore;
            String note;
            if (latest.checkpoint() != null) {
                Checkpoint c = latest.checkpoint();
                if (!c.config().equals(config)) {
                    throw new IOException(latest.json() + ": checkpoint config differs from "
                            + folder.configFile());
                }
                state = c.toState();
                wallBefore = c.wallSeconds();
                folder.truncateMetrics(state.completedSteps() - 1);
                note = "resuming from " + latest.json().getFileName() + " (step " + (state.completedSteps() - 1) + ")";
                if (!latest.skipped().isEmpty()) {
                    note += "; skipped unreadable newer checkpoints: " + String.join("; ", latest.skipped());
                }
            } else {
                state = trainer.initialState();
                wallBefore = 0;
                folder.startMetrics();
                note = latest.skipped().isEmpty() ? "starting" : "starting over; no readable checkpoint: "
                        + String.join("; ", latest.skipped());
            }
            long total = config.steps();
            progress.onStart(state.completedSteps(), total, note);
            long t0 = nanoClock.getAsLong();
            while (state.completedSteps() < total) {
                long g = state.completedSteps();
                StepMetrics m = trainer.step(state);
                double wall = wallBefore + (nanoClock.getAsLong() - t0) * 1e-9;
                progress.onStep(state.completedSteps(), total, m, wall);
                boolean last = state.completedSteps() == total;
                if (g % config.metricsEvery() == 0 || last) {
                    folder.appendMetrics(g, state.window(), state.totalRnnSteps(), wall);
                    progress.onMetrics(g, state.window(), wall);
                    state.resetWindow();
                }
                if (g % config.checkpointEvery() == 0 || last) {
                    Path p = folder.writeCheckpoint(Checkpoint.of(config, state, wall), Version.VERSION);
                    progress.onCheckpoint(g, p);
                }
            }
            progress.onFinish(state.completedSteps(), wallBefore + (nanoClock.getAsLong() - t0) * 1e-9);
            return state;
        }
    }
}
