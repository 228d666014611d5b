package org.iblrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianActor;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export in the mouse schema, read back with the mouse loader: the same trials. */
class MouseCsvWriterTest {
    @TempDir
    Path tmp;

    @Test
    void agentSessionRoundTripsThroughTheMouseSchema() throws IOException {
        TaskConfig task = TaskConfig.paper().withBlocksPerSession(12);
        Session s = Session.sample(task, new SplittableRandom(3));
        TrialTable t = AgentRunner.run(BayesianActor.reference(task), s, false).trials();
        Path dir = tmp.resolve("agents");
        Files.createDirectories(dir);
        MouseCsvWriter.write(dir.resolve("AGENT_001.csv"), t);
        MouseData back = MouseCsv.load(dir.resolve("AGENT_001.csv"));
        TrialTable b = back.mice().get(0);
        assertEquals(t.size(), b.size());
        assertEquals(0, back.report().files().get(0).rows() - back.report().files().get(0).loaded(),
                "every exported row loads");
        assertArrayEquals(t.session(), b.session());
        assertArrayEquals(t.block(), b.block());
        assertArrayEquals(t.blockSide(), b.blockSide());
        assertArrayEquals(t.trialInBlock(), b.trialInBlock());
        assertArrayEquals(t.stimSide(), b.stimSide());
        assertArrayEquals(t.choice(), b.choice());
        double[][] map = MouseCsvWriter.contrastMap(t);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, map[0]);
        for (int i = 0; i < t.size(); i++) {
            int k = java.util.Arrays.binarySearch(map[0], t.contrastAt(i));
            assertEquals(map[1][k], b.contrastAt(i), "row " + i);
            assertEquals(t.correct(i), b.correct(i));
        }
    }

    @Test
    void mouseTablesAreWrittenUnchanged() throws IOException {
        int n = 3;
        TrialTable t = new TrialTable("m", new int[n], new int[] {0, 0, 1}, new int[] {0, 0, -1},
                new int[] {0, 1, 0}, new int[] {-1, 1, 1}, new double[] {0, 0.25, 1}, new int[] {-1, 0, -1},
                new int[] {-1, -1, -1}, new int[] {-1, -1, -1}, new double[] {0.5, Double.NaN, 1.25},
                new LinkedHashMap<>());
        String csv = MouseCsvWriter.format(t);
        assertEquals(MouseCsvWriter.HEADER + "\n"
                + "1,1,0.5,0.0,-35.0,-1,1.0,0.5\n"
                + "2,1,0.5,0.25,35.0,0,0.0,\n"
                + "3,1,0.8,1.0,35.0,-1,0.0,1.25\n", csv);
    }
}
