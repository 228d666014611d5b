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
 * {@link GruCell}: PyTorch's layout and initialisation, a single step against hand-derived values,
 * whole sequences through the tape against an independent scalar GRU ({@link ReferenceCells}),
 * and determinism. Gradients are checked in {@link GradientCheckCellsTest}.
 */
class GruCellTest {
    /**
     * Golden single step, H = 2, I = 3. Parameters: theta_k = round(0.9 sin(2.39996323 k + 0.4), 2)
     * in flat PyTorch order (weight_ih_l0 [6, 3], weight_hh_l0 [6, 2], bias_ih_l0 [6],
     * bias_hh_l0 [6]); x = (1, 0, -0.5), h = (0.3, -0.5). Expected values computed in NumPy
     * (float64) from torch.nn.GRU's documented equations:
     * <pre>
     *   Wih = th[:18].reshape(6, 3); Whh = th[18:30].reshape(6, 2); bih = th[30:36]; bhh = th[36:42]
     *   gi = Wih @ x + bih; gh = Whh @ h + bhh
     *   r = sig(gi[:2] + gh[:2]); z = sig(gi[2:4] + gh[2:4]); n = tanh(gi[4:] + r * gh[4:])
     *   h' = (1 - z) * n + z * h
     * </pre>
     */
    static final double[] GOLDEN_THETA = {
        0.35, 0.3, -0.8, 0.87, -0.49, -0.15, 0.71, -0.9, 0.61, -0.01, -0.6, 0.9, -0.72, 0.16, 0.48, -0.87, 0.8,
        -0.32, -0.34, 0.81, -0.86, 0.46, 0.19, -0.73, 0.89, -0.59, -0.03, 0.63, -0.9, 0.7, -0.13, -0.51, 0.88,
        -0.78, 0.28, 0.37, -0.83, 0.85, -0.43, -0.22, 0.75, -0.89};
    static final double[] GOLDEN_X = {1.0, 0.0, -0.5};
    static final double[] GOLDEN_H = {0.3, -0.5};
    static final double[] GOLDEN_H_NEXT = {0.1270388959787842, -0.7708222741565939};
    static final double[] GOLDEN_R = {0.3280539451496451, 0.6893323865748839};
    static final double[] GOLDEN_Z = {0.7819386773555891, 0.2894616713265037};
    static final double[] GOLDEN_N = {-0.4931764419463815, -0.8811508306134475};

    /**
     * Kernel step vs values computed with Math.tanh / Math.exp: the kernel's vectorised tanh is
     * within {@link Tolerances#KERNEL_TANH_ABS} of Math.tanh; on O(1) values a few such errors.
     */
    private static final double STEP_ABS = 1e-13;

    private static double[] step(Cell cell, double[] theta, double[] x, double[] h) {
        Cell.Kernel k = cell.newKernel();
        k.load(theta, 0);
        double[] prev = new double[cell.stateSize()];
        System.arraycopy(h, 0, prev, 0, h.length);
        double[] out = new double[cell.stateSize()];
        k.forward(x, prev, out);
        return out;
    }

