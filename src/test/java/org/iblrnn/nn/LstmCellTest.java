package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * {@link LstmCell}: PyTorch's layout and initialisation, a single step against hand-derived
 * values, the carried cell state, whole sequences through the tape against an independent scalar
 * LSTM ({@link ReferenceCells}), and determinism. Gradients are checked in
 * {@link GradientCheckCellsTest}.
 */
class LstmCellTest {
    /**
     * Golden single step, H = 2, I = 3. Parameters: theta_k = round(0.9 sin(2.39996323 k - 0.2), 2)
     * in flat PyTorch order (weight_ih_l0 [8, 3], weight_hh_l0 [8, 2], bias_ih_l0 [8],
     * bias_hh_l0 [8]); x = (1, 0, -0.5), h = (0.3, -0.5), c = (0.8, -1.1). Expected values
     * computed in NumPy (float64) from torch.nn.LSTM's documented equations:
     * <pre>
     *   Wih = th[:24].reshape(8, 3); Whh = th[24:40].reshape(8, 2); bih = th[40:48]; bhh = th[48:56]
     *   a = Wih @ x + bih + Whh @ h + bhh
     *   i = sig(a[:2]); f = sig(a[2:4]); g = tanh(a[4:6]); o = sig(a[6:])
     *   c' = f * c + i * g; h' = o * tanh(c')
     * </pre>
     */
    static final double[] GOLDEN_THETA = {
        -0.18, 0.73, -0.89, 0.59, 0.02, -0.62, 0.9, -0.7, 0.13, 0.5, -0.87, 0.79, -0.29, -0.36, 0.82, -0.85, 0.43,
        0.22, -0.75, 0.89, -0.56, -0.06, 0.65, -0.9, 0.68, -0.1, -0.53, 0.88, -0.77, 0.25, 0.4, -0.84, 0.84, -0.4,
        -0.25, 0.77, -0.88, 0.53, 0.1, -0.68, 0.9, -0.65, 0.06, 0.56, -0.89, 0.75, -0.22, -0.43, 0.85, -0.82, 0.37,
        0.29, -0.79, 0.87, -0.5, -0.13};
    static final double[] GOLDEN_X = {1.0, 0.0, -0.5};
    static final double[] GOLDEN_H = {0.3, -0.5};
    static final double[] GOLDEN_C = {0.8, -1.1};
    static final double[] GOLDEN_H_NEXT = {-0.04407004700538587, -0.38046848406119577};
    static final double[] GOLDEN_C_NEXT = {-0.2984947415178687, -0.8517253011567408};

    /** Kernel step vs Math.tanh / Math.exp values: a few {@link Tolerances#KERNEL_TANH_ABS}. */
    private static final double STEP_ABS = 1e-13;

    private static double[] step(Cell cell, double[] theta, double[] x, double[] h, double[] c) {
        Cell.Kernel k = cell.newKernel();
        k.load(theta, 0);
        double[] prev = new double[cell.stateSize()];
        System.arraycopy(h, 0, prev, 0, h.length);
        System.arraycopy(c, 0, prev, h.length, c.length);
        double[] out = new double[cell.stateSize()];
        k.forward(x, prev, out);
        return out;
    }

    @Test
    void singleStepMatchesHandDerivedGoldenValues() {
        LstmCell cell = new LstmCell(3, 2);
        assertEquals(GOLDEN_THETA.length, cell.parameterCount());
        double[] out = step(cell, GOLDEN_THETA, GOLDEN_X, GOLDEN_H, GOLDEN_C);
        // stored state: h' first, then c'
        assertArrayEquals(GOLDEN_H_NEXT, Arrays.copyOfRange(out, 0, 2), STEP_ABS);
        assertArrayEquals(GOLDEN_C_NEXT, Arrays.copyOfRange(out, 2, 4), STEP_ABS);
        // and the same numbers written out scalar by scalar
        double[] t = GOLDEN_THETA;
        double[] x = GOLDEN_X;
        double[] h = GOLDEN_H;
        double[] a = new double[8];
        for (int r = 0; r < 8; r++) {
            // weight_ih rows of 3 at 0, weight_hh rows of 2 at 24, bias_ih at 40, bias_hh at 48
            a[r] = t[3 * r] * x[0] + t[3 * r + 1] * x[1] + t[3 * r + 2] * x[2] + t[40 + r]
                    + t[24 + 2 * r] * h[0] + t[24 + 2 * r + 1] * h[1] + t[48 + r];
        }
        for (int k = 0; k < 2; k++) {
            double i = 1 / (1 + Math.exp(-a[k]));
            double f = 1 / (1 + Math.exp(-a[2 + k]));
            double g = Math.tanh(a[4 + k]);
            double o = 1 / (1 + Math.exp(-a[6 + k]));
            double c2 = f * GOLDEN_C[k] + i * g;
            double h2 = o * Math.tanh(c2);
            assertEquals(c2, out[2 + k], STEP_ABS, "c'[" + k + "]");
            assertEquals(h2, out[k], STEP_ABS, "h'[" + k + "]");
            assertEquals(GOLDEN_C_NEXT[k], c2, 1e-15, "scalar formula vs NumPy");
            assertEquals(GOLDEN_H_NEXT[k], h2, 1e-15, "scalar formula vs NumPy");
        }
    }

