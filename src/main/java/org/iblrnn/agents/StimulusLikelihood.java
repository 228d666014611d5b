package org.iblrnn.agents;

import java.util.Arrays;
import java.util.List;

import org.iblrnn.math.Checks;
import org.iblrnn.task.TaskConfig;

/**
 * Exact within-trial likelihood of the stimulus side from both observation channels (paper
 * section 2.3, "stimulus side inference"), kept incrementally in log space.
 *
 * <p>Generative model of one trial (reference-spec 1.3): a side s in {L, R} and a contrast mu drawn
 * uniformly from the M configured contrasts, independently; at every observation step
 * o^L ~ N(mu [s = L], sd^2) and o^R ~ N(mu [s = R], sd^2), independent over channels and steps.
 * After t observation steps
 * <pre>
 *   log P(o_{1..t} | s, mu) = -t log(2 pi sd^2) - sum_k [(o^L_k - mu [s=L])^2 + (o^R_k - mu [s=R])^2] / (2 sd^2)
 *   log P(o_{1..t} | s)     = logsumexp_mu log P(o_{1..t} | s, mu) - log M
 *   P(s = R | o_{1..t})     = sigmoid(logit(prior_R) + log P(o | R) - log P(o | L)).
 * </pre>
 * The sum of squares is kept per (side, contrast), so each step costs O(M) and the marginal over
 * mu is exact (mu is drawn once per trial, not per step). A zero contrast, if configured, is a
 * possible mean under both sides, so it carries no side information, as in the task.
 *
 * <p>Lifecycle: {@link #reset()} at the start of every trial, {@link #observe} per observation
 * step. One instance belongs to one thread.
 */
public final class StimulusLikelihood {
    private final double[] mu;
    private final double twoVar;
    private final double logNorm;
    private final double logM;
    /** Sums of squared residuals, shape [2][M]: index 0 = left side, 1 = right side. */
    private final double[][] sumSq;
    private final double[] scratch;
    private int n;

    /** The task's contrasts (uniform prior) and observation noise. */
    public StimulusLikelihood(TaskConfig config) {
        this(config.contrasts(), config.noiseSd());
    }

    /**
     * @param contrasts possible unsigned contrasts mu, each with prior 1/M; finite, &gt;= 0
     * @param noiseSd   standard deviation of each observation channel, &gt; 0
     */
    public StimulusLikelihood(List<Double> contrasts, double noiseSd) {
        if (contrasts == null || contrasts.isEmpty()) {
            throw new IllegalArgumentException("contrasts must be a non-empty list, got " + contrasts);
        }
        Checks.positive(noiseSd, "noise sd");
        this.mu = new double[contrasts.size()];
        for (int j = 0; j < mu.length; j++) {
            double c = contrasts.get(j);
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("contrasts must be finite and >= 0, got " + c);
            }
            mu[j] = c;
        }
        this.twoVar = 2 * noiseSd * noiseSd;
        this.logNorm = Math.log(Math.PI * twoVar);
        this.logM = Math.log(mu.length);
        this.sumSq = new double[2][mu.length];
        this.scratch = new double[mu.length];
    }

    /** Forgets all observations: the start of a trial. */
    public void reset() {
        Arrays.fill(sumSq[0], 0.0);
        Arrays.fill(sumSq[1], 0.0);
        n = 0;
    }

    /** Adds one observation step (left and right channel). */
    public void observe(double left, double right) {
        if (!Double.isFinite(left) || !Double.isFinite(right)) {
            throw new IllegalArgumentException("observations must be finite, got (" + left + ", " + right + ")");
        }
        double l2 = left * left;
        double r2 = right * right;
        double[] sl = sumSq[0];
        double[] sr = sumSq[1];
        for (int j = 0; j < mu.length; j++) {
            double dl = left - mu[j];
            double dr = right - mu[j];
            sl[j] += dl * dl + r2;
            sr[j] += l2 + dr * dr;
        }
        n++;
    }

    /** Observation steps seen since the last {@link #reset()}. */
    public int observations() {
        return n;
    }

    /** log P(o_{1..t} | s = left), with all normalising constants. 0 before any observation. */
    public double logLikelihoodLeft() {
        return sideLogLikelihood(0);
    }

    /** log P(o_{1..t} | s = right), with all normalising constants. 0 before any observation. */
    public double logLikelihoodRight() {
        return sideLogLikelihood(1);
    }

    /** log P(o_{1..t} | s) for side -1 (left) or +1 (right). */
    public double logLikelihood(int side) {
        return sideLogLikelihood(sideIndex(side));
    }

    private double sideLogLikelihood(int s) {
        if (n == 0) {
            return 0.0;
        }
        double[] ss = sumSq[s];
        for (int j = 0; j < mu.length; j++) {
            scratch[j] = -ss[j] / twoVar;
        }
        return logSumExp(scratch, mu.length) - logM - n * logNorm;
    }

    /** log P(o | R) - log P(o | L): the evidence for right in nats. */
    public double logLikelihoodRatio() {
        return sideLogLikelihood(1) - sideLogLikelihood(0);
    }

    /**
     * P(s = right | o_{1..t}) given the prior P(s = right) before the trial's observations.
     *
     * @param priorRight prior probability of a right stimulus, in [0, 1]
     */
    public double posteriorRight(double priorRight) {
        return posteriorRight(priorRight, logLikelihoodRatio());
    }

    /**
     * sigmoid(logit(priorRight) + logRatio), exact at the endpoints (a prior of 0 or 1 stays put).
     *
     * @param priorRight prior probability of right, in [0, 1]
     * @param logRatio   log-likelihood ratio right : left, finite
     */
    public static double posteriorRight(double priorRight, double logRatio) {
        Checks.probability(priorRight, "prior P(right)");
        if (priorRight == 0.0 || priorRight == 1.0) {
            return priorRight;
        }
        double z = Math.log(priorRight) - Math.log1p(-priorRight) + logRatio;
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** log(sum_i exp(a_i)) over {@code a[0..n)}, stable for any finite values; -inf if n = 0. */
    public static double logSumExp(double[] a, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, a[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(a[i] - max);
        }
        return max + Math.log(s);
    }

    static int sideIndex(int side) {
        if (side == -1) {
            return 0;
        }
        if (side == 1) {
            return 1;
        }
        throw new IllegalArgumentException("side must be -1 (left) or +1 (right), got " + side);
    }
}
