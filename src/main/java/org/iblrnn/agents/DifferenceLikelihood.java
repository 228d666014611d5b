package org.iblrnn.agents;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.iblrnn.math.Checks;
import org.iblrnn.task.TaskConfig;

/**
 * The paper code's within-trial stimulus inference (reference-spec 4.2 and 4.3), which reads only
 * the difference d = o^R - o^L of each observation step.
 *
 * <p>Signed means: the distinct values m of {-mu_j} and {+mu_j} over the M contrasts, sorted
 * (11 values for the paper's six contrasts). P(m | L) = (number of j with -mu_j = m) / M and
 * P(m | R) = (number of j with +mu_j = m) / M, so m = 0 has probability 1/M under both sides.
 * d given m is modelled as N(m, 2 sd^2) (the code hard-codes scale sqrt(2), i.e. sd = 1).
 *
 * <p>Two recursions, both as in the code:
 * <ul>
 *   <li>{@link #stepInPlace(double[], double)} (the actor, {@code update_stim_posterior}): mu is
 *       re-marginalised at every step from the previous side posterior,
 *       S_t(s) ∝ S_{t-1}(s) sum_m P(m | s) N(d_t; m, 2 sd^2), as if mu were redrawn per step.</li>
 *   <li>{@link #observe(double)} and {@link #posteriorRight(double)} (the observer,
 *       {@code compute_optimal_bayesian_observer_trial_side}): the cumulative likelihood per m,
 *       P(s | d_{1..t}) ∝ prior(s) sum_m P(m | s) prod_k N(d_k; m, 2 sd^2), kept in log space
 *       (the code takes a cumulative product of densities).</li>
 * </ul>
 * Both drop the sum o^L + o^R, which carries information about |mu|. Gaussian normalising
 * constants cancel and are omitted.
 *
 * <p>One instance belongs to one thread.
 */
public final class DifferenceLikelihood {
    private final double[] m;
    /** P(m | s), shape [2][K]: index 0 = left, 1 = right. */
    private final double[][] pm;
    /** log P(m | s), shape [2][K]; -inf where P = 0. */
    private final double[][] logPm;
    private final double twoVarD;
    /** Cumulative -sum_k (d_k - m)^2 / (2 var_d), shape [K]. */
    private final double[] cum;
    private final double[] scratch;
    private int n;

    /** The task's contrasts (uniform prior) and observation noise. */
    public DifferenceLikelihood(TaskConfig config) {
        this(config.contrasts(), config.noiseSd());
    }

    /**
     * @param contrasts possible unsigned contrasts, each with prior 1/M; finite, &gt;= 0
     * @param noiseSd   standard deviation of one observation channel (d has sd sqrt(2) noiseSd)
     */
    public DifferenceLikelihood(List<Double> contrasts, double noiseSd) {
        if (contrasts == null || contrasts.isEmpty()) {
            throw new IllegalArgumentException("contrasts must be a non-empty list, got " + contrasts);
        }
        Checks.positive(noiseSd, "noise sd");
        TreeMap<Double, double[]> table = new TreeMap<>();
        double w = 1.0 / contrasts.size();
        for (double c : contrasts) {
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("contrasts must be finite and >= 0, got " + c);
            }
            // -0.0 and 0.0 must be one key
            double pos = c == 0 ? 0.0 : c;
            double neg = c == 0 ? 0.0 : -c;
            table.computeIfAbsent(neg, key -> new double[2])[0] += w;
            table.computeIfAbsent(pos, key -> new double[2])[1] += w;
        }
        int k = table.size();
        this.m = new double[k];
        this.pm = new double[2][k];
        this.logPm = new double[2][k];
        int i = 0;
        for (Map.Entry<Double, double[]> e : table.entrySet()) {
            m[i] = e.getKey();
            pm[0][i] = e.getValue()[0];
            pm[1][i] = e.getValue()[1];
            logPm[0][i] = Math.log(e.getValue()[0]);
            logPm[1][i] = Math.log(e.getValue()[1]);
            i++;
        }
        this.twoVarD = 4 * noiseSd * noiseSd;
        this.cum = new double[k];
        this.scratch = new double[k];
    }

    /** The sorted signed means m, shape [K]. */
    public double[] signedMeans() {
        return m.clone();
    }

    /** P(m_k | side) for side -1 or +1, shape [K]. */
    public double[] meanProbabilities(int side) {
        return pm[StimulusLikelihood.sideIndex(side)].clone();
    }

    /**
     * The actor's per-step update: s = [P(L), P(R)] becomes the normalised
     * S(s) sum_m P(m | s) N(d; m, 2 sd^2).
     *
     * @param s side posterior, shape [2]; modified
     * @param d o^R - o^L of this step, finite
     */
    public void stepInPlace(double[] s, double d) {
        Checks.length(s, 2, "side posterior");
        Checks.finite(d, "observation difference");
        for (int j = 0; j < m.length; j++) {
            double r = d - m[j];
            scratch[j] = -r * r / twoVarD;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m.length; j++) {
            max = Math.max(max, scratch[j]);
        }
        double aL = 0;
        double aR = 0;
        for (int j = 0; j < m.length; j++) {
            double g = Math.exp(scratch[j] - max);
            aL += pm[0][j] * g;
            aR += pm[1][j] * g;
        }
        aL *= s[0];
        aR *= s[1];
        double z = aL + aR;
        s[0] = aL / z;
        s[1] = aR / z;
    }

    /** Forgets the observer's cumulative likelihood: the start of a trial. */
    public void reset() {
        Arrays.fill(cum, 0.0);
        n = 0;
    }

    /** Adds one step's difference d = o^R - o^L to the cumulative likelihood. */
    public void observe(double d) {
        Checks.finite(d, "observation difference");
        for (int j = 0; j < m.length; j++) {
            double r = d - m[j];
            cum[j] -= r * r / twoVarD;
        }
        n++;
    }

    /** Differences observed since the last {@link #reset()}. */
    public int observations() {
        return n;
    }

    /**
     * log P(d_{1..t} | R) - log P(d_{1..t} | L) under the cumulative (per-trial mu) model,
     * Gaussian constants omitted (they cancel); 0 before any observation.
     */
    public double logLikelihoodRatio() {
        return sideLogLikelihood(1) - sideLogLikelihood(0);
    }

    private double sideLogLikelihood(int s) {
        double[] lp = logPm[s];
        for (int j = 0; j < m.length; j++) {
            scratch[j] = lp[j] + cum[j];
        }
        return StimulusLikelihood.logSumExp(scratch, m.length);
    }

    /** The observer's P(s = R | d_{1..t}) for a prior P(s = R) in [0, 1]. */
    public double posteriorRight(double priorRight) {
        return StimulusLikelihood.posteriorRight(priorRight, logLikelihoodRatio());
    }
}
