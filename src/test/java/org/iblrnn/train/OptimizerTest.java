package org.iblrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.Tolerances;
import org.junit.jupiter.api.Test;

/** {@link Sgd} and {@link Adam} against hand-computed PyTorch updates; state export and restore. */
class OptimizerTest {
    private static final double[][] GRADS = {{0.5, -1.0}, {0.2, 0.3}, {-0.4, 0.1}};

    private static OptimizerConfig sgd(double lr, double momentum) {
        return new OptimizerConfig("sgd", lr, momentum, 0.9, 0.999, 1e-8);
    }

    @Test
    void sgdWithMomentumMatchesPyTorchByHand() {
        // torch.optim.SGD(lr=1e-3, momentum=0.1): buf = g on step 1, then buf = 0.1 buf + g;
        // theta -= lr * buf
        Optimizer opt = sgd(1e-3, 0.1).create(2);
        double[] theta = {1.0, -2.0};
        // step 1: buf = (0.5, -1.0); theta = (1 - 5e-4, -2 + 1e-3)
        opt.step(theta, GRADS[0]);
        assertArrayEquals(new double[] {0.9995, -1.999}, theta, Tolerances.OPTIMIZER_ABS);
        assertArrayEquals(new double[] {0.5, -1.0}, opt.state()[0], 0.0);
        // step 2: buf = 0.1 (0.5, -1.0) + (0.2, 0.3) = (0.25, 0.2); theta -= 1e-3 buf
        opt.step(theta, GRADS[1]);
        assertArrayEquals(new double[] {0.99925, -1.9992}, theta, Tolerances.OPTIMIZER_ABS);
        assertArrayEquals(new double[] {0.25, 0.2}, opt.state()[0], 1e-16);
        // step 3: buf = 0.1 (0.25, 0.2) + (-0.4, 0.1) = (-0.375, 0.12)
        opt.step(theta, GRADS[2]);
        assertArrayEquals(new double[] {0.999625, -1.99932}, theta, Tolerances.OPTIMIZER_ABS);
        assertArrayEquals(new double[] {-0.375, 0.12}, opt.state()[0], 1e-16);
        assertEquals(3, opt.steps());
        assertArrayEquals(new String[] {"momentum_buffer"}, opt.stateNames());
    }

    @Test
    void sgdWithoutMomentumIsPlainGradientDescent() {
        Optimizer opt = sgd(0.5, 0.0).create(2);
        double[] theta = {1.0, -2.0};
        opt.step(theta, GRADS[0]);
        opt.step(theta, GRADS[1]);
        // theta - 0.5 (g1 + g2): exact in binary
        assertArrayEquals(new double[] {1.0 - 0.5 * 0.7, -2.0 - 0.5 * -0.7}, theta, 1e-16);
    }

    @Test
    void adamMatchesPyTorchByHand() {
        // torch.optim.Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
        // theta -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
        Optimizer opt = OptimizerConfig.adam(1e-3).create(2);
        double[] theta = {1.0, -2.0};
        double[] expected = theta.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        // golden values from the textbook form m_hat / (sqrt(v_hat) + eps), Python float64:
        //   for t, g in enumerate(grads, 1): m = .9 m + .1 g; v = .999 v + .001 g^2;
        //   theta -= 1e-3 * (m / (1 - .9**t)) / (sqrt(v / (1 - .999**t)) + 1e-8)
        double[][] golden = {
            {0.99900000002, -1.9990000000099999},
            {0.9981014248390293, -1.9985721514242922},
            {0.997925145982082, -1.998303899247885}};
        for (int t = 1; t <= 3; t++) {
            double[] g = GRADS[t - 1];
            for (int i = 0; i < 2; i++) {
                m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
                v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
                double bc1 = 1 - Math.pow(0.9, t);
                double bc2 = 1 - Math.pow(0.999, t);
                expected[i] -= 1e-3 / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
            }
            opt.step(theta, g);
            assertArrayEquals(expected, theta, Tolerances.OPTIMIZER_ABS, "step " + t);
            assertArrayEquals(golden[t - 1], theta, Tolerances.OPTIMIZER_ABS, "step " + t);
            assertArrayEquals(m, opt.state()[0], 1e-17);
            assertArrayEquals(v, opt.state()[1], 1e-18);
        }
        // the first Adam step moves each coordinate by almost exactly lr against its gradient sign
        assertEquals(3, opt.steps());
        assertArrayEquals(new String[] {"exp_avg", "exp_avg_sq"}, opt.stateNames());
    }

