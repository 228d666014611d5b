package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.ReferenceCells;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RnnAgent#carriedStates}: the carried states of a recorded session, h for rnn and gru and
 * (h, c) for the LSTM, against the recorded h and an independent scalar LSTM; foreign records are
 * rejected.
 */
class RnnAgentCarriedStatesTest {
    private static final TaskConfig CFG = TaskConfig.paper().withBlocksPerSession(3);

    private static double[] theta(RecurrentModel model, long seed) {
        double[] th = model.initialise(new SplittableRandom(seed));
        int w = model.layout().block("readout.weight").offset();
        for (int i = w; i < th.length; i++) {
            th[i] *= 40.0;
        }
        return th;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void rowsHaveTheCarriedSizeAndStartWithTheRecordedH(String cell) {
        int hid = 5;
        RecurrentModel model = new RecurrentModel(new ModelConfig(cell, 3, hid, 2));
        double[] theta = theta(model, 4);
        StepRecord rec = AgentRunner.run(new RnnAgent(model, theta), Session.sample(CFG, new SplittableRandom(2)),
                true).steps();
        double[][] carried = RnnAgent.carriedStates(model, theta, rec);
        assertEquals(rec.size(), carried.length);
        assertEquals(cell.equals("lstm") ? 2 * hid : hid, carried[0].length);
        for (int t = 0; t < rec.size(); t++) {
            for (int i = 0; i < hid; i++) {
                assertEquals(Double.doubleToRawLongBits(rec.state(t, i)), Double.doubleToRawLongBits(carried[t][i]),
                        "h" + i + " at step " + t);
            }
        }
    }

    @Test
    void lstmCellStateMatchesAnIndependentScalarLstm() {
        int hid = 6;
        RecurrentModel model = new RecurrentModel(new ModelConfig("lstm", 3, hid, 2));
        double[] theta = theta(model, 8);
        StepRecord rec = AgentRunner.run(new RnnAgent(model, theta), Session.sample(CFG, new SplittableRandom(3)),
                true).steps();
        double[][] carried = RnnAgent.carriedStates(model, theta, rec);
        double[] h = new double[hid];
        double[] c = new double[hid];
        double maxC = 0;
        for (int t = 0; t < rec.size(); t++) {
            double[] x = {rec.input(t, 0), rec.input(t, 1), rec.input(t, 2)};
            double[][] out = ReferenceCells.lstm(theta, 3, hid, x, h, c);
            h = out[0];
            c = out[1];
            for (int i = 0; i < hid; i++) {
                assertEquals(h[i], carried[t][i], 1e-12, "h" + i + " at step " + t);
                assertEquals(c[i], carried[t][hid + i], 1e-12, "c" + i + " at step " + t);
                maxC = Math.max(maxC, Math.abs(c[i]));
            }
        }
        assertTrue(maxC > 0.05, "the cell state moves: max |c| = " + maxC);
    }

    @Test
    void aRecordOfAnotherNetworkIsRejected() {
        RecurrentModel model = new RecurrentModel(new ModelConfig("lstm", 3, 4, 2));
        double[] theta = theta(model, 1);
        StepRecord rec = AgentRunner.run(new RnnAgent(model, theta), Session.sample(CFG, new SplittableRandom(1)),
                true).steps();
        double[] other = theta(model, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnAgent.carriedStates(model, other, rec));
        assertTrue(e.getMessage().contains("not this network's session"), e.getMessage());
        RecurrentModel wider = new RecurrentModel(new ModelConfig("lstm", 3, 5, 2));
        assertThrows(IllegalArgumentException.class,
                () -> RnnAgent.carriedStates(wider, theta(wider, 1), rec));
    }
}
