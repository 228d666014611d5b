package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/**
 * The exact two-channel stimulus likelihood against brute-force enumeration over (side, contrast)
 * with direct products of normal densities, plus its symmetries and numerical range.
 */
class StimulusLikelihoodTest {
    private static final TaskConfig PAPER = TaskConfig.paper();

    @Test
    void matchesBruteForceEnumerationOnShortTrials() {
        SplittableRandom rng = new SplittableRandom(11);
        List<Double> contrasts = PAPER.contrasts();
        StimulusLikelihood lik = new StimulusLikelihood(PAPER);
        for (int rep = 0; rep < 200; rep++) {
            int n = 1 + rng.nextInt(6);
            int side = rng.nextBoolean() ? 1 : -1;
            double mu = contrasts.get(rng.nextInt(contrasts.size()));
            double[] oL = new double[n];
            double[] oR = new double[n];
            lik.reset();
            for (int k = 0; k < n; k++) {
                oL[k] = (side < 0 ? mu : 0) + rng.nextGaussian();
                oR[k] = (side > 0 ? mu : 0) + rng.nextGaussian();
                lik.observe(oL[k], oR[k]);
            }
            double nl = Naive.likelihood(-1, oL, oR, contrasts, 1.0);
            double nr = Naive.likelihood(1, oL, oR, contrasts, 1.0);
            // log-likelihoods of moderate size: relative agreement of the likelihoods ~ 1e-13
            assertEquals(Math.log(nl), lik.logLikelihoodLeft(), 1e-11, "log P(o | L)");
            assertEquals(Math.log(nr), lik.logLikelihoodRight(), 1e-11, "log P(o | R)");
            assertEquals(lik.logLikelihoodLeft(), lik.logLikelihood(-1), 0.0);
            double prior = rng.nextDouble();
            double post = lik.posteriorRight(prior);
            double naivePost = Naive.posteriorRight(prior, oL, oR, contrasts, 1.0);
            assertEquals(naivePost, post, 1e-12, "posterior");
            // the left posterior computed naively sums with the right one to 1
            double naiveLeft = (1 - prior) * nl / ((1 - prior) * nl + prior * nr);
            assertEquals(1.0, naiveLeft + post, 1e-12, "posteriors sum to 1");
            assertEquals(n, lik.observations());
        }
    }

    @Test
    void matchesBruteForceForOtherContrastsAndNoise() {
        List<Double> contrasts = List.of(0.25, 1.0, 1.0, 3.0);
        double sd = 1.7;
        StimulusLikelihood lik = new StimulusLikelihood(contrasts, sd);
        double[] oL = {0.4, -1.2, 2.2};
        double[] oR = {1.9, 0.3, -0.5};
        for (int k = 0; k < oL.length; k++) {
            lik.observe(oL[k], oR[k]);
        }
        assertEquals(Math.log(Naive.likelihood(-1, oL, oR, contrasts, sd)), lik.logLikelihoodLeft(), 1e-12);
        assertEquals(Math.log(Naive.likelihood(1, oL, oR, contrasts, sd)), lik.logLikelihoodRight(), 1e-12);
        assertEquals(Naive.posteriorRight(0.3, oL, oR, contrasts, sd), lik.posteriorRight(0.3), 1e-13);
    }

    @Test
    void equalChannelsOrOnlyZeroContrastGiveNoEvidence() {
        StimulusLikelihood lik = new StimulusLikelihood(PAPER);
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 10; k++) {
            double o = 2 * rng.nextGaussian();
            lik.observe(o, o);
            assertEquals(0.5, lik.posteriorRight(0.5), 0.0, "oL == oR every step");
            assertEquals(0.8, lik.posteriorRight(0.8), 1e-15, "the prior is kept");
        }
        StimulusLikelihood zero = new StimulusLikelihood(List.of(0.0), 1.0);
        for (int k = 0; k < 10; k++) {
            zero.observe(3 * rng.nextGaussian(), 3 * rng.nextGaussian());
            assertEquals(0.5, zero.posteriorRight(0.5), 0.0, "only zero contrast possible");
        }
    }

    @Test
    void mirroredObservationsMirrorThePosterior() {
        SplittableRandom rng = new SplittableRandom(5);
        StimulusLikelihood a = new StimulusLikelihood(PAPER);
        StimulusLikelihood b = new StimulusLikelihood(PAPER);
        for (int k = 0; k < 8; k++) {
            double l = rng.nextGaussian() + 0.7;
            double r = rng.nextGaussian();
            a.observe(l, r);
            b.observe(r, l);
            assertEquals(1 - a.posteriorRight(0.35), b.posteriorRight(0.65), 1e-14);
            assertEquals(a.logLikelihoodLeft(), b.logLikelihoodRight(), 0.0);
        }
    }

    @Test
    void staysFiniteOnLongDecisiveTrials() {
        StimulusLikelihood lik = new StimulusLikelihood(PAPER);
        for (int k = 0; k < 2000; k++) {
            lik.observe(0.1, 2.6);
        }
        assertTrue(Double.isFinite(lik.logLikelihoodLeft()) && Double.isFinite(lik.logLikelihoodRight()));
        assertTrue(lik.logLikelihoodRatio() > 1000);
        assertEquals(1.0, lik.posteriorRight(0.2), 0.0);
        assertEquals(0.0, lik.posteriorRight(0.0), 0.0, "a prior of 0 stays 0");
        lik.reset();
        assertEquals(0, lik.observations());
        assertEquals(0.0, lik.logLikelihoodLeft(), 0.0);
        assertEquals(0.3, lik.posteriorRight(0.3), 1e-16);
    }

    @Test
    void logSumExpIsStable() {
        double[] a = {1000, 1000 + Math.log(3)};
        assertEquals(1000 + Math.log(4), StimulusLikelihood.logSumExp(a, 2), 1e-12);
        double[] b = {-1000, -1000};
        assertEquals(-1000 + Math.log(2), StimulusLikelihood.logSumExp(b, 2), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, StimulusLikelihood.logSumExp(b, 0));
    }

    @Test
    void rejectsInvalidInput() {
        StimulusLikelihood lik = new StimulusLikelihood(PAPER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lik.observe(Double.NaN, 0));
        assertTrue(e.getMessage().startsWith("observations must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lik.posteriorRight(1.5));
        assertEquals("prior P(right) must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lik.logLikelihood(0));
        assertEquals("side must be -1 (left) or +1 (right), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StimulusLikelihood(List.of(), 1.0));
        assertTrue(e.getMessage().startsWith("contrasts must be a non-empty list"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StimulusLikelihood(List.of(1.0), 0.0));
        assertEquals("noise sd must be a finite number > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StimulusLikelihood(List.of(-1.0), 1.0));
        assertEquals("contrasts must be finite and >= 0, got -1.0", e.getMessage());
    }
}
