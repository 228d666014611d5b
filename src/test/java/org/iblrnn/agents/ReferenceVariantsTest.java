package org.iblrnn.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/**
 * The REFERENCE variants reproduce the paper code's formulas (reference-spec 4.2-4.4) on
 * hand-made inputs.
 *
 * <p>Provenance of the literal numbers: a transcription of the code's arithmetic in NumPy/SciPy
 * ({@code utils/models.py} {@code BayesianActor.update_stim_posterior} / {@code
 * update_block_posterior}, {@code ExponentialWeightedActor}, {@code utils/analysis.py}
 * {@code compute_optimal_bayesian_observer_block_side} / {@code _trial_side} with the last trial's
 * block posterior computed), run with NumPy 2.4 / SciPy 1.17:
 * <pre>
 * mu = sort(concat(strengths[1:], -strengths)); P = zeros((11, 2)); P[:6, 0] = 1/6; P[5:, 1] = 1/6
 * E = [[.8, .2], [.2, .8]]; T = [[.98, .02], [.02, .98]]
 * stim_update(S, oL, oR): j = (norm.pdf(oR - oL, mu, sqrt(2))[:, None] * P * S).sum(0); S = j / j.sum()
 * feedback(r): ch = round(S); s = argmax(ch if r == 1 else |1 - ch|)
 *              B = normalise(E[s] * (B if start else T @ B)); S = T @ B
 * </pre>
 * The same arithmetic is also spelled out step by step in the comments and recomputed here from
 * the formulas with {@link Naive#normal}.
 */
class ReferenceVariantsTest {
    private static final TaskConfig PAPER = TaskConfig.paper();
    private static final double TOL = 1e-14;

    /** The input sequence of the actor scenarios: (oL, oR, reward input) per step. */
    private static final double[][] INPUTS = {
        {0, 0, 0}, {0, 0, 0}, {0.3, 1.1, 0}, {-0.2, 1.7, -0.05}, {0, 0, 1}, {0, 0, 0},
        {0.5, 0.4, 0}, {0.9, -0.6, -0.05}, {0, 0, -1}, {0, 0, 0}, {-0.4, 0.2, 0}};

    /** One per-step re-marginalised update of P(R) from d, written out from the formula. */
    private static double stepRight(double sR, double d) {
        // a_L = S_L * (1/6) sum_{m in {0, -0.5, ..., -2.5}} N(d; m, sqrt 2),
        // a_R = S_R * (1/6) sum_{m in {0, 0.5, ..., 2.5}} N(d; m, sqrt 2)
        double aL = 0;
        double aR = 0;
        for (int j = 0; j <= 5; j++) {
            aL += Naive.normal(d, -0.5 * j, Math.sqrt(2)) / 6;
            aR += Naive.normal(d, 0.5 * j, Math.sqrt(2)) / 6;
        }
        return sR * aR / (sR * aR + (1 - sR) * aL);
    }

