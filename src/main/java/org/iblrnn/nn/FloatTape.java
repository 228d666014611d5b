package org.iblrnn.nn;

import java.util.Arrays;

import org.iblrnn.math.FloatSimd;

/**
 * The float32 twin of {@link Tape} for the tanh RNN ({@link TanhRnnCell}): the forward pass and
 * full backpropagation through time in single precision, PyTorch's default dtype, about twice as
 * fast as the float64 engine (docs/PERFORMANCE.md).
 *
 * <p>What is float32: the weights as the network sees them (each parameter rounded to float at
 * {@link #begin}; b_ih + b_hh summed in double, then rounded), inputs, hidden states,
 * pre-activations and their tanh ({@link FloatSimd#tanhInPlace}), the readout's dot products,
 * dL/dh, dL/da and the per-session gradient sums. What stays float64: the parameter vector, the
 * readout bias, logits (float dot + double bias), softmax probabilities (so the task's 0.9
 * threshold is applied to doubles), the loss, dL/dlogits and the gradient handed back. The
 * optimiser and checkpoints therefore see float64 as with {@link Tape}. Results agree with
 * {@link Tape}'s to float rounding (tested), and are bit-identical run to run and between the
 * Vector API and scalar implementations of {@link FloatSimd}.
 *
 * <p>Arithmetic order, fixed: each pre-activation is one chain of fused multiply-adds from 0 over
 * the hidden units in order, then the bias (times 1), then the inputs in order; dL/dh_{t-1} =
 * W_hh^T da_t one chain over i; the weight-gradient outer products are deferred over up to
 * {@link DeferredOuterProducts#DEFER} steps and accumulated one gradient row per pass, latest
 * step first.
 *
 * <p>Layout: flat arrays of rows of R = {@link FloatSimd#padded}(H + 1 + I) floats. State row s
 * holds (h_{s-1}, 1, x_s, 0...): the hidden state that step s reads followed by the step's own
 * bias coefficient and inputs, so that one kernel call over the H + 1 + I rows of
 * [W_hh | b_ih + b_hh | W_ih]^T computes the pre-activation, and one call per hidden unit r over
 * the deferred state rows accumulates row r of the gradient of [W_hh | b | W_ih] at once.
 */
public final class FloatTape extends TapeSteps {
    private static final int DEFER = DeferredOuterProducts.DEFER;

    private final TanhRnnCell cell;
    private final int in;
    private final int hid;
    /** Row length R = padded(H + 1 + I). */
    private final int rl;
    /** Length of the hidden part of a row rounded to whole vectors: padded(H) <= R. */
    private final int hp;
    /** [W_hh | b | W_ih]^T, H + 1 + I rows: row j &lt; H holds W_hh[i][j] over i, row H the bias, row H + 1 + j column j of W_ih. */
    private final float[] wAug;
    /** W_hh: row i holds W_hh[i][j] over j. */
    private final float[] whh;
    private final float[] wOut;
    private final double[] bOut;
    /** Gradient of [W_hh | b | W_ih], row r over (j, bias, inputs). */
    private final float[] gAug;
    private final float[] gWOut;
    private final double[] gBOut;
    private final float[] da;
    private final float[] coef;
    private final double[] dLogits;
    private float[] dh;
    private float[] dp;
    private float[] states;
    /** Deferred steps: how many, and the latest (first pushed) step index. */
    private int pending;
    private int firstStep;

    FloatTape(RecurrentModel model, int initialCapacity) {
        super(model);
        Precision.FLOAT32.requireEngineFor(model.cell().kind());
        this.cell = (TanhRnnCell) model.cell();
        this.in = cell.inputSize();
        this.hid = cell.hiddenSize();
        this.rl = FloatSimd.padded(hid + 1 + in);
        this.hp = FloatSimd.padded(hid);
        this.wAug = new float[(hid + 1 + in) * rl];
        this.whh = new float[hid * rl];
        this.wOut = new float[k * rl];
        this.bOut = new double[k];
        this.gAug = new float[hid * rl];
        this.gWOut = new float[k * rl];
        this.gBOut = new double[k];
        this.da = new float[DEFER * rl];
        this.coef = new float[DEFER];
        this.dLogits = new double[k];
        this.dh = new float[rl];
        this.dp = new float[rl];
        allocate(Math.max(16, initialCapacity));
    }

    @Override
    void allocate(int cap) {
        states = states == null ? new float[(cap + 1) * rl] : Arrays.copyOf(states, (cap + 1) * rl);
        growSteps(cap);
    }

