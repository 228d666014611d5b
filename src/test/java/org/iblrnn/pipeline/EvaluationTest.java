package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.iblrnn.data.Npz;
import org.iblrnn.data.NpyArray;
import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation: shared sessions, output files, determinism, bad input. */
class EvaluationTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainATinyNetwork() throws IOException {
        run = tmp.resolve("run");
        TrainingRun.create(run, TrainingRunTest.small().withSteps(5), 1, () -> 0L).run(TrainingProgress.NONE);
    }

    static Evaluation.Result evaluate(Path dir, List<String> agents, long seed) throws IOException {
        return Evaluation.run(dir, new Evaluation.Options(agents, 6, seed, true), () -> 0L, l -> { });
    }

    @Test
    void allActorsShareOneSessionAndObserversShareTheNetworksObservations() throws IOException {
        Evaluation.Result r = evaluate(run, AgentCatalog.names(), 3);
        TrialTable rnn = r.trials().get("rnn");
        for (String name : AgentCatalog.names()) {
            TrialTable t = r.trials().get(name);
            assertArrayEquals(rnn.stimSide(), t.stimSide(), name);
            assertArrayEquals(rnn.contrast(), t.contrast(), name);
            assertArrayEquals(rnn.blockSide(), t.blockSide(), name);
            if (AgentCatalog.OBSERVERS.containsKey(name)) {
                assertArrayEquals(rnn.observations(), t.observations(), name + " decides when the network did");
                for (int c : t.choice()) {
                    assertTrue(c != 0, "an observer always favours a side");
                }
            }
        }
        assertEquals(AgentCatalog.names().size(), r.scores().size());
    }

    @Test
    void writesTablesHiddenStatesSummaryAndFigures() throws IOException {
        Path copy = tmp.resolve("files");
        copyRun(run, copy);
        Evaluation.Result r = evaluate(copy, List.of("rnn", "actor", "observer"), 1);
        Path eval = copy.resolve("eval");
        List<String> rows = Files.readAllLines(eval.resolve("rnn/trials.csv"));
        assertEquals(r.trials().get("rnn").size() + 1, rows.size());
        assertTrue(rows.get(0).endsWith("observer_stimulus_posterior_right,observer_block_prior_right"), rows.get(0));
        NpyArray h = Npz.readNpy(eval.resolve("rnn/hidden.npy"));
        assertEquals(r.rnnSteps().size(), h.shape()[0]);
        assertEquals(8, h.shape()[1]);
        assertEquals(r.rnnSteps().state(3, 2), h.data()[3 * 8 + 2]);
        assertEquals(r.rnnSteps().size() + 1, Files.readAllLines(eval.resolve("rnn/steps.csv")).size());
        String summary = Files.readString(eval.resolve("summary.json"));
        assertTrue(summary.contains("\"fractionCorrect\"") && summary.contains("\"psychometric\""), summary);
        for (String stem : List.of("fig2a-outcomes", "fig2bc-chronometric", "psychometric", "fig3a-concordance",
                "fig3b-trial-in-block", "fig3c-observations", "block-onset")) {
            assertTrue(Files.size(eval.resolve("figures/" + stem + ".png")) > 1000, stem);
            String svg = Files.readString(eval.resolve("figures/" + stem + ".svg"));
            assertTrue(svg.startsWith("<svg") && !svg.contains("NaN"), stem);
        }
    }

    @Test
    void sameSeedGivesIdenticalTablesAndAnotherSeedDiffers() throws IOException {
        Path a = tmp.resolve("det-a");
        Path b = tmp.resolve("det-b");
        copyRun(run, a);
        copyRun(run, b);
        evaluate(a, List.of("rnn", "actor"), 5);
        evaluate(b, List.of("rnn", "actor"), 5);
        assertEquals(Files.readString(a.resolve("eval/rnn/trials.csv")), Files.readString(b.resolve("eval/rnn/trials.csv")));
        assertArrayEquals(Files.readAllBytes(a.resolve("eval/rnn/hidden.npy")), Files.readAllBytes(b.resolve("eval/rnn/hidden.npy")));
        Evaluation.Result c = evaluate(b, List.of("rnn"), 6);
        assertTrue(!Files.readString(a.resolve("eval/rnn/trials.csv")).equals(
                org.iblrnn.data.TrialCsv.format(c.trials().get("rnn"))));
    }

    @Test
    void badInputIsReportedClearly() throws IOException {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Evaluation.Options(List.of("rnn", "oracle"), 10, 1, true));
        assertTrue(unknown.getMessage().contains("oracle"), unknown.getMessage());
        Path empty = tmp.resolve("no-ckpt");
        TrainingRun.create(empty, TrainingRunTest.small(), 1, () -> 0L);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> evaluate(empty, List.of("rnn"), 1));
        assertTrue(none.getMessage().contains("no readable checkpoint"), none.getMessage());
        IllegalArgumentException obsOnly = assertThrows(IllegalArgumentException.class,
                () -> evaluate(run, List.of("observer"), 1));
        assertTrue(obsOnly.getMessage().contains("include rnn"), obsOnly.getMessage());
    }

    static void copyRun(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path q = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(q);
            } else if (!p.toString().contains("/eval/")) {
                Files.copy(p, q);
            }
        }
    }
}
