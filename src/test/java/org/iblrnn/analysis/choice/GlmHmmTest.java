package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.math.Activations;
import org.junit.jupiter.api.Test;

class GlmHmmTest {
    private static final double[] CONTRASTS = {0.0, 0.0625, 0.125, 0.25, 1.0};

    /** Sessions simulated from a GLM-HMM; a trial has no response with probability pNone. */
    static List<ChoiceSession> simulate(double[][] w, double[][] a, double[] pi, int sessions, int trials,
                                        double pNone, long seed, int[][] statesOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ChoiceSession> out = new ArrayList<>();
        int k = w.length;
        for (int s = 0; s < sessions; s++) {
            double[] contrast = new double[trials];
            int[] side = new int[trials];
            int[] choice = new int[trials];
            double[] prob = new double[trials];
            Arrays.fill(prob, 0.5);
            int z = draw(pi, rng);
            for (int t = 0; t < trials; t++) {
                if (t > 0) {
                    z = draw(a[z], rng);
                }
                if (statesOut != null) {
                    statesOut[s][t] = z;
                }
                contrast[t] = CONTRASTS[rng.nextInt(CONTRASTS.length)];
                side[t] = rng.nextBoolean() ? 1 : -1;
                double f = ContrastTransform.value(side[t] * contrast[t], ContrastTransform.GLM_HMM_K);
                int prev = t == 0 ? 0 : choice[t - 1];
                double p = Activations.sigmoid(w[z][0] * f + w[z][1] * prev + w[z][2]);
                double u = rng.nextDouble();
                if (rng.nextDouble() < pNone) {
                    choice[t] = 0;
                } else {
                    choice[t] = u < p ? 1 : -1;
                }
            }
            out.add(new ChoiceSession(s, contrast, side, choice, prob, 0));
        }
        return out;
    }

