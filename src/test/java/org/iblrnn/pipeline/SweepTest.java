package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files, the manifest of units, and the local executor (with a stand-in for iblrnn). */
class SweepTest {
    @TempDir
    Path tmp;

    static SweepSpec spec(String json) {
        try {
            return SweepSpec.fromJson(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sweepFileKeysAndDefaults() {
        SweepSpec d = spec("{}");
        assertEquals(SweepSpec.defaults(), d);
        SweepSpec s = spec("{\"seeds\":\"1..3,7\",\"hidden\":[50,100],\"cell\":\"RNN\",\"steps\":200,"
                + "\"stages\":[\"train\",\"analyze\"],\"lr\":[0.001]}");
        assertEquals(List.of(1L, 2L, 3L, 7L), s.seeds());
        assertEquals(List.of(50, 100), s.hidden());
        assertEquals(List.of("rnn"), s.cells());
        assertEquals(List.of("rnn-h50-prob-lr0.001", "rnn-h100-prob-lr0.001"),
                s.configs().stream().map(SweepSpec.Config::id).toList());
        // the JSON form reads back to the same sweep
        assertEquals(s, SweepSpec.fromJson(new ObjectMapper().valueToTree(s.toJson())));
    }

    @Test
    void badSweepFilesNameTheKeyAndValue() throws IOException {
        String[][] bad = {
            {"{\"seed\":[1]}", "unknown key \"seed\""},
            {"{\"seeds\":\"3..1\"}", "range 3..1 is empty"},
            {"{\"seeds\":\"a\"}", "\"a\" is not a seed"},
            {"{\"seeds\":[1,1]}", "lists 1 twice"},
            {"{\"hidden\":0}", "hidden size must be in [1, 4096], got 0"},
            {"{\"hidden\":[50.5]}", "hidden must be a whole number"},
            {"{\"cell\":\"transformer\"}", "transformer"},
            {"{\"loss\":\"mse\"}", "mse"},
            {"{\"stages\":[\"evaluate\"]}", "stages must start with train"},
            {"{\"stages\":[\"train\",\"distill\",\"evaluate\"]}", "in the order"},
            {"{\"evalBlocks\":1}", "evalBlocks must be >= 2, got 1"},
            {"{\"name\":\"a b\"}", "name must be"},
            {"{\"precision\":\"float16\"}", "float16"},
            {"{\"precision\":\"float32\",\"cell\":[\"rnn\",\"gru\"]}", "cell rnn"},
            {"[1,2]", "one JSON object"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
        Path f = tmp.resolve("s.json");
        Files.writeString(f, "{\"hidden\": [50,\n 100,\n ]}");
        IOException io = assertThrows(IOException.class, () -> SweepSpec.read(f));
        assertTrue(io.getMessage().contains("s.json") && io.getMessage().contains("line 3"), io.getMessage());
        Files.writeString(f, "{\"loss\":[\"prob\",\"nope\"]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void unitsAreDeterministicOnePerStageAndNetwork() {
        SweepSpec s = spec("{\"seeds\":\"1..3\",\"hidden\":[8,16],\"steps\":10,\"evalBlocks\":4}");
        List<Sweep.Unit> u = Sweep.plan(s);
        assertEquals(2 * 3 * 4, u.size());
        assertEquals(u, Sweep.plan(s));
        assertEquals(u.size(), u.stream().map(Sweep.Unit::id).distinct().count());
        Sweep.Unit train = u.get(0);
        assertEquals("rnn-h8-prob.s1.train", train.id());
        assertEquals("runs/rnn-h8-prob/seed-1", train.run());
        assertTrue(train.command().startsWith("iblrnn train --out runs/rnn-h8-prob/seed-1 --preset paper --seed 1 "
                + "--hidden 8 --cell rnn --loss prob --steps 10"), train.command());
        for (Sweep.Unit x : u) {
            if (!x.stage().equals("train")) {
                assertEquals(List.of(x.config() + ".s" + x.seed() + ".train"), x.depends());
                assertTrue(x.args().containsAll(List.of("--run", x.run(), "--blocks", "4")), x.command());
            }
        }
        assertEquals(5, u.get(u.size() - 1).group());
        assertFalse(train.args().contains("--precision"), "float64 is the default: " + train.command());
    }

    @Test
    void aFloat32SweepTrainsEveryNetworkInFloat32() {
        SweepSpec s = spec("{\"seeds\":\"1..2\",\"hidden\":[8],\"steps\":10,\"precision\":\"FP32\"}");
        assertEquals("float32", s.precision());
        for (Sweep.Unit x : Sweep.plan(s)) {
            if (x.stage().equals("train")) {
                assertTrue(x.command().contains("--precision float32"), x.command());
            } else {
                assertFalse(x.args().contains("--precision"), x.command());
            }
        }
        assertEquals(org.iblrnn.nn.Precision.FLOAT32, s.trainConfig(s.configs().get(0), 1).precision());
        assertEquals(s, SweepSpec.fromJson(new ObjectMapper().valueToTree(s.toJson())));
        assertFalse(SweepSpec.defaults().toJson().containsKey("precision"), "float64 sweep files stay as they were");
    }

    @Test
    void aFolderHoldingAnotherSweepIsRefused() throws IOException {
        Sweep.create(tmp.resolve("s"), spec("{\"seeds\":\"1..2\"}"));
        Sweep.create(tmp.resolve("s"), spec("{\"seeds\":\"1..2\"}")); // the same sweep again: fine
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.create(tmp.resolve("s"), spec("{\"seeds\":\"1..3\"}")));
        assertTrue(e.getMessage().contains("holds another sweep"), e.getMessage());
        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("other/x.txt"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.create(tmp.resolve("other"), SweepSpec.defaults()));
        assertTrue(e.getMessage().contains("not a sweep folder"), e.getMessage());
    }

    /**
     * A stand-in for iblrnn: records its arguments, fails the train unit of seed 2 with a message,
     * and otherwise writes the run's config.json.
     */
    static List<String> fakeLauncher(Path tmp) throws IOException {
        Path script = tmp.resolve("fake-iblrnn.sh");
        Files.writeString(script, String.join("\n",
                "#!/bin/bash",
                "echo \"$@\" >> \"" + tmp.resolve("calls.txt") + "\"",
                "if [ \"$1\" = train ] && [[ \" $* \" == *\" --seed 2 \"* ]]; then",
                "  echo 'iblrnn train: something went wrong' >&2; exit 3",
                "fi",
                "if [ \"$1\" = train ]; then mkdir -p \"$3\" && echo '{}' > \"$3/config.json\"; fi",
                "echo ok", ""));
        return List.of("bash", script.toString());
    }

    @Test
    void localExecutorRunsEveryUnitOnceAndAFailureBlocksOnlyItsDependents() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), spec("{\"seeds\":\"1..3\",\"steps\":10}"));
        List<String> log = new ArrayList<>();
        LocalExecutor.Outcome o = LocalExecutor.run(s, 2, new UnitRunner(s, fakeLauncher(tmp)), System::nanoTime,
                log::add);
        assertEquals(8, o.done(), log.toString());
        assertEquals(1, o.failed());
        assertEquals(3, o.blocked());
        List<String> calls = Files.readAllLines(tmp.resolve("calls.txt"));
        assertEquals(9, calls.size());
        assertEquals(9, calls.stream().distinct().count());
        Map<Sweep.State, Integer> c = Sweep.counts(s.states());
        assertEquals(8, c.get(Sweep.State.DONE));
        assertEquals(1, c.get(Sweep.State.FAILED));
        assertEquals(3, c.get(Sweep.State.BLOCKED));
        Sweep.Unit failed = s.unit("rnn-h50-prob.s2.train");
        Sweep.UnitStatus st = s.recorded(failed);
        assertEquals(3, st.exitCode());
        assertTrue(st.message().contains("exit code 3") && st.message().contains("something went wrong"),
                st.message());
        assertTrue(Files.readString(s.log(failed)).contains("something went wrong"));
        assertTrue(log.stream().anyMatch(l -> l.contains("FAILED rnn-h50-prob.s2.train")), log.toString());

        // again: the finished units are skipped, only the failed one runs (and fails) again
        LocalExecutor.Outcome again = LocalExecutor.run(s, 2, new UnitRunner(s, fakeLauncher(tmp)), System::nanoTime,
                l -> { });
        assertEquals(8, again.skipped());
        assertEquals(0, again.done());
        assertEquals(1, again.failed());
        assertEquals(10, Files.readAllLines(tmp.resolve("calls.txt")).size());
    }

    @Test
    void unitsRunFromTheSweepFolderAndAMissingProgramIsAFailureNotACrash() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("sweep"), spec("{\"stages\":[\"train\",\"evaluate\"]}"));
        LocalExecutor.Outcome o = LocalExecutor.run(s, 1, new UnitRunner(s, List.of(tmp.resolve("nope").toString())),
                System::nanoTime, l -> { });
        assertEquals(1, o.failed());
        assertEquals(1, o.blocked());
        Sweep.UnitStatus st = s.recorded(s.units().get(0));
        assertEquals(Sweep.State.FAILED, st.state());
        assertTrue(st.message().contains("could not start"), st.message());

        Sweep s2 = Sweep.create(tmp.resolve("sweep2"), spec("{\"stages\":[\"train\"]}"));
        LocalExecutor.run(s2, 1, new UnitRunner(s2, List.of("bash", "-c", "pwd > where.txt", "x")), System::nanoTime,
                l -> { });
        assertEquals(s2.dir().toRealPath().toString(),
                Files.readString(s2.dir().resolve("where.txt"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void theJvmsIncubatorNoticeIsNotAFailedUnitsReason() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("notice"), spec("{\"stages\":[\"train\"]}"));
        LocalExecutor.run(s, 1, new UnitRunner(s, List.of("bash", "-c",
                "echo 'out of memory' >&2; echo '" + Sweep.INCUBATOR_NOTICE + "' >&2; exit 3", "x")),
                System::nanoTime, l -> { });
        Sweep.UnitStatus st = s.recorded(s.units().get(0));
        assertEquals(Sweep.State.FAILED, st.state());
        assertTrue(st.message().contains("out of memory") && !st.message().contains("incubator"), st.message());

        Sweep s2 = Sweep.create(tmp.resolve("notice2"), spec("{\"stages\":[\"train\"]}"));
        LocalExecutor.run(s2, 1, new UnitRunner(s2, List.of("bash", "-c",
                "echo '" + Sweep.INCUBATOR_NOTICE + "' >&2; exit 3", "x")), System::nanoTime, l -> { });
        Sweep.UnitStatus st2 = s2.recorded(s2.units().get(0));
        assertFalse(st2.message().contains("incubator"), st2.message());
    }

    @Test
    void realUnitsTrainAndEvaluateAndTheNetworksAreTheOnesTheSweepDescribes() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("real"), spec("{\"seeds\":\"1..2\",\"hidden\":6,\"steps\":20,"
                + "\"evalBlocks\":3,\"stages\":[\"train\",\"evaluate\"]}"));
        List<String> log = new ArrayList<>();
        LocalExecutor.Outcome o = LocalExecutor.run(s, 2, new UnitRunner(s, UnitRunner.thisLauncher()),
                System::nanoTime, log::add);
        assertEquals(4, o.done(), () -> log + "\n" + logs(s));
        for (SweepSpec.Config c : s.spec().configs()) {
            for (long seed : s.spec().seeds()) {
                Path run = s.dir().resolve("runs/" + c.id() + "/seed-" + seed);
                assertEquals(s.spec().trainConfig(c, seed), new org.iblrnn.data.RunFolder(run).readConfig());
                assertTrue(Files.exists(run.resolve("eval/summary.json")));
            }
        }
        List<Aggregate.Network> nets = Aggregate.collect(s);
        assertEquals(2, nets.size());
        assertFalse(Double.isNaN(nets.get(0).numbers().get(0).ours()), "fraction correct read back");
        assertTrue(Double.isNaN(nets.get(0).numbers().get(2).ours()), "analysis did not run");
    }

    private static String logs(Sweep s) {
        StringBuilder sb = new StringBuilder();
        for (Sweep.Unit u : s.units()) {
            try {
                sb.append(Files.exists(s.log(u)) ? Files.readString(s.log(u)) : "");
            } catch (IOException e) {
                sb.append(e);
            }
        }
        return sb.toString();
    }

    @Test
    void stoppingARunnerKillsItsUnitsAndLeavesThemPending() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("stop"), spec("{\"stages\":[\"train\"]}"));
        Sweep.Unit u = s.units().get(0);
        UnitRunner runner = new UnitRunner(s, List.of("bash", "-c", "echo started; exec sleep 60", "x"));
        java.util.concurrent.atomic.AtomicReference<Sweep.UnitStatus> result = new java.util.concurrent.atomic
                .AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(runner.run(u));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(s.log(u)) && Files.readString(s.log(u)).contains("started"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Sweep.State.RUNNING, s.recorded(u).state());
        runner.stopAll();
        t.join(30_000);
        assertFalse(t.isAlive(), "the unit's process ended");
        assertEquals(Sweep.State.PENDING, result.get().state());
        assertEquals(Sweep.State.PENDING, s.recorded(u).state(), "no status left: the next run starts it again");
    }
}