    @Test
    void signedMeansAndTheirProbabilitiesAreTheCodes() {
        DifferenceLikelihood d = new DifferenceLikelihood(PAPER);
        assertArrayEquals(new double[] {-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5}, d.signedMeans(), 0.0);
        double s = 1.0 / 6;
        assertArrayEquals(new double[] {s, s, s, s, s, s, 0, 0, 0, 0, 0}, d.meanProbabilities(-1), 1e-17);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, s, s, s, s, s, s}, d.meanProbabilities(1), 1e-17);
    }

    @Test
    void referenceActorReproducesTheCodeStepByStep() {
        BayesianActor actor = BayesianActor.reference(PAPER);
        // expected (S_R, B_R) after each step, from the NumPy transcription
        double[][] expected = {
            {0.5, 0.5}, {0.5, 0.5},
            {0.6683518948207315, 0.5},              // d = 0.8
            {0.9177243839428771, 0.5},              // d = 1.9: above 0.9, the task acts right
            {0.788, 0.8},                           // +1: round(S) = right; start: B = E[R]*(.5,.5)/sum = 0.8;
                                                    //     S = T B = 0.02*0.2 + 0.98*0.8 = 0.788 (no emission)
            {0.788, 0.8},                           // blank without feedback: nothing changes
            {0.7731006119877926, 0.8},              // d = -0.1
            {0.47281581493656494, 0.8},             // d = -1.5
            {0.9195005945303212, 0.9369797859690845}, // -1 (timeout): round(S) = left, so "true" = right;
                                                    //     B = .8*(T B)_R / sum with (T B)_R = 0.788:
                                                    //     0.8*0.788 / (0.8*0.788 + 0.2*0.212) = 0.93698
            {0.9195005945303212, 0.9369797859690845},
            {0.9507151648343393, 0.9369797859690845}};
        double[] p = new double[2];
        double[] state = new double[3];
        double sR = 0.5;
        for (int t = 0; t < INPUTS.length; t++) {
            actor.step(INPUTS[t], p);
            actor.stateInto(state, 0);
            assertEquals(expected[t][0], p[1], TOL, "S_R at step " + t);
            assertEquals(1 - expected[t][0], p[0], TOL, "S_L at step " + t);
            assertEquals(expected[t][1], state[0], TOL, "B_R at step " + t);
            assertEquals(p[1], state[2], 0.0);
            // the same numbers from the formulas
            double[] x = INPUTS[t];
            if (x[0] != 0 || x[1] != 0) {
                sR = stepRight(sR, x[1] - x[0]);
            } else if (x[2] != 0) {
                sR = 0.98 * state[0] + 0.02 * (1 - state[0]);
                assertEquals(sR, state[1], TOL, "the next prior is T B");
            }
            assertEquals(sR, p[1], TOL, "formula, step " + t);
        }
    }

    @Test
    void blocklessActorForgetsAfterEveryFeedback() {
        BayesianActor actor = BayesianActor.blockBlind(PAPER);
        double[] p = new double[2];
        for (int t = 0; t < INPUTS.length; t++) {
            actor.step(INPUTS[t], p);
            if (t == 4 || t == 8 || t == 9) {
                assertEquals(0.5, p[1], 0.0, "after feedback S = 1/2, step " + t);
                assertEquals(0.5, actor.blockPosteriorRight(), 0.0);
            }
        }
        assertEquals(stepRight(0.5, 0.6), p[1], TOL, "within-trial update from 1/2");
    }

    @Test
    void exponentialActorReproducesTheCode() {
        ExponentialActor actor = new ExponentialActor(PAPER);
        double[][] expected = {
            {0.5, 0.5}, {0.5, 0.5}, {0.6683518948207315, 0.5}, {0.9177243839428771, 0.5},
            {0.55, 0.55},                           // +1, right: Q = 0.9*(.5,.5) + 0.1*(0,1)
            {0.55, 0.55}, {0.5283847940920868, 0.55}, {0.22774553377783385, 0.55},
            {0.595, 0.595},                         // -1 after round(S) = left: Q_R = 0.9*0.55 + 0.1
            {0.595, 0.595}, {0.712732333199071, 0.595}};
        double[] p = new double[2];
        double[] state = new double[2];
        for (int t = 0; t < INPUTS.length; t++) {
            actor.step(INPUTS[t], p);
            actor.stateInto(state, 0);
            assertEquals(expected[t][0], p[1], TOL, "S_R at step " + t);
            assertEquals(expected[t][1], state[0], TOL, "Q_R at step " + t);
        }
        assertEquals(List.of("stimulusPriorRight", "stimulusPosteriorRight"), actor.stateNames());
    }

    @Test
    void referenceActorBreaksTiesToTheLeftLikeNumpyArgmax() {
        // S = (1/2, 1/2): round-half-even gives (0, 0); after +1 argmax(0, 0) = left,
        // after -1 argmax(1, 1) = left; start: B_R = 0.2*0.5 / (0.2*0.5 + 0.8*0.5) = 0.2
        for (double r : new double[] {1, -1}) {
            BayesianActor actor = BayesianActor.reference(PAPER);
            double[] p = new double[2];
            actor.step(new double[] {0, 0, r}, p);
            assertEquals(0.2, actor.blockPosteriorRight(), 1e-16, "reward " + r);
            assertEquals(0.98 * 0.2 + 0.02 * 0.8, p[1], 1e-16);
        }
    }

    @Test
    void referenceObserverReproducesTheCode() {
        List<ObservedTrial> trials = List.of(
                new ObservedTrial(1, new double[] {0.3, -0.2}, new double[] {1.1, 1.7}),
                new ObservedTrial(-1, new double[] {0.5}, new double[] {0.4}),
                new ObservedTrial(-1, new double[] {0.9, 1.2, 0.0}, new double[] {-0.6, 0.1, 0.4}));
        ObserverTrace trace = BayesianObserver.reference(PAPER).observe(trials);
        // block prior: 0.5, then the filtered posteriors of the previous trial (no transition)
        // filtered: post_0 = 0.8; post_1 = 0.2*0.788 / (0.2*0.788 + 0.8*0.212) = 0.48166...;
        //           post_2 = 0.2*x / (0.2*x + 0.8*(1-x)), x = 0.98*post_1 + 0.02*(1-post_1)
        assertArrayEquals(new double[] {0.5, 0.8, 0.48166259168704156}, trace.blockPriorRight(), TOL);
        assertArrayEquals(new double[] {0.8, 0.48166259168704156, 0.18896657408294223},
                trace.blockPosteriorRight(), TOL, "the last trial's posterior is computed (the code leaves 0)");
        // stimulus prior = E post: 0.8*0.8 + 0.2*0.2 = 0.68
        assertArrayEquals(new double[] {0.5, 0.6800000000000002, 0.48899755501222497}, trace.stimulusPriorRight(),
                TOL);
        assertArrayEquals(new double[] {0.8670954877831714, 0.6607778480567519, 0.22870647112289874},
                trace.stimulusPosteriorRight(), TOL);
        assertArrayEquals(new int[] {1, 1, -1}, trace.favouredSide());
        assertArrayEquals(new boolean[] {true, false, true}, trace.correct());
        assertArrayEquals(new int[] {2, 1, 3}, trace.observations());
        // the first posterior from the formula: prior 1/2, sum_m P(m|s) N(0.8; m) N(1.9; m)
        double aL = 0;
        double aR = 0;
        for (int j = 0; j <= 5; j++) {
            double m = 0.5 * j;
            aL += Naive.normal(0.8, -m, Math.sqrt(2)) * Naive.normal(1.9, -m, Math.sqrt(2));
            aR += Naive.normal(0.8, m, Math.sqrt(2)) * Naive.normal(1.9, m, Math.sqrt(2));
        }
        assertEquals(aR / (aL + aR), trace.stimulusPosteriorRight()[0], TOL);
    }

    @Test
    void cumulativeDifferencePosteriorDiffersFromPerStepRemarginalisation() {
        // the actor's per-step rule treats mu as redrawn each step; the observer's does not
        DifferenceLikelihood d = new DifferenceLikelihood(PAPER);
        double[] s = {0.5, 0.5};
        d.stepInPlace(s, 0.8);
        d.stepInPlace(s, 1.9);
        d.observe(0.8);
        d.observe(1.9);
        assertEquals(0.9177243839428771, s[1], TOL);
        assertEquals(0.8670954877831714, d.posteriorRight(0.5), TOL);
        assertEquals(2, d.observations());
        d.reset();
        assertEquals(0.3, d.posteriorRight(0.3), 1e-16);
    }
}
