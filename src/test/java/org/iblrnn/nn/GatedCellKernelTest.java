package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.iblrnn.math.Simd;
import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GRU and LSTM kernels driven directly over long sequences (more steps than the kernels defer
 * before accumulating their outer products), with a gradient dL/dh_t injected at every step,
 * against a naive scalar BPTT written here from the equations of the cells' javadoc on the flat
 * PyTorch layout. The kernels run twice: on state arrays rounded up to whole vectors whose
 * padding starts as NaN (as the {@link Tape} allocates them, but poisoned: padding must never
 * reach a result), and on arrays exactly {@link Cell#stateSize()} long (agents, analyses); both
 * must give the same bits.
 */
class GatedCellKernelTest {
    private static final int IN = 3;
    private static final int STEPS = 150;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String cell : List.of("gru", "lstm")) {
            for (int h : new int[] {1, 3, 6, 7, 50}) {
                out.add(Arguments.of(cell, h));
            }
        }
        return out.stream();
    }

    /** Result of one run: states (first stateSize entries), gradient, dL/d(initial carried state). */
    private record Run(double[][] states, double[] grad, double[] dInit) {
    }

    private static Run runKernel(Cell cell, double[] theta, double[][] x, double[][] inject, boolean padded) {
        int ss = cell.stateSize();
        int len = padded ? Simd.padded(ss) : ss;
        int hid = cell.hiddenSize();
        Cell.Kernel k = cell.newKernel();
        k.load(theta, 0);
        double[][] st = new double[STEPS + 1][len];
        for (double[] s : st) {
            Arrays.fill(s, ss, len, Double.NaN);
        }
        Arrays.fill(st[0], 0, ss, 0.0);
        for (int t = 0; t < STEPS; t++) {
            k.forward(x[t], st[t], st[t + 1]);
        }
        k.zeroGradient();
        double[] dState = new double[len];
        double[] dPrev = new double[len];
        Arrays.fill(dState, ss, len, Double.NaN);
        Arrays.fill(dPrev, Double.NaN);
        for (int t = STEPS - 1; t >= 0; t--) {
            for (int i = 0; i < hid; i++) {
                dState[i] += inject[t][i];
            }
            k.backward(t, x[t], st[t], st[t + 1], dState, dPrev);
            for (int i = cell.carriedSize(); i < ss; i++) {
                assertEquals(0.0, dPrev[i], 0.0, "dPrev entry " + i + " past the carried state");
            }
            double[] tmp = dState;
            dState = dPrev;
            dPrev = tmp;
        }
        double[] grad = new double[cell.parameterCount()];
        k.addGradientTo(grad, 0);
        double[][] states = new double[STEPS + 1][];
        for (int t = 0; t <= STEPS; t++) {
            states[t] = Arrays.copyOf(st[t], ss);
        }
        return new Run(states, grad, Arrays.copyOf(dState, cell.carriedSize()));
    }

    /** Naive BPTT with dL/dh_t = inject[t] (plus what flows back); returns {grad, dInit, h_1..h_T flattened}. */
    private static double[][] reference(String kind, int hid, double[] theta, double[][] x, double[][] inject) {
        int g = kind.equals("gru") ? 3 : 4;
        int gh = g * hid;
        int offHh = gh * IN;
        int offBih = offHh + gh * hid;
        int offBhh = offBih + gh;
        double[][] pi = new double[STEPS][gh];
        double[][] ph = new double[STEPS][gh];
        double[][] hs = new double[STEPS + 1][hid];
        double[][] cs = new double[STEPS + 1][hid];
        double[][] gates = new double[STEPS][gh];
        for (int t = 0; t < STEPS; t++) {
            for (int row = 0; row < gh; row++) {
                double si = theta[offBih + row];
                for (int j = 0; j < IN; j++) {
                    si += theta[row * IN + j] * x[t][j];
                }
                double sh = theta[offBhh + row];
                for (int j = 0; j < hid; j++) {
                    sh += theta[offHh + row * hid + j] * hs[t][j];
                }
                pi[t][row] = si;
                ph[t][row] = sh;
            }
            for (int k = 0; k < hid; k++) {
                if (g == 3) {
                    double r = sig(pi[t][k] + ph[t][k]);
                    double z = sig(pi[t][hid + k] + ph[t][hid + k]);
                    double n = Math.tanh(pi[t][2 * hid + k] + r * ph[t][2 * hid + k]);
                    gates[t][k] = r;
                    gates[t][hid + k] = z;
                    gates[t][2 * hid + k] = n;
                    hs[t + 1][k] = (1 - z) * n + z * hs[t][k];
                } else {
                    double i = sig(pi[t][k] + ph[t][k]);
                    double f = sig(pi[t][hid + k] + ph[t][hid + k]);
                    double gg = Math.tanh(pi[t][2 * hid + k] + ph[t][2 * hid + k]);
                    double o = sig(pi[t][3 * hid + k] + ph[t][3 * hid + k]);
                    gates[t][k] = i;
                    gates[t][hid + k] = f;
                    gates[t][2 * hid + k] = gg;
                    gates[t][3 * hid + k] = o;
                    cs[t + 1][k] = f * cs[t][k] + i * gg;
                    hs[t + 1][k] = o * Math.tanh(cs[t + 1][k]);
                }
            }
        }
        double[] grad = new double[offBhh + gh];
        double[] dh = new double[hid];
        double[] dc = new double[hid];
        for (int t = STEPS - 1; t >= 0; t--) {
            for (int k = 0; k < hid; k++) {
                dh[k] += inject[t][k];
            }
            double[] dai = new double[gh];
            double[] dah = new double[gh];
            double[] dhPrev = new double[hid];
            double[] dcPrev = new double[hid];
            for (int k = 0; k < hid; k++) {
                if (g == 3) {
                    double r = gates[t][k];
                    double z = gates[t][hid + k];
                    double n = gates[t][2 * hid + k];
                    double hn = ph[t][2 * hid + k];
                    double dan = dh[k] * (1 - z) * (1 - n * n);
                    double dar = dan * hn * r * (1 - r);
                    double daz = dh[k] * (hs[t][k] - n) * z * (1 - z);
                    dai[k] = dar;
                    dai[hid + k] = daz;
                    dai[2 * hid + k] = dan;
                    dah[k] = dar;
                    dah[hid + k] = daz;
                    dah[2 * hid + k] = dan * r;
                    dhPrev[k] = dh[k] * z;
                } else {
                    double i = gates[t][k];
                    double f = gates[t][hid + k];
                    double gg = gates[t][2 * hid + k];
                    double o = gates[t][3 * hid + k];
                    double tc = Math.tanh(cs[t + 1][k]);
                    double dct = dc[k] + dh[k] * o * (1 - tc * tc);
                    dai[k] = dct * gg * i * (1 - i);
                    dai[hid + k] = dct * cs[t][k] * f * (1 - f);
                    dai[2 * hid + k] = dct * i * (1 - gg * gg);
                    dai[3 * hid + k] = dh[k] * tc * o * (1 - o);
                    dcPrev[k] = dct * f;
                }
            }
            if (g == 4) {
                System.arraycopy(dai, 0, dah, 0, gh);
            }
            for (int row = 0; row < gh; row++) {
                for (int j = 0; j < IN; j++) {
                    grad[row * IN + j] += dai[row] * x[t][j];
                }
                for (int j = 0; j < hid; j++) {
                    grad[offHh + row * hid + j] += dah[row] * hs[t][j];
                    dhPrev[j] += dah[row] * theta[offHh + row * hid + j];
                }
                grad[offBih + row] += dai[row];
                grad[offBhh + row] += dah[row];
            }
            dh = dhPrev;
            dc = dcPrev;
        }
        double[] dInit = new double[g == 3 ? hid : 2 * hid];
        System.arraycopy(dh, 0, dInit, 0, hid);
        if (g == 4) {
            System.arraycopy(dc, 0, dInit, hid, hid);
        }
        double[] hFlat = new double[STEPS * hid];
        for (int t = 0; t < STEPS; t++) {
            System.arraycopy(hs[t + 1], 0, hFlat, t * hid, hid);
        }
        return new double[][] {grad, dInit, hFlat};
    }

    private static double sig(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    private static void assertClose(double[] ref, double[] got, String what) {
        double max = 0;
        for (double v : ref) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0, what + ": reference all zero");
        for (int i = 0; i < ref.length; i++) {
            double denom = Math.max(1e-8, Math.max(Math.abs(got[i]) + Math.abs(ref[i]), 1e-4 * max));
            double e = Math.abs(got[i] - ref[i]) / denom;
            int idx = i;
            assertTrue(e < Tolerances.BPTT_VS_REFERENCE,
                    () -> what + " index " + idx + ": kernel " + got[idx] + " vs reference " + ref[idx] + ", error " + e);
        }
    }

    @ParameterizedTest(name = "{0} H={1}")
    @MethodSource("cases")
    void longSequenceMatchesNaiveBpttOnPaddedAndExactArrays(String kind, int hid) {
        Cell cell = new RecurrentModel(new ModelConfig(kind, IN, hid, 2)).cell();
        SplittableRandom rng = new SplittableRandom(31L * hid + kind.hashCode());
        double bound = 1.5 / Math.sqrt(hid);
        double[] theta = new double[cell.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        double[][] x = new double[STEPS][IN];
        double[][] inject = new double[STEPS][hid];
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < IN; j++) {
                x[t][j] = rng.nextInt(5) == 0 ? 0.0 : rng.nextGaussian();
            }
            if (rng.nextInt(3) != 0) {
                for (int i = 0; i < hid; i++) {
                    inject[t][i] = rng.nextGaussian() / STEPS;
                }
            }
        }
        Run padded = runKernel(cell, theta, x, inject, true);
        Run exact = runKernel(cell, theta, x, inject, false);
        for (int t = 0; t <= STEPS; t++) {
            assertTrue(Arrays.equals(padded.states()[t], exact.states()[t]), "state " + t + " padded vs exact");
        }
        assertTrue(Arrays.equals(padded.grad(), exact.grad()), "gradient padded vs exact");
        assertTrue(Arrays.equals(padded.dInit(), exact.dInit()), "dL/d(initial state) padded vs exact");

        double[][] ref = reference(kind, hid, theta, x, inject);
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < hid; i++) {
                assertEquals(ref[2][t * hid + i], padded.states()[t + 1][i], 1e-12, "h step " + t + " unit " + i);
            }
        }
        assertClose(ref[0], padded.grad(), kind + " H=" + hid + " gradient");
        assertClose(ref[1], padded.dInit(), kind + " H=" + hid + " dL/d(initial state)");
    }
}
