package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Parameter layout (PyTorch names, shapes, order) and PyTorch-default initialisation. */
class RecurrentModelTest {

    @Test
    void paperLayoutHasPyTorchNamesShapesAndOrder() {
        RecurrentModel m = new RecurrentModel(ModelConfig.paper());
        ParamLayout layout = m.layout();
        assertEquals(List.of("core.weight_ih_l0", "core.weight_hh_l0", "core.bias_ih_l0", "core.bias_hh_l0",
                "readout.weight", "readout.bias"), layout.names());
        assertEquals(List.of(50, 3), layout.block("core.weight_ih_l0").shape());
        assertEquals(List.of(50, 50), layout.block("core.weight_hh_l0").shape());
        assertEquals(List.of(50), layout.block("core.bias_ih_l0").shape());
        assertEquals(List.of(50), layout.block("core.bias_hh_l0").shape());
        assertEquals(List.of(2, 50), layout.block("readout.weight").shape());
        assertEquals(List.of(2), layout.block("readout.bias").shape());
        // reference-spec 3.1: 150 + 2500 + 50 + 50 + 100 + 2
        assertEquals(2852, layout.size());
        int[] offsets = {0, 150, 2650, 2700, 2750, 2850};
        for (int b = 0; b < offsets.length; b++) {
            assertEquals(offsets[b], layout.blocks().get(b).offset());
        }
        assertEquals(2750, m.cell().parameterCount());
        assertEquals("core.weight_hh_l0", layout.blockOf(150).name());
        assertEquals("core.weight_ih_l0", layout.blockOf(149).name());
        assertEquals("readout.bias", layout.blockOf(2851).name());
        assertThrows(IllegalArgumentException.class, () -> layout.blockOf(2852));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.block("nope"));
        assertTrue(e.getMessage().contains("nope"));
    }

    @Test
    void layoutRejectsGaps() {
        assertThrows(IllegalArgumentException.class, () -> new ParamLayout(List.of(
                new ParamBlock("a", List.of(2), 0), new ParamBlock("b", List.of(2), 3))));
    }

    @Test
    void initialisationIsPyTorchDefault() {
        RecurrentModel m = new RecurrentModel(ModelConfig.paper());
        double[] theta = m.initialise(new SplittableRandom(17));
        double bound = 1 / Math.sqrt(50);
        for (double v : theta) {
            assertTrue(Math.abs(v) <= bound, "value " + v + " outside U(-1/sqrt(H), 1/sqrt(H))");
            assertEquals(v, (double) (float) v, 0.0, "drawn in float32");
        }
        // every block is spread over its range: the sample sd of a uniform is bound / sqrt(3)
        for (ParamBlock b : m.layout().blocks()) {
            if (b.size() < 100) {
                continue;
            }
            double s = 0;
            double s2 = 0;
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                s += theta[i];
                s2 += theta[i] * theta[i];
            }
            double mean = s / b.size();
            double sd = Math.sqrt(s2 / b.size() - mean * mean);
            assertEquals(bound / Math.sqrt(3), sd, 0.15 * bound / Math.sqrt(3), b.name());
            assertEquals(0.0, mean, 5 * sd / Math.sqrt(b.size()), b.name());
        }
        // draw order W_ih, W_hh, b_ih, b_hh, W_out, b_out: one stream, in flat order
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Initialisers.uniformFloat32(rng, bound), theta[i], 0.0, "index " + i);
        }
        assertTrue(Arrays.equals(theta, m.initialise(new SplittableRandom(17))));
        assertFalse(Arrays.equals(theta, m.initialise(new SplittableRandom(18))));
    }

    @Test
    void configValidation() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig("transformer", 3, 50, 2));
        assertTrue(bad.getMessage().contains("rnn, gru, lstm") && bad.getMessage().contains("transformer"),
                bad.getMessage());
        assertEquals("gru", new ModelConfig("GRU", 3, 50, 2).cell());
        assertEquals("lstm", ModelConfig.paper().withCell("lstm").cell());
        assertEquals("lstm", new RecurrentModel(ModelConfig.paper().withCell("lstm")).cell().kind());
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(null, 3, 50, 2));
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig("rnn", 0, 50, 2));
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig("rnn", 3, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig("rnn", 3, 50, 1));
        assertEquals("rnn", new ModelConfig("RNN", 3, 50, 2).cell());
        assertEquals(7, ModelConfig.paper().withHiddenSize(7).hiddenSize());
        RecurrentModel m = new RecurrentModel(ModelConfig.paper());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.checkParameters(new double[10]));
        assertTrue(e.getMessage().contains("2852") && e.getMessage().contains("10"), e.getMessage());
    }

    @Test
    void lossParsingAndValues() {
        assertEquals(Loss.PROB, Loss.parse("prob"));
        assertEquals(Loss.CE, Loss.parse("CE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("mse"));
        assertTrue(e.getMessage().contains("mse"));
        double[] z = {0.3, -1.2};
        double e0 = Math.exp(0.3);
        double e1 = Math.exp(-1.2);
        double[] p = {e0 / (e0 + e1), e1 / (e0 + e1)};
        assertEquals(-p[1], Loss.PROB.value(z, p, 0, 2, 1), 0.0);
        assertEquals(-Math.log(p[1]), Loss.CE.value(z, p, 0, 2, 1), 1e-15);
        // gradients wrt logits: sum to zero (softmax is shift invariant)
        double[] out = new double[2];
        for (Loss l : Loss.values()) {
            l.gradient(p, 0, 2, 0, 1.0, out);
            assertEquals(0.0, out[0] + out[1], 1e-16);
        }
        Loss.PROB.gradient(p, 0, 2, 1, 2.0, out);
        assertEquals(-2.0 * p[1] * (1 - p[1]), out[1], 1e-16);
        Loss.CE.gradient(p, 0, 2, 1, 2.0, out);
        assertEquals(2.0 * (p[1] - 1), out[1], 1e-16);
    }
}
