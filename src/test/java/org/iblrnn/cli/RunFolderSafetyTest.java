package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.StorageException;
import org.iblrnn.pipeline.FullRun;
import org.iblrnn.pipeline.TrainingProgress;
import org.iblrnn.train.TrainConfig;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, as a user meets it: two writers on one run folder, a killed writer's lock, a run
 * whose checkpoints do not read back, a corrupt newest checkpoint, an interrupted or out-of-date
 * stage, bad input refused before anything is written, leftover temporaries, storage failures.
 */
class RunFolderSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static List<String> tinyArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--steps", "3", "--hidden", "4",
                "--blocks-per-session", "1", "--block-min", "2", "--block-max", "3", "--block-p", "0.5", "--quiet",
                "--checkpoint-every", "1", "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a;
    }

    private static CliTest.Result cli(List<String> args) {
        return CliTest.run(args.toArray(String[]::new));
    }

    private static Process javaMain(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.iblrnn.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndAKilledHoldersLockIsTakenOver() throws Exception {
        Path x = tmp.resolve("X");
        List<String> a = tinyArgs(x);
        a.set(a.indexOf("--steps") + 1, "100000000"); // runs until killed
        a.set(a.indexOf("--checkpoint-every") + 1, "100000000");
        a.addAll(List.of("--seed", "3"));
        Process holder = javaMain(tmp.resolve("a.log"), a.toArray(String[]::new));
        try {
            Path first = x.resolve("checkpoints/checkpoint-000000.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(first) && holder.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(holder.isAlive() && Files.exists(first), Files.readString(tmp.resolve("a.log")));
            byte[] config = Files.readAllBytes(x.resolve("config.json"));

            // a second train with another seed, in its own process: one line naming the folder and the pid
            Process second = javaMain(tmp.resolve("b.log"), tinyArgs(x, "--seed", "4").toArray(String[]::new));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));
            String b = Files.readString(tmp.resolve("b.log"));
            assertEquals(2, second.exitValue(), b);
            assertEquals(1, b.lines().count(), b);
            assertTrue(b.contains(x.toString()) && b.contains("pid " + holder.pid()), b);
            // evaluate, analyze, distill, run: refused too, nothing written
            for (List<String> other : List.of(
                    List.of("evaluate", "--run", x.toString(), "--blocks", "3", "--agents", "rnn"),
                    List.of("analyze", "--run", x.toString(), "--blocks", "3"),
                    List.of("distill", "--run", x.toString(), "--blocks", "3"),
                    List.of("train", "--resume", x.toString(), "--quiet"))) {
                CliTest.Result r = cli(other);
                assertEquals(2, r.code(), other + ": " + r.err());
                assertTrue(r.err().contains("pid " + holder.pid()), r.err());
            }
            assertFalse(Files.exists(x.resolve("eval")));
            assertArrayEquals(config, Files.readAllBytes(x.resolve("config.json")));
        } finally {
            holder.destroyForcibly(); // SIGKILL: the OS releases the lock
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(holder.isAlive());
        CliTest.Result after = cli(List.of("evaluate", "--run", x.toString(), "--blocks", "3", "--agents", "rnn"));
        assertEquals(0, after.code(), after.err());
        JsonNode cfg = JSON.readTree(x.resolve("config.json").toFile());
        assertEquals(3, cfg.path("train").path("seed").asLong(), "the first writer's run is intact");
    }

    @Test
    void aCorruptNewestCheckpointIsNamedOnStderrAndInTheSummary() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Path newest = run.resolve("checkpoints/checkpoint-000002.npz");
        byte[] b = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(b, b.length / 2));
        CliTest.Result r = cli(List.of("evaluate", "--run", run.toString(), "--blocks", "3", "--agents", "rnn"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: ") && r.err().contains("checkpoint-000001.json")
                && r.err().contains("checkpoint-000002.npz"), r.err());
        assertFalse(r.out().contains("warning"), "the warning goes to stderr: " + r.out());
        JsonNode used = JSON.readTree(run.resolve("eval/summary.json").toFile()).path("checkpointUsed");
        assertEquals("checkpoints/checkpoint-000001.json", used.path("file").asText());
        assertEquals(1, used.path("skippedNewer").size());
        assertTrue(used.path("skippedNewer").get(0).asText().contains("checkpoint-000002.npz"));
        // a newer format version is rejected with its reason too
        Path j1 = run.resolve("checkpoints/checkpoint-000001.json");
        Files.writeString(j1, Files.readString(j1).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        CliTest.Result a = cli(List.of("analyze", "--run", run.toString(), "--blocks", "10", "--no-fixed-points"));
        assertEquals(0, a.code(), a.err());
        assertTrue(a.err().contains("checkpoint-000000.json") && a.err().contains("format version 2"), a.err());
        assertEquals(2, JSON.readTree(run.resolve("analysis/summary.json").toFile()).path("checkpointUsed")
                .path("skippedNewer").size());
    }

    private static TrainConfig small() {
        TrainConfig c = TrainConfig.paper();
        return c.withModel(new ModelConfig("rnn", 3, 6, 2)).withTask(c.task().withBlocksPerSession(2)
                .withBlockLengths(new BlockLengths.TruncatedGeometric(0.3, 3, 6))).withSteps(20).withIntervals(5, 10);
    }

    private static FullRun.Result fullRun(Path dir, Path mice, int blocks) throws Exception {
        return FullRun.run(dir, small(), mice, blocks, 1, TrainingProgress.NONE, () -> 0L, l -> { });
    }

    @Test
    void anInterruptedStageOrAChangedInputIsRunAgain() throws Exception {
        Path dir = tmp.resolve("full");
        Path mice = tmp.resolve("mice.csv");
        Files.copy(Path.of("src/test/resources/fixtures/mice/good/CSHL_002.csv"), mice);
        FullRun.Result first = fullRun(dir, mice, 12);
        assertEquals("done", first.stages().get("compare"), first.stages().toString());
        FullRun.Result same = fullRun(dir, mice, 12);
        for (String s : List.of("evaluate", "analyze", "distill", "compare")) {
            assertEquals("cached", same.stages().get(s), s + ": " + same.stages());
        }
        // killed after eval/summary.json, before its figures and marker: evaluate runs again
        Path figs = dir.resolve("eval/figures");
        List<Path> figures;
        try (var s = Files.list(figs)) {
            figures = s.sorted().toList();
        }
        Files.delete(dir.resolve("eval/complete.json"));
        Files.delete(figures.get(figures.size() - 1));
        FullRun.Result again = fullRun(dir, mice, 12);
        assertEquals("done", again.stages().get("evaluate"), again.stages().toString());
        assertEquals("cached", again.stages().get("analyze"), again.stages().toString());
        assertTrue(Files.exists(figures.get(figures.size() - 1)), "the interrupted stage's figures are back");
        // other mice (another file, or the same file changed): compare runs again and says which
        Path other = tmp.resolve("other.csv");
        Files.copy(mice, other);
        FullRun.Result m = fullRun(dir, other, 12);
        assertEquals("done", m.stages().get("compare"), m.stages().toString());
        assertEquals(other.toString(), JSON.readTree(dir.resolve("compare/summary.json").toFile()).path("mice")
                .path("path").asText());
        List<String> lines = Files.readAllLines(other);
        Files.write(other, lines.subList(0, lines.size() - 1));
        assertEquals("done", fullRun(dir, other, 12).stages().get("compare"));
        assertEquals("cached", fullRun(dir, other, 12).stages().get("compare"));
        // another session size: every stage again
        FullRun.Result b = fullRun(dir, other, 13);
        for (String s : List.of("evaluate", "analyze", "distill", "compare")) {
            assertEquals("done", b.stages().get(s), s + ": " + b.stages());
        }
        // a stage run by hand with other options invalidates what run had cached
        assertEquals(0, CliTest.run("evaluate", "--run", dir.toString(), "--blocks", "13", "--agents", "rnn")
                .code());
        assertEquals("done", fullRun(dir, other, 13).stages().get("evaluate"));
    }

    @Test
    void evaluateWithNoAgentsLeavesTheEvaluationAsItWas() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        assertEquals(0, CliTest.run("evaluate", "--run", run.toString(), "--blocks", "3", "--agents", "rnn").code());
        byte[] before = Files.readAllBytes(run.resolve("eval/summary.json"));
        for (String agents : List.of(",", "", "observer")) {
            CliTest.Result r = CliTest.run("evaluate", "--run", run.toString(), "--blocks", "3", "--agents", agents);
            assertEquals(2, r.code(), agents + ": " + r.err());
            assertTrue(r.err().lines().findFirst().orElse("").contains("--agents"), r.err());
            assertArrayEquals(before, Files.readAllBytes(run.resolve("eval/summary.json")));
        }
    }

    @Test
    void badMouseFilesAreRefusedNamingTheFile() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Path header = tmp.resolve("header-only.csv");
        Files.writeString(header, "trial_num,session_num,stim_probability_left,contrast,position,response_choice,"
                + "trial_correct,reaction_time\n");
        Path garbage = tmp.resolve("garbage.csv");
        Files.writeString(garbage, "trial_num,session_num,stim_probability_left,contrast,position,response_choice,"
                + "trial_correct,reaction_time\nx,y,z,1e308,,,\n1,1,0.5,NaN,-35,-1,1,0.5\n1,1\n");
        for (Path p : List.of(header, garbage)) {
            CliTest.Result r = CliTest.run("compare", "--run", run.toString(), "--blocks", "3", "--mice",
                    p.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--mice") && r.err().contains(p.getFileName().toString())
                    && r.err().contains("no usable trial"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(run.resolve("compare")), "nothing written for " + p);
        }
    }

    @Test
    void compareShowsAndRecordsTheRowsItDropped() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Path mice = tmp.resolve("mice.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(
                "src/test/resources/fixtures/mice/good/CSHL_002.csv")));
        lines.add("600,9,0.5,1e308,-35.0,-1,1.0,0.5");
        lines.add("601,9,0.5,NaN,-35.0,-1,1.0,0.5");
        lines.add("602,9");
        Files.write(mice, lines);
        CliTest.Result r = CliTest.run("compare", "--run", run.toString(), "--blocks", "3", "--mice",
                mice.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("load: ") && r.out().contains("3 rows skipped")
                && r.out().contains("FIELD_COUNT"), r.out());
        JsonNode file = JSON.readTree(run.resolve("compare/summary.json").toFile()).path("mice").path("load")
                .path("files").get(0);
        assertEquals(3, file.path("skippedRows").asLong(), file.toString());
        assertEquals(1, file.path("skipped").path("FIELD_COUNT").asLong(), file.toString());
        assertEquals(lines.size() - 1, file.path("rows").asLong());
    }

    @Test
    void inputsAreCheckedBeforeTheFirstWriteOrMinuteOfWork() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Path empty = Files.createDirectories(tmp.resolve("EMPTY"));
        CliTest.Result d = CliTest.run("distill", "--run", run.toString(), "--blocks", "3", "--two-unit-run",
                empty.toString());
        assertEquals(2, d.code(), d.err());
        assertTrue(d.err().contains("--two-unit-run") && d.err().contains("EMPTY"), d.err());
        assertFalse(Files.exists(run.resolve("distill")), "refused before the distillation");
        Path x = tmp.resolve("x");
        for (List<String> args : List.of(List.of("run", "--threads", "0", "--out", x.toString()),
                List.of("run", "--steps", "99999999999", "--out", x.toString()),
                List.of("sweep", "--jobs", "0", "--dry-run", "--out", x.toString()),
                List.of("sweep", "--file", empty.toString(), "--dry-run", "--out", x.toString()))) {
            CliTest.Result r = cli(args);
            assertEquals(2, r.code(), args + ": " + r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.contains(args.get(1)) && first.contains(args.get(2)), first);
            assertFalse(Files.exists(x), args + " created " + x);
        }
    }

    @Test
    void aFinishedRunRunAgainWritesNothingAndLeftoverTemporariesAreRemoved() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Object key = Files.readAttributes(run.resolve("metrics.csv"), BasicFileAttributes.class).fileKey();
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.csv"));
        Path t1 = run.resolve("checkpoints/.checkpoint-000003.npz.123456.tmp");
        Files.write(t1, new byte[100]);
        Path t2 = Files.createDirectories(run.resolve("eval/rnn")).resolve(".hidden.npy.987.tmp");
        Files.write(t2, new byte[100]);
        Path keep = run.resolve("notes.tmp");
        Files.writeString(keep, "mine");
        CliTest.Result again = cli(tinyArgs(run));
        assertEquals(0, again.code(), again.err());
        assertEquals(key, Files.readAttributes(run.resolve("metrics.csv"), BasicFileAttributes.class).fileKey(),
                "metrics.csv is not rewritten");
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve("metrics.csv")));
        assertFalse(Files.exists(t1) || Files.exists(t2), "temporaries of interrupted writes are removed");
        assertTrue(Files.exists(keep), "only .NAME.*.tmp files are ours");
        assertTrue(again.err().contains("removed 2 temporary file"), again.err());
    }

    @Test
    void nonUtf8MetricsAndFilesInPlaceOfFoldersGivePlainMessages() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(tinyArgs(run)).code());
        Files.write(run.resolve("metrics.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'},
                StandardOpenOption.APPEND);
        CliTest.Result r = cli(tinyArgs(run));
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("Input length"), r.err());
        Files.writeString(run.resolve("eval"), "not a folder");
        CliTest.Result e = CliTest.run("evaluate", "--run", run.toString(), "--blocks", "3", "--agents", "rnn");
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("eval") && e.err().contains("is not a folder"), e.err());
        assertFalse(e.err().contains("Exception"), e.err());
    }

    @Test
    void storageFailuresHaveTheirOwnExitCodeAndASentence() {
        StringWriter err = new StringWriter();
        int full = Main.report(StorageException.writing("runs/x/metrics.csv",
                new FileSystemException("runs/x/.metrics.csv.1.tmp", null, "No space left on device")),
                new PrintWriter(err, true), "train");
        assertEquals(Main.EXIT_STORAGE, full);
        assertTrue(err.toString().contains("runs/x/metrics.csv") && err.toString().contains("disk is full")
                && !err.toString().contains("Exception"), err.toString());
        StringWriter err2 = new StringWriter();
        int ro = Main.report(new FileSystemException("runs/x/checkpoints", null, "Read-only file system"),
                new PrintWriter(err2, true), "train");
        assertEquals(Main.EXIT_STORAGE, ro);
        assertTrue(err2.toString().contains("read-only") && !err2.toString().contains("Exception"), err2.toString());
        assertTrue(Main.EXIT_STORAGE != 2, "2 is reserved for bad input");
        assertTrue(new String(CliTest.run("--help").out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("Exit codes"), "--help documents the exit codes");
    }
}
