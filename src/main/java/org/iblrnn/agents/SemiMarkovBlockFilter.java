package org.iblrnn.agents;

import java.util.Arrays;

import org.iblrnn.math.Checks;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.TaskConfig;

/**
 * The exact block filter for a semi-Markov block process (beyond the paper, which uses the Markov
 * approximation {@link BlockFilter}): a forward filter over the pair (block side b, run length r),
 * r = number of trials of the current block up to and including the current trial.
 *
 * <p>Block lengths L are i.i.d. with pmf f; the hazard after the r-th trial of a block is
 * h(r) = P(L = r | L &gt;= r) = f(r) / S(r), S(r) = sum_{l &gt;= r} f(l). Sides alternate at every
 * switch (reference-spec 1.2). With alpha_n(b, r) = P(b_n = b, r_n = r | D_n):
 * <pre>
 *   start     pred_0(b, 1) = 1/2                     (the session starts at a block start)
 *   predict   pred_{n+1}(-b, 1)   += alpha_n(b, r) h(r)
 *             pred_{n+1}(b, r+1)  += alpha_n(b, r) (1 - h(r))
 *   prior     P(s_{n+1} = R | D_n) = sum_r [c pred(R, r) + (1 - c) pred(L, r)]
 *   update    alpha_{n+1}(b, r) ∝ pred_{n+1}(b, r) sum_s w(s) P(s | b)
 * </pre>
 * (w as in {@link BlockInference}). 1 - h(r) is evaluated as S(r+1)/S(r), without cancellation.
 * Run lengths beyond the hazard table keep its last entry (the last state is absorbing while the
 * block continues), so a one-entry table {h} is the Markov filter with switch probability h; a
 * proper block law has h(max length) = 1 and never uses that rule. Each trial costs
 * O(min(trials so far, max length)).
 *
 * <p>For an untruncated geometric law (constant hazard p) this equals {@link BlockFilter} with
 * h = p; for the paper's law (geometric truncated to [20, 100]) it knows that no switch can
 * happen during a block's first 19 trials and that one is due by trial 100.
 */
public final class SemiMarkovBlockFilter implements BlockInference {
    private final double c;
    /** h(r) at index r - 1, shape [R]. */
    private final double[] hazard;
    /** 1 - h(r) at index r - 1, shape [R]. */
    private final double[] stay;
    private final int cap;
    /** Predicted joint for the next trial, shape [2][R] (0 = left, 1 = right); entries [0, len) live. */
    private double[][] pred;
    /** Filtered joint of the last updated trial, shape [2][R]; entries [0, postLen) live. */
    private double[][] post;
    private double[][] spare;
    private int len;
    private int postLen;
    private double postRight;
    private double predRight;
    private double predLeft;
    private int n;

    /**
     * A filter for an explicit hazard table.
     *
     * @param hazard      h(r) for r = 1..R at index r - 1, each in [0, 1]; beyond R the last entry applies
     * @param concordance c = P(stimulus on the block side), in [0, 1]
     */
    public SemiMarkovBlockFilter(double[] hazard, double concordance) {
        this(checkedHazard(hazard), complement(hazard), concordance);
    }

    private SemiMarkovBlockFilter(double[] hazard, double[] stay, double concordance) {
        this.c = Checks.probability(concordance, "concordance");
        this.hazard = hazard;
        this.stay = stay;
        this.cap = hazard.length;
        this.pred = new double[2][cap];
        this.post = new double[2][cap];
        this.spare = new double[2][cap];
        reset();
    }

    /** The exact filter for block lengths drawn from {@code law}, with hazard f(r)/S(r). */
    public static SemiMarkovBlockFilter forLaw(BlockLengths law, double concordance) {
        int max = law.maxLength();
        double[] f = new double[max + 2];
        for (int l = 1; l <= max; l++) {
            f[l] = law.pmf(l);
        }
        // survival S(r) = sum_{l >= r} f(l), summed from the top (smallest terms first)
        double[] s = new double[max + 2];
        for (int l = max; l >= 1; l--) {
            s[l] = s[l + 1] + f[l];
        }
        double[] hz = new double[max];
        double[] st = new double[max];
        for (int r = 1; r <= max; r++) {
            if (s[r] > 0) {
                hz[r - 1] = f[r] / s[r];
                st[r - 1] = s[r + 1] / s[r];
            } else {
                // unreachable run length (or its mass underflowed): end the block
                hz[r - 1] = 1.0;
                st[r - 1] = 0.0;
            }
        }
        return new SemiMarkovBlockFilter(hz, st, concordance);
    }

