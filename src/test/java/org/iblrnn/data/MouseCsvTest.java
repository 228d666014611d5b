package org.iblrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.iblrnn.analysis.behaviour.Behaviour;
import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the IBL mouse CSV export: fixture counts, sign conventions, bad rows and malformed files. */
class MouseCsvTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/mice");
    static final Path GOOD = FIXTURES.resolve("good");
    static final Path BAD = FIXTURES.resolve("bad/BAD_001.csv");
    static final String HEADER = "trial_num,session_num,stim_probability_left,contrast,position,response_choice,"
            + "trial_correct,reaction_time";

    @TempDir
    Path dir;

    @Test
    void fixtureGivesTheHandCheckedCounts() throws IOException {
        MouseData d = MouseCsv.load(GOOD);
        assertEquals(List.of("CSHL_002"), d.mouseIds());
        TrialTable t = d.mouse("CSHL_002");
        assertEquals(511, t.size());
        MouseLoadReport r = d.report();
        assertEquals(511, r.totalRows());
        assertEquals(511, r.totalLoaded());
        assertEquals(136, r.totalLeftBlockTrials());
        assertEquals(195, r.totalRightBlockTrials());
        assertEquals(180, r.totalUnbiasedTrials());
        assertEquals(17, r.totalNoResponseTrials());
        assertEquals(2, r.totalSessions());
        assertEquals(0, r.totalCorrectnessDisagreements());
        MouseLoadReport.FileReport f = r.files().get(0);
        assertEquals(10, f.blocks());
        assertEquals(105, f.missingReactionTimes());
        assertEquals(511, f.correctnessChecked());
        assertEquals(1, r.skippedFiles().size(), "the endtrain file is listed as not read");
        assertTrue(r.skippedFiles().get(0).file().endsWith("CSHL_002_endtrain.csv"));
        assertTrue(r.summary().contains("CSHL_002_endtrain.csv"));

        int unbiased = 0;
        int zero = 0;
        int noResponse = 0;
        Set<Long> blocks = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            unbiased += t.blockSideAt(i) == 0 ? 1 : 0;
            zero += t.contrastAt(i) == 0 ? 1 : 0;
            noResponse += t.responded(i) ? 0 : 1;
            blocks.add(t.sessionAt(i) * 1000L + t.blockAt(i));
        }
        assertEquals(180, unbiased);
        assertEquals(78, zero);
        assertEquals(17, noResponse);
        assertEquals(10, blocks.size());

        // line 2: 1,1,0.5,0.0625,-35.0,-1,1.0,0.7822000000000002
        assertRow(t, 0, 0, 0, 0, 0, -1, 0.0625, -1, 0.7822000000000002);
        // line 92: 91,1,0.2,0.25,-35.0,-1,1.0,0.18079999999997654 (first trial of the first biased block)
        assertRow(t, 90, 0, 1, 1, 0, -1, 0.25, -1, 0.18079999999997654);
        // line 451: 50,40,0.5,0.0,-0.0,0,0.0, (no response, -0.0 = left, empty RT); session 40 -> index 1
        assertRow(t, 449, 1, 0, 0, 49, -1, 0.0, 0, Double.NaN);
        assertEquals(50, t.extraAt("trial_num", 449));
        assertEquals(40, t.extraAt("session_num", 449));
        // last row: trial 111 of session 40, 21st trial of its 0.8 block
        assertRow(t, 510, 1, 1, -1, 20, t.stimSideAt(510), t.contrastAt(510), t.choiceAt(510), t.reactionTimeAt(510));

        Behaviour.ZeroContrast z = Behaviour.zeroContrast(t);
        assertEquals(41, z.trials());
        assertEquals(28.0 / 40, z.chooseBlockSide(), 1e-15);

        TrialTable pooled = d.pooled();
        assertEquals(511, pooled.size());
        assertEquals(0, pooled.extraAt("mouse", 510));
    }

    private static void assertRow(TrialTable t, int i, int session, int block, int blockSide, int tib, int stim,
                                  double contrast, int choice, double rt) {
        String at = "row " + i;
        assertEquals(session, t.sessionAt(i), at + " session");
        assertEquals(block, t.blockAt(i), at + " block");
        assertEquals(blockSide, t.blockSideAt(i), at + " blockSide");
        assertEquals(tib, t.trialInBlockAt(i), at + " trialInBlock");
        assertEquals(stim, t.stimSideAt(i), at + " stimSide");
        assertEquals(contrast, t.contrastAt(i), at + " contrast");
        assertEquals(choice, t.choiceAt(i), at + " choice");
        assertEquals(rt, t.reactionTimeAt(i), at + " reactionTime");
        assertEquals(-1, t.observationsAt(i));
        assertEquals(-1, t.stepsAt(i));
    }

    @Test
    void endtrainFilesAreReadWhenAskedFor() throws IOException {
        MouseData d = MouseCsv.load(List.of(GOOD), MouseCsv.Options.defaults().withIncludeEndtrain(true));
        assertEquals(List.of("CSHL_002", "CSHL_002_endtrain"), d.mouseIds());
        MouseLoadReport.FileReport e = d.report().files().get(1);
        assertEquals(2, e.rows());
        assertEquals(1, e.loaded());
        assertEquals(1, e.skipped(MouseLoadReport.Reason.UNKNOWN_PROBABILITY), "pLeft 0.6 is not a block value");
        assertEquals(512, d.pooled().size());
        assertEquals(3, new HashSet<>(java.util.Arrays.stream(d.pooled().session()).boxed().toList()).size(),
                "pooled sessions stay distinct across mice");
    }

    @Test
    void signConventionsOnHandMadeRows() throws IOException {
        Path f = dir.resolve("M1.csv");
        Files.writeString(f, HEADER + "\n"
                + "1,3,0.8,0.0,-0.0,-1,1.0,0.5\n" // -0.0 is left: left block, chose left, correct
                + "2,3,0.8,0.0,0.0,-1,0.0,0.6\n" // +0.0 is right
                + "3,3,0.2,1.0,35.0,1,1.0,\n" // right block, empty RT
                + "4,3,0.2,0.04,-35.0,0,0.0,nan\n" // no response
                + "5,3,0.5,0.08,35.0,-1,0.0,-0.01\n" // unbiased, negative RT kept
                + "1,4,0.5,0.5,-35,1,0,1.5\n");
        MouseData d = MouseCsv.load(f);
        TrialTable t = d.mouse("M1");
        assertEquals(6, t.size());
        assertEquals(List.of(-1, 1, 1, -1, 1, -1), java.util.Arrays.stream(t.stimSide()).boxed().toList());
        assertEquals(List.of(-1, -1, 1, 1, 0, 0), java.util.Arrays.stream(t.blockSide()).boxed().toList());
        assertEquals(List.of(0, 0, 1, 1, 2, 0), java.util.Arrays.stream(t.block()).boxed().toList());
        assertEquals(List.of(0, 1, 0, 1, 0, 0), java.util.Arrays.stream(t.trialInBlock()).boxed().toList());
        assertEquals(List.of(0, 0, 0, 0, 0, 1), java.util.Arrays.stream(t.session()).boxed().toList());
        assertEquals(0, t.choiceAt(3));
        assertTrue(Double.isNaN(t.reactionTimeAt(2)));
        assertTrue(Double.isNaN(t.reactionTimeAt(3)));
        assertEquals(-0.01, t.reactionTimeAt(4));
        assertEquals(0.04, t.contrastAt(3));
        MouseLoadReport.FileReport r = d.report().files().get(0);
        assertEquals(0, r.correctnessDisagreements());
        assertEquals(6, r.correctnessChecked());
        assertEquals(1, r.negativeReactionTimes());
        assertEquals(2, r.missingReactionTimes());
        assertTrue(t.correct(0));
        assertTrue(!t.correct(1));
    }

    @Test
    void gzippedAndPlainGiveTheSameTable() throws IOException {
        Path gz = dir.resolve("CSHL_002.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(GOOD.resolve("CSHL_002.csv")));
        }
        TrialTable a = MouseCsv.load(GOOD).mouse("CSHL_002");
        TrialTable b = MouseCsv.load(gz).mouse("CSHL_002");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.stimSideAt(i), b.stimSideAt(i));
            assertEquals(a.choiceAt(i), b.choiceAt(i));
            assertEquals(a.blockAt(i), b.blockAt(i));
            assertEquals(a.reactionTimeAt(i), b.reactionTimeAt(i));
        }
    }

    @Test
    void badRowsAreCountedWithFileLineAndColumn() throws IOException {
        MouseData d = MouseCsv.load(List.of(BAD), MouseCsv.Options.defaults().withMaxExamples(10));
        MouseLoadReport.FileReport r = d.report().files().get(0);
        assertEquals(30, r.rows());
        assertEquals(24, r.loaded());
        assertEquals(24, d.mouse("BAD_001").size());
        assertEquals(1, r.skipped(MouseLoadReport.Reason.UNPARSEABLE_NUMBER));
        assertEquals(1, r.skipped(MouseLoadReport.Reason.UNKNOWN_PROBABILITY));
        assertEquals(1, r.skipped(MouseLoadReport.Reason.UNKNOWN_CONTRAST));
        assertEquals(1, r.skipped(MouseLoadReport.Reason.FIELD_COUNT));
        assertEquals(1, r.skipped(MouseLoadReport.Reason.BAD_CHOICE));
        assertEquals(1, r.skipped(MouseLoadReport.Reason.MISSING_VALUE));
        List<MouseLoadReport.Problem> ex = r.examples();
        assertEquals(6, ex.size());
        long[] lines = {5, 8, 10, 12, 15, 18};
        String[] cols = {"contrast", "stim_probability_left", "contrast", "trial_correct", "response_choice",
            "position"};
        for (int k = 0; k < 6; k++) {
            assertEquals(lines[k], ex.get(k).line(), ex.get(k).toString());
            assertEquals(cols[k], ex.get(k).column(), ex.get(k).toString());
            assertEquals(BAD.toString(), ex.get(k).file());
        }
        assertEquals("abc", ex.get(0).value());
        assertEquals(1, r.correctnessDisagreements());
        assertEquals(20, r.disagreementExamples().get(0).line());
        assertEquals("trial_correct", r.disagreementExamples().get(0).column());
        assertEquals(6, d.report().totalSkippedRows());
        assertTrue(d.report().summary().contains(BAD + ":5 column contrast"));

        MouseLoadReport.FileReport capped = MouseCsv.load(BAD).report().files().get(0);
        assertEquals(5, capped.examples().size(), "default keeps the first 5 examples");
        assertEquals(6, capped.skippedRows(), "but counts every skipped row");
    }

    @Test
    void malformedFilesThrowNamingTheFile() throws IOException {
        Path missing = dir.resolve("NOCONTRAST.csv");
        Files.writeString(missing, "trial_num,session_num,stim_probability_left,position,response_choice\n1,1,0.5,35,1\n");
        IOException e = assertThrows(IOException.class, () -> MouseCsv.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("line 1")
                && e.getMessage().contains("column contrast"), e.getMessage());

        Path empty = dir.resolve("EMPTY.csv");
        Files.writeString(empty, "");
        e = assertThrows(IOException.class, () -> MouseCsv.load(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty file"), e.getMessage());

        Path folder = Files.createDirectory(dir.resolve("nothing"));
        Files.writeString(folder.resolve("notes.txt"), "not a csv");
        e = assertThrows(IOException.class, () -> MouseCsv.load(folder));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("no *.csv"), e.getMessage());

        Path onlyEndtrain = Files.createDirectory(dir.resolve("endtrain"));
        Files.copy(GOOD.resolve("CSHL_002_endtrain.csv"), onlyEndtrain.resolve("X_endtrain.csv"));
        e = assertThrows(IOException.class, () -> MouseCsv.load(onlyEndtrain));
        assertTrue(e.getMessage().contains("no mouse CSV files"), e.getMessage());

        Path nowhere = dir.resolve("absent");
        e = assertThrows(NoSuchFileException.class, () -> MouseCsv.load(nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());

        Path twice = Files.createDirectory(dir.resolve("twice"));
        Files.copy(GOOD.resolve("CSHL_002.csv"), twice.resolve("A.csv"));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(twice.resolve("A.csv.gz")))) {
            o.write(HEADER.getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(IOException.class, () -> MouseCsv.load(twice));
        assertTrue(e.getMessage().contains("mouse A also read from"), e.getMessage());

        Path headerOnly = dir.resolve("HEADERONLY.csv");
        Files.writeString(headerOnly, HEADER + "\n");
        MouseData d = MouseCsv.load(headerOnly);
        assertEquals(0, d.trials());
        assertNotNull(d.report().files().get(0).notes().stream().filter(n -> n.contains("header only")).findFirst()
                .orElse(null));
    }

    @Test
    void fastNumberParsingEqualsDoubleParseDouble() {
        String[] texts = {"0", "-0.0", "0.0", "35.0", "-35", "0.0625", "0.04", "0.08", "1.0", "0.7822000000000002",
            "60.00000199999977", "-0.0010000000002037268", "123456789012345.5", "0.000000000000000000000001",
            "1e-3", "2E5", " 0.25 ", "\"0.5\"", "+1", "00012.50", "9007199254740993", "1.7976931348623157e308"};
        SplittableRandom rng = new SplittableRandom(11);
        List<String> all = new java.util.ArrayList<>(List.of(texts));
        for (int i = 0; i < 20000; i++) {
            double v = rng.nextDouble() * Math.pow(10, rng.nextInt(-6, 8)) * (rng.nextBoolean() ? 1 : -1);
            all.add(rng.nextBoolean() ? Double.toString(v) : String.format(java.util.Locale.ROOT, "%." + rng.nextInt(0, 18) + "f", v));
        }
        MouseTables.Fields f = new MouseTables.Fields();
        for (String t : all) {
            f.reset(t + ",x");
            String clean = t.trim().replace("\"", "");
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(clean)), Double.doubleToRawLongBits(f.number(0)),
                    "parsing '" + t + "'");
        }
        for (String bad : new String[] {"", "abc", ".", "-", "1.2.3", "NaN", "Infinity", "1,5"}) {
            f.reset(bad);
            assertTrue(Double.isNaN(f.number(0)) || bad.equals("1,5"), "'" + bad + "' is not a finite number");
        }
    }
}
