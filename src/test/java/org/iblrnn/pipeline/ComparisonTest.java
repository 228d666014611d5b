package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare on the repository's mouse fixture and a tiny trained network. */
class ComparisonTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/mice/good/CSHL_002.csv");
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() throws IOException {
        run = tmp.resolve("run");
        TrainingRun.create(run, TrainingRunTest.small().withSteps(5), 1, () -> 0L).run(TrainingProgress.NONE);
    }

    @Test
    void writesFiguresAndNumbersForMiceAndModels() throws IOException {
        Comparison.Result r = Comparison.run(run, FIXTURE, 40, 1, l -> { });
        assertEquals(List.of("mice", "rnn", "observer", "block-blind"),
                r.agents().stream().map(Comparison.Agent::name).toList());
        for (Comparison.Agent a : r.agents()) {
            assertTrue(a.zeroResponseRate() >= 0 && a.zeroResponseRate() <= 1, a.toString());
            // among responses: undefined (NaN) only for an agent that never responds there (the 5-step network)
            assertTrue(a.zeroResponseRate() > 0 ? a.zeroChooseBlock() >= 0 && a.zeroChooseBlock() <= 1
                    : Double.isNaN(a.zeroChooseBlock()), a.toString());
            for (double x : a.psyLeft().x()) {
                assertTrue(x >= -1 && x <= 1, "rank axis: " + x);
            }
        }
        // fixture: 41 zero-contrast trials in biased blocks, 40 with a response, 28 chose the block side
        // (hand-checked); one definition for every species: among responses, the response rate beside it
        assertEquals(28.0 / 40.0, r.agents().get(0).zeroChooseBlock(), 1e-12);
        assertEquals(40.0 / 41.0, r.agents().get(0).zeroResponseRate(), 1e-12);
        // the models go through the same function as the mice' trials
        double[] pooled = Comparison.chooseBlock(org.iblrnn.data.MouseCsv.load(FIXTURE).pooled());
        assertEquals(28.0 / 40.0, pooled[0], 1e-12);
        assertEquals(40.0 / 41.0, pooled[2], 1e-12);
        assertTrue(Files.readString(r.dir().resolve("summary.json")).contains("among the trials with a response"));
        assertTrue(Files.readString(r.dir().resolve("figures/compare-prior.svg")).contains("resp. "));
        for (String stem : List.of("compare-psychometric", "compare-prior")) {
            assertTrue(Files.size(r.dir().resolve("figures/" + stem + ".png")) > 1000);
            assertTrue(!Files.readString(r.dir().resolve("figures/" + stem + ".svg")).contains("NaN"));
        }
        assertTrue(Files.readString(r.dir().resolve("summary.json")).contains("zeroChooseBlockSide"));
    }

    @Test
    void missingMiceAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.run(run, tmp.resolve("no-mice"), 40, 1, l -> { }));
        assertTrue(e.getMessage().contains("--mice"), e.getMessage());
    }
}
