package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLURM executor against a stand-in sbatch (the real cluster is exercised by
 * .ci/sweep-slurm-test.sh): scripts, chunking, submission records, refusals, array tasks.
 */
class SlurmExecutorTest {
    @TempDir
    Path tmp;

    /** A fake sbatch that records its arguments and answers job ids 100, 101, ... (or fails). */
    Path fakeSbatch(boolean refuse) throws IOException {
        Path f = tmp.resolve(refuse ? "sbatch-refuses" : "sbatch-ok");
        Path calls = tmp.resolve("sbatch-calls.txt");
        Files.writeString(f, refuse
                ? "#!/bin/bash\necho 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2"
                        + "\nexit 1\n"
                : "#!/bin/bash\necho \"$@\" >> " + calls + "\nn=$(wc -l < " + calls + ")\necho $((99 + n))\n");
        f.toFile().setExecutable(true);
        return f;
    }

    static SlurmExecutor.Options options(Path sbatch, int runsPerTask, int maxArray, boolean dry) {
        return new SlurmExecutor.Options("cpu", "1:00:00", "4G", 2, List.of("--account=lab", "--qos=short"),
                runsPerTask, maxArray, 3, dry, sbatch.toString());
    }

    @Test
    void scriptsPackNetworksIntoArrayTasksAndChunkLargeArrays() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), SweepTest.spec("{\"seeds\":\"1..5\",\"steps\":10}"));
        List<String> log = new ArrayList<>();
        List<SlurmExecutor.Submission> subs = SlurmExecutor.submit(s, options(fakeSbatch(false), 2, 2, false),
                List.of("/opt/java/bin/java", "-cp", "/x/iblrnn.jar", "org.iblrnn.cli.Main"), log::add);
        // 5 networks, 2 per task -> 3 tasks; at most 2 per array -> 2 arrays
        assertEquals(2, subs.size());
        assertEquals(2, subs.get(0).arrayTasks());
        assertEquals(1, subs.get(1).arrayTasks());
        assertEquals("100", subs.get(0).jobId());
        assertEquals("101", subs.get(1).jobId());
        assertEquals(List.of("0 1", "2 3"), Files.readAllLines(subs.get(0).tasks()));
        assertEquals(List.of("4"), Files.readAllLines(subs.get(1).tasks()));
        String script = Files.readString(subs.get(0).script());
        Path dir = s.dir().toAbsolutePath().normalize();
        for (String line : List.of("#SBATCH --array=0-1%3", "#SBATCH --partition=cpu", "#SBATCH --time=1:00:00",
                "#SBATCH --mem=4G", "#SBATCH --cpus-per-task=2", "#SBATCH --account=lab", "#SBATCH --qos=short",
                "#SBATCH --output=" + dir.resolve("logs") + "/slurm-%A_%a.out", "#SBATCH --chdir=" + dir,
                "exec /opt/java/bin/java -cp /x/iblrnn.jar org.iblrnn.cli.Main sweep task --out " + dir + " --tasks "
                        + subs.get(0).tasks() + " --index \"$SLURM_ARRAY_TASK_ID\"")) {
            assertTrue(script.contains(line + "\n"), line + " in\n" + script);
        }
        assertTrue(Files.readString(tmp.resolve("sbatch-calls.txt")).startsWith("--parsable " + subs.get(0).script()));
        assertEquals(List.of("100", "101"), SlurmExecutor.jobIds(s));
        assertTrue(log.get(0).contains("as SLURM job 100"), log.toString());
    }

    @Test
    void onlyUnfinishedNetworksAreResubmittedAndDryRunsSubmitNothing() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), SweepTest.spec("{\"seeds\":\"1..3\",\"stages\":[\"train\"]}"));
        s.writeStatus(s.units().get(0), new Sweep.UnitStatus(Sweep.State.DONE, 0, 1, "h", "t", ""));
        List<SlurmExecutor.Submission> subs = SlurmExecutor.submit(s, options(fakeSbatch(false), 1, 1000, true),
                List.of("java"), l -> { });
        assertEquals(1, subs.size());
        assertEquals(List.of("1", "2"), Files.readAllLines(subs.get(0).tasks()));
        assertEquals("", subs.get(0).jobId());
        assertTrue(Files.notExists(tmp.resolve("sbatch-calls.txt")), "a dry run does not call sbatch");
        assertEquals(List.of(), SlurmExecutor.jobIds(s));
        // a second submission gets its own files
        List<SlurmExecutor.Submission> again = SlurmExecutor.submit(s, options(fakeSbatch(false), 1, 1000, true),
                List.of("java"), l -> { });
        assertTrue(again.get(0).script().getFileName().toString().startsWith("submit-001-00"));
    }

    @Test
    void refusalsAndAMissingSbatchAreOneLineErrors() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), SweepTest.spec("{\"stages\":[\"train\"]}"));
        IOException e = assertThrows(IOException.class, () -> SlurmExecutor.submit(s,
                options(fakeSbatch(true), 1, 1000, false), List.of("java"), l -> { }));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("Invalid partition name"),
                e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> SlurmExecutor.submit(s,
                options(tmp.resolve("no-such-sbatch"), 1, 1000, false), List.of("java"), l -> { }));
        assertTrue(missing.getMessage().contains("not found") && missing.getMessage().contains("--dry-run"),
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlurmExecutor.Options(null, "1:00; rm -rf /", null, 1,
                List.of(), 1, 10, null, true, "sbatch"));
        assertThrows(IllegalArgumentException.class, () -> new SlurmExecutor.Options(null, null, null, 1,
                List.of("--a\n#SBATCH --b"), 1, 10, null, true, "sbatch"));
        assertThrows(IllegalArgumentException.class, () -> new SlurmExecutor.Options(null, null, null, 0,
                List.of(), 1, 10, null, true, "sbatch"));
    }

    @Test
    void anArrayTaskRunsItsNetworksUnitsInOrderAndSkipsWhatIsDone() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), SweepTest.spec("{\"seeds\":\"1..3\",\"steps\":10}"));
        Path tasks = tmp.resolve("t.tasks");
        Files.writeString(tasks, "0 1\n2\n");
        s.writeStatus(s.units().get(1), new Sweep.UnitStatus(Sweep.State.DONE, 0, 1, "h", "t", ""));
        List<String> log = new ArrayList<>();
        int failed = SlurmExecutor.runTask(s, tasks, 0, new UnitRunner(s, SweepTest.fakeLauncher(tmp)), log::add);
        assertEquals(1, failed, log.toString()); // seed 2's train unit fails in the stand-in
        List<String> calls = Files.readAllLines(tmp.resolve("calls.txt"));
        assertEquals(4, calls.size(), calls.toString()); // s1: train, analyze, distill (evaluate done); s2: train
        assertTrue(calls.get(0).startsWith("train") && calls.get(1).startsWith("analyze"), calls.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("skip   rnn-h50-prob.s2.evaluate")), log.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlurmExecutor.runTask(s, tasks, 2, new UnitRunner(s, List.of("true")), l -> { }));
        assertTrue(e.getMessage().contains("has 2 tasks"), e.getMessage());
        Files.writeString(tasks, "0 9\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> SlurmExecutor.runTask(s, tasks, 0, new UnitRunner(s, List.of("true")), l -> { }));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("network 9"), e.getMessage());
    }
}
