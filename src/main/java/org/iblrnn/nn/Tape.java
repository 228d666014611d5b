package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.Simd;

/**
 * Forward record of one sequence through a {@link RecurrentModel}, and its exact backward pass
 * (full backpropagation through time, no truncation).
 *
 * <p>Lifecycle: {@link #begin(double[])} with the current parameters (state reset to zero), then
 * per step {@link #forward(double[], int)} followed optionally by {@link #target(int, double)},
 * then {@link #backward(Loss, double, double[])}. A tape belongs to one thread; it allocates
 * nothing per step except when it grows its capacity.
 *
 * <p>Loss of the sequence: scale * sum_t w_t * l(p_t, c_t), where w_t is the weight given with the
 * step's target (0 for steps without a target, e.g. the task's blank steps).
 */
public final class Tape extends TapeSteps {
    private final Cell.Kernel kernel;
    private final int in;
    private final int hid;
    private final int ss;
    /** Length of the stored state arrays: ss rounded up to whole vectors, so kernels use them in place. */
    private final int stored;
    private final double[][] wOut;
    private final double[] bOut;
    private final double[][] gWOut;
    private final double[] gBOut;
    private double[] dState;
    private double[] dPrev;
    private final double[] dLogits;
    private double[][] xs;
    private double[][] states;

    Tape(RecurrentModel model, int initialCapacity) {
        super(model);
        Cell cell = model.cell();
        this.kernel = cell.newKernel();
        this.in = cell.inputSize();
        this.hid = cell.hiddenSize();
        this.ss = cell.stateSize();
        this.stored = Simd.padded(ss);
        this.wOut = new double[k][hid];
        this.bOut = new double[k];
        this.gWOut = new double[k][hid];
        this.gBOut = new double[k];
        this.dState = new double[stored];
        this.dPrev = new double[stored];
        this.dLogits = new double[k];
        this.xs = new double[0][];
        this.states = new double[0][];
        allocate(Math.max(16, initialCapacity));
    }

    @Override
    void allocate(int cap) {
        int old = capacity;
        xs = Arrays.copyOf(xs, cap);
        states = Arrays.copyOf(states, cap + 1);
        for (int i = old; i < cap; i++) {
            xs[i] = new double[in];
        }
        for (int i = old == 0 ? 0 : old + 1; i <= cap; i++) {
            states[i] = new double[stored];
        }
        growSteps(cap);
    }

    /**
     * Starts a sequence with parameters {@code theta} (kept by reference) and an all-zero initial
     * state of {@link Cell#stateSize()} entries (h_0 = 0, and c_0 = 0 for an LSTM).
     */
    @Override
    public void begin(double[] theta) {
        startSequence(theta);
        kernel.load(theta, 0);
        int wo = model.readoutWeightOffset();
        for (int o = 0; o < k; o++) {
            System.arraycopy(theta, wo + o * hid, wOut[o], 0, hid);
            bOut[o] = theta[model.readoutBiasOffset() + o];
        }
        Arrays.fill(states[0], 0.0);
    }

    /**
     * Runs one step on input {@code x[xOff..xOff+inputSize)}; returns the step index. Read the
     * action probabilities with {@link #prob(int, int)}. The step has no target until
     * {@link #target(int, double)} is called.
     */
    @Override
    public int forward(double[] x, int xOff) {
        prepareStep();
        double[] xt = xs[t];
        System.arraycopy(x, xOff, xt, 0, in);
        double[] cur = states[t + 1];
        kernel.forward(xt, states[t], cur);
        int lo = t * k;
        if (k == 2) {
            dot2(cur, lo);
            Readout.softmax2(logits[lo], logits[lo + 1], probs, lo);
        } else {
            for (int o = 0; o < k; o++) {
                logits[lo + o] = Readout.dot(wOut[o], cur, hid) + bOut[o];
            }
            Readout.softmax(logits, probs, lo, k);
        }
        return finishStep();
    }

