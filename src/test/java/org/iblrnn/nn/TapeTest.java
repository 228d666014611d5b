package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.api.Test;

/** The forward pass of {@link Tape}: values, bookkeeping and lifecycle errors. */
class TapeTest {
    private final ModelConfig config = new ModelConfig("rnn", 3, 6, 2);
    private final RecurrentModel model = new RecurrentModel(config);

    @Test
    void forwardMatchesNaiveReference() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] theta = GradientChecks.randomTheta(model, rng, 2.0);
        OpenLoop seq = OpenLoop.random(rng, 40, 3, 2, 0.0, -1);
        ReferenceRnn ref = new ReferenceRnn(config);
        double[][] h = ref.hidden(theta, seq);
        Tape tape = model.newTape(1);
        seq.run(tape, theta, false);
        assertEquals(40, tape.length());
        double[] buf = new double[config.hiddenSize() + 2];
        for (int t = 0; t < 40; t++) {
            double[] p = ref.probs(theta, h[t + 1]);
            tape.hiddenInto(t, buf, 2);
            for (int i = 0; i < config.hiddenSize(); i++) {
                assertEquals(h[t + 1][i], tape.hidden(t, i), 1e-13);
                assertEquals(tape.hidden(t, i), buf[2 + i], 0.0);
            }
            assertEquals(p[0], tape.prob(t, 0), 1e-13);
            assertEquals(p[1], tape.prob(t, 1), 1e-13);
            assertEquals(1.0, tape.prob(t, 0) + tape.prob(t, 1), 2 * Math.ulp(1.0));
            assertEquals(tape.logit(t, 1) - tape.logit(t, 0), Math.log(tape.prob(t, 1) / tape.prob(t, 0)), 1e-12);
            double[] x = seq.input(t);
            for (int j = 0; j < 3; j++) {
                assertEquals(x[j], tape.input(t, j), 0.0);
            }
            assertEquals(seq.target(t), tape.targetAt(t));
            assertEquals(seq.weight(t), tape.weightAt(t));
        }
    }

    @Test
    void zeroParametersGiveZeroStateAndEvenOdds() {
        double[] theta = new double[model.layout().size()];
        Tape tape = model.newTape(4);
        tape.begin(theta);
        double[] x = {3.0, -2.0, 1.0};
        for (int t = 0; t < 5; t++) {
            tape.forward(x, 0);
            for (int i = 0; i < config.hiddenSize(); i++) {
                assertEquals(0.0, tape.hidden(t, i));
            }
            assertEquals(0.5, tape.prob(t, 0));
            assertEquals(0.5, tape.prob(t, 1));
        }
    }

    @Test
    void handBuiltOneUnitNet() {
        // H = 1, I = 1: h_t = tanh(0.5 x_t + 0.1 + 0.2 + 0.8 h_{t-1}); z = (2 h - 1, -h + 0.5)
        RecurrentModel m = new RecurrentModel(new ModelConfig("rnn", 1, 1, 2));
        assertEquals(8, m.layout().size());
        double[] theta = {0.5, 0.8, 0.1, 0.2, 2.0, -1.0, -1.0, 0.5};
        Tape tape = m.newTape(2);
        tape.begin(theta);
        double h = 0;
        double[] xs = {1.0, -0.5, 0.0, 2.0};
        for (int t = 0; t < xs.length; t++) {
            tape.forward(xs, t);
            h = Math.tanh(0.5 * xs[t] + 0.3 + 0.8 * h);
            double z0 = 2 * h - 1;
            double z1 = -h + 0.5;
            assertEquals(h, tape.hidden(t, 0), Tolerances.KERNEL_TANH_ABS * 3);
            assertEquals(z0, tape.logit(t, 0), Tolerances.KERNEL_TANH_ABS * 3);
            assertEquals(z1, tape.logit(t, 1), Tolerances.KERNEL_TANH_ABS * 3);
            assertEquals(1 / (1 + Math.exp(z0 - z1)), tape.prob(t, 1), Tolerances.KERNEL_TANH_ABS * 3);
        }
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        double[] theta = new double[model.layout().size()];
        ParamBlock bias = model.layout().block("readout.bias");
        for (double[] b : new double[][] {{800, -800}, {-800, 800}, {1e6, 0}, {0, 40}, {37, 0}}) {
            theta[bias.offset()] = b[0];
            theta[bias.offset() + 1] = b[1];
            Tape tape = model.newTape(1);
            tape.begin(theta);
            tape.forward(new double[3], 0);
            double p0 = tape.prob(0, 0);
            double p1 = tape.prob(0, 1);
            assertTrue(p0 >= 0 && p0 <= 1 && p1 >= 0 && p1 <= 1, Arrays.toString(b));
            assertEquals(1.0, p0 + p1, 2 * Math.ulp(1.0));
            double d = b[1] - b[0];
            // the small probability keeps full relative accuracy (no 1 - p cancellation)
            double small = Math.exp(-Math.abs(d)) / (1 + Math.exp(-Math.abs(d)));
            assertEquals(small, d >= 0 ? p0 : p1, Math.ulp(small) * 2 + Double.MIN_VALUE);
            tape.target(0, 1.0);
            double ce = tape.loss(Loss.CE, 1.0);
            assertTrue(Double.isFinite(ce));
            // CE = logsumexp(z) - z_0 = max(d, 0) + log1p(exp(-|d|))
            assertEquals(Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d))), ce, 1e-12 * Math.max(1, Math.abs(d)));
            double[] g = new double[theta.length];
            tape.backward(Loss.CE, 1.0, g);
            for (double v : g) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void beginResetsTheState() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] theta = GradientChecks.randomTheta(model, rng, 1.0);
        OpenLoop seq = OpenLoop.random(rng, 10, 3, 2, 0.0, -1);
        Tape tape = model.newTape(4);
        seq.run(tape, theta, false);
        double[] first = probs(tape);
        seq.run(tape, theta, false);
        assertTrue(Arrays.equals(first, probs(tape)));
        // a tape that started small and grew gives the same numbers as a roomy one
        Tape big = model.newTape(1000);
        seq.run(big, theta, false);
        assertTrue(Arrays.equals(first, probs(big)));
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        tape.backward(Loss.PROB, 1.0, g1);
        big.backward(Loss.PROB, 1.0, g2);
        assertTrue(Arrays.equals(g1, g2));
    }

    @Test
    void beginReadsParametersAtBeginOnly() {
        // the tape keeps theta by reference but loads the weights at begin(): later edits of
        // theta do not leak into an ongoing sequence
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = GradientChecks.randomTheta(model, rng, 1.0);
        double[] x = {0.3, -0.7, 0.0};
        Tape a = model.newTape(4);
        a.begin(theta.clone());
        a.forward(x, 0);
        a.forward(x, 0);
        Tape b = model.newTape(4);
        b.begin(theta);
        b.forward(x, 0);
        Arrays.fill(theta, 0.0);
        b.forward(x, 0);
        assertEquals(a.prob(1, 0), b.prob(1, 0), 0.0);
    }

    private static double[] probs(Tape tape) {
        double[] p = new double[tape.length()];
        for (int t = 0; t < p.length; t++) {
            p[t] = tape.prob(t, 0);
        }
        return p;
    }

    @Test
    void lifecycleAndArgumentErrors() {
        Tape tape = model.newTape(4);
        IllegalStateException e1 = assertThrows(IllegalStateException.class, () -> tape.forward(new double[3], 0));
        assertTrue(e1.getMessage().contains("begin()"));
        double[] theta = new double[model.layout().size()];
        tape.begin(theta);
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> tape.target(0, 1.0));
        assertTrue(e2.getMessage().contains("forward()"));
        tape.forward(new double[3], 0);
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> tape.target(2, 1.0));
        assertTrue(e3.getMessage().contains("got 2"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tape.target(-1, 1.0));
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class, () -> tape.setWeight(1, 0.0));
        assertTrue(e4.getMessage().contains("got 1"), e4.getMessage());
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class,
                () -> tape.begin(new double[theta.length + 1]));
        assertTrue(e5.getMessage().contains(String.valueOf(theta.length)), e5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tape.backward(Loss.PROB, 1.0, new double[3]));
    }
}