    private static int draw(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length - 1; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static final double[][] W3 = {{5.0, 0.3, 0.0}, {2.0, 0.5, -2.0}, {0.5, -0.5, 2.0}};
    private static final double[][] A3 = {{0.98, 0.01, 0.01}, {0.03, 0.96, 0.01}, {0.03, 0.01, 0.96}};
    private static final double[] PI3 = {0.6, 0.2, 0.2};

    @Test
    void emIncreasesTheLogPosteriorMonotonically() {
        List<ChoiceSession> data = simulate(W3, A3, PI3, 20, 200, 0.02, 11, null);
        for (int k = 1; k <= 4; k++) {
            GlmHmm.Fitted f = new GlmHmm(k).fit(data, 5);
            double[][] traces = f.logPosteriorTraces();
            assertEquals(k == 1 ? 1 : 3, traces.length);
            for (double[] tr : traces) {
                assertTrue(tr.length >= 2, "at least one EM iteration");
                for (int i = 1; i < tr.length; i++) {
                    assertTrue(tr[i] >= tr[i - 1] - 1e-9 * Math.abs(tr[i - 1]),
                            "K=" + k + " iteration " + i + ": " + tr[i - 1] + " -> " + tr[i]);
                }
            }
            double[] best = traces[f.bestInitialisation()];
            assertEquals(f.fit().objective(), best[best.length - 1], 0.0);
            for (double[] tr : traces) {
                assertTrue(tr[tr.length - 1] <= f.fit().objective());
            }
        }
    }

    @Test
    void recoversPlantedStates() {
        int sessions = 60;
        int trials = 300;
        int[][] z = new int[sessions][trials];
        List<ChoiceSession> data = simulate(W3, A3, PI3, sessions, trials, 0.0, 2024, z);
        GlmHmm.Fitted f = new GlmHmm(3).fit(data, 7);
        assertTrue(f.fit().converged(), f.fit().note());
        // tolerances: 5 standard errors, from the complete-data Fisher information (planted states and weights,
        // plus the prior) for the weights and from the binomial counts for the transitions
        double sigma = GlmHmm.Options.DEFAULT.priorSigma();
        int[] occupancy = new int[3];
        double[][][] info = new double[3][3][3];
        for (int s = 0; s < 3; s++) {
            for (int j = 0; j < 3; j++) {
                info[s][j][j] = 1 / (sigma * sigma);
            }
        }
        for (int q = 0; q < sessions; q++) {
            ChoiceSession cs = data.get(q);
            for (int t = 0; t < trials; t++) {
                int s = z[q][t];
                occupancy[s]++;
                double[] x = {GlmHmm.stimulusInput(cs, t), GlmHmm.previousChoice(cs, t), 1};
                double p = Activations.sigmoid(W3[s][0] * x[0] + W3[s][1] * x[1] + W3[s][2]);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        info[s][i][j] += p * (1 - p) * x[i] * x[j];
                    }
                }
            }
        }
        double[][] w = f.weights();
        double[][] a = f.transitions();
        for (int s = 0; s < 3; s++) {
            double[][] cov = inverse3(info[s]);
            for (int j = 0; j < 3; j++) {
                double tol = 5 * Math.sqrt(cov[j][j]);
                assertTrue(tol < 0.6, "informative test: se " + tol / 5);
                assertEquals(W3[s][j], w[s][j], tol, "state " + (s + 1) + " weight " + j + " (n=" + occupancy[s] + ")");
            }
            for (int j = 0; j < 3; j++) {
                double p = A3[s][j];
                double tolA = 5 * Math.sqrt(p * (1 - p) / occupancy[s]) + 0.003;
                assertEquals(p, a[s][j], tolA, "p" + (s + 1) + (j + 1));
            }
        }
        assertEquals(w[0][0], f.fit().value("state1_stimulus"));
        assertEquals(a[1][2], f.fit().value("p23"));
        // the smoothed posterior finds the planted state on most trials
        int hits = 0;
        int total = 0;
        for (int s = 0; s < sessions; s++) {
            double[][] g = f.statePosteriors(data.get(s));
            for (int t = 0; t < trials; t++) {
                int arg = 0;
                for (int j = 1; j < 3; j++) {
                    if (g[t][j] > g[t][arg]) {
                        arg = j;
                    }
                }
                hits += arg == z[s][t] ? 1 : 0;
                total++;
            }
        }
        assertTrue(hits > 0.85 * total, "state decoded on " + hits + " of " + total + " trials");
    }

    private static double[][] inverse3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double ca = e * i - f * h;
        double cb = -(d * i - f * g);
        double cc = d * h - e * g;
        double det = a * ca + b * cb + c * cc;
        return new double[][] {
            {ca / det, -(b * i - c * h) / det, (b * f - c * e) / det},
            {cb / det, (a * i - c * g) / det, -(a * f - c * d) / det},
            {cc / det, -(a * h - b * g) / det, (a * e - b * d) / det}};
    }

    @Test
    void oneStateIsMapLogisticRegression() {
        List<ChoiceSession> data = simulate(W3, A3, PI3, 15, 150, 0.05, 3, null);
        GlmHmm.Fitted f = new GlmHmm(1).fit(data, 1);
        double[] w = f.weights()[0];
        double sigma = GlmHmm.Options.DEFAULT.priorSigma();
        double[] grad = {-w[0] / (sigma * sigma), -w[1] / (sigma * sigma), -w[2] / (sigma * sigma)};
        double ll = 0;
        int n = 0;
        for (ChoiceSession s : data) {
            for (int t = 0; t < s.length(); t++) {
                int c = s.choiceAt(t);
                if (c == 0) {
                    continue;
                }
                n++;
                double[] x = {GlmHmm.stimulusInput(s, t), GlmHmm.previousChoice(s, t), 1};
                double p = Activations.sigmoid(w[0] * x[0] + w[1] * x[1] + w[2]);
                double y = c > 0 ? 1 : 0;
                for (int j = 0; j < 3; j++) {
                    grad[j] += (y - p) * x[j];
                }
                ll += Math.log(c > 0 ? p : 1 - p);
            }
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, grad[j], 1e-7 * n, "gradient " + j);
        }
        assertEquals(ll, f.fit().trainLogLikelihood(), 1e-9 * Math.abs(ll));
        double prior = -(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]) / (2 * sigma * sigma);
        assertEquals(ll + prior, f.fit().objective(), 1e-9 * Math.abs(ll));
        assertEquals(1.0, f.fit().value("pi1"));
        assertTrue(f.fit().converged());
        // one state: the predictive is the GLM itself
        ChoiceSession s = data.get(0);
        double[] pr = f.probRight(s);
        for (int t = 0; t < s.length(); t++) {
            assertEquals(f.stateProbRight(0, s.signedContrast(t), GlmHmm.previousChoice(s, t)), pr[t], 1e-15);
        }
    }

    // --- brute force over state paths --------------------------------------------------------

    /** Joint probability of the choices of trials 0..upto (inclusive) with trial upto's choice set to y (0 = as observed). */
    private static double bruteJoint(GlmHmm.Fitted m, ChoiceSession s, int upto, int forceRight, int[] fixState) {
        int k = m.states();
        double[][] w = m.weights();
        double[][] a = m.transitions();
        double[] pi = m.initial();
        int n = upto + 1;
        int paths = (int) Math.pow(k, n);
        double total = 0;
        for (int code = 0; code < paths; code++) {
            int[] z = new int[n];
            int c = code;
            for (int t = 0; t < n; t++) {
                z[t] = c % k;
                c /= k;
            }
            if (fixState != null && z[fixState[0]] != fixState[1]) {
                continue;
            }
            double p = pi[z[0]];
            for (int t = 1; t < n; t++) {
                p *= a[z[t - 1]][z[t]];
            }
            for (int t = 0; t < n; t++) {
                int y = t == upto && forceRight != 0 ? forceRight : s.choiceAt(t);
                if (y == 0) {
                    continue;
                }
                double pr = m.stateProbRight(z[t], s.signedContrast(t), t == 0 ? 0 : s.choiceAt(t - 1));
                p *= y > 0 ? pr : 1 - pr;
            }
            total += p;
        }
        return total;
    }

    private static GlmHmm.Fitted tinyModel() {
        return GlmHmm.Fitted.of(new double[][] {{4.0, 0.5, 0.2}, {0.5, -1.0, -1.5}},
                new double[][] {{0.8, 0.2}, {0.3, 0.7}}, new double[] {0.65, 0.35});
    }

    private static ChoiceSession session(int[] choices) {
        int n = choices.length;
        double[] c = {0.25, 0.0, 1.0, 0.0625, 0.125, 0.25};
        int[] side = {1, -1, -1, 1, -1, 1};
        double[] prob = new double[n];
        Arrays.fill(prob, 0.5);
        return new ChoiceSession(0, Arrays.copyOf(c, n), Arrays.copyOf(side, n), choices, prob, 0);
    }

    private static void checkAgainstBruteForce(GlmHmm.Fitted m, ChoiceSession s) {
        double[] pr = m.probRight(s);
        for (int t = 0; t < s.length(); t++) {
            double before = t == 0 ? 1.0 : bruteJoint(m, s, t - 1, 0, null);
            double right = bruteJoint(m, s, t, 1, null);
            assertEquals(right / before, pr[t], 1e-12, "trial " + t);
        }
        double logMarginal = Math.log(bruteJoint(m, s, s.length() - 1, 0, null));
        assertEquals(logMarginal, m.logLikelihood(s), 1e-12);
        double[][] g = m.statePosteriors(s);
        double all = Math.exp(logMarginal);
        for (int t = 0; t < s.length(); t++) {
            for (int j = 0; j < m.states(); j++) {
                double joint = bruteJoint(m, s, s.length() - 1, 0, new int[] {t, j});
                assertEquals(joint / all, g[t][j], 1e-12, "posterior trial " + t + " state " + j);
            }
        }
    }

    @Test
    void probRightIsTheForwardPredictive() {
        GlmHmm.Fitted m = tinyModel();
        checkAgainstBruteForce(m, session(new int[] {1, -1, -1, 1, 1, -1}));
        checkAgainstBruteForce(m, session(new int[] {-1, -1, 1, 1}));
        // the prediction of trial t does not depend on trial t's own choice
        double[] p1 = m.probRight(session(new int[] {1, -1, -1, 1, 1, -1}));
        double[] p2 = m.probRight(session(new int[] {1, -1, -1, 1, 1, 1}));
        assertEquals(p1[5], p2[5], 0.0);
    }

    @Test
    void noResponseTrialsHaveNoEmissionButTheChainSteps() {
        GlmHmm.Fitted m = tinyModel();
        // brute force: factor 1 for choice 0, transitions applied on every trial, prev choice 0 after it
        checkAgainstBruteForce(m, session(new int[] {1, 0, -1, 0, 0, 1}));
        checkAgainstBruteForce(m, session(new int[] {0, 0, 1, -1, 0}));
        // after two no-response trials, the predicted state is the filter pushed through A twice
        ChoiceSession s = session(new int[] {1, 0, 0, 1});
        double[][] a = m.transitions();
        double[] pred = m.initial();
        double pr0 = m.stateProbRight(0, s.signedContrast(0), 0);
        double pr1 = m.stateProbRight(1, s.signedContrast(0), 0);
        double[] filt = {pred[0] * pr0, pred[1] * pr1};
        double sum = filt[0] + filt[1];
        filt[0] /= sum;
        filt[1] /= sum;
        for (int step = 0; step < 3; step++) {
            filt = new double[] {filt[0] * a[0][0] + filt[1] * a[1][0], filt[0] * a[0][1] + filt[1] * a[1][1]};
        }
        double expected = filt[0] * m.stateProbRight(0, s.signedContrast(3), 0)
                + filt[1] * m.stateProbRight(1, s.signedContrast(3), 0);
        assertEquals(expected, m.probRight(s)[3], 1e-14);
        // a fit's training log-likelihood (E-step) agrees with the filter's on the same sessions
        List<ChoiceSession> data = simulate(W3, A3, PI3, 10, 120, 0.15, 5, null);
        GlmHmm.Fitted f = new GlmHmm(2).fit(data, 9);
        double ll = 0;
        for (ChoiceSession x : data) {
            ll += f.logLikelihood(x);
        }
        assertEquals(ll, f.fit().trainLogLikelihood(), 1e-9 * Math.abs(ll));
    }

    @Test
    void sameSeedSameBits() {
        List<ChoiceSession> data = simulate(W3, A3, PI3, 12, 150, 0.03, 8, null);
        GlmHmm model = new GlmHmm(3);
        GlmHmm.Fitted f1 = model.fit(data, 42);
        GlmHmm.Fitted f2 = model.fit(data, 42);
        assertArrayEquals(f1.fit().values(), f2.fit().values(), 0.0);
        assertEquals(f1.fit().objective(), f2.fit().objective(), 0.0);
        assertEquals(f1.fit().iterations(), f2.fit().iterations());
        assertArrayEquals(f1.probRight(data.get(0)), f2.probRight(data.get(0)), 0.0);
        assertEquals(f1.fit().names(), GlmHmm.parameterNames(3));
        assertEquals(3 * 3 + 9 + 3, f1.fit().values().length);
        // ordered by descending stimulus weight
        double[][] w = f1.weights();
        assertTrue(w[0][0] >= w[1][0] && w[1][0] >= w[2][0]);
    }

    @Test
    void badStateCountRefused() {
        for (int k : new int[] {0, -1, 5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GlmHmm(k));
            assertTrue(e.getMessage().contains("states"));
        }
        assertEquals("glm-hmm-4", new GlmHmm(4).name());
        assertThrows(IllegalArgumentException.class, () -> new GlmHmm(2).fit(List.of(session(new int[] {0, 0})), 1));
    }
}
