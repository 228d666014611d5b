package org.iblrnn.analysis.representation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.stats.Decoding;
import org.iblrnn.analysis.stats.Geometry;
import org.iblrnn.analysis.stats.LinearRegression;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.TrialTable;

/**
 * The paper code's definitions behind Figs. 5c, 6 and the fixed-point and basin figures
 * (reference-spec 5.2-5.4, 5.6, 5.7, 5.10, 5.11, quirks 8.1.9-11 and 15), for drawing those figures
 * the code's way ({@code iblrnn analyze --figures code}).
 * <ul>
 *   <li>in-plane stimulus direction t = normalise(C (w - mean)), w the unit right readout row (the
 *       readout treated as a point);</li>
 *   <li>in-plane block direction b = normalise(coefficients) of a logistic classifier of block side
 *       on the PCA coordinates without intercept or penalty, fitted on a random 67% of all steps
 *       (its own split, from the given generator: {@link Representation.Quirks} keeps no
 *       direction, so this refit can differ from the one behind the Quirks numbers in the last
 *       digits);</li>
 *   <li>task-aligned coordinates z = (p . t, p . b) of every step's PCA coordinates p, and the
 *       <b>mixed magnitudes</b> the figures plot: block magnitude z . b = z1 b1 + z2 b2 and stimulus
 *       magnitude z . t (not z2 and z1);</li>
 *   <li>block scale: no-intercept least squares of the trial-end block magnitude on
 *       2 P(right block) - 1;</li>
 *   <li><b>misaligned feedback regression</b>: over steps whose emitted reward is +-1, the change
 *       z_t - z_{t-1} into that (action) step regressed on the emitted reward, although the feedback
 *       only reaches the network on the next step;</li>
 *   <li>stability as every |Re lambda| &lt; 1 and a final residual at or below the 5% quantile of the
 *       condition's final residuals over all starts (the code's rule on its own search; here applied to
 *       the finder's points and its per-start final q).</li>
 * </ul>
 */
public final class CodeDefinitions {
    private CodeDefinitions() {
    }

    /**
     * @param stimulusDirection      t, unit, shape [2]
     * @param blockDirection         b, unit, shape [2]
     * @param blockMagnitude         z . b per step, shape [T]
     * @param stimulusMagnitude      z . t per step, shape [T]
     * @param trialEndBlockMagnitude block magnitude at each trial's last step, shape [trials]
     * @param blockScale             the no-intercept OLS scale on the observer's 2 P(right block) - 1
     * @param feedbackStimulus       misaligned feedback regression of z1
     * @param feedbackBlock          misaligned feedback regression of z2
     * @param decoderTestAccuracy    held-out accuracy of the refitted plane classifier
     */
    public record Result(double[] stimulusDirection, double[] blockDirection, double[] blockMagnitude,
                         double[] stimulusMagnitude, double[] trialEndBlockMagnitude, double blockScale,
                         LinearRegression.Result feedbackStimulus, LinearRegression.Result feedbackBlock,
                         double decoderTestAccuracy) {
        public Result {
            stimulusDirection = stimulusDirection.clone();
            blockDirection = blockDirection.clone();
            blockMagnitude = blockMagnitude.clone();
            stimulusMagnitude = stimulusMagnitude.clone();
            trialEndBlockMagnitude = trialEndBlockMagnitude.clone();
        }

        @Override
        public double[] stimulusDirection() {
            return stimulusDirection.clone();
        }

        @Override
        public double[] blockDirection() {
            return blockDirection.clone();
        }

        @Override
        public double[] blockMagnitude() {
            return blockMagnitude.clone();
        }

        @Override
        public double[] stimulusMagnitude() {
            return stimulusMagnitude.clone();
        }

        @Override
        public double[] trialEndBlockMagnitude() {
            return trialEndBlockMagnitude.clone();
        }
    }