    @Test
    void singleStepMatchesHandDerivedGoldenValues() {
        GruCell cell = new GruCell(3, 2);
        assertEquals(GOLDEN_THETA.length, cell.parameterCount());
        double[] out = step(cell, GOLDEN_THETA, GOLDEN_X, GOLDEN_H);
        // the literal NumPy values
        assertArrayEquals(GOLDEN_H_NEXT, Arrays.copyOfRange(out, 0, 2), STEP_ABS);
        assertArrayEquals(GOLDEN_R, Arrays.copyOfRange(out, 2, 4), STEP_ABS);
        assertArrayEquals(GOLDEN_Z, Arrays.copyOfRange(out, 4, 6), STEP_ABS);
        assertArrayEquals(GOLDEN_N, Arrays.copyOfRange(out, 6, 8), STEP_ABS);
        // and the same numbers written out scalar by scalar, without the flat-layout helper
        double[] t = GOLDEN_THETA;
        double[] x = GOLDEN_X;
        double[] h = GOLDEN_H;
        for (int k = 0; k < 2; k++) {
            // rows: r = k, z = 2 + k, n = 4 + k; weight_hh at 18, bias_ih at 30, bias_hh at 36
            double ar = t[3 * k] * x[0] + t[3 * k + 1] * x[1] + t[3 * k + 2] * x[2] + t[30 + k]
                    + t[18 + 2 * k] * h[0] + t[18 + 2 * k + 1] * h[1] + t[36 + k];
            int zr = 2 + k;
            double az = t[3 * zr] * x[0] + t[3 * zr + 1] * x[1] + t[3 * zr + 2] * x[2] + t[30 + zr]
                    + t[18 + 2 * zr] * h[0] + t[18 + 2 * zr + 1] * h[1] + t[36 + zr];
            int nr = 4 + k;
            double inN = t[3 * nr] * x[0] + t[3 * nr + 1] * x[1] + t[3 * nr + 2] * x[2] + t[30 + nr];
            double hnN = t[18 + 2 * nr] * h[0] + t[18 + 2 * nr + 1] * h[1] + t[36 + nr];
            double r = 1 / (1 + Math.exp(-ar));
            double z = 1 / (1 + Math.exp(-az));
            double n = Math.tanh(inN + r * hnN);
            assertEquals((1 - z) * n + z * h[k], out[k], STEP_ABS, "h'[" + k + "]");
            assertEquals(GOLDEN_H_NEXT[k], (1 - z) * n + z * h[k], 1e-15, "scalar formula vs NumPy");
        }
    }

    @Test
    void goldenValuesDependOnTheGateOrder() {
        // swapping the r and z row blocks (a plausible layout bug) must change the step
        double[] swapped = GOLDEN_THETA.clone();
        for (int b : new int[] {0, 18, 30, 36}) {
            int width = b == 0 ? 3 : b == 18 ? 2 : 1;
            for (int e = 0; e < 2 * width; e++) {
                swapped[b + e] = GOLDEN_THETA[b + 2 * width + e];
                swapped[b + 2 * width + e] = GOLDEN_THETA[b + e];
            }
        }
        double[] out = step(new GruCell(3, 2), swapped, GOLDEN_X, GOLDEN_H);
        assertTrue(Math.abs(out[0] - GOLDEN_H_NEXT[0]) > 1e-3 || Math.abs(out[1] - GOLDEN_H_NEXT[1]) > 1e-3);
    }

