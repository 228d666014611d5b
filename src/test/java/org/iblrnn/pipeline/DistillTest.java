package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.iblrnn.cli.Main;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distill (its projections, fixed points and options) and the full run on a tiny network (8 units). */
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
        for (String stem : List.of("fig8a-decoherence", "fig8b-trajectories", "fig8c-trial-in-block",
                "fig8d-radd-vector-fields", "fig8-psychometric")) {
            assertTrue(Files.size(r.dir().resolve("figures/" + stem + ".png")) > 1000, stem);
        }
        // the RADD agent's trials, in the evaluation's table format, and its psychometric panel
        List<String> raddRows = Files.readAllLines(r.dir().resolve("trials-radd.csv"));
        assertTrue(raddRows.get(0).startsWith("trial,session,block,block_side,trial_in_block,stim_side,contrast,"
                + "signed_contrast,concordant,choice,correct"), raddRows.get(0));
        assertTrue(raddRows.size() > 10, "one row per trial");
        assertTrue(Files.readString(r.dir().resolve("figures/fig8-psychometric.svg")).contains("RADD (2 units)"));
        String svg = Files.readString(r.dir().resolve("figures/fig8d-radd-vector-fields.svg"));
        assertTrue(svg.contains("stimulus readout z1 (a.u.)") && svg.contains("block readout z2 (a.u.)")
                && svg.contains("RADD stable") && svg.contains("Fig. 7c"), "axis labels, legend, caption");
        Map<String, Object> proj = map(r.summary(), "projection");
        assertEquals("readouts", proj.get("kind"));
        assertEquals(2, proj.get("components"));
        Map<String, Object> dyn = map(r.summary(), "dynamics");
        assertEquals("fig8d-radd-vector-fields", dyn.get("vectorFieldFigure"));
        Map<String, Object> conds = map(dyn, "conditions");
        assertEquals(org.iblrnn.analysis.representation.Representation.CONDITION_NAMES, List.copyOf(conds.keySet()));
        for (String c : conds.keySet()) {
            Map<String, Object> radd = map(map(conds, c), "radd");
            List<?> points = (List<?>) radd.get("points");
            assertEquals(radd.get("count"), points.size(), c);
            assertTrue(points.size() >= 1, c + ": a tanh map of (-1, 1)^2 into itself has a fixed point");
            for (Object o : points) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pt = (Map<String, Object>) o;
                assertEquals(2, ((double[]) pt.get("z")).length, c);
                assertTrue(List.of("stable", "saddle", "unstable", "marginal").contains(pt.get("stability")), c);
                assertEquals(2, ((double[]) pt.get("eigenvaluesRe")).length, c);
            }
            Map<String, Object> net = map(map(conds, c), "network");
            assertEquals(net.get("count"), ((List<?>) net.get("points")).size(), c);
        }
        assertThrows(IllegalArgumentException.class, () -> Distill.run(tmp.resolve("nope"), 20, 1, l -> { }));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Map, key + " missing from " + m.keySet());
        return (Map<String, Object>) v;
    }

    static Path copyOfRun(String name) throws IOException {
        Path dst = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : files.toList()) {
                Path t = dst.resolve(run.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return dst;
    }

    @Test
    void threePrincipalComponentsGiveAThreeUnitModelAndNoFieldFigure() throws IOException {
        Path dir = copyOfRun("pcs");
        Path stale = dir.resolve("distill/figures/fig8d-radd-vector-fields.png");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "left by an earlier M = 2 run");
        StringBuilder log = new StringBuilder();
        Distill.Result r = Distill.run(dir, 20, 1, null, Distill.Projection.pcs(3), l -> log.append(l).append('\n'));
        Map<String, Object> proj = map(r.summary(), "projection");
        assertEquals("pcs", proj.get("kind"));
        assertEquals(List.of("PC1", "PC2", "PC3"), proj.get("names"));
        assertEquals(true, proj.get("centred"));
        List<?> a = (List<?>) map(r.summary(), "gradient").get("A");
        assertEquals(3, a.size());
        assertEquals(3, ((double[]) a.get(0)).length);
        Map<String, Object> dyn = map(r.summary(), "dynamics");
        assertTrue(((String) dyn.get("vectorFieldFigure")).startsWith("not drawn"), String.valueOf(dyn));
        assertTrue(log.toString().contains("needs M = 2"), log.toString());
        for (Object o : (List<?>) map(map(map(dyn, "conditions"), "left stimulus"), "radd").get("points")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> pt = (Map<String, Object>) o;
            assertEquals(3, ((double[]) pt.get("z")).length);
        }
        assertFalse(Files.exists(stale), "a stale vector-field figure must be removed");
        assertTrue(Files.exists(dir.resolve("distill/figures/fig8b-trajectories.svg")));
    }

    @Test
    void customDirectionsFileDrivesTheProjection() throws IOException {
        Path dir = copyOfRun("custom");
        Path f = tmp.resolve("dirs.csv");
        Files.writeString(f, "# two directions for 8 units\n1, 0, 0, 0, 0, 0, 0, 0\n\n0 0 0 0 0 0 0 2\n");
        Distill.Result r = Distill.run(dir, 20, 1, null, Distill.Projection.file(f), l -> { });
        Map<String, Object> proj = map(r.summary(), "projection");
        assertEquals("custom", proj.get("kind"));
        assertEquals(f.toString(), proj.get("file"));
        assertEquals(2, proj.get("components"));
        String svg = Files.readString(r.dir().resolve("figures/fig8d-radd-vector-fields.svg"));
        assertTrue(svg.contains("direction 2 z2 (a.u.)"), "custom axis labels");
        // wrong hidden size: the error names the file and line before any work is done
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "1 0 0 0 0 0 0 0\n1 2 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Distill.run(dir, 20, 1, null, Distill.Projection.file(bad), l -> { }));
        assertEquals(bad + ":2: direction 2 has 3 numbers, expected 8 (the network's hidden size)", e.getMessage());
    }

    @Test
    void directionsFilesAreValidatedWithFileAndLine() throws IOException {
        Path ok = tmp.resolve("ok.json");
        Files.writeString(ok, "{\"note\": \"x\", \"directions\": [[1, 0, 0],\n [0, 0.5, -1e-3]]}");
        double[][] d = DirectionsFile.read(ok, 3);
        assertArrayEquals(new double[] {0, 0.5, -1e-3}, d[1], 0);
        Path arr = tmp.resolve("arr.txt");
        Files.writeString(arr, "[[1, 2], [3, 4]]");
        assertEquals(2, DirectionsFile.read(arr, 2).length);
        assertBad("a.csv", "1,2,3\n4,x,6\n", 3, ":2: value 2 'x' is not a number");
        assertBad("b.csv", "1,2,3\n\n0,0,0\n", 3, ":3: direction 2 is all zeros");
        assertBad("c.csv", "# nothing\n\n", 3, ":1: no directions");
        assertBad("d.csv", "1,2,NaN\n", 3, ":1: value 3 'NaN' is not finite");
        assertBad("e.json", "[[1, 2, 3],\n [1, 2]]", 3, ":2: direction 2 has 2 numbers, expected 3");
        assertBad("f.json", "[[1, 2, 3],\n [1, \"2\", 3]]", 3, ":2: value 2 of direction 2 '2' is not a number");
        assertBad("g.json", "{\"rows\": []}", 3, "no \"directions\" field");
        assertBad("h.json", "[[1, 2, 3],\n\n [1, 2", 3, ":3: not valid JSON");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DirectionsFile.read(tmp.resolve("missing.csv"), 3));
        assertTrue(missing.getMessage().endsWith("missing.csv: no such file"), missing.getMessage());
    }

    static void assertBad(String name, String text, int hidden, String expected) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectionsFile.read(f, hidden));
        assertTrue(e.getMessage().startsWith(f.toString() + ":") && e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void projectionOptionsParseOrFailWithOneLine() {
        assertEquals(Distill.Projection.readouts(), Distill.Projection.parse(null, null, null));
        assertEquals(Distill.Projection.pcs(2), Distill.Projection.parse("pcs", null, null));
        assertEquals(Distill.Projection.pcs(5), Distill.Projection.parse("pcs", 5, null));
        assertEquals(Distill.Projection.file(Path.of("d.csv")), Distill.Projection.parse("file:d.csv", null, null));
        assertEquals(Distill.Projection.file(Path.of("d.csv")), Distill.Projection.parse(null, null, Path.of("d.csv")));
        assertEquals(Distill.Projection.file(Path.of("d.csv")), Distill.Projection.parse("file:d.csv", null,
                Path.of("d.csv")));
        for (Object[] bad : new Object[][] {{"pca", null, null, "readouts, pcs or file:PATH"},
            {"pcs", 0, null, "--components must be >= 1"}, {"readouts", 3, null, "applies only to --projection pcs"},
            {"file:", null, null, "needs a PATH"}, {"file:a.csv", null, Path.of("b.csv"), "different files"},
            {"pcs", null, Path.of("b.csv"), "--directions conflicts"}, {null, 2, Path.of("b.csv"), "applies only"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Distill.Projection.parse((String) bad[0], (Integer) bad[1], (Path) bad[2]));
            assertTrue(e.getMessage().contains((String) bad[3]), e.getMessage());
        }
    }

    @Test
    void commandLineRejectsBadProjectionsWithExitCode2() throws IOException {
        for (String[] args : new String[][] {{"--projection", "bogus"}, {"--projection", "pcs", "--components", "0"},
            {"--components", "3"}, {"--projection", "pcs", "--components", "9"}}) {
            String[] full = Stream.concat(Stream.of("distill", "--run", run.toString(), "--blocks", "20"),
                    Stream.of(args)).toArray(String[]::new);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(full, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(2, code, String.join(" ", args) + ": " + err);
            assertTrue(err.toString().startsWith("iblrnn distill: "), err.toString());
            assertTrue(err.toString().contains("--components") || err.toString().contains("--projection"),
                    err.toString());
        }
        Path bad = tmp.resolve("cli-bad.csv");
        Files.writeString(bad, "1 2\n");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"distill", "--run", run.toString(), "--directions", bad.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertEquals("iblrnn distill: " + bad + ":1: direction 1 has 2 numbers, expected 8 (the network's hidden "
                + "size)", err.toString().strip());
        StringWriter help = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"distill", "--help"}, new PrintWriter(help, true),
                new PrintWriter(new StringWriter(), true)));
        assertTrue(help.toString().contains("--projection") && help.toString().contains("--components")
                && help.toString().contains("--directions"), help.toString());
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
