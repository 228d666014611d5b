package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.iblrnn.data.JsonFiles;
import org.iblrnn.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregation of headline numbers across a sweep's networks, on hand-written stage summaries. */
class AggregateTest {
    @TempDir
    Path tmp;

    static void fakeRun(Path run, double fractionCorrect, double pcs) throws IOException {
        Files.createDirectories(run.resolve("eval"));
        Files.createDirectories(run.resolve("analysis"));
        Files.writeString(run.resolve("config.json"), "{}");
        JsonFiles.write(run.resolve("eval/summary.json"), Map.of("agents", Map.of("rnn",
                Map.of("fractionCorrect", fractionCorrect), "observer", Map.of("fractionCorrect", 0.85))));
        if (!Double.isNaN(pcs)) {
            JsonFiles.write(run.resolve("analysis/summary.json"), Map.of("numbers", Map.of("varianceExplained2Pcs",
                    Map.of("ours", pcs, "paper", 0.8874))));
        }
    }

    @Test
    void meanSdAndRangePerConfigurationWithMissingStagesLeftOut() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("s"), SweepTest.spec("{\"seeds\":\"1..4\",\"hidden\":[50,100]}"));
        double[] fc = {0.80, 0.84, 0.86, 0.90};
        for (int k = 0; k < 4; k++) {
            fakeRun(s.dir().resolve("runs/rnn-h50-prob/seed-" + (k + 1)), fc[k], k == 3 ? Double.NaN : 0.8 + 0.05 * k);
        }
        fakeRun(s.dir().resolve("runs/rnn-h100-prob/seed-2"), 0.7, 0.95); // one network of the second config so far
        Aggregate.Result r = Aggregate.run(s, l -> { });
        assertEquals(5, r.networks());
        List<Aggregate.Stat> a = r.stats().get("rnn-h50-prob");
        Aggregate.Stat f = a.get(0);
        assertEquals("fractionCorrect", f.id());
        assertEquals(0.85, f.mean(), 1e-12);
        // sample sd of 0.80, 0.84, 0.86, 0.90: sqrt(0.0052 / 3)
        assertEquals(Math.sqrt(0.0052 / 3), f.sd(), 1e-12);
        assertEquals(0.80, f.min(), 1e-15);
        assertEquals(0.90, f.max(), 1e-15);
        assertEquals(4, f.n());
        assertEquals(1, f.firstSeed());
        assertEquals(0.80, f.first(), 1e-15);
        Aggregate.Stat minusObs = a.get(1);
        assertEquals(0.0, minusObs.mean(), 1e-12);
        Aggregate.Stat pcs = a.get(2);
        assertEquals("varianceExplained2Pcs", pcs.id());
        assertEquals(3, pcs.n(), "the network without an analysis is left out");
        assertEquals(0.85, pcs.mean(), 1e-12);
        assertEquals(0.05, pcs.sd(), 1e-12);
        Aggregate.Stat single = r.stats().get("rnn-h100-prob").get(0);
        assertEquals(1, single.n());
        assertEquals(0.0, single.sd());
        assertEquals(2, single.firstSeed());
        assertTrue(Double.isNaN(a.get(12).mean()), "no distillation ran: NaN, n = 0");
        assertEquals(0, a.get(12).n());

        List<String> results = Files.readAllLines(s.dir().resolve("results.csv"));
        assertEquals(6, results.size());
        assertTrue(results.get(0).startsWith("config,seed,fractionCorrect,fractionCorrectMinusObserver,"
                + "varianceExplained2Pcs"), results.get(0));
        assertTrue(results.get(4).startsWith("rnn-h50-prob,4,0.9,"), results.get(4));
        List<String> agg = Files.readAllLines(s.dir().resolve("aggregate/aggregate.csv"));
        assertTrue(agg.get(1).startsWith("rnn-h50-prob,fractionCorrect,0.855,1,0.8,0.85"), agg.get(1));
        String html = Files.readString(r.report());
        assertTrue(html.contains("id=\"across-rnn-h50-prob\"") && html.contains("id=\"across-rnn-h100-prob\""));
        assertTrue(html.contains("sweep-headline-numbers") && html.contains("sweep-variance-2pcs-vs-hidden"));
        for (String fig : List.of("sweep-headline-numbers", "sweep-fraction-correct-by-seed",
                "sweep-variance-2pcs-vs-hidden", "sweep-fraction-correct-vs-hidden")) {
            assertTrue(Files.size(s.dir().resolve("aggregate/figures/" + fig + ".svg")) > 1000, fig);
        }
        // the tables read back from summary.json for `iblrnn run --sweep`
        List<HtmlReport.SpreadTable> t = Aggregate.readSpreadTables(s.dir());
        assertEquals(2, t.size());
        assertEquals(0.85, t.get(0).rows().get(0).mean(), 1e-12);
        assertTrue(t.get(0).rows().get(0).consistent(), "paper 0.855 within 0.85 +- (sd + 0.02)");
        // and a run's report carries them (iblrnn run --sweep)
        Path run = s.dir().resolve("runs/rnn-h50-prob/seed-1");
        String page = FullRun.report(run, org.iblrnn.train.TrainConfig.paper(), Map.of(), Map.of(), 10, t);
        assertTrue(page.contains("id=\"across-networks\"") && page.contains("id=\"across-rnn-h100-prob\""));
        assertTrue(!FullRun.report(run, org.iblrnn.train.TrainConfig.paper(), Map.of(), Map.of(), 10, List.of())
                .contains("id=\"across-networks\""));
    }

    @Test
    void aSweepWithNothingTrainedIsAClearError() throws Exception {
        Sweep s = Sweep.create(tmp.resolve("s"), SweepTest.spec("{}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aggregate.run(s, l -> { }));
        assertTrue(e.getMessage().contains("no network of the sweep has been trained yet"), e.getMessage());
    }
}
