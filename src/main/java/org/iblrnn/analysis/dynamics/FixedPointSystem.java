package org.iblrnn.analysis.dynamics;

import java.util.Arrays;

import org.iblrnn.nn.Cell;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;

/**
 * The autonomous map F of a recurrent model under a constant input x, on the cell's carried state
 * (dimension N = {@link Cell#carriedSize()}), with its Jacobians. The model and theta are never
 * modified; one instance belongs to one thread.
 *
 * <ul>
 *   <li><b>rnn</b> (fast path, analytic): F(h) = tanh(W_hh h + c), c = W_ih x + b_ih + b_hh,
 *       dF/dh = diag(1 - F(h)^2) W_hh and dF/dx = diag(1 - F(h)^2) W_ih, with the weights copied
 *       out of the flat PyTorch-layout vector once. N = H.</li>
 *   <li><b>gru, lstm</b> (any other cell): F is the cell kernel's own forward step on the carried
 *       state, so it is exactly the network's step. dF/dh is exact too: row i is the kernel's
 *       backward step (the BPTT tested by the gradient checks) seeded with dL/d(state) = e_i.
 *       dF/dx = W_ih^T-projection of the same backward pass: x enters every cell only through
 *       W_ih x + b_ih, so dF_i/dx = W_ih^T dF_i/db_ih, and dF_i/db_ih is the bias_ih gradient
 *       the backward step accumulates. For the GRU, N = H and the state is h. For the LSTM the
 *       fixed points live in the 2H-dimensional space of (h, c), N = 2H, entries h first: starts,
 *       found points and Jacobians all have 2H entries, while the PCA, decoding and readout
 *       analyses work on h alone (the first H entries).</li>
 * </ul>
 */
abstract class FixedPointSystem {
    /** Dimension N of the carried state. */
    final int n;

    private FixedPointSystem(int n) {
        this.n = n;
    }

    /** Extracts the recurrent core of {@code model} from {@code theta} under constant {@code input}. */
    static FixedPointSystem of(RecurrentModel model, double[] theta, double[] input) {
        if (model == null) {
            throw new IllegalArgumentException("model must be given");
        }
        if (theta == null) {
            throw new IllegalArgumentException("theta must be given");
        }
        model.checkParameters(theta);
        int in = model.config().inputSize();
        if (input == null || input.length != in) {
            throw new IllegalArgumentException("input must have length " + in + ", got "
                    + (input == null ? "null" : input.length));
        }
        for (int j = 0; j < in; j++) {
            if (!Double.isFinite(input[j])) {
                throw new IllegalArgumentException("input[" + j + "] must be finite, got " + input[j]);
            }
        }
        if (model.config().cell().equals("rnn")) {
            return Tanh.of(model, theta, input);
        }
        return new KernelMap(model, theta, input);
    }

    /** out = F(h). {@code h} and {@code out} must be distinct arrays of length N. */
    abstract void stepInto(double[] h, double[] out);

    /**
     * out = dF/dh at {@code h}, shape [N][N] (out[i][j] = dF_i/dh_j), given {@code f} = F(h) as
     * computed by {@link #stepInto}.
     */
    abstract void jacobianInto(double[] h, double[] f, double[][] out);

    /** dF/dx at {@code h}, shape [N][I], given {@code f} = F(h). */
    abstract double[][] inputJacobian(double[] h, double[] f);

