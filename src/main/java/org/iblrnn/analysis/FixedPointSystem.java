package org.iblrnn.analysis;

import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;

/**
 * The autonomous map of a tanh RNN under a constant input x:
 * F(h) = tanh(W_hh h + c), c = W_ih x + b_ih + b_hh, with its Jacobian
 * dF/dh = diag(1 - F(h)^2) W_hh. The weights are copied out of the flat PyTorch-layout vector
 * once; the model and theta are never modified.
 */
final class FixedPointSystem {
    /** Hidden size N. */
    final int n;
    /** W_hh, shape [N][N]. */
    final double[][] whh;
    /** W_ih, shape [N][I]. */
    final double[][] wih;
    /** Constant drive c = W_ih x + b_ih + b_hh, shape [N]. */
    final double[] drive;

    private FixedPointSystem(double[][] whh, double[][] wih, double[] drive) {
        this.n = drive.length;
        this.whh = whh;
        this.wih = wih;
        this.drive = drive;
    }

    /** Extracts the recurrent core of {@code model} from {@code theta} under constant {@code input}. */
    static FixedPointSystem of(RecurrentModel model, double[] theta, double[] input) {
        if (model == null) {
            throw new IllegalArgumentException("model must be given");
        }
        if (!model.config().cell().equals("rnn")) {
            throw new IllegalArgumentException("cell type must be rnn, got " + model.config().cell());
        }
        if (theta == null) {
            throw new IllegalArgumentException("theta must be given");
        }
        model.checkParameters(theta);
        int in = model.config().inputSize();
        int n = model.config().hiddenSize();
        if (input == null || input.length != in) {
            throw new IllegalArgumentException("input must have length " + in + ", got "
                    + (input == null ? "null" : input.length));
        }
        for (int j = 0; j < in; j++) {
            if (!Double.isFinite(input[j])) {
                throw new IllegalArgumentException("input[" + j + "] must be finite, got " + input[j]);
            }
        }
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
        return new FixedPointSystem(whh, wih, drive);
    }

    /** out = F(h). {@code h} and {@code out} must be distinct arrays of length N. */
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

    /** out = dF/dh = diag(1 - f^2) W_hh, given f = F(h); out has shape [N][N]. */
    void jacobianInto(double[] f, double[][] out) {
        for (int i = 0; i < n; i++) {
            double d = 1.0 - f[i] * f[i];
            double[] w = whh[i];
            double[] o = out[i];
            for (int j = 0; j < n; j++) {
                o[j] = d * w[j];
            }
        }
    }

    /** dF/dx = diag(1 - f^2) W_ih, given f = F(h); shape [N][I]. */
    double[][] inputJacobian(double[] f) {
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
}
