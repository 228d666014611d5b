package org.iblrnn.analysis.representation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.dynamics.ApproximateLine;
import org.iblrnn.analysis.dynamics.Basins;
import org.iblrnn.analysis.dynamics.EmpiricalField;
import org.iblrnn.analysis.dynamics.FixedPointLines;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.dynamics.LyapunovBasin;
import org.iblrnn.analysis.stats.LogisticRegression;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;

/**
 * The state-space mechanism analyses built on a {@link Representation.Result} (paper section 3.3,
 * Figs. 4, 6 and 7): per input condition the basins of attraction by forward iteration
 * ({@link Basins}) from the vector-field grid and from visited states, the Lyapunov basin
 * estimates ({@link LyapunovBasin}, standard and the code's transposed equation), the looser
 * line-attractor test ({@link ApproximateLine}) and the code's stability test; the empirical
 * vector fields ({@link EmpiricalField}) and their agreement with the model; the example block of
 * Figs. 4b-c and 6b ({@link SingleBlock}); the plane decoder's P(right block) at every trial end
 * (Fig. 4a); and the paper code's coordinates ({@link CodeDefinitions}).
 *
 * <p>Start states. Grid starts are the model vector field's grid points lifted to mean + C^T p
 * (for an LSTM, with c from {@link Representation#liftToCarried}, as the vector fields). Visited starts are
 * {@link Options#visitedStarts()} states evenly spaced in time over the session (the carried states).
 */
public final class Mechanism {
    private Mechanism() {
    }

    /**
     * @param basins             basin settings
     * @param line               looser line test settings
     * @param visitedStarts      visited states used as basin starts and line reference (default 2000)
     * @param empiricalMinCount  fewest steps a bin of the empirical field needs (default {@link EmpiricalField#MIN_COUNT})
     * @param exampleMinLength   fewest trials of the example block (default {@link SingleBlock#MIN_LENGTH})
     */
    public record Options(Basins.Options basins, ApproximateLine.Options line, int visitedStarts,
                          int empiricalMinCount, int exampleMinLength) {
        public Options {
            if (visitedStarts < 1) {
                throw new IllegalArgumentException("visitedStarts must be >= 1, got " + visitedStarts);
            }
            if (empiricalMinCount < 1) {
                throw new IllegalArgumentException("empiricalMinCount must be >= 1, got " + empiricalMinCount);
            }
            if (exampleMinLength < 1) {
                throw new IllegalArgumentException("exampleMinLength must be >= 1, got " + exampleMinLength);
            }
        }

        public static Options defaults() {
            return new Options(Basins.Options.defaults(), ApproximateLine.Options.defaults(), 2000,
                    EmpiricalField.MIN_COUNT, SingleBlock.MIN_LENGTH);
        }
    }

    /**
     * Per input condition (same order as {@link Representation.Result#fields()}). The fixed-point
     * parts are null when the representation analysis skipped the fixed-point search.
     *
     * @param condition      the condition's name
     * @param input          its input
     * @param gridBasins     basins of the grid points (null if skipped)
     * @param visitedBasins  basins of the visited starts (null if skipped)
     * @param line           the looser line test (null if skipped)
     * @param lyapunov       Lyapunov basin of the grid points, standard equation (null if skipped)
     * @param lyapunovCode   the same with the code's transposed equation and skip rule (null if skipped)
     * @param codeStable     the code's stability test per unique point (empty if skipped)
     * @param distinctPoints unique points merged within the basins' merge distance (0 if skipped)
     * @param empirical      the empirical field
     * @param vsModel        its agreement with the model's step from the same states
     * @param vsGrid         its agreement with the model's grid field
     */
    public record Condition(String condition, double[] input, Basins.Result gridBasins, Basins.Result visitedBasins,
                            ApproximateLine.Result line, LyapunovBasin.Result lyapunov,
                            LyapunovBasin.Result lyapunovCode, boolean[] codeStable, int distinctPoints,
                            EmpiricalField.Field empirical, EmpiricalField.Agreement vsModel,
                            EmpiricalField.Agreement vsGrid) {
        public Condition {
            input = input.clone();
            codeStable = codeStable.clone();
        }

        @Override
        public double[] input() {
            return input.clone();
        }

        @Override
        public boolean[] codeStable() {
            return codeStable.clone();
        }
    }