    /** Checks that {@code h} is a finite state of length N. */
    void checkState(double[] h, String name) {
        if (h == null || h.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", got "
                    + (h == null ? "null" : h.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(h[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + h[i]);
            }
        }
    }

    /** The tanh RNN, analytically. */
    private static final class Tanh extends FixedPointSystem {
        /** W_hh, shape [N][N]. */
        final double[][] whh;
        /** W_ih, shape [N][I]. */
        final double[][] wih;
        /** Constant drive c = W_ih x + b_ih + b_hh, shape [N]. */
        final double[] drive;

        private Tanh(double[][] whh, double[][] wih, double[] drive) {
            super(drive.length);
            this.whh = whh;
            this.wih = wih;
            this.drive = drive;
        }

        static Tanh of(RecurrentModel model, double[] theta, double[] input) {
            int in = model.config().inputSize();
            int n = model.config().hiddenSize();
            ParamBlock bWih = model.layout().block("core.weight_ih_l0");
            ParamBlock bWhh = model.layout().block("core.weight_hh_l0");
            ParamBlock bBih = model.layout().block("core.bias_ih_l0");
            ParamBlock bBhh = model.layout().block("core.bias_hh_l0");
            double[][] whh = new double[n][n];
            double[][] wih = new double[n][in];
            double[] drive = new double[n];
            for (int i = 0; i < n; i++) {
                double c = theta[bBih.offset() + i] + theta[bBhh.offset() + i];
                for (int j = 0; j < in; j++) {
                    double w = theta[bWih.offset() + i * in + j];
                    wih[i][j] = w;
                    c += w * input[j];
                }
                drive[i] = c;
                for (int j = 0; j < n; j++) {
                    whh[i][j] = theta[bWhh.offset() + i * n + j];
                }
            }
            return new Tanh(whh, wih, drive);
        }

        @Override
        void stepInto(double[] h, double[] out) {
            for (int i = 0; i < n; i++) {
                double[] w = whh[i];
                double a = drive[i];
                for (int j = 0; j < n; j++) {
                    a += w[j] * h[j];
                }
                out[i] = Math.tanh(a);
            }
        }

        /** diag(1 - f^2) W_hh. */
        @Override
        void jacobianInto(double[] h, double[] f, double[][] out) {
            for (int i = 0; i < n; i++) {
                double d = 1.0 - f[i] * f[i];
                double[] w = whh[i];
                double[] o = out[i];
                for (int j = 0; j < n; j++) {
                    o[j] = d * w[j];
                }
            }
        }

        /** diag(1 - f^2) W_ih. */
        @Override
        double[][] inputJacobian(double[] h, double[] f) {
            int in = wih.length == 0 ? 0 : wih[0].length;
            double[][] out = new double[n][in];
            for (int i = 0; i < n; i++) {
                double d = 1.0 - f[i] * f[i];
                for (int j = 0; j < in; j++) {
                    out[i][j] = d * wih[i][j];
                }
            }
            return out;
        }
    }

    /** Any cell, through its kernel's forward and backward steps. */
    private static final class KernelMap extends FixedPointSystem {
        private final Cell.Kernel kernel;
        private final double[] x;
        private final int in;
        /** W_ih, shape [G][I] (G gate rows), and where bias_ih sits in the cell's own gradient. */
        private final double[][] wih;
        private final int bihOffset;
        private final double[] prev;
        private final double[] cur;
        private final double[] dState;
        private final double[] dPrev;
        private final double[] grad;

        KernelMap(RecurrentModel model, double[] theta, double[] input) {
            super(model.cell().carriedSize());
            Cell cell = model.cell();
            this.kernel = cell.newKernel();
            kernel.load(theta, 0);
            this.x = input.clone();
            this.in = input.length;
            ParamBlock bWih = model.layout().block("core.weight_ih_l0");
            int rows = bWih.shape().get(0);
            this.wih = new double[rows][in];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(theta, bWih.offset() + r * in, wih[r], 0, in);
            }
            int bih = -1;
            for (ParamBlock b : cell.blocks()) {
                if (b.name().equals("bias_ih_l0")) {
                    bih = b.offset();
                }
            }
            if (bih < 0) {
                throw new IllegalArgumentException("cell " + cell.kind() + " has no bias_ih_l0 block");
            }
            this.bihOffset = bih;
            int ss = cell.stateSize();
            this.prev = new double[ss];
            this.cur = new double[ss];
            this.dState = new double[ss];
            this.dPrev = new double[ss];
            this.grad = new double[cell.parameterCount()];
        }

        /** prev = (h, 0...), cur = the kernel's full step from it. */
        private void forward(double[] h) {
            System.arraycopy(h, 0, prev, 0, n);
            Arrays.fill(prev, n, prev.length, 0.0);
            kernel.forward(x, prev, cur);
        }

        @Override
        void stepInto(double[] h, double[] out) {
            forward(h);
            System.arraycopy(cur, 0, out, 0, n);
        }

        /** Row i = the backward step's dPrev for dState = e_i. */
        @Override
        void jacobianInto(double[] h, double[] f, double[][] out) {
            forward(h);
            kernel.zeroGradient();
            for (int i = 0; i < n; i++) {
                Arrays.fill(dState, 0.0);
                dState[i] = 1.0;
                kernel.backward(0, x, prev, cur, dState, dPrev);
                System.arraycopy(dPrev, 0, out[i], 0, n);
            }
        }

        /** Row i = W_ih^T (dF_i/db_ih). */
        @Override
        double[][] inputJacobian(double[] h, double[] f) {
            forward(h);
            double[][] out = new double[n][in];
            for (int i = 0; i < n; i++) {
                kernel.zeroGradient();
                Arrays.fill(dState, 0.0);
                dState[i] = 1.0;
                kernel.backward(0, x, prev, cur, dState, dPrev);
                Arrays.fill(grad, 0.0);
                kernel.addGradientTo(grad, 0);
                double[] o = out[i];
                for (int r = 0; r < wih.length; r++) {
                    double g = grad[bihOffset + r];
                    if (g != 0.0) {
                        double[] w = wih[r];
                        for (int j = 0; j < in; j++) {
                            o[j] += g * w[j];
                        }
                    }
                }
            }
            return out;
        }
    }
}
