package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.report.RepresentationFigures;
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

    static final List<String> STEMS = List.of("fig4-variance", "fig4-state-space", "fig5ab-observation-effect",
            "fig5-feedback-effect", "fig5c-6a-block-belief", "fig6b-single-block", "fig7ab-clusters",
            "fig7c-vector-fields", "fig7c-empirical-fields", "fig7-basins");

    static void assertFigures(Path folder) throws IOException {
        for (String stem : STEMS) {
            assertTrue(Files.size(folder.resolve(stem + ".png")) > 1000, stem);
            String svg = Files.readString(folder.resolve(stem + ".svg"));
            assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"), stem);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesSummaryAndFiguresAndIsDeterministic() throws IOException {
        Representation.Options o = new Representation.Options(2000, 7, true);
        Analysis.Result a = Analysis.run(run, 30, 2, o, l -> { });
        assertFigures(a.dir().resolve("figures"));
        Map<String, Map<String, Object>> n = (Map<String, Map<String, Object>>) a.summary().get("numbers");
        double v2 = (Double) n.get("varianceExplained2Pcs").get("ours");
        assertTrue(v2 > 0 && v2 <= 1, "variance fraction " + v2);
        double acc = (Double) n.get("blockDecodingFullBlocked").get("ours");
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(n.get("feedbackSlopeBlock").containsKey("codeDefinition"));
        assertEquals(6, a.representation().fields().size());
        assertEquals(6, a.mechanism().conditions().size());

        // basins: per condition, the attractors' fractions and the uncaptured fraction add up to 1
        Map<String, Map<String, Object>> basins = (Map<String, Map<String, Object>>) a.summary().get("basins");
        assertEquals(Representation.CONDITION_NAMES, List.copyOf(basins.keySet()));
        for (Map<String, Object> b : basins.values()) {
            double grid = (Double) b.get("gridUncaptured");
            double visited = (Double) b.get("visitedUncaptured");
            for (Object att : (List<Object>) b.get("attractors")) {
                Map<String, Object> m = (Map<String, Object>) att;
                grid += (Double) m.get("gridFraction");
                visited += (Double) m.get("visitedFraction");
            }
            assertEquals(1.0, grid, 1e-12);
            assertEquals(1.0, visited, 1e-12);
            assertTrue(b.containsKey("lyapunovStandardFraction") && b.containsKey("lyapunovCodeFraction"));
        }
        // empirical fields, the looser line test, the example block
        Map<String, Map<String, Object>> emp = (Map<String, Map<String, Object>>) a.summary().get("empiricalFields");
        assertEquals(Representation.CONDITION_NAMES, List.copyOf(emp.keySet()));
        assertTrue((Integer) emp.get("no stimulus, no feedback").get("matchedSteps") > 0);
        Map<String, Map<String, Object>> fps = (Map<String, Map<String, Object>>) a.summary().get("fixedPoints");
        for (Map<String, Object> f : fps.values()) {
            Map<String, Object> line = (Map<String, Object>) f.get("approximateLine");
            assertTrue(line.get("detected") instanceof Boolean, line.toString());
            assertTrue((Integer) f.get("distinctPoints") <= (Integer) f.get("points"));
        }
        Map<String, Object> ex = (Map<String, Object>) a.summary().get("exampleBlock");
        assertTrue((Integer) ex.get("block") >= 0 && (Integer) ex.get("trials") >= 1);

        String first = Files.readString(a.dir().resolve("summary.json"));
        Analysis.run(run, 30, 2, o, l -> { });
        assertEquals(first, Files.readString(a.dir().resolve("summary.json")), "same inputs, same summary");

        // the paper code's figures go to their own folder; the numbers do not depend on the choice
        Analysis.Result code = Analysis.run(run, 30, 2, o, RepresentationFigures.Definitions.CODE, l -> { });
        assertFigures(code.dir().resolve("figures-code"));
        assertEquals(first, Files.readString(a.dir().resolve("summary.json")));
        assertTrue(Files.readString(code.dir().resolve("figures-code/fig5c-6a-block-belief.svg"))
                .contains("code"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutFixedPointsTheBasinPartsAreEmptyButEveryFigureIsDrawn() throws IOException {
        Path copy = tmp.resolve("nofp");
        Files.createDirectories(copy);
        try (var entries = Files.list(run)) {
            for (Path f : entries.toList()) {
                if (!f.getFileName().toString().equals("analysis")) {
                    copyTree(f, copy.resolve(f.getFileName().toString()));
                }
            }
        }
        Analysis.Result a = Analysis.run(copy, 30, 2, new Representation.Options(2000, 7, false), l -> { });
        assertFigures(a.dir().resolve("figures"));
        Map<String, Map<String, Object>> basins = (Map<String, Map<String, Object>>) a.summary().get("basins");
        assertTrue(basins.values().stream().allMatch(Map::isEmpty));
        assertEquals(6, ((Map<String, Object>) a.summary().get("empiricalFields")).size());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Analysis.run(tmp.resolve("nope"), 30, 1,
                Representation.Options.defaults(), l -> { }));
        assertThrows(IllegalArgumentException.class, () -> Analysis.run(run, 1, 1,
                Representation.Options.defaults(), l -> { }));
    }
}
