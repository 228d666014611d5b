package org.iblrnn.pipeline;

import static org.iblrnn.testsupport.StatAsserts.assertChiSquareFits;
import static org.iblrnn.testsupport.StatAsserts.assertProportion;
import static org.iblrnn.testsupport.StatAsserts.assertWithinSe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.data.ConfigJson;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.task.TrialTable;
import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;
import org.iblrnn.train.Trainer;
import org.iblrnn.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The named presets; "ibl-mouse" is checked against the mouse data's protocol (reference-spec 7). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PresetsTest {
    /** Mean length of the mice's non-final biased blocks (reference-spec 7). */
    private static final double MICE_BLOCK_MEAN = 50.3;
    /** Median trials per mouse session (reference-spec 7). */
    private static final double MICE_SESSION_MEDIAN = 774;

    @Test
    void namesListEveryPresetAndUnknownNamesAreRejected() {
        assertEquals(List.of("paper", "ibl-mouse"), Presets.names());
        for (String n : Presets.names()) {
            Presets.train(n);
        }
        assertEquals(Presets.train("ibl-mouse"), Presets.train("IBL-Mouse"), "names are case-insensitive");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.train("mouse"));
        assertTrue(e.getMessage().contains("ibl-mouse") && e.getMessage().contains("got mouse"), e.getMessage());
    }

    @Test
    void iblMouseIsThePapersTrainingOnTheRigsTask() {
        TrainConfig c = Presets.train("ibl-mouse");
        assertEquals(TrainConfig.paper().withTask(c.task()), c, "only the task differs from the paper preset");
        assertEquals(TaskConfig.iblMouse(), c.task());
        TaskConfig t = c.task();
        assertEquals(90, t.unbiasedTrials());
        assertEquals(14, t.blocksPerSession());
        assertEquals(new BlockLengths.TruncatedExponential(60, 20, 100), t.blockLengths());
        assertEquals(0.8, t.concordance());
        double[] means = {0, 0.625, 0.8838834764831844, 1.25, 2.5};
        assertEquals(means.length, t.contrasts().size());
        for (int i = 0; i < means.length; i++) {
            assertEquals(means[i], t.contrasts().get(i), 1e-12);
        }
        TaskConfig p = TaskConfig.paper();
        assertEquals(p.noiseSd(), t.noiseSd());
        assertEquals(p.blankSteps(), t.blankSteps());
        assertEquals(p.maxObservations(), t.maxObservations());
        assertEquals(p.actionThreshold(), t.actionThreshold());
        assertEquals(p.waitReward(), t.waitReward());
        // the law's mean is near the mice's non-final block mean (the final block of a mouse
        // session is cut short, so long blocks are slightly under-represented among non-final ones)
        double lawMean = t.blockLengths().mean();
        assertEquals(50.865, lawMean, 1e-3);
        assertEquals(MICE_BLOCK_MEAN, lawMean, 1.0);
        // expected session length near the mice's median
        double sessionMean = 90 + 14 * lawMean;
        assertEquals(802.1, sessionMean, 0.1);
        assertTrue(Math.abs(sessionMean - MICE_SESSION_MEDIAN) < 0.05 * MICE_SESSION_MEDIAN, "" + sessionMean);
        // the paper preset is unchanged
        assertEquals(TrainConfig.paper(), Presets.train("paper"));
        assertEquals(0, Presets.train("paper").task().unbiasedTrials());
    }

    @Test
    void sampledMouseSessionsFollowTheProtocol() {
        TaskConfig t = Presets.train("ibl-mouse").task();
        SplittableRandom rng = new SplittableRandom(20_200_607L);
        int sessions = 300;
        double sum = 0;
        double sumSq = 0;
        long blocks = 0;
        long firstRight = 0;
        long unbiasedRight = 0;
        long unbiased = 0;
        long concordant = 0;
        long biased = 0;
        long[] contrastCounts = new long[5];
        for (int r = 0; r < sessions; r++) {
            Session s = Session.sample(t, rng);
            assertEquals(15, s.blockCount());
            assertEquals(90, s.unbiasedTrials());
            assertEquals(90, s.blockLength(0));
            assertEquals(0, s.blockSide(0));
            firstRight += s.blockSide(1) > 0 ? 1 : 0;
            for (int b = 1; b < s.blockCount(); b++) {
                int l = s.blockLength(b);
                assertTrue(l >= 20 && l <= 100, "block length " + l);
                assertTrue(l <= 99, "the floored law never reaches 100: " + l);
                assertTrue(s.blockSide(b) == -1 || s.blockSide(b) == 1);
                if (b >= 2) {
                    assertEquals(-s.blockSide(b - 1), s.blockSide(b), "biased blocks alternate");
                }
                sum += l;
                sumSq += (double) l * l;
                blocks++;
            }
            for (int i = 0; i < s.trialCount(); i++) {
                int side = s.blockSide(s.trialBlock(i));
                if (i < 90) {
                    assertEquals(0, side, "trial " + i + " is unbiased");
                    unbiased++;
                    unbiasedRight += s.stimSide(i) > 0 ? 1 : 0;
                } else {
                    assertTrue(side != 0, "trial " + i + " is biased");
                    biased++;
                    concordant += s.stimSide(i) == side ? 1 : 0;
                }
                double mu = s.contrast(i);
                assertTrue(t.contrasts().contains(mu), "contrast " + mu + " is from the mapped set");
                contrastCounts[s.contrastIndex(i)]++;
            }
        }
        double mean = sum / blocks;
        double sd = Math.sqrt(sumSq / blocks - mean * mean);
        double lawMean = t.blockLengths().mean();
        assertWithinSe(lawMean, mean, sd / Math.sqrt(blocks), "mean biased block length (n=" + blocks + ")");
        assertEquals(MICE_BLOCK_MEAN, mean, 1.5, "close to the mice's non-final block mean");
        assertProportion(0.5, firstRight, sessions, "first biased block on the right");
        assertProportion(0.5, unbiasedRight, unbiased, "stimulus right in the unbiased block");
        assertProportion(0.8, concordant, biased, "stimulus on the block side in biased blocks");
        assertChiSquareFits(contrastCounts, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, "contrast indices");
    }

    @Test
    void mouseSessionsRunInTheEnvironmentAndGiveTrialTables() {
        TaskConfig t = Presets.train("ibl-mouse").task();
        Session s = Session.sample(t, new SplittableRandom(3));
        TaskEnvironment env = new TaskEnvironment();
        env.reset(s);
        double[] x = new double[3];
        while (!env.done()) {
            env.input(x, 0);
            // act on the sign of the first observation's difference
            env.step(x[0] > x[1] ? 0.95 : 0.5, x[1] > x[0] ? 0.95 : 0.5);
        }
        assertEquals(s.trialCount(), env.trialsCompleted());
        TrialTable table = AgentRunner.trials("probe", s, env, new LinkedHashMap<>());
        assertEquals(s.trialCount(), table.size());
        for (int i = 0; i < table.size(); i++) {
            assertEquals(i < 90 ? 0 : s.blockSide(s.trialBlock(i)), table.blockSideAt(i));
            if (i < 90) {
                assertTrue(!table.concordant(i), "unbiased trials are never concordant");
            }
        }
    }

    @Test
    void iblMouseTrainsAFewSteps() {
        TrainConfig c = Presets.train("ibl-mouse").withSteps(3);
        try (Trainer trainer = new Trainer(c, 1)) {
            TrainingState state = trainer.initialState();
            double[] theta0 = state.theta().clone();
            Session first = trainer.sessionFor(0, 0);
            assertEquals(90, first.unbiasedTrials());
            for (int g = 0; g < 3; g++) {
                StepMetrics m = trainer.step(state);
                assertTrue(Double.isFinite(m.loss()), "loss at step " + g);
                assertTrue(m.trials() > 90 + 14 * 20, "whole sessions are run: " + m.trials());
                assertTrue(m.rnnSteps() >= 3 * m.trials(), "at least 3 steps per trial");
            }
            assertEquals(3, state.completedSteps());
            double change = 0;
            for (int i = 0; i < theta0.length; i++) {
                change += Math.abs(state.theta()[i] - theta0[i]);
            }
            assertTrue(change > 0, "the parameters moved");
        }
    }

    @Test
    void mouseConfigRoundTripsThroughJsonAndOldFilesStillLoad() throws Exception {
        TrainConfig c = Presets.train("ibl-mouse");
        ObjectNode json = ConfigJson.toJson(c);
        assertEquals("truncated-exponential", json.path("task").path("blockLengths").path("law").asText());
        assertEquals(60.0, json.path("task").path("blockLengths").path("meanTrials").asDouble());
        assertEquals(90, json.path("task").path("unbiasedTrials").asInt());
        ObjectMapper mapper = new ObjectMapper();
        TrainConfig back = ConfigJson.trainConfig(mapper.readTree(mapper.writeValueAsString(json)), "config.json");
        assertEquals(c, back);
        // a config.json written before unbiasedTrials existed: the paper's 0
        ObjectNode old = ConfigJson.toJson(TrainConfig.paper());
        ((ObjectNode) old.get("task")).remove("unbiasedTrials");
        assertEquals(TrainConfig.paper(), ConfigJson.trainConfig(old, "old.json"));
        // the exponential law's keys are checked strictly
        ObjectNode bad = ConfigJson.toJson(c);
        ((ObjectNode) bad.get("task").get("blockLengths")).put("p", 0.02);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.trainConfig(bad, "bad.json"));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("\"p\""), e.getMessage());
        ObjectNode neg = ConfigJson.toJson(c);
        ((ObjectNode) neg.get("task")).put("unbiasedTrials", -5);
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.trainConfig(neg, "neg.json"));
        assertTrue(e.getMessage().contains("neg.json") && e.getMessage().contains("unbiased trials")
                && e.getMessage().contains("-5"), e.getMessage());
    }
}
