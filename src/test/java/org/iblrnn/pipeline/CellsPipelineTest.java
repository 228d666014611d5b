package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.NpyArray;
import org.iblrnn.data.Npz;
import org.iblrnn.nn.ModelConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every stage on tiny trained GRU and LSTM networks: the full run (train, evaluate, analyze,
 * distill, compare, report), the evaluation's state files, and the analysis's numbers, vector fields
 * and fixed points in the cell's carried-state space.
 */
class CellsPipelineTest {
    @TempDir
    Path tmp;

    private static final int H = 8;

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void everyStageRunsAndTheAnalysisWorksInTheCarriedSpace(String cell) throws IOException {
        Path dir = tmp.resolve(cell);
        FullRun.Result full = FullRun.run(dir, TrainingRunTest.small().withModel(new ModelConfig(cell, 3, H, 2))
                .withSteps(20), Path.of("src/test/resources/fixtures/mice/good/CSHL_002.csv"), 12, 1,
                TrainingProgress.NONE, () -> 0L, l -> { });
        for (String stage : List.of("train", "evaluate", "analyze", "distill", "compare", "report")) {
            assertEquals("done", full.stages().get(stage), stage + ": " + full.stages());
        }

        // evaluate: h for every cell, and the LSTM's c beside it
        JsonNode eval = JsonFiles.read(dir.resolve("eval/summary.json"));
        assertEquals(cell, eval.path("cell").asText());
        NpyArray hidden = Npz.readNpy(dir.resolve("eval/rnn/hidden.npy"));
        int steps = hidden.shape()[0];
        assertEquals(H, hidden.shape()[1]);
        Path cellFile = dir.resolve("eval/rnn/cell.npy");
        assertEquals(cell.equals("lstm"), Files.exists(cellFile));
        assertEquals(cell.equals("lstm"), eval.path("stateFiles").has("rnn/cell.npy"));
        TrainedRun tr = TrainedRun.open(dir);
        AgentRunner.Result net = tr.runNetwork(tr.session(12, 1)).network();
        assertEquals(net.steps().size(), steps);
        if (cell.equals("lstm")) {
            NpyArray c = Npz.readNpy(cellFile);
            assertEquals(steps, c.shape()[0]);
            assertEquals(H, c.shape()[1]);
            double[][] carried = RnnAgent.carriedStates(tr.model(), tr.theta(), net.steps());
            for (int t = 0; t < steps; t += 17) {
                for (int i = 0; i < H; i++) {
                    assertEquals(carried[t][H + i], c.data()[t * H + i], 0.0, "c" + i + " at step " + t);
                    assertEquals(carried[t][i], hidden.data()[t * H + i], 0.0, "h" + i + " at step " + t);
                }
            }
        }

        // analyze: finite numbers on h, fixed points of the network's own step in the carried space
        JsonNode numbers = JsonFiles.read(dir.resolve("analysis/summary.json")).path("numbers");
        for (String key : List.of("varianceExplained2Pcs", "stimulusReadoutInPlane", "blockDecodingFullBlocked",
                "blockDecodingPlaneRandom", "readoutAngleFullDegrees", "observationSlopeStimulus",
                "observationSlopeBlock")) {
            double v = numbers.path(key).path("ours").asDouble(Double.NaN);
            assertTrue(Double.isFinite(v), key + " = " + v);
        }
        assertTrue(Files.size(dir.resolve("analysis/figures/fig7c-vector-fields.png")) > 1000);
        // basins from the grid as well as from visited states, for every cell (an LSTM's grid
        // points lifted to (h, c) like its vector field)
        JsonNode basins = JsonFiles.read(dir.resolve("analysis/summary.json")).path("basins");
        assertTrue(basins.size() > 0, basins.toString());
        basins.forEach(b -> {
            if (b.has("attractors")) {
                assertTrue(b.path("gridStarts").asInt() > 0, b.toString());
                b.path("attractors").forEach(a -> assertTrue(a.path("gridFraction").isNumber(), a.toString()));
            }
        });
        assertTrue(Files.exists(dir.resolve("distill/summary.json")));
        // the network's own fixed points beside the distilled model's, for every cell (an LSTM's
        // search runs in (h, c) from replayed carried states)
        com.fasterxml.jackson.databind.JsonNode conds = org.iblrnn.data.JsonFiles.read(
                dir.resolve("distill/summary.json")).path("dynamics").path("conditions");
        assertTrue(conds.size() > 0, conds.toString());
        conds.forEach(c -> assertTrue(c.path("network").path("points").isArray(), c.toString()));
        assertTrue(Files.exists(dir.resolve("compare/summary.json")));

        Analysis.Result a = Analysis.run(dir, 30, 2, new Representation.Options(2000, 7, true), l -> { });
        int carried = tr.model().cell().carriedSize();
        assertEquals(cell.equals("lstm") ? 2 * H : H, carried);
        int converged = 0;
        for (Representation.Field f : a.representation().fields()) {
            for (double v : f.dx()) {
                assertTrue(Double.isFinite(v), f.condition());
            }
            FixedPoints fp = f.fixedPoints();
            assertEquals(fp.size(), f.fixedPointsPlane().length);
            for (int k = 0; k < fp.size(); k++) {
                double[] x = fp.state(k);
                assertEquals(carried, x.length, f.condition());
                double[] fx = FixedPointFinder.step(tr.model(), tr.theta(), f.input(), x);
                double d = 0;
                for (int i = 0; i < carried; i++) {
                    d += (fx[i] - x[i]) * (fx[i] - x[i]);
                }
                assertTrue(Math.sqrt(d) <= Math.sqrt(2 * 1e-4) + 1e-12, f.condition() + ": |F(x*) - x*| = "
                        + Math.sqrt(d));
                if (fp.converged()[k]) {
                    assertTrue(Math.sqrt(d) < 1e-3, f.condition() + ": |F(x*) - x*| = " + Math.sqrt(d));
                    converged++;
                }
            }
        }
        assertTrue(converged > 0, "fixed points were found");
        @SuppressWarnings("unchecked")
        Map<String, Object> fps = (Map<String, Object>) a.summary().get("fixedPoints");
        assertEquals(6, fps.size());
        assertFalse(Files.readString(a.dir().resolve("figures/fig7c-vector-fields.svg")).contains("NaN"));
    }
}