    /**
     * @param conditions          per input condition
     * @param grid                the grid of the vector fields and empirical fields
     * @param example             the example block's window (Figs. 4b, 6b)
     * @param companion           the next block's window (Fig. 4c), null if none
     * @param codeWindow          the paper code's Fig. 6b window
     * @param trialMeanD          per trial, mean of d = oR - oL over its observation steps, shape [trials]
     * @param trialEndStep        per trial, the index of its last step, shape [trials]
     * @param trialEndDecoderProb per trial end, the plane decoder's P(right block) (blocked-split fit), [trials]
     * @param code                the paper code's coordinates
     */
    public record Result(List<Condition> conditions, EmpiricalField.Grid grid, SingleBlock.Window example,
                         SingleBlock.Window companion, SingleBlock.Window codeWindow, double[] trialMeanD,
                         int[] trialEndStep, double[] trialEndDecoderProb, CodeDefinitions.Result code) {
        public Result {
            conditions = List.copyOf(conditions);
            trialMeanD = trialMeanD.clone();
            trialEndStep = trialEndStep.clone();
            trialEndDecoderProb = trialEndDecoderProb.clone();
        }

        @Override
        public double[] trialMeanD() {
            return trialMeanD.clone();
        }

        @Override
        public int[] trialEndStep() {
            return trialEndStep.clone();
        }

        @Override
        public double[] trialEndDecoderProb() {
            return trialEndDecoderProb.clone();
        }
    }

