package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.RunFolder;
import org.iblrnn.data.RunLock;
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
    private boolean startOver;

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
        try (RunLock lock = RunLock.acquire(dir)) {
            if (f.exists()) {
                throw new IllegalArgumentException(dir + " already holds a training run; use --resume " + dir
                        + " to continue it, or choose another --out");
            }
            f.writeConfig(config, Version.VERSION);
            f.startMetrics();
        }
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

    /**
     * Allows {@link #run} to start over from step 0 when the folder holds checkpoints of which
     * none reads back; the rejected ones are then moved to {@code RUN/rejected-checkpoints/}
     * (never deleted). Without it such a folder is refused and left as it is.
     */
    public TrainingRun startOver(boolean allowed) {
        this.startOver = allowed;
        return this;
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
        try (RunLock lock = RunLock.acquire(folder.dir())) {
            if (lock.removedTemporaries() > 0) {
                progress.onWarning("removed " + lock.removedTemporaries() + " temporary file(s) left in "
                        + folder.dir() + " by an interrupted run");
            }
            return runLocked(progress);
        }
    }

    private TrainingState runLocked(TrainingProgress progress) throws IOException {
        if (Files.exists(folder.checkpointDir()) && !Files.isDirectory(folder.checkpointDir())) {
            throw new IllegalArgumentException(folder.checkpointDir() + " exists but is not a folder; move it away "
                    + "and run the command again");
        }
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
                    progress.onWarning(folder.dir() + ": resuming from " + latest.json().getFileName()
                            + "; skipped newer checkpoint(s) that do not read back: "
                            + String.join("; ", latest.skipped()));
                }
            } else if (!latest.skipped().isEmpty() && !startOver) {
                throw new IllegalArgumentException(folder.dir() + ": no checkpoint reads back ("
                        + String.join("; ", latest.skipped()) + "); nothing was changed. To train this run again "
                        + "from step 0: iblrnn train --resume " + folder.dir() + " --start-over (the rejected "
                        + "checkpoints are moved to " + folder.dir().resolve(REJECTED) + ")");
            } else {
                if (!latest.skipped().isEmpty()) {
                    Path moved = moveRejected();
                    progress.onWarning(folder.dir() + ": starting over from step 0 (--start-over); the rejected "
                            + "checkpoints are in " + moved + ": " + String.join("; ", latest.skipped()));
                }
                state = trainer.initialState();
                wallBefore = 0;
                folder.startMetrics();
                note = latest.skipped().isEmpty() ? "starting" : "starting over (--start-over)";
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

    /** Folder (inside the run folder) that --start-over moves rejected checkpoints into. */
    public static final String REJECTED = "rejected-checkpoints";

    /** Moves every checkpoint file (and the old metrics.csv) into RUN/rejected-checkpoints/. */
    private Path moveRejected() throws IOException {
        Path to = folder.dir().resolve(REJECTED);
        Files.createDirectories(to);
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(folder.checkpointDir(),
                "checkpoint-*")) {
            for (Path p : ds) {
                Files.move(p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.exists(folder.metricsFile())) {
            Files.move(folder.metricsFile(), to.resolve("metrics.csv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }
}
