package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distill and the full run on a tiny network. */
class DistillTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() throws IOException {
        run = tmp.resolve("run");
        TrainingRun.create(run, TrainingRunTest.small().withSteps(40), 1, () -> 0L).run(TrainingProgress.NONE);
    }

    @Test
    void distillWritesModelAndFigures() throws IOException {
        Path two = tmp.resolve("two");
        TrainingRun.create(two, TrainingRunTest.small().withModel(new org.iblrnn.nn.ModelConfig("rnn", 3, 2, 2))
                .withSteps(10), 1, () -> 0L).run(TrainingProgress.NONE);
        Distill.Result r = Distill.run(run, 20, 1, two, l -> { });
        @SuppressWarnings("unchecked")
        Map<String, Object> small = (Map<String, Object>) r.summary().get("taskTrainedSmall");
        assertTrue(small != null && small.get("hiddenSize").equals(2), String.valueOf(small));
        assertTrue(r.summary().containsKey("traditional"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cl = (Map<String, Object>) r.summary().get("closedLoop");
        double f = (Double) cl.get("raddFractionCorrect");
        assertTrue(f >= 0 && f <= 1, "fraction " + f);
        for (String stem : List.of("fig8a-decoherence", "fig8b-trajectories", "fig8c-trial-in-block")) {
            assertTrue(Files.size(r.dir().resolve("figures/" + stem + ".png")) > 1000, stem);
        }
        assertThrows(IllegalArgumentException.class, () -> Distill.run(tmp.resolve("nope"), 20, 1, l -> { }));
    }

    @Test
    void fullRunWritesAReportAndCachesStages() throws IOException {
        Path dir = tmp.resolve("full");
        FullRun.Result a = FullRun.run(dir, TrainingRunTest.small().withSteps(20), Path.of("src/test/resources/"
                + "fixtures/mice/good/CSHL_002.csv"), 12, 1, TrainingProgress.NONE, () -> 0L, l -> { });
        String html = Files.readString(a.report());
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("numbers-table") && html.contains("<svg"));
        assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org"),
                "no external resources");
        FullRun.Result b = FullRun.run(dir, TrainingRunTest.small().withSteps(20), Path.of("src/test/resources/"
                + "fixtures/mice/good/CSHL_002.csv"), 12, 1, TrainingProgress.NONE, () -> 0L, l -> { });
        assertTrue(b.stages().get("evaluate").equals("cached") && b.stages().get("analyze").equals("cached"),
                b.stages().toString());
        assertThrows(IllegalArgumentException.class, () -> FullRun.run(dir, TrainingRunTest.small().withSteps(21),
                null, 12, 1, TrainingProgress.NONE, () -> 0L, l -> { }));
    }
}