    /**
     * Computes the code's coordinates and regressions.
     *
     * @param r     the representation analysis of the same session
     * @param steps the session's per-step record (rewards)
     */
    public static Result compute(RecurrentModel model, double[] theta, StepRecord steps, TrialTable trials,
                                 ObserverTrace observer, Representation.Result r, RandomGenerator rng) {
        int n = model.config().hiddenSize();
        int wo = model.layout().block("readout.weight").offset();
        double[] wR = Geometry.normalise(Arrays.copyOfRange(theta, wo + n, wo + 2 * n));
        double[] t = Geometry.normalise(r.plane().project(wR));
        double[][] coords = r.planeCoordinates();
        int[] stepTrial = r.stepTrial();
        int rows = coords.length;
        int[] labels = new int[rows];
        for (int s = 0; s < rows; s++) {
            labels[s] = trials.blockSideAt(stepTrial[s]) > 0 ? 1 : 0;
        }
        Decoding.SplitResult dec = Decoding.evaluate(coords, labels,
                Decoding.randomSplit(rows, Decoding.Config.reference().testFraction(), rng), null,
                Decoding.SplitKind.RANDOM, Decoding.Config.reference(), rng);
        double[] b = Geometry.normalise(dec.coefficients());
        double[] bm = new double[rows];
        double[] sm = new double[rows];
        for (int s = 0; s < rows; s++) {
            double z1 = coords[s][0] * t[0] + coords[s][1] * t[1];
            double z2 = coords[s][0] * b[0] + coords[s][1] * b[1];
            bm[s] = z1 * b[0] + z2 * b[1];
            sm[s] = z1 * t[0] + z2 * t[1];
        }
        int nt = trials.size();
        double[] end = new double[nt];
        for (int s = 0; s < rows; s++) {
            if (s + 1 == rows || stepTrial[s + 1] != stepTrial[s]) {
                end[stepTrial[s]] = bm[s];
            }
        }
        double[] post = observer.blockPosteriorRight();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < nt; i++) {
            double o = 2 * post[i] - 1;
            sxy += o * end[i];
            sxx += o * o;
        }
        double scale = sxx > 0 ? sxy / sxx : Double.NaN;
        List<double[]> fb = new ArrayList<>();
        for (int s = 1; s < rows; s++) {
            double rew = steps.reward(s);
            if (rew == 1 || rew == -1) {
                double z1 = coords[s][0] * t[0] + coords[s][1] * t[1];
                double z2 = coords[s][0] * b[0] + coords[s][1] * b[1];
                double y1 = coords[s - 1][0] * t[0] + coords[s - 1][1] * t[1];
                double y2 = coords[s - 1][0] * b[0] + coords[s - 1][1] * b[1];
                fb.add(new double[] {rew, z1 - y1, z2 - y2});
            }
        }
        double[] fx = new double[fb.size()];
        double[] fs = new double[fb.size()];
        double[] fbk = new double[fb.size()];
        for (int k = 0; k < fx.length; k++) {
            fx[k] = fb.get(k)[0];
            fs[k] = fb.get(k)[1];
            fbk[k] = fb.get(k)[2];
        }
        return new Result(t, b, bm, sm, end, scale, LinearRegression.fit(fx, fs), LinearRegression.fit(fx, fbk),
                dec.testAccuracy());
    }

    /**
     * The code's stability test for each of the finder's points: every |Re lambda| &lt; 1 and q at
     * or below the 5% quantile (linear interpolation, numpy's default) of the final q of all starts.
     *
     * @return per unique point, shape [K]
     */
    public static boolean[] codeStable(FixedPoints points) {
        double[] q = points.search().q();
        double[] finite = Arrays.stream(q).filter(Double::isFinite).sorted().toArray();
        boolean[] out = new boolean[points.size()];
        if (finite.length == 0) {
            return out;
        }
        double pos = 0.05 * (finite.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(finite.length - 1, lo + 1);
        double quantile = finite[lo] + (pos - lo) * (finite[hi] - finite[lo]);
        double[] pq = points.q();
        for (int k = 0; k < out.length; k++) {
            out[k] = points.realPartStable(k) && pq[k] <= quantile;
        }
        return out;
    }
}
