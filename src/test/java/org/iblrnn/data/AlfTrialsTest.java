package org.iblrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ALF trials tables: the choice sign decided by feedbackType, RTs, and malformed input. */
class AlfTrialsTest {
    static final Path ALF = MouseCsvTest.FIXTURES.resolve("alf/trials.csv");
    static final String HEADER = "contrastLeft,contrastRight,choice,feedbackType,probabilityLeft,response_times,"
            + "stimOn_times";

    @TempDir
    Path dir;

    /**
     * The fixture was written from the first 120 rows of good/CSHL_002.csv by:
     * <pre>
     * rows = list(csv.DictReader(open('good/CSHL_002.csv')))[:120]; t = 10.0
     * for r in rows: left = math.copysign(1, float(r['position'])) &lt; 0
     *     contrastLeft = contrast if left else 'nan'; contrastRight = '' if left else contrast
     *     choice = -int(r['response_choice']); feedbackType = 1 if trial_correct == 1 else -1
     *     response_times = 'nan' if rt == '' else t + rt; stimOn_times = goCue_times = t; t = round(t + 3.5, 4)
     * </pre>
     */
    @Test
    void fixtureMatchesTheCsvItWasMadeFrom() throws IOException {
        AlfTrials.Result r = AlfTrials.read(ALF);
        assertEquals(AlfTrials.ChoiceConvention.FLIPPED, r.check().chosen());
        assertTrue(r.check().decidedByData());
        assertEquals(0, r.check().disagreements());
        assertEquals(r.check().checked(), r.check().agreeFlipped());
        assertEquals(0, r.check().agreeSame(), "every responded trial contradicts the unflipped sign");
        assertEquals(0, r.report().correctnessDisagreements());
        assertTrue(r.report().notes().get(0).contains("FLIPPED decided by feedbackType"), r.report().notes().toString());
        TrialTable a = r.table();
        TrialTable c = MouseCsv.load(MouseCsvTest.GOOD).mouse("CSHL_002");
        assertEquals(120, a.size());
        assertEquals("trials", a.agent());
        for (int i = 0; i < 120; i++) {
            assertEquals(c.stimSideAt(i), a.stimSideAt(i), "stimSide " + i);
            assertEquals(c.choiceAt(i), a.choiceAt(i), "choice " + i);
            assertEquals(c.contrastAt(i), a.contrastAt(i), "contrast " + i);
            assertEquals(c.blockSideAt(i), a.blockSideAt(i), "blockSide " + i);
            assertEquals(c.blockAt(i), a.blockAt(i), "block " + i);
            assertEquals(c.trialInBlockAt(i), a.trialInBlockAt(i), "trialInBlock " + i);
            assertEquals(0, a.sessionAt(i));
            if (Double.isNaN(c.reactionTimeAt(i))) {
                assertTrue(Double.isNaN(a.reactionTimeAt(i)), "RT " + i);
            } else {
                assertEquals(c.reactionTimeAt(i), a.reactionTimeAt(i), 1e-9, "RT " + i); // t + rt - t rounds
            }
        }
    }