    @Test
    void stepDoesNotModifyTheGradient() {
        for (Optimizer opt : new Optimizer[] {sgd(1e-2, 0.1).create(2), OptimizerConfig.adam(1e-2).create(2)}) {
            double[] g = GRADS[0].clone();
            opt.step(new double[2], g);
            opt.step(new double[2], g);
            assertArrayEquals(GRADS[0], g, 0.0);
        }
    }

    @Test
    void stateRestoreContinuesBitIdentically() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 7;
        double[][] grads = new double[8][n];
        for (double[] g : grads) {
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian();
            }
        }
        for (OptimizerConfig c : new OptimizerConfig[] {sgd(1e-2, 0.1), OptimizerConfig.adam(3e-3)}) {
            Optimizer a = c.create(n);
            double[] ta = new double[n];
            for (int s = 0; s < 3; s++) {
                a.step(ta, grads[s]);
            }
            double[][] state = a.state();
            Optimizer b = c.create(n);
            b.restore(a.steps(), state);
            double[] tb = ta.clone();
            // the exported state is a copy
            for (double[] buf : state) {
                Arrays.fill(buf, 123.0);
            }
            for (int s = 3; s < 8; s++) {
                a.step(ta, grads[s]);
                b.step(tb, grads[s]);
            }
            assertTrue(Arrays.equals(ta, tb), c.kind() + ": resumed run differs");
            assertEquals(a.steps(), b.steps());
            for (int k = 0; k < a.state().length; k++) {
                assertTrue(Arrays.equals(a.state()[k], b.state()[k]));
            }
        }
    }

    @Test
    void restoreWithoutStepCountMattersForBothOptimisers() {
        // a restored step count is honoured: restoring after 3 steps with steps = 0 would
        // re-initialise SGD's buffer and reset Adam's bias correction
        Optimizer a = OptimizerConfig.adam(1e-3).create(2);
        double[] ta = {0, 0};
        a.step(ta, GRADS[0]);
        Optimizer b = OptimizerConfig.adam(1e-3).create(2);
        b.restore(0, a.state());
        double[] tb = ta.clone();
        a.step(ta, GRADS[1]);
        b.step(tb, GRADS[1]);
        assertTrue(!Arrays.equals(ta, tb));
    }

    @Test
    void argumentChecks() {
        Optimizer s = sgd(1e-3, 0.1).create(2);
        assertThrows(IllegalArgumentException.class, () -> s.step(new double[3], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> s.restore(1, new double[][] {new double[3]}));
        Optimizer a = OptimizerConfig.adam(1e-3).create(2);
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> a.restore(1, new double[][] {new double[2]}));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig("rmsprop", 1e-3, 0, 0.9, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig("sgd", 0, 0, 0.9, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig("sgd", 1e-3, 1.0, 0.9, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig("adam", 1e-3, 0, 1.0, 0.999, 1e-8));
        assertEquals("sgd", OptimizerConfig.defaults("SGD").kind());
        assertEquals(0.1, OptimizerConfig.paperSgd().momentum());
        assertEquals(1e-3, OptimizerConfig.paperSgd().learningRate());
        assertTrue(OptimizerConfig.adam(1e-3).create(2) instanceof Adam);
        assertTrue(OptimizerConfig.paperSgd().create(2) instanceof Sgd);
    }
}