    @Test
    void goldenValuesDependOnTheGateOrder() {
        // swapping the i and f row blocks must change the step
        double[] swapped = GOLDEN_THETA.clone();
        for (int b : new int[] {0, 24, 40, 48}) {
            int width = b == 0 ? 3 : b == 24 ? 2 : 1;
            for (int e = 0; e < 2 * width; e++) {
                swapped[b + e] = GOLDEN_THETA[b + 2 * width + e];
                swapped[b + 2 * width + e] = GOLDEN_THETA[b + e];
            }
        }
        double[] out = step(new LstmCell(3, 2), swapped, GOLDEN_X, GOLDEN_H, GOLDEN_C);
        assertTrue(Math.abs(out[0] - GOLDEN_H_NEXT[0]) > 1e-3 || Math.abs(out[1] - GOLDEN_H_NEXT[1]) > 1e-3);
    }

    @Test
    void carriedCellStateInfluencesTheNextStep() {
        LstmCell cell = new LstmCell(3, 2);
        double[] a = step(cell, GOLDEN_THETA, GOLDEN_X, GOLDEN_H, GOLDEN_C);
        double[] b = step(cell, GOLDEN_THETA, GOLDEN_X, GOLDEN_H, new double[] {-0.4, 0.6});
        for (int k = 0; k < 2; k++) {
            assertTrue(Math.abs(a[k] - b[k]) > 1e-3, "h'[" + k + "] must depend on c");
        }
        // with W_hh = 0 the only path from x_1 to h_2 is c_1: through the tape it must be used...
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 2, 2));
        double[] theta = new double[m.layout().size()];
        System.arraycopy(GOLDEN_THETA, 0, theta, 0, GOLDEN_THETA.length);
        ParamBlock whh = m.layout().block("core.weight_hh_l0");
        Arrays.fill(theta, whh.offset(), whh.offset() + whh.size(), 0.0);
        double[] x2 = {0.3, 0.3, 0.0};
        double[] hA = twoSteps(m, theta, new double[] {1, 0, 0}, x2);
        double[] hB = twoSteps(m, theta, new double[] {0, 1, 0}, x2);
        assertTrue(Math.abs(hA[0] - hB[0]) + Math.abs(hA[1] - hB[1]) > 1e-3, Arrays.toString(hA));
        // ...and a closed forget gate (b_if = -1000, so f = 0 exactly) cuts it
        ParamBlock bih = m.layout().block("core.bias_ih_l0");
        theta[bih.offset() + 2] = -1000;
        theta[bih.offset() + 3] = -1000;
        assertArrayEquals(twoSteps(m, theta, new double[] {1, 0, 0}, x2), twoSteps(m, theta, new double[] {0, 1, 0}, x2),
                0.0);
    }

    private static double[] twoSteps(RecurrentModel m, double[] theta, double[] x1, double[] x2) {
        Tape tape = m.newTape(2);
        tape.begin(theta);
        tape.forward(x1, 0);
        tape.forward(x2, 0);
        return new double[] {tape.hidden(1, 0), tape.hidden(1, 1)};
    }

    @Test
    void layoutHasPyTorchNamesShapesAndOrder() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 50, 2));
        assertEquals("lstm", m.cell().kind());
        ParamLayout layout = m.layout();
        assertEquals(List.of("core.weight_ih_l0", "core.weight_hh_l0", "core.bias_ih_l0", "core.bias_hh_l0",
                "readout.weight", "readout.bias"), layout.names());
        assertEquals(List.of(200, 3), layout.block("core.weight_ih_l0").shape());
        assertEquals(List.of(200, 50), layout.block("core.weight_hh_l0").shape());
        assertEquals(List.of(200), layout.block("core.bias_ih_l0").shape());
        assertEquals(List.of(200), layout.block("core.bias_hh_l0").shape());
        assertEquals(List.of(2, 50), layout.block("readout.weight").shape());
        assertEquals(List.of(2), layout.block("readout.bias").shape());
        // 4H (I + H + 2) = 200 * 55 = 11000 in the core, + 100 + 2 in the readout
        assertEquals(11000, m.cell().parameterCount());
        assertEquals(11102, layout.size());
        int[] offsets = {0, 600, 10600, 10800, 11000, 11100};
        for (int b = 0; b < offsets.length; b++) {
            assertEquals(offsets[b], layout.blocks().get(b).offset());
        }
        assertEquals(50, m.cell().hiddenSize());
        assertEquals(100, m.cell().carriedSize());
        assertEquals(350, m.cell().stateSize());
        assertThrows(IllegalArgumentException.class, () -> new LstmCell(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new LstmCell(3, -1));
    }

    @Test
    void initialisationIsPyTorchDefault() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 50, 2));
        double[] theta = m.initialise(new SplittableRandom(23));
        double bound = 1 / Math.sqrt(50);
        for (double v : theta) {
            assertTrue(Math.abs(v) <= bound, "value " + v + " outside U(-1/sqrt(H), 1/sqrt(H))");
            assertEquals(v, (double) (float) v, 0.0, "drawn in float32");
        }
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
        SplittableRandom rng = new SplittableRandom(23);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Initialisers.uniformFloat32(rng, bound), theta[i], 0.0, "index " + i);
        }
    }

    @Test
    void sequenceThroughTheTapeMatchesTheScalarReference() {
        int hid = 5;
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, hid, 2));
        SplittableRandom rng = new SplittableRandom(8);
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        OpenLoop seq = OpenLoop.random(rng, 40, 3, 2, 0.0, -1);
        Tape tape = m.newTape(2);
        seq.run(tape, theta, false);
        double[] h = new double[hid];
        double[] c = new double[hid];
        for (int t = 0; t < seq.length(); t++) {
            double[][] s = ReferenceCells.lstm(theta, 3, hid, seq.input(t), h, c);
            h = s[0];
            c = s[1];
            for (int i = 0; i < hid; i++) {
                assertEquals(h[i], tape.hidden(t, i), 1e-12, "step " + t + " unit " + i);
            }
        }
        // c grows beyond [-1, 1] here, so the cell state is not a copy of h
        double maxC = 0;
        for (double v : c) {
            maxC = Math.max(maxC, Math.abs(v));
        }
        assertTrue(maxC > 0.2, "c = " + Arrays.toString(c));
    }

    @Test
    void stepsAreDeterministicAndKernelsIndependent() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 6, 2));
        double[] theta = m.initialise(new SplittableRandom(5));
        assertArrayEquals(theta, m.initialise(new SplittableRandom(5)));
        assertFalse(Arrays.equals(theta, m.initialise(new SplittableRandom(6))));
        OpenLoop seq = OpenLoop.random(new SplittableRandom(6), 12, 3, 2, 0.2, 0);
        Tape a = m.newTape(4);
        Tape b = m.newTape(4);
        double[] ga = seq.gradient(a, theta, Loss.CE, 1.0);
        double[] gb = seq.gradient(b, theta, Loss.CE, 1.0);
        double[] ga2 = seq.gradient(a, theta, Loss.CE, 1.0);
        assertArrayEquals(ga, gb, 0.0);
        assertArrayEquals(ga, ga2, 0.0);
    }

    @Test
    void zeroParametersKeepTheZeroState() {
        // i = f = o = 1/2, g = 0: c' = c / 2, h' = tanh(c') / 2; from zero everything stays zero
        RecurrentModel m = new RecurrentModel(new ModelConfig("lstm", 3, 2, 2));
        double[] theta = new double[m.layout().size()];
        Tape tape = m.newTape(2);
        tape.begin(theta);
        tape.forward(new double[] {1, -2, 3}, 0);
        assertEquals(0.0, tape.hidden(0, 0));
        assertEquals(0.0, tape.hidden(0, 1));
        double[] out = step(m.cell(), theta, new double[] {1, -2, 3}, new double[] {0.7, 0.1},
                new double[] {0.8, -0.4});
        assertArrayEquals(new double[] {0.4, -0.2}, Arrays.copyOfRange(out, 2, 4), 0.0);
        assertEquals(0.5 * Math.tanh(0.4), out[0], STEP_ABS);
        assertEquals(0.5 * Math.tanh(-0.2), out[1], STEP_ABS);
    }
}