    /** The exact filter for a task's block law and concordance. */
    public static SemiMarkovBlockFilter forTask(TaskConfig config) {
        return forLaw(config.blockLengths(), config.concordance());
    }

    private static double[] checkedHazard(double[] hazard) {
        if (hazard == null || hazard.length == 0) {
            throw new IllegalArgumentException("hazard must have length >= 1, got "
                    + (hazard == null ? "null" : "length 0"));
        }
        for (int i = 0; i < hazard.length; i++) {
            if (!(hazard[i] >= 0 && hazard[i] <= 1)) {
                throw new IllegalArgumentException("hazard[" + i + "] must be in [0, 1], got " + hazard[i]);
            }
        }
        return hazard.clone();
    }

    private static double[] complement(double[] hazard) {
        double[] st = new double[hazard.length];
        for (int i = 0; i < st.length; i++) {
            st[i] = 1 - hazard[i];
        }
        return st;
    }

    /** The hazard table h(r), r = 1..R at index r - 1. */
    public double[] hazard() {
        return hazard.clone();
    }

    public double concordance() {
        return c;
    }

    @Override
    public void reset() {
        for (int b = 0; b < 2; b++) {
            Arrays.fill(pred[b], 0.0);
            Arrays.fill(post[b], 0.0);
        }
        pred[0][0] = 0.5;
        pred[1][0] = 0.5;
        len = 1;
        postLen = 0;
        postRight = 0.5;
        predRight = 0.5;
        predLeft = 0.5;
        n = 0;
    }

    @Override
    public void updateWeights(double wL, double wR) {
        BlockInference.checkWeights(wL, wR);
        double eR = wL * (1 - c) + wR * c;
        double eL = wL * c + wR * (1 - c);
        double[] pl = pred[0];
        double[] pr = pred[1];
        double[] ql = post[0];
        double[] qr = post[1];
        double zL = 0;
        double zR = 0;
        for (int r = 0; r < len; r++) {
            ql[r] = pl[r] * eL;
            qr[r] = pr[r] * eR;
            zL += ql[r];
            zR += qr[r];
        }
        double z = zL + zR;
        if (!(z > 0)) {
            throw new IllegalStateException("the observed side has probability 0 under the filter (concordance "
                    + c + ", predicted P(b = right) " + predRight + ")");
        }
        double inv = 1.0 / z;
        for (int r = 0; r < len; r++) {
            ql[r] *= inv;
            qr[r] *= inv;
        }
        postLen = len;
        postRight = zR / z;
        predict();
        n++;
    }

    /** pred = transition(post). */
    private void predict() {
        double[] ql = post[0];
        double[] qr = post[1];
        double[] nl = spare[0];
        double[] nr = spare[1];
        int newLen = Math.min(postLen + 1, cap);
        Arrays.fill(nl, 0, newLen, 0.0);
        Arrays.fill(nr, 0, newLen, 0.0);
        double toL = 0;
        double toR = 0;
        for (int r = 0; r < postLen; r++) {
            double hz = hazard[r];
            double st = stay[r];
            toR += ql[r] * hz;
            toL += qr[r] * hz;
            int next = r + 1 < cap ? r + 1 : r;
            nl[next] += ql[r] * st;
            nr[next] += qr[r] * st;
        }
        nl[0] += toL;
        nr[0] += toR;
        double sL = 0;
        double sR = 0;
        for (int r = 0; r < newLen; r++) {
            sL += nl[r];
            sR += nr[r];
        }
        double inv = 1.0 / (sL + sR);
        for (int r = 0; r < newLen; r++) {
            nl[r] *= inv;
            nr[r] *= inv;
        }
        predRight = sR * inv;
        predLeft = sL * inv;
        double[][] t = pred;
        pred = spare;
        spare = t;
        len = newLen;
    }

    @Override
    public double predictedBlockRight() {
        return predRight;
    }

    @Override
    public double stimulusPriorRight() {
        return c * predRight + (1 - c) * predLeft;
    }

    @Override
    public double blockPosteriorRight() {
        return postRight;
    }

    @Override
    public int trials() {
        return n;
    }

    /**
     * Filtered P(r_n = r | D_n) of the last updated trial, r = 1.. at index r - 1 (the last entry
     * of a hazard table that is shorter than the session means "that many or more"); [1.0] before
     * any update (trial 0 is a block's first trial).
     */
    public double[] runLengthPosterior() {
        if (postLen == 0) {
            return new double[] {1.0};
        }
        double[] out = new double[postLen];
        for (int r = 0; r < postLen; r++) {
            out[r] = post[0][r] + post[1][r];
        }
        return out;
    }
}