    @Test
    void layoutHasPyTorchNamesShapesAndOrder() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("gru", 3, 50, 2));
        assertEquals("gru", m.cell().kind());
        ParamLayout layout = m.layout();
        assertEquals(List.of("core.weight_ih_l0", "core.weight_hh_l0", "core.bias_ih_l0", "core.bias_hh_l0",
                "readout.weight", "readout.bias"), layout.names());
        assertEquals(List.of(150, 3), layout.block("core.weight_ih_l0").shape());
        assertEquals(List.of(150, 50), layout.block("core.weight_hh_l0").shape());
        assertEquals(List.of(150), layout.block("core.bias_ih_l0").shape());
        assertEquals(List.of(150), layout.block("core.bias_hh_l0").shape());
        assertEquals(List.of(2, 50), layout.block("readout.weight").shape());
        assertEquals(List.of(2), layout.block("readout.bias").shape());
        // 3H (I + H + 2) = 150 * 55 = 8250 in the core, + 100 + 2 in the readout
        assertEquals(8250, m.cell().parameterCount());
        assertEquals(8352, layout.size());
        int[] offsets = {0, 450, 7950, 8100, 8250, 8350};
        for (int b = 0; b < offsets.length; b++) {
            assertEquals(offsets[b], layout.blocks().get(b).offset());
        }
        assertEquals(50, m.cell().hiddenSize());
        assertEquals(50, m.cell().carriedSize());
        assertEquals(250, m.cell().stateSize());
        assertThrows(IllegalArgumentException.class, () -> new GruCell(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new GruCell(3, 0));
    }

    @Test
    void initialisationIsPyTorchDefault() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("gru", 3, 50, 2));
        double[] theta = m.initialise(new SplittableRandom(17));
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
        // one stream in PyTorch's parameter order: W_ih, W_hh, b_ih, b_hh, then the readout
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Initialisers.uniformFloat32(rng, bound), theta[i], 0.0, "index " + i);
        }
        // the bound is 1/sqrt(H) of this cell, not of the gate rows 3H
        double[] small = new RecurrentModel(new ModelConfig("gru", 3, 4, 2)).initialise(new SplittableRandom(2));
        double max = 0;
        for (double v : small) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 0.5 && max > 0.4, "max |theta| " + max + " for bound 1/sqrt(4)");
    }

    @Test
    void sequenceThroughTheTapeMatchesTheScalarReference() {
        int hid = 5;
        RecurrentModel m = new RecurrentModel(new ModelConfig("gru", 3, hid, 2));
        SplittableRandom rng = new SplittableRandom(4);
        double[] theta = GradientChecks.randomTheta(m, rng, 2.0);
        OpenLoop seq = OpenLoop.random(rng, 40, 3, 2, 0.0, -1);
        Tape tape = m.newTape(2);
        seq.run(tape, theta, false);
        double[] h = new double[hid];
        for (int t = 0; t < seq.length(); t++) {
            h = ReferenceCells.gru(theta, 3, hid, seq.input(t), h)[0];
            for (int i = 0; i < hid; i++) {
                assertEquals(h[i], tape.hidden(t, i), 1e-12, "step " + t + " unit " + i);
            }
        }
    }

    @Test
    void stepsAreDeterministicAndKernelsIndependent() {
        RecurrentModel m = new RecurrentModel(new ModelConfig("gru", 3, 6, 2));
        double[] theta = m.initialise(new SplittableRandom(5));
        assertArrayEquals(theta, m.initialise(new SplittableRandom(5)));
        assertFalse(Arrays.equals(theta, m.initialise(new SplittableRandom(6))));
        OpenLoop seq = OpenLoop.random(new SplittableRandom(6), 12, 3, 2, 0.2, 0);
        Tape a = m.newTape(4);
        Tape b = m.newTape(4);
        double[] ga = seq.gradient(a, theta, Loss.PROB, 1.0);
        double[] gb = seq.gradient(b, theta, Loss.PROB, 1.0);
        double[] ga2 = seq.gradient(a, theta, Loss.PROB, 1.0);
        assertArrayEquals(ga, gb, 0.0);
        assertArrayEquals(ga, ga2, 0.0);
        for (int t = 0; t < seq.length(); t++) {
            for (int i = 0; i < 6; i++) {
                assertEquals(a.hidden(t, i), b.hidden(t, i), 0.0);
            }
        }
    }

    @Test
    void zeroParametersKeepTheZeroState() {
        // r = z = 1/2, n = tanh(0) = 0, so h' = h / 2 and h stays 0 from h_0 = 0
        RecurrentModel m = new RecurrentModel(new ModelConfig("gru", 3, 3, 2));
        double[] theta = new double[m.layout().size()];
        Tape tape = m.newTape(2);
        tape.begin(theta);
        tape.forward(new double[] {1, -2, 3}, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, tape.hidden(0, i));
        }
        double[] out = step(m.cell(), theta, new double[] {1, -2, 3}, new double[] {0.8, -0.4, 0.2});
        assertArrayEquals(new double[] {0.4, -0.2, 0.1}, Arrays.copyOf(out, 3), 0.0);
    }
}
