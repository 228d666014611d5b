package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: help, a tiny end-to-end run, and bad input giving one line and exit code 2. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private String[] tiny(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--steps", "3", "--hidden", "4",
                "--blocks-per-session", "1", "--block-min", "2", "--block-max", "3", "--block-p", "0.5", "--quiet",
                "--out", tmp.resolve("run").toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("train") && r.out().contains("bench"), r.out());
        Result t = run("train", "--help");
        assertEquals(0, t.code());
        assertTrue(t.out().contains("--resume") && t.out().contains("--loss"), t.out());
    }

    @Test
    void tinyTrainingRunWritesItsFiles() {
        Result r = run(tiny());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("run/config.json")));
        assertTrue(Files.exists(tmp.resolve("run/metrics.csv")));
        assertTrue(Files.exists(tmp.resolve("run/checkpoints/checkpoint-000002.npz")));
        assertTrue(r.out().startsWith("done: 3 gradient steps"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--hidden|-3|--hidden",
        "--hidden|0|--hidden",
        "--batch|0|--batch",
        "--steps|0|--steps",
        "--steps|99999999999|--steps",
        "--threads|0|--threads",
        "--loss|mse|--loss",
        "--optimizer|rmsprop|--optimizer",
        "--lr|-1|--lr",
        "--momentum|1.5|--momentum",
        "--concordance|1.2|--concordance",
        "--block-min|200|--block-min",
        "--block-p|0|--block-p",
        "--block-lengths|poisson|--block-lengths",
        "--clip-norm|-1|--clip-norm",
        "--precision|float16|--precision",
        "--preset|mouse|--preset",
        "--hidden|many|--hidden"})
    void badOptionValuesGiveOneLineNamingTheOptionAndExit2(String option, String value, String named) {
        Result r = run("train", option, value, "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains(named), first);
        assertTrue(first.contains(value), first);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is created for bad input");
    }

    @Test
    void unknownOptionExits2() {
        Result r = run("train", "--hiden", "5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--hiden"), r.err());
    }

    @Test
    void resumeOfAMissingFolderExits2() {
        Result r = run("train", "--resume", tmp.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void resumeRejectsConfigOptions() {
        assertEquals(0, run(tiny()).code());
        Result r = run("train", "--resume", tmp.resolve("run").toString(), "--hidden", "8");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--hidden cannot be combined with --resume"), r.err());
    }

    @Test
    void existingRunIsNotOverwritten() throws Exception {
        assertEquals(0, run(tiny()).code());
        Path last = tmp.resolve("run/checkpoints/checkpoint-000002.npz");
        byte[] before = Files.readAllBytes(last);
        // the same command again continues the (finished) run and leaves it as it was
        Result same = run(tiny());
        assertEquals(0, same.code(), same.err());
        assertArrayEquals(before, Files.readAllBytes(last));
        // another configuration in the same folder is refused, naming the folder
        Result r = run(tiny("--seed", "7"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("another configuration") && r.err().contains("run"), r.err());
        assertArrayEquals(before, Files.readAllBytes(last));
    }

    @Test
    void corruptConfigOnResumeNamesTheFileAndKey() throws Exception {
        assertEquals(0, run(tiny()).code());
        Path cfg = tmp.resolve("run/config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"concordance\" : 0.8", "\"concordance\" : 1.8"));
        Result r = run("train", "--resume", tmp.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("config.json") && r.err().contains("concordance") && r.err().contains("1.8"),
                r.err());

        Files.writeString(cfg, Files.readString(cfg).replace("\"concordance\" : 1.8", "\"concordence\" : 0.8"));
        Result r2 = run("train", "--resume", tmp.resolve("run").toString());
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("unknown key \"concordence\""), r2.err());

        Files.writeString(cfg, "{ not json");
        Result r3 = run("train", "--resume", tmp.resolve("run").toString());
        assertEquals(2, r3.code());
        assertTrue(r3.err().contains("config.json") && r3.err().contains("not valid JSON"), r3.err());
    }

    @Test
    void truncatedOrMismatchedCheckpointsAreReportedWithTheFile() throws Exception {
        assertEquals(0, run(tiny()).code());
        Path npz = tmp.resolve("run/checkpoints/checkpoint-000002.npz");
        // a checkpoint of another shape
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> CheckpointStore.readParameters(npz, new RecurrentModel(ModelConfig.paper())));
        assertTrue(e.getMessage().contains(npz.toString()) && e.getMessage().contains("shape"), e.getMessage());
        // truncated: every checkpoint cut in half; resume refuses (even with --quiet), lists each checkpoint
        // and why it was rejected, and changes nothing; --start-over is the explicit way to begin again
        List<Path> jsons = CheckpointStore.list(tmp.resolve("run/checkpoints"));
        for (Path p : jsons) {
            Path n = p.resolveSibling(p.getFileName().toString().replace(".json", ".npz"));
            byte[] b = Files.readAllBytes(n);
            Files.write(n, Arrays.copyOf(b, b.length / 2));
        }
        byte[] metrics = Files.readAllBytes(tmp.resolve("run/metrics.csv"));
        byte[] last = Files.readAllBytes(npz);
        Result refused = run("train", "--resume", tmp.resolve("run").toString(), "--quiet");
        assertEquals(2, refused.code(), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        for (Path p : jsons) {
            String stem = p.getFileName().toString().replace(".json", "");
            assertTrue(refused.err().contains(stem + ".npz"), "names " + stem + ": " + refused.err());
        }
        assertTrue(refused.err().contains("--start-over"), refused.err());
        assertArrayEquals(metrics, Files.readAllBytes(tmp.resolve("run/metrics.csv")));
        assertArrayEquals(last, Files.readAllBytes(npz));
        // the same through the first command (train --out on an existing run)
        Result again = run(tiny());
        assertEquals(2, again.code(), again.err());
        assertArrayEquals(last, Files.readAllBytes(npz));

        Result over = run("train", "--resume", tmp.resolve("run").toString(), "--quiet", "--start-over");
        assertEquals(0, over.code(), over.err());
        assertTrue(over.err().contains("starting over") && over.err().contains("rejected-checkpoints"), over.err());
        assertArrayEquals(last, Files.readAllBytes(tmp.resolve("run/rejected-checkpoints/checkpoint-000002.npz")),
                "the rejected checkpoints are kept");
        assertEquals(3, CheckpointStore.latest(tmp.resolve("run/checkpoints")).checkpoint().completedSteps());
    }

    @Test
    void evaluateRunsAndReportsBadInputWithExit2() {
        assertEquals(0, run(tiny()).code());
        String dir = tmp.resolve("run").toString();
        Result ok = run("evaluate", "--run", dir, "--blocks", "3", "--agents", "rnn,actor,observer");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("observer") && ok.out().contains("wrote"), ok.out());
        Result unknown = run("evaluate", "--run", dir, "--agents", "rnn,oracle");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("oracle") && unknown.err().lines().count() <= 2, unknown.err());
        Result missing = run("evaluate", "--run", tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope"), missing.err());
        Result blocks = run("evaluate", "--run", dir, "--blocks", "0");
        assertEquals(2, blocks.code());
        assertTrue(blocks.err().contains("--blocks"), blocks.err());
    }

    @Test
    void analyzeAndCompareReportBadInputWithExit2() {
        Result a = run("analyze", "--run", tmp.resolve("nope").toString());
        assertEquals(2, a.code());
        assertTrue(a.err().contains("nope") && a.err().lines().count() <= 2, a.err());
        assertEquals(0, run(tiny()).code());
        Result c = run("compare", "--run", tmp.resolve("run").toString(), "--mice", tmp.resolve("no-mice").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--mice"), c.err());
        Result b = run("analyze", "--run", tmp.resolve("run").toString(), "--blocks", "1");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("--blocks"), b.err());
    }

    @Test
    void benchRejectsBadValues() {
        Result r = run("bench", "--seconds", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seconds"), r.err());
        Result b = run("bench", "--batches", "0");
        assertEquals(2, b.code());
        Result p = run("bench", "--precision", "half");
        assertEquals(2, p.code());
        assertTrue(p.err().contains("--precision") && p.err().contains("half"), p.err());
        Result g = run("bench", "--precision", "float32", "--cell", "gru");
        assertEquals(2, g.code());
        assertTrue(g.err().contains("--precision") && g.err().contains("rnn"), g.err());
    }

    @Test
    void runRejectsAnUnknownPrecision() {
        Result r = run("run", "--precision", "float8", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--precision") && first.contains("float8"), first);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void trainRefusesFloat32ForGatedCells() {
        Result r = run("train", "--cell", "lstm", "--precision", "float32", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--precision") && first.contains("lstm"), first);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void benchInFloat32NamesItsPrecision() {
        Result r = run("bench", "--precision", "float32", "--batches", "1,2", "--threads", "1,2", "--seconds", "0.05",
                "--warmup", "0", "--hidden", "8");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(2).startsWith("float32"), lines.get(2));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("\"precision\":\"float32\"") && last.contains("\"pass\":\"forward+backward\""),
                last);
        assertFalse(last.contains("float64"), "only the precision asked for: " + last);
    }

    @Test
    void benchPrintsJsonLast() {
        Result r = run("bench", "--batches", "1,2", "--threads", "1,2", "--seconds", "0.05", "--warmup", "0",
                "--hidden", "8");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("{\"hidden\":8") && last.endsWith("]}"), last);
        assertTrue(last.contains("\"pass\":\"forward+backward\""), last);
        assertTrue(last.contains("\"kernel\":\"vector\"") || last.contains("\"kernel\":\"scalar\""), last);
        assertTrue(last.contains("\"precision\":\"float64\"") && last.contains("\"precision\":\"float32\""),
                "the tanh RNN is measured in both precisions by default: " + last);
    }
}
