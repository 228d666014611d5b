package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.Npz;
import org.iblrnn.data.NpyArray;
import org.iblrnn.data.RunFolder;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iblrnn train --cell}: GRU and LSTM runs write config.json and PyTorch-named checkpoints
 * that read back and resume; bad values and --resume clashes are reported.
 */
class TrainCellOptionTest {
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

    private String[] tiny(String cell) {
        return new String[] {"train", "--cell", cell, "--steps", "3", "--hidden", "4", "--blocks-per-session", "1",
            "--block-min", "2", "--block-max", "3", "--block-p", "0.5", "--quiet", "--threads", "1",
            "--checkpoint-every", "2", "--out", tmp.resolve(cell).toString()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void trainsWritesLoadableCheckpointsAndResumes(String cell) throws Exception {
        Result r = run(tiny(cell));
        assertEquals(0, r.code(), r.err());
        Path dir = tmp.resolve(cell);
        // config.json round trip through the run folder's own reader
        ModelConfig mc = new RunFolder(dir).readConfig().model();
        assertEquals(new ModelConfig(cell, 3, 4, 2), mc);
        RecurrentModel model = new RecurrentModel(mc);
        Path npz = dir.resolve("checkpoints/checkpoint-000002.npz");
        Map<String, NpyArray> arrays = Npz.read(npz);
        int gates = cell.equals("gru") ? 3 : 4;
        assertArrayEquals(new int[] {gates * 4, 3}, arrays.get("core.weight_ih_l0").shape());
        assertArrayEquals(new int[] {gates * 4, 4}, arrays.get("core.weight_hh_l0").shape());
        assertArrayEquals(new int[] {gates * 4}, arrays.get("core.bias_ih_l0").shape());
        assertArrayEquals(new int[] {gates * 4}, arrays.get("core.bias_hh_l0").shape());
        assertEquals(model.layout().size(), CheckpointStore.readParameters(npz, model).length);
        // a checkpoint of another cell does not load silently
        String other = cell.equals("gru") ? "lstm" : "gru";
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> CheckpointStore.readParameters(npz, new RecurrentModel(mc.withCell(other)))).getMessage()
                .contains("shape"));
        Result resumed = run("train", "--resume", dir.toString(), "--quiet", "--threads", "1");
        assertEquals(0, resumed.code(), resumed.err());
    }

    @Test
    void badCellAndResumeClashAreReported() {
        Result r = run("train", "--cell", "transformer", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--cell") && first.contains("transformer") && first.contains("rnn, gru, lstm"),
                first);
        assertFalse(Files.exists(tmp.resolve("x")));
        assertEquals(0, run(tiny("gru")).code());
        Result clash = run("train", "--resume", tmp.resolve("gru").toString(), "--cell", "lstm");
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("--cell cannot be combined with --resume"), clash.err());
        Result help = run("train", "--help");
        assertTrue(help.out().contains("--cell") && help.out().contains("lstm"), help.out());
    }

    @Test
    void defaultCellIsTheTanhRnn() throws Exception {
        String[] args = tiny("rnn");
        List<String> noCell = new java.util.ArrayList<>(List.of(args));
        noCell.remove(1);
        noCell.remove(1);
        assertEquals(0, run(noCell.toArray(String[]::new)).code());
        String json = Files.readString(tmp.resolve("rnn/config.json"));
        assertTrue(json.contains("\"cell\" : \"rnn\""), json);
    }
}
