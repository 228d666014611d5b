package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.iblrnn.data.Npz;
import org.iblrnn.data.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on other cells: {@code train --cell lstm}, then {@code evaluate} and
 * {@code analyze}; {@code run --cell} and {@code bench --cell} accept the cells and reject others.
 */
class CellsCliTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void lstmTrainEvaluateAnalyze() throws Exception {
        String dir = tmp.resolve("lstm").toString();
        Result t = run("train", "--cell", "lstm", "--steps", "30", "--hidden", "6", "--blocks-per-session", "2",
                "--block-min", "3", "--block-max", "6", "--block-p", "0.2", "--quiet", "--threads", "1",
                "--out", dir);
        assertEquals(0, t.code(), t.err());
        Result e = run("evaluate", "--run", dir, "--blocks", "20", "--agents", "rnn,actor,observer");
        assertEquals(0, e.code(), e.err());
        NpyArray h = Npz.readNpy(tmp.resolve("lstm/eval/rnn/hidden.npy"));
        NpyArray c = Npz.readNpy(tmp.resolve("lstm/eval/rnn/cell.npy"));
        assertEquals(6, h.shape()[1]);
        assertEquals(h.shape()[0], c.shape()[0]);
        assertEquals(6, c.shape()[1]);
        Result a = run("analyze", "--run", dir, "--blocks", "20");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("varianceExplained2Pcs"), a.out());
        String summary = Files.readString(tmp.resolve("lstm/analysis/summary.json"));
        assertTrue(summary.contains("\"fixedPoints\"") && summary.contains("\"positive feedback\""), summary);
        for (String stem : List.of("fig4-state-space", "fig7c-vector-fields")) {
            assertTrue(Files.size(tmp.resolve("lstm/analysis/figures/" + stem + ".png")) > 1000, stem);
        }
    }

    @Test
    void runAndBenchTakeACell() {
        Result help = run("run", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--cell"), help.out());
        Result bad = run("run", "--cell", "transformer", "--out", tmp.resolve("x").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--cell") && bad.err().contains("transformer"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is created for bad input");
        // the cell reaches the run's configuration: a folder trained as a GRU is not an LSTM run
        String dir = tmp.resolve("gru").toString();
        assertEquals(0, run("train", "--cell", "gru", "--steps", "2", "--hidden", "4", "--quiet", "--threads", "1",
                "--out", dir).code());
        Result other = run("run", "--cell", "lstm", "--steps", "2", "--hidden", "4", "--threads", "1", "--out", dir);
        assertTrue(other.code() != 0 && other.err().contains("another configuration"), other.err());

        Result b = run("bench", "--cell", "lstm", "--batches", "1", "--threads", "1", "--seconds", "0.05",
                "--warmup", "0", "--hidden", "4");
        assertEquals(0, b.code(), b.err());
        List<String> lines = b.out().lines().toList();
        assertTrue(lines.get(0).startsWith("iblrnn bench: lstm, H=4"), lines.get(0));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("{\"hidden\":4,\"cell\":\"lstm\"") && last.endsWith("]}"), last);
        Result badBench = run("bench", "--cell", "gru2");
        assertEquals(2, badBench.code());
        assertTrue(badBench.err().contains("--cell"), badBench.err());
    }
}
