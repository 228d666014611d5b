package org.iblrnn.agents;

import java.util.List;

/**
 * Brute-force references for the agents' tests: direct products of normal densities and
 * enumeration of every (side, contrast) and every block path, with no logs and no recursions.
 */
final class Naive {
    private Naive() {
    }

    /** N(x; mean, sd^2). */
    static double normal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
    }

    /**
     * P(o_{1..t} | side) = sum_mu (1/M) prod_k N(oL_k; mu [s=L], sd^2) N(oR_k; mu [s=R], sd^2).
     */
    static double likelihood(int side, double[] oL, double[] oR, List<Double> contrasts, double sd) {
        double total = 0;
        for (double mu : contrasts) {
            double prod = 1;
            for (int k = 0; k < oL.length; k++) {
                prod *= normal(oL[k], side < 0 ? mu : 0, sd) * normal(oR[k], side > 0 ? mu : 0, sd);
            }
            total += prod / contrasts.size();
        }
        return total;
    }

    /** P(s = R | o) for a prior P(s = R), by Bayes' rule on the naive likelihoods. */
    static double posteriorRight(double priorRight, double[] oL, double[] oR, List<Double> contrasts, double sd) {
        double r = priorRight * likelihood(1, oL, oR, contrasts, sd);
        double l = (1 - priorRight) * likelihood(-1, oL, oR, contrasts, sd);
        return r / (r + l);
    }

    /**
     * Markov block process by enumeration of all 2^n block paths b_0..b_{n-1}: P(b_0) = 1/2,
     * switch probability h between consecutive trials; each trial contributes
     * sum_s w_k(s) P(s | b_k) with w_k = (wL, wR) (one-hot for a known side).
     *
     * @return [n][3]: per trial k, P(b_k = R | evidence before k), P(s_k = R | evidence before k),
     *         P(b_k = R | evidence up to and including k)
     */
    static double[][] markovBlocks(double h, double c, double[][] w) {
        int n = w.length;
        double[][] out = new double[n][3];
        for (int k = 0; k < n; k++) {
            // evidence before k: trials 0..k-1; marginals of b_k
            double predR = 0;
            double predAll = 0;
            double postR = 0;
            double postAll = 0;
            int paths = 1 << (k + 1);
            for (int m = 0; m < paths; m++) {
                double p = 0.5;
                for (int j = 0; j <= k; j++) {
                    int b = (m >> j) & 1;
                    if (j > 0) {
                        int prev = (m >> (j - 1)) & 1;
                        p *= b == prev ? 1 - h : h;
                    }
                    if (j < k) {
                        p *= emission(w[j], b, c);
                    }
                }
                int bk = (m >> k) & 1;
                predAll += p;
                predR += bk == 1 ? p : 0;
                double q = p * emission(w[k], bk, c);
                postAll += q;
                postR += bk == 1 ? q : 0;
            }
            double pr = predR / predAll;
            out[k][0] = pr;
            out[k][1] = c * pr + (1 - c) * (1 - pr);
            out[k][2] = postR / postAll;
        }
        return out;
    }

    /**
     * Semi-Markov block process by enumeration of all block paths: the session starts at a block
     * start with side 1/2 each, block lengths have pmf {@code pmf[l]} (l = 1..), sides alternate.
     * A path b_0..b_k has probability (1/2) prod over completed blocks f(l) times S(l_last) for
     * the block still running at k (S = survival); paths that repeat a side without a completed
     * block in between have the lengths implied by the runs.
     *
     * @return as {@link #markovBlocks}
     */
    static double[][] semiMarkovBlocks(double[] pmf, double c, double[][] w) {
        int n = w.length;
        double[][] out = new double[n][3];
        for (int k = 0; k < n; k++) {
            double predR = 0;
            double predAll = 0;
            double postR = 0;
            double postAll = 0;
            int paths = 1 << (k + 1);
            for (int m = 0; m < paths; m++) {
                double p = 0.5 * pathRuns(m, k + 1, pmf);
                if (p == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    p *= emission(w[j], (m >> j) & 1, c);
                }
                int bk = (m >> k) & 1;
                predAll += p;
                predR += bk == 1 ? p : 0;
                double q = p * emission(w[k], bk, c);
                postAll += q;
                postR += bk == 1 ? q : 0;
            }
            double pr = predR / predAll;
            out[k][0] = pr;
            out[k][1] = c * pr + (1 - c) * (1 - pr);
            out[k][2] = postR / postAll;
        }
        return out;
    }

    /** Probability of the run structure of a side path of length len (without the 1/2 of the first side). */
    private static double pathRuns(int m, int len, double[] pmf) {
        double p = 1;
        int run = 1;
        for (int j = 1; j < len; j++) {
            int b = (m >> j) & 1;
            int prev = (m >> (j - 1)) & 1;
            if (b == prev) {
                run++;
            } else {
                p *= run < pmf.length ? pmf[run] : 0;
                run = 1;
            }
        }
        double survive = 0;
        for (int l = run; l < pmf.length; l++) {
            survive += pmf[l];
        }
        return p * survive;
    }

    private static double emission(double[] w, int b, double c) {
        // b: 0 = left, 1 = right
        return b == 1 ? w[0] * (1 - c) + w[1] * c : w[0] * c + w[1] * (1 - c);
    }
}