    @Test
    void theUnflippedConventionIsDetectedFromFeedback() throws IOException {
        List<String> lines = Files.readAllLines(ALF);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            f[3] = Integer.toString(-Integer.parseInt(f[3])); // choice column
            out.add(String.join(",", f));
        }
        Path p = dir.resolve("same.csv");
        Files.write(p, out);
        AlfTrials.Result r = AlfTrials.read(p);
        assertEquals(AlfTrials.ChoiceConvention.SAME, r.check().chosen());
        assertTrue(r.check().decidedByData());
        assertEquals(0, r.check().disagreements());
        TrialTable fixture = AlfTrials.read(ALF).table();
        for (int i = 0; i < fixture.size(); i++) {
            assertEquals(fixture.choiceAt(i), r.table().choiceAt(i));
        }
        AlfTrials.Result forced = AlfTrials.read(p, "x", AlfTrials.ChoiceConvention.FLIPPED, 5);
        assertFalse(forced.check().decidedByData());
        assertEquals(forced.check().checked(), forced.check().disagreements());
        assertEquals(forced.check().checked(), forced.report().correctnessDisagreements());
    }

    @Test
    void handMadeRowsZeroContrastSideAndReactionTime() throws IOException {
        Path p = dir.resolve("hand.csv");
        Files.writeString(p, HEADER + ",session\n"
                + "0.0,NaN,1,1,0.8,2.5,2.0,a\n" // zero contrast on the left; ALF +1 = CW = chose left: rewarded
                + ",0.0,-1,1,0.8,3.75,3.5,a\n" // zero contrast on the right; ALF -1 = chose right: rewarded
                + "nan,0.25,1,-1,0.2,nan,5.0,a\n" // right stimulus, chose left: error, no response time
                + "1.0,nan,0,-1,0.5,,7.0,b\n"); // no response, new session
        AlfTrials.Result r = AlfTrials.read(p);
        TrialTable t = r.table();
        assertEquals(AlfTrials.ChoiceConvention.FLIPPED, r.check().chosen());
        assertEquals(3, r.check().checked());
        assertEquals(List.of(-1, 1, 1, -1), java.util.Arrays.stream(t.stimSide()).boxed().toList());
        assertEquals(List.of(-1, 1, -1, 0), java.util.Arrays.stream(t.choice()).boxed().toList());
        assertEquals(List.of(-1, -1, 1, 0), java.util.Arrays.stream(t.blockSide()).boxed().toList());
        assertEquals(List.of(0, 0, 0, 1), java.util.Arrays.stream(t.session()).boxed().toList());
        assertEquals(0.5, t.reactionTimeAt(0));
        assertEquals(0.25, t.reactionTimeAt(1));
        assertTrue(Double.isNaN(t.reactionTimeAt(2)));
        assertTrue(Double.isNaN(t.reactionTimeAt(3)));
        assertEquals(0, r.report().correctnessDisagreements());
    }

    @Test
    void withoutResponsesTheDocumentedConventionIsUsedAndSaidSo() throws IOException {
        Path p = dir.resolve("nogo.csv");
        Files.writeString(p, HEADER + "\n0.0,,0,-1,0.5,,1.0\n,1.0,0,-1,0.5,,2.0\n");
        AlfTrials.Result r = AlfTrials.read(p);
        assertEquals(AlfTrials.ChoiceConvention.FLIPPED, r.check().chosen());
        assertFalse(r.check().decidedByData());
        assertEquals(0, r.check().checked());
        assertTrue(r.report().notes().get(0).contains("documented default"), r.report().notes().toString());
    }

    @Test
    void badValuesAreCountedAndMalformedFilesThrow() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, HEADER + "\n"
                + "0.5,0.5,1,1,0.8,1,0.5\n" // both contrasts
                + "0.5,,1,1,0.3,1,0.5\n" // unknown probability
                + "0.3,,1,1,0.8,1,0.5\n" // unknown contrast
                + "0.5,,2,1,0.8,1,0.5\n" // bad choice
                + "0.5,,1,0,0.8,1,0.5\n" // bad feedbackType
                + "0.5,,1,1,0.8,x,0.5\n" // unparseable response time
                + "0.5,,1,1,0.8,1,0.5\n"); // fine
        AlfTrials.Result r = AlfTrials.read(p);
        MouseLoadReport.FileReport f = r.report();
        assertEquals(7, f.rows());
        assertEquals(1, f.loaded());
        assertEquals(1, f.skipped(MouseLoadReport.Reason.BAD_STIMULUS_SIDE));
        assertEquals(1, f.skipped(MouseLoadReport.Reason.UNKNOWN_PROBABILITY));
        assertEquals(1, f.skipped(MouseLoadReport.Reason.UNKNOWN_CONTRAST));
        assertEquals(1, f.skipped(MouseLoadReport.Reason.BAD_CHOICE));
        assertEquals(1, f.skipped(MouseLoadReport.Reason.BAD_FEEDBACK));
        assertEquals(1, f.skipped(MouseLoadReport.Reason.UNPARSEABLE_NUMBER));
        assertEquals(2, f.examples().get(0).line());
        assertEquals(5, f.examples().size(), "default keeps 5 examples");
        assertEquals("feedbackType", f.examples().get(4).column());
        assertEquals(6, f.examples().get(4).line());

        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, HEADER + "\n0.5,,1,1,0.8,1,0.5\n0.5,,1,1,0.8\n");
        IOException e = assertThrows(IOException.class, () -> AlfTrials.read(shortRow));
        assertTrue(e.getMessage().contains(shortRow.toString()) && e.getMessage().contains("line 3")
                && e.getMessage().contains("column response_times"), e.getMessage());

        Path noFeedback = dir.resolve("nofb.csv");
        Files.writeString(noFeedback, "contrastLeft,contrastRight,choice,probabilityLeft,response_times,stimOn_times\n");
        e = assertThrows(IOException.class, () -> AlfTrials.read(noFeedback));
        assertTrue(e.getMessage().contains(noFeedback.toString()) && e.getMessage().contains("line 1")
                && e.getMessage().contains("column feedbackType"), e.getMessage());

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        e = assertThrows(IOException.class, () -> AlfTrials.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
