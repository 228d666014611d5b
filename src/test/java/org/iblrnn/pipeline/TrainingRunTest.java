package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.RunFolder;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.Precision;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.train.Checkpoint;
import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;
import org.iblrnn.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders: outputs, resume after interruption equals an uninterrupted run, corrupt checkpoints. */
class TrainingRunTest {
    @TempDir
    Path tmp;

    /** A small, fast configuration: 8 hidden units, 1 short block per session. */
    static TrainConfig small() {
        TaskConfig task = TaskConfig.paper().withBlocksPerSession(2)
                .withBlockLengths(new BlockLengths.TruncatedGeometric(0.2, 3, 6));
        return TrainConfig.paper().withTask(task).withModel(new ModelConfig("rnn", 3, 8, 2)).withSteps(40)
                .withIntervals(5, 10).withSeed(7);
    }

    private static long fakeClock() {
        return 0L;
    }

    /** Stops the run by throwing after the given completed-step count (like a crash). */
    private static final class Crash extends RuntimeException {
    }

    private static TrainingProgress crashAfter(long completed) {
        return new TrainingProgress() {
            @Override
            public void onStep(long c, long total, StepMetrics step, double wall) {
                if (c == completed) {
                    throw new Crash();
                }
            }
        };
    }

    private static List<String> metricsWithoutWallTime(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics.csv"))) {
            out.add(line.substring(0, line.lastIndexOf(',')));
        }
        return out;
    }

    @Test
    void writesConfigMetricsAndCheckpointsOnSchedule() throws IOException {
        Path dir = tmp.resolve("run");
        TrainingRun.create(dir, small(), 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        assertTrue(Files.exists(dir.resolve("config.json")));
        assertEquals(small(), new RunFolder(dir).readConfig());
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(RunFolder.METRICS_HEADER, rows.get(0));
        // rows after steps 0, 5, ..., 35 and the last step 39
        assertEquals(1 + 9, rows.size());
        assertTrue(rows.get(rows.size() - 1).startsWith("39,"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        assertEquals(List.of("checkpoint-000000.json", "checkpoint-000000.npz", "checkpoint-000010.json",
                "checkpoint-000010.npz", "checkpoint-000020.json", "checkpoint-000020.npz", "checkpoint-000030.json",
                "checkpoint-000030.npz", "checkpoint-000039.json", "checkpoint-000039.npz"), names);
    }

    @Test
    void resumeAfterCrashEqualsUninterruptedRun() throws IOException {
        checkResume(small(), "f64");
    }

    @Test
    void resumeInFloat32EqualsUninterruptedRunAndKeepsThePrecision() throws IOException {
        TrainConfig c = small().withPrecision(Precision.FLOAT32);
        checkResume(c, "f32");
        assertEquals(c, new RunFolder(tmp.resolve("f32b")).readConfig());
    }

    private void checkResume(TrainConfig config, String name) throws IOException {
        Path a = tmp.resolve(name + "a");
        TrainingState full = TrainingRun.create(a, config, 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);

        Path b = tmp.resolve(name + "b");
        assertThrows(Crash.class, () -> TrainingRun.create(b, config, 1, TrainingRunTest::fakeClock)
                .run(crashAfter(17)));
        // crashed after step index 16: checkpoint 10 is the newest, metrics rows up to 15 written
        TrainingState resumed = TrainingRun.open(b, 2, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);

        assertArrayEquals(full.theta(), resumed.theta());
        assertEquals(metricsWithoutWallTime(a), metricsWithoutWallTime(b));
        Checkpoint ca = CheckpointStore.read(a.resolve("checkpoints/checkpoint-000039.json"));
        Checkpoint cb = CheckpointStore.read(b.resolve("checkpoints/checkpoint-000039.json"));
        assertArrayEquals(ca.theta(), cb.theta());
        assertEquals(ca.optimizerSteps(), cb.optimizerSteps());
        assertArrayEquals(ca.optimizerState()[0], cb.optimizerState()[0]);
    }

    @Test
    void resumeSkipsACorruptNewestCheckpoint() throws IOException {
        Path a = tmp.resolve("a");
        TrainingState full = TrainingRun.create(a, small(), 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        Path b = tmp.resolve("b");
        assertThrows(Crash.class, () -> TrainingRun.create(b, small(), 1, TrainingRunTest::fakeClock)
                .run(crashAfter(25)));
        Path npz = b.resolve("checkpoints/checkpoint-000020.npz");
        byte[] bytes = Files.readAllBytes(npz);
        Files.write(npz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<String> notes = new ArrayList<>();
        TrainingState resumed = TrainingRun.open(b, 1, TrainingRunTest::fakeClock).run(new TrainingProgress() {
            @Override
            public void onStart(long firstStep, long totalSteps, String note) {
                notes.add(firstStep + ": " + note);
            }

            @Override
            public void onWarning(String message) {
                notes.add("warning: " + message);
            }
        });
        // the skipped checkpoint is a warning (shown even with --quiet), before the start
        assertTrue(notes.get(0).startsWith("warning: ") && notes.get(0).contains("checkpoint-000020")
                && notes.get(0).contains("resuming from checkpoint-000010.json"), notes.get(0));
        assertTrue(notes.get(1).startsWith("11: resuming from checkpoint-000010.json"), notes.get(1));
        assertArrayEquals(full.theta(), resumed.theta());
    }

    @Test
    void refusesToOverwriteAnExistingRun() throws IOException {
        Path a = tmp.resolve("a");
        TrainingRun.create(a, small().withSteps(2), 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.create(a, small(), 1, TrainingRunTest::fakeClock));
        assertTrue(e.getMessage().contains("already holds a training run"), e.getMessage());
    }

    @Test
    void resumingAFinishedRunDoesNothingMore() throws IOException {
        Path a = tmp.resolve("a");
        TrainingState first = TrainingRun.create(a, small(), 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        List<String> before = Files.readAllLines(a.resolve("metrics.csv"));
        TrainingState again = TrainingRun.open(a, 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        assertArrayEquals(first.theta(), again.theta());
        assertEquals(before, Files.readAllLines(a.resolve("metrics.csv")));
    }

    @Test
    void killMinus9ThenResumeEqualsUninterruptedRun() throws Exception {
        TrainConfig cfg = small().withSteps(400).withIntervals(10, 20);
        Path a = tmp.resolve("a");
        TrainingState full = TrainingRun.create(a, cfg, 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);

        Path b = tmp.resolve("b");
        TrainingRun.create(b, cfg, 1, TrainingRunTest::fakeClock); // writes config.json only
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.iblrnn.cli.Main",
                "train", "--resume", b.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path ckpts = b.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (CheckpointStore.list(ckpts).size() < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        boolean wasAlive = p.isAlive();
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(30, TimeUnit.SECONDS);
        assertFalse(p.isAlive());
        TrainingState resumed = TrainingRun.open(b, 1, TrainingRunTest::fakeClock).run(TrainingProgress.NONE);
        assertArrayEquals(full.theta(), resumed.theta(), "killed while alive=" + wasAlive);
        assertEquals(metricsWithoutWallTime(a), metricsWithoutWallTime(b));
    }
}
