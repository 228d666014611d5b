package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.pipeline.FitMice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code iblrnn fit-mice} as a user meets it: outputs, determinism, bad input in one line with exit 2. */
class FitMiceCommandTest {
    /** Six real sessions of one mouse (NYU-01's first six, 4,534 trials; the golden fixture). */
    private static final Path MOUSE = Path.of("src/test/resources/org/iblrnn/analysis/choice/golden-mouse.csv");

    @TempDir
    Path tmp;

    /** Two "mice": the fixture under two names. */
    private Path twoMice() throws IOException {
        Path dir = tmp.resolve("mice");
        Files.createDirectories(dir);
        Files.copy(MOUSE, dir.resolve("AAA_001.csv"));
        Files.copy(MOUSE, dir.resolve("BBB_002.csv"));
        return dir;
    }

    /** fit-mice on {@code mice} into {@code out}: 3 folds and five models unless {@code extra} says otherwise. */
    private CliTest.Result fit(Path mice, Path out, String... extra) {
        List<String> given = List.of(extra);
        List<String> a = new java.util.ArrayList<>(List.of("fit-mice", "--mice", mice.toString(), "--out",
                out.toString()));
        if (!given.contains("--folds")) {
            a.addAll(List.of("--folds", "3"));
        }
        if (!given.contains("--models")) {
            a.addAll(List.of("--models", "psychometric,oracle-block,action-kernel,history-glm,glm-hmm-2"));
        }
        a.addAll(given);
        return CliTest.run(a.toArray(String[]::new));
    }