    /**
     * Runs every analysis of the class documentation.
     *
     * @param r       the representation analysis of this session
     * @param steps   the network's per-step record (states h)
     * @param options settings
     * @param rng     source of the code-definition decoder's split
     */
    public static Result analyse(RecurrentModel model, double[] theta, TaskConfig task, StepRecord steps,
                                 TrialTable trials, ObserverTrace observer, Representation.Result r,
                                 int gridSize, Options options, RandomGenerator rng) {
        int t = steps.size();
        int h = model.config().hiddenSize();
        double[][] coords = r.planeCoordinates();
        double[][] basis = r.plane().components();
        double[] mean = r.plane().mean();
        boolean carriedIsH = model.cell().carriedSize() == h;
        double[][] carried = carriedIsH ? null : RnnAgent.carriedStates(model, theta, steps);
        // visited starts, evenly spaced in time
        int nv = Math.min(options.visitedStarts(), t);
        double[][] visited = new double[nv][];
        for (int k = 0; k < nv; k++) {
            int s = (int) ((long) k * t / nv);
            visited[k] = carriedIsH ? stateAt(steps, s, h) : carried[s].clone();
        }
        EmpiricalField.Grid grid = EmpiricalField.Grid.covering(coords, gridSize);
        List<String> names = new ArrayList<>();
        double[][] inputs = new double[r.fields().size()][];
        for (int c = 0; c < inputs.length; c++) {
            names.add(r.fields().get(c).condition());
            inputs[c] = r.fields().get(c).input();
        }
        List<EmpiricalField.Field> empirical = EmpiricalField.fromSession(model, theta, steps, carried, coords,
                r.plane(), inputs, names, grid, options.empiricalMinCount(), EmpiricalField.OBSERVATION_TOLERANCE);
        List<Condition> conditions = new ArrayList<>();
        for (int c = 0; c < inputs.length; c++) {
            Representation.Field f = r.fields().get(c);
            EmpiricalField.Field ef = empirical.get(c);
            EmpiricalField.Agreement vsModel = EmpiricalField.agreementWithModel(ef);
            EmpiricalField.Agreement vsGrid = EmpiricalField.agreementWithGrid(ef, grid, f.x(), f.y(), f.dx(), f.dy());
            FixedPoints fp = f.fixedPoints();
            if (fp == null) {
                conditions.add(new Condition(f.condition(), f.input(), null, null, null, null, null, new boolean[0], 0,
                        ef, vsModel, vsGrid));
                continue;
            }
            double[][] p2 = new double[f.x().length][];
            for (int k = 0; k < p2.length; k++) {
                p2[k] = new double[] {f.x()[k], f.y()[k]};
            }
            // grid points lifted to carried states the way the vector fields are (an LSTM's c by
            // the least-squares map of Representation.liftToCarried)
            double[][] gridStarts = carriedIsH ? r.plane().reconstruct(p2)
                    : Representation.liftToCarried(coords, carried, p2, r.plane().reconstruct(p2));
            Basins.Result gb = Basins.compute(model, theta, f.input(), fp, basis, mean, gridStarts, options.basins());
            Basins.Result vb = Basins.compute(model, theta, f.input(), fp, basis, mean, visited, options.basins());
            ApproximateLine.Result line = ApproximateLine.test(model, theta, f.input(), fp, visited, options.line());
            boolean[] codeStable = CodeDefinitions.codeStable(fp);
            LyapunovBasin.Result ly = LyapunovBasin.estimate(model, theta, f.input(), fp, gridStarts, false);
            boolean any = false;
            for (boolean b : codeStable) {
                any |= b;
            }
            LyapunovBasin.Result lyCode = any ? LyapunovBasin.estimate(model, theta, f.input(), fp, gridStarts, true)
                    : new LyapunovBasin.Result(false, "skipped as in the code: no point passes |Re lambda| < 1 "
                    + "and the 5% residual quantile", true, -1, Double.NaN, new boolean[gridStarts.length],
                    new double[gridStarts.length]);
            int distinct = 0;
            for (int l : FixedPointLines.mergeLabels(fp.states(), options.basins().mergeDistance())) {
                distinct = Math.max(distinct, l + 1);
            }
            conditions.add(new Condition(f.condition(), f.input(), gb, vb, line, ly, lyCode, codeStable, distinct, ef,
                    vsModel, vsGrid));
        }
        // trials: mean d, last step, decoder probability
        int nt = trials.size();
        int[] stepTrial = r.stepTrial();
        double[] sumD = new double[nt];
        int[] nd = new int[nt];
        int[] endStep = new int[nt];
        Arrays.fill(endStep, -1);
        for (int s = 0; s < t; s++) {
            int i = stepTrial[s];
            endStep[i] = s;
            if (steps.stepInTrial(s) >= task.blankSteps()) {
                sumD[i] += steps.input(s, 1) - steps.input(s, 0);
                nd[i]++;
            }
        }
        double[] meanD = new double[nt];
        double[] prob = new double[nt];
        LogisticRegression.Fit dec = r.decodePlane().blocked().fit();
        for (int i = 0; i < nt; i++) {
            meanD[i] = nd[i] > 0 ? sumD[i] / nd[i] : 0;
            prob[i] = endStep[i] >= 0 ? dec.predictProbability(coords[endStep[i]]) : 0.5;
        }
        int block = SingleBlock.select(trials.block(), options.exampleMinLength());
        SingleBlock.Window example = SingleBlock.window(trials, block, SingleBlock.BEFORE, SingleBlock.AFTER);
        SingleBlock.Window companion = block + 1 <= trials.blockAt(nt - 1)
                ? SingleBlock.window(trials, block + 1, SingleBlock.BEFORE, SingleBlock.AFTER) : null;
        CodeDefinitions.Result code = CodeDefinitions.compute(model, theta, steps, trials, observer, r, rng);
        return new Result(conditions, grid, example, companion, SingleBlock.codeWindow(trials), meanD, endStep, prob,
                code);
    }

    private static double[] stateAt(StepRecord steps, int s, int h) {
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            out[i] = steps.state(s, i);
        }
        return out;
    }
}