    @Override
    public void begin(double[] theta) {
        startSequence(theta);
        int hh = cell.offHh();
        int bih = cell.offBih();
        int bhh = cell.offBhh();
        for (int i = 0; i < hid; i++) {
            for (int j = 0; j < hid; j++) {
                float w = (float) theta[hh + i * hid + j];
                whh[i * rl + j] = w;
                wAug[j * rl + i] = w;
            }
            wAug[hid * rl + i] = (float) (theta[bih + i] + theta[bhh + i]);
            for (int j = 0; j < in; j++) {
                wAug[(hid + 1 + j) * rl + i] = (float) theta[i * in + j];
            }
        }
        int wo = model.readoutWeightOffset();
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < hid; i++) {
                wOut[o * rl + i] = (float) theta[wo + o * hid + i];
            }
            bOut[o] = theta[model.readoutBiasOffset() + o];
        }
        Arrays.fill(states, 0, rl, 0.0f);
    }

    @Override
    public int forward(double[] x, int xOff) {
        prepareStep();
        final float[] st = states;
        int ro = t * rl;
        st[ro + hid] = 1.0f;
        for (int j = 0; j < in; j++) {
            st[ro + hid + 1 + j] = (float) x[xOff + j];
        }
        int so = ro + rl;
        FloatSimd.sumRows(wAug, 0, rl, hid + 1 + in, st, ro, st, so, rl);
        FloatSimd.tanhInPlace(st, so, hp);
        int lo = t * k;
        for (int o = 0; o < k; o++) {
            logits[lo + o] = (double) FloatSimd.dot(wOut, o * rl, st, so, hp) + bOut[o];
        }
        if (k == 2) {
            Readout.softmax2(logits[lo], logits[lo + 1], probs, lo);
        } else {
            Readout.softmax(logits, probs, lo, k);
        }
        return finishStep();
    }


    /** Hidden unit {@code i} after step {@code step}. */
    public float hidden(int step, int i) {
        return states[(step + 1) * rl + i];
    }


    @Override
    public double backward(Loss loss, double scale, double[] grad) {
        model.checkParameters(grad);
        Arrays.fill(gAug, 0.0f);
        Arrays.fill(gWOut, 0.0f);
        Arrays.fill(gBOut, 0.0);
        pending = 0;
        float[] dhv = dh;
        float[] dpv = dp;
        Arrays.fill(dhv, 0.0f);
        final float[] st = states;
        final int n = hp;
        double total = 0;
        for (int s = t - 1; s >= 0; s--) {
            int cs = (s + 1) * rl;
            double w = weights[s];
            if (w != 0.0) {
                total += w * loss.value(logits, probs, s * k, k, targets[s]);
                loss.gradient(probs, s * k, k, targets[s], scale * w, dLogits);
                for (int o = 0; o < k; o++) {
                    double g = dLogits[o];
                    gBOut[o] += g;
                    float gf = (float) g;
                    FloatSimd.axpy(gf, st, cs, gWOut, o * rl, n);
                    FloatSimd.axpy(gf, wOut, o * rl, dhv, 0, n);
                }
            }
            if (pending == DEFER) {
                flush();
            }
            if (pending == 0) {
                firstStep = s;
            }
            int d = pending * rl;
            FloatSimd.tanhBackward(dhv, 0, st, cs, da, d, n);
            pending++;
            // dL/dh_{s-1} = W_hh^T da_s: the rows of W_hh scaled by da_s
            FloatSimd.sumRows(whh, 0, rl, hid, da, d, dpv, 0, n);
            float[] tmp = dhv;
            dhv = dpv;
            dpv = tmp;
        }
        if (pending != 0) {
            flush();
        }
        dh = dhv;
        dp = dpv;
        addGradientTo(grad);
        return scale * total;
    }

    /**
     * Accumulates the deferred steps firstStep, firstStep - 1, ...: row r of the gradient of
     * [W_hh | b | W_ih] sums the state rows (h_{s-1}, 1, x_s) scaled by da_s[r].
     */
    private void flush() {
        int np = pending;
        for (int r = 0; r < hid; r++) {
            for (int q = 0; q < np; q++) {
                coef[q] = da[q * rl + r];
            }
            // state row s for the deferred steps s = firstStep, firstStep - 1, ...: stride -R
            FloatSimd.axpyRows(states, firstStep * rl, -rl, np, coef, 0, gAug, r * rl, rl);
        }
        pending = 0;
    }

    private void addGradientTo(double[] grad) {
        int hh = cell.offHh();
        int bih = cell.offBih();
        int bhh = cell.offBhh();
        for (int i = 0; i < hid; i++) {
            int g = i * rl;
            for (int j = 0; j < hid; j++) {
                grad[hh + i * hid + j] += gAug[g + j];
            }
            grad[bih + i] += gAug[g + hid];
            grad[bhh + i] += gAug[g + hid];
            for (int j = 0; j < in; j++) {
                grad[i * in + j] += gAug[g + hid + 1 + j];
            }
        }
        int wo = model.readoutWeightOffset();
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < hid; i++) {
                grad[wo + o * hid + i] += gWOut[o * rl + i];
            }
            grad[model.readoutBiasOffset() + o] += gBOut[o];
        }
    }
}