    @Test
    void writesTidyTablesSummaryAndFiguresAndIsTheSameOnOneOrTwoThreads() throws IOException {
        Path mice = twoMice();
        CliTest.Result one = fit(mice, tmp.resolve("one"), "--threads", "1");
        assertEquals(0, one.code(), one.err());
        CliTest.Result two = fit(mice, tmp.resolve("two"), "--threads", "2");
        assertEquals(0, two.code(), two.err());
        List<String> scores = Files.readAllLines(tmp.resolve("one/scores.csv"));
        assertEquals("mouse,model,trials,bits_per_trial,bits_vs_chance,accuracy", scores.get(0));
        assertEquals(1 + 2 * 5, scores.size());
        assertEquals("mouse,model,fold,parameter,value", Files.readAllLines(tmp.resolve("one/parameters.csv")).get(0));
        for (String f : List.of("scores.csv", "parameters.csv", "fits.csv", "example-priors.csv", "summary.json")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)),
                    Files.readAllBytes(tmp.resolve("two").resolve(f)), f + " differs between 1 and 2 threads");
        }
        for (String fig : List.of("choice-model-scores", "choice-kernel-decays", "choice-example-priors",
                "choice-glm-hmm-states")) {
            assertTrue(Files.size(tmp.resolve("one/figures/" + fig + ".png")) > 1000, fig);
        }
        // the same mouse twice: identical scores, and bits_vs_chance = bits_per_trial + 1 on every row
        for (String row : scores.subList(1, scores.size())) {
            String[] c = row.split(",");
            assertEquals(Double.parseDouble(c[3]) + 1, Double.parseDouble(c[4]), 1e-12, row);
            assertTrue(Double.parseDouble(c[3]) > -1 && Double.parseDouble(c[3]) < 0, row);
        }
        // the same sessions under two names: the same responses scored (folds differ: they are dealt per mouse)
        assertEquals(scores.get(1).split(",")[2], scores.get(6).split(",")[2]);
        String summary = Files.readString(tmp.resolve("one/summary.json"));
        assertTrue(summary.contains("\"formatVersion\" : 1") && summary.contains("\"miceSha256\""), summary);
        assertTrue(one.out().contains("action-kernel") && one.out().contains("wrote"), one.out());
    }

    @Test
    void anExistingResultIsNeverOverwrittenImplicitly() throws IOException {
        Path mice = twoMice();
        Path out = tmp.resolve("out");
        assertEquals(0, fit(mice, out, "--models", "psychometric").code());
        byte[] before = Files.readAllBytes(out.resolve("scores.csv"));
        CliTest.Result again = fit(mice, out, "--models", "psychometric,action-kernel");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a fit-mice result") && again.err().contains("--replace"),
                again.err());
        assertEquals("", again.out(), "refused before any output line");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("scores.csv")));
        CliTest.Result replaced = fit(mice, out, "--models", "psychometric,action-kernel", "--replace");
        assertEquals(0, replaced.code(), replaced.err());
        assertEquals(1 + 2 * 2, Files.readAllLines(out.resolve("scores.csv")).size());
    }

    @Test
    void upToDateOnlyForTheSameInputs() throws IOException {
        Path mice = twoMice();
        Path out = tmp.resolve("out");
        FitMice.Options o = new FitMice.Options(mice, List.of("psychometric"), 3, 1, 1, List.of(), 3, 2);
        FitMice.run(out, o, false, l -> { });
        assertTrue(FitMice.upToDate(out, o));
        assertFalse(FitMice.upToDate(out, new FitMice.Options(mice, List.of("psychometric", "history-glm"), 3, 1, 1,
                List.of(), 3, 2)), "other models");
        assertFalse(FitMice.upToDate(out, new FitMice.Options(mice, List.of("psychometric"), 3, 2, 1, List.of(), 3,
                2)), "another seed");
        Files.writeString(mice.resolve("BBB_002.csv"), Files.readString(mice.resolve("BBB_002.csv")).replaceFirst(
                "\n1,", "\n1,"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(FitMice.upToDate(out, o), "same bytes");
        Files.writeString(mice.resolve("BBB_002.csv"), Files.readString(mice.resolve("BBB_002.csv")) + "\n");
        assertFalse(FitMice.upToDate(out, o), "the mouse data changed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--models|action-kernal|unknown model 'action-kernal'",
        "--models|,|empty model name",
        "--folds|1|--folds must be in 2..100",
        "--threads|0|--threads must be in 1..1024",
        "--agent-sessions|2|--agent-sessions must be in 3..10000",
    })
    void badOptionsAreOneLineAndExitTwo(String option, String value, String message) throws IOException {
        CliTest.Result r = fit(twoMice(), tmp.resolve("out"), option, value);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(tmp.resolve("out/summary.json")));
    }

    @Test
    void tooFewSessionsForTheFoldsIsOneClearLine() throws IOException {
        CliTest.Result r = fit(twoMice(), tmp.resolve("out"), "--folds", "7");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("no mouse has 7 sessions with a response"), r.err());
        assertTrue(r.out().contains("left out AAA_001: 6 sessions with a response, fewer than the 7 folds"), r.out());
    }

    @Test
    void missingMiceAndMissingRunAreNamed() throws IOException {
        CliTest.Result r = fit(tmp.resolve("nowhere"), tmp.resolve("out"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--mice " + tmp.resolve("nowhere") + ": no such file or folder"), r.err());
        CliTest.Result s = fit(twoMice(), tmp.resolve("out"), "--run", tmp.resolve("no-run").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("no-run"), s.err());
    }

    @Test
    void helpListsEveryModel() {
        CliTest.Result r = CliTest.run("fit-mice", "--help");
        assertEquals(0, r.code());
        for (String m : ChoiceModels.NAMES) {
            assertTrue(r.out().contains(m), m + " in " + r.out());
        }
        for (String o : List.of("--only", "--parts", "--collect", "SLURM")) {
            assertTrue(r.out().contains(o), o + " in " + r.out());
        }
    }

    @Test
    void onlyFitsTheNamedMice() throws IOException {
        CliTest.Result r = fit(twoMice(), tmp.resolve("out"), "--only", "BBB_002", "--models", "psychometric");
        assertEquals(0, r.code(), r.err());
        List<String> scores = Files.readAllLines(tmp.resolve("out/scores.csv"));
        assertEquals(List.of("mouse,model,trials,bits_per_trial,bits_vs_chance,accuracy"), scores.subList(0, 1));
        assertEquals(2, scores.size(), scores.toString());
        assertTrue(scores.get(1).startsWith("BBB_002,psychometric,"), scores.get(1));
        assertTrue(Files.readString(tmp.resolve("out/summary.json")).contains("\"only\" : [ \"BBB_002\" ]"));
    }

    @Test
    void partsThenCollectAreByteIdenticalToOneRun() throws IOException {
        Path mice = twoMice();
        assertEquals(0, fit(mice, tmp.resolve("one"), "--threads", "2").code());
        Path shared = tmp.resolve("shared");
        for (String m : List.of("BBB_002", "AAA_001")) {
            CliTest.Result p = fit(mice, shared, "--only", m, "--parts", "--threads", "1");
            assertEquals(0, p.code(), p.err());
            assertTrue(Files.isRegularFile(shared.resolve("parts/" + m + ".json")), p.out());
        }
        assertFalse(Files.exists(shared.resolve("summary.json")), "parts write no outputs");
        // re-running a mouse overwrites its part
        assertEquals(0, fit(mice, shared, "--only", "AAA_001", "--parts").code());
        CliTest.Result c = CliTest.run("fit-mice", "--collect", "--out", shared.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("refitting the example mouse") && c.out().contains("wrote"), c.out());
        for (String f : List.of("scores.csv", "parameters.csv", "fits.csv", "example-priors.csv")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(shared.resolve(f)),
                    f + " differs between one run and parts + collect");
        }
        assertEquals(org.iblrnn.data.JsonFiles.read(tmp.resolve("one/summary.json")),
                org.iblrnn.data.JsonFiles.read(shared.resolve("summary.json")));
        assertTrue(Files.size(shared.resolve("figures/choice-example-priors.png")) > 1000);
        // a collected result is a result: not overwritten without --replace
        CliTest.Result again = CliTest.run("fit-mice", "--collect", "--out", shared.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--replace"), again.err());
        assertEquals(0, CliTest.run("fit-mice", "--collect", "--replace", "--out", shared.toString()).code());
    }

    @Test
    void collectRefusesPartsMadeWithOtherOptionsOrMissingMice() throws IOException {
        Path mice = twoMice();
        Path shared = tmp.resolve("shared");
        assertEquals(0, fit(mice, shared, "--only", "AAA_001", "--parts", "--models", "psychometric").code());
        CliTest.Result missing = CliTest.run("fit-mice", "--collect", "--out", shared.toString());
        assertEquals(2, missing.code(), missing.out());
        assertTrue(missing.err().contains("1 of 2 mice have no part") && missing.err().contains("BBB_002"),
                missing.err());
        assertEquals(0, fit(mice, shared, "--only", "BBB_002", "--parts", "--models", "psychometric", "--seed", "2")
                .code());
        CliTest.Result r = CliTest.run("fit-mice", "--collect", "--out", shared.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("BBB_002.json: made from other inputs than") && r.err().contains("seed 2 vs 1"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(shared.resolve("summary.json")));
        Files.writeString(mice.resolve("BBB_002.csv"), Files.readString(mice.resolve("BBB_002.csv")) + "\n");
        assertEquals(0, fit(mice, shared, "--only", "BBB_002", "--parts", "--models", "psychometric").code());
        CliTest.Result d = CliTest.run("fit-mice", "--collect", "--out", shared.toString());
        assertEquals(2, d.code(), d.out());
        assertTrue(d.err().contains("made from other inputs") && d.err().contains("miceSha256"), d.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--only|KS014|--only KS014: no such mouse in",
        "--only|AAA_001,,BBB_002|--only: empty mouse name",
        "--collect --seed|2|: not with --collect (the parts record the options",
        "--parts --run|nowhere|--run: not with --parts",
    })
    void badPartOptionsAreOneLineAndExitTwo(String option, String value, String message) throws IOException {
        List<String> a = new java.util.ArrayList<>(List.of(option.split(" ")));
        a.add(value);
        CliTest.Result r = fit(twoMice(), tmp.resolve("out"), a.toArray(String[]::new));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(tmp.resolve("out/summary.json")));
        assertFalse(Files.exists(tmp.resolve("out/parts")));
    }

    @Test
    void unknownMouseListsSomeKnownOnes() throws IOException {
        CliTest.Result r = fit(twoMice(), tmp.resolve("out"), "--only", "KS014", "--parts");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("(2 mice: AAA_001, BBB_002)"), r.err());
        CliTest.Result c = CliTest.run("fit-mice", "--collect", "--out", tmp.resolve("empty").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--collect: no parts in"), c.err());
    }
}