    /**
     * Both logits of a two-way readout in one pass over h, bit-identical to two calls of
     * {@link Readout#dot} (the same four accumulators per output, summed the same way).
     */
    private void dot2(double[] h, int lo) {
        double[] w = wOut[0];
        double[] v = wOut[1];
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        int n = hid;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double h0 = h[i];
            double h1 = h[i + 1];
            double h2 = h[i + 2];
            double h3 = h[i + 3];
            a0 += w[i] * h0;
            a1 += w[i + 1] * h1;
            a2 += w[i + 2] * h2;
            a3 += w[i + 3] * h3;
            b0 += v[i] * h0;
            b1 += v[i + 1] * h1;
            b2 += v[i + 2] * h2;
            b3 += v[i + 3] * h3;
        }
        for (; i < n; i++) {
            a0 += w[i] * h[i];
            b0 += v[i] * h[i];
        }
        logits[lo] = ((a0 + a1) + (a2 + a3)) + bOut[0];
        logits[lo + 1] = ((b0 + b1) + (b2 + b3)) + bOut[1];
    }



    /** Hidden unit {@code i} after step {@code step}. */
    public double hidden(int step, int i) {
        return states[step + 1][i];
    }

    /** Copies the hidden vector after step {@code step} into {@code out[off..off+H)}. */
    public void hiddenInto(int step, double[] out, int off) {
        System.arraycopy(states[step + 1], 0, out, off, hid);
    }

    /** Input {@code j} of step {@code step}. */
    public double input(int step, int j) {
        return xs[step][j];
    }


    /**
     * Backpropagation through the whole recorded sequence. Adds d(loss)/d(theta) into
     * {@code grad} (not cleared first) and returns the loss, scale * sum_t w_t l_t. The gradient
     * with respect to each step's carried state (h, and c for an LSTM) flows back through the
     * kernel's {@code dPrev}; the readout adds only to the h entries.
     */
    @Override
    public double backward(Loss loss, double scale, double[] grad) {
        model.checkParameters(grad);
        kernel.zeroGradient();
        for (int o = 0; o < k; o++) {
            Arrays.fill(gWOut[o], 0.0);
        }
        Arrays.fill(gBOut, 0.0);
        double[] dh = dState;
        double[] dp = dPrev;
        Arrays.fill(dh, 0.0);
        double total = 0;
        for (int s = t - 1; s >= 0; s--) {
            double[] cur = states[s + 1];
            double w = weights[s];
            if (w != 0.0) {
                total += w * loss.value(logits, probs, s * k, k, targets[s]);
                loss.gradient(probs, s * k, k, targets[s], scale * w, dLogits);
                // one array written per loop, so that each loop vectorises
                for (int o = 0; o < k; o++) {
                    double g = dLogits[o];
                    gBOut[o] += g;
                    double[] gw = gWOut[o];
                    for (int i = 0; i < hid; i++) {
                        gw[i] += g * cur[i];
                    }
                }
                if (k == 2) {
                    double g0 = dLogits[0];
                    double g1 = dLogits[1];
                    double[] w0 = wOut[0];
                    double[] w1 = wOut[1];
                    for (int i = 0; i < hid; i++) {
                        dh[i] = (dh[i] + g0 * w0[i]) + g1 * w1[i];
                    }
                } else {
                    for (int o = 0; o < k; o++) {
                        double g = dLogits[o];
                        double[] wo = wOut[o];
                        for (int i = 0; i < hid; i++) {
                            dh[i] += g * wo[i];
                        }
                    }
                }
            }
            kernel.backward(s, xs[s], states[s], cur, dh, dp);
            double[] tmp = dh;
            dh = dp;
            dp = tmp;
        }
        dState = dh;
        dPrev = dp;
        kernel.addGradientTo(grad, 0);
        int wo = model.readoutWeightOffset();
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < hid; i++) {
                grad[wo + o * hid + i] += gWOut[o][i];
            }
            grad[model.readoutBiasOffset() + o] += gBOut[o];
        }
        return scale * total;
    }
}
