package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.iblrnn.analysis.Representation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: analyze on a tiny trained network writes every figure and number. */
class AnalysisTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() throws IOException {
        run = tmp.resolve("run");
        TrainingRun.create(run, TrainingRunTest.small().withSteps(30).withIntervals(10, 10), 1, () -> 0L)
                .run(TrainingProgress.NONE);
    }

    @Test
    void writesSummaryAndFiguresAndIsDeterministic() throws IOException {
        Representation.Options o = new Representation.Options(2000, 7, true);
        Analysis.Result a = Analysis.run(run, 30, 2, o, l -> { });
        for (String stem : List.of("fig4-variance", "fig4-state-space", "fig5ab-observation-effect",
                "fig5c-6a-block-belief", "fig7ab-clusters", "fig7c-vector-fields")) {
            assertTrue(Files.size(a.dir().resolve("figures/" + stem + ".png")) > 1000, stem);
            assertTrue(!Files.readString(a.dir().resolve("figures/" + stem + ".svg")).contains("NaN"), stem);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> n = (Map<String, Map<String, Object>>) a.summary().get("numbers");
        double v2 = (Double) n.get("varianceExplained2Pcs").get("ours");
        assertTrue(v2 > 0 && v2 <= 1, "variance fraction " + v2);
        double acc = (Double) n.get("blockDecodingFullBlocked").get("ours");
        assertTrue(acc >= 0 && acc <= 1);
        assertEquals(6, a.representation().fields().size());
        String first = Files.readString(a.dir().resolve("summary.json"));
        Analysis.run(run, 30, 2, o, l -> { });
        assertEquals(first, Files.readString(a.dir().resolve("summary.json")), "same inputs, same summary");
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Analysis.run(tmp.resolve("nope"), 30, 1,
                Representation.Options.defaults(), l -> { }));
        assertThrows(IllegalArgumentException.class, () -> Analysis.run(run, 1, 1,
                Representation.Options.defaults(), l -> { }));
    }
}
