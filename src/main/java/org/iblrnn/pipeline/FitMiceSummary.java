package org.iblrnn.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ExampleSession;
import org.iblrnn.analysis.choice.ExponentialKernel;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.analysis.choice.Psychometric;
import org.iblrnn.data.MouseData;

/**
 * The typed content of {@code fit-mice/summary.json} (written by Jackson; read back by
 * {@link FitMiceOutputs#readInputs} for the stage cache of {@code iblrnn run}).
 *
 * @param formatVersion    {@link #FORMAT_VERSION}
 * @param stage            "fit-mice"
 * @param inputs           what the outputs were made from
 * @param data             the mice's trial counts and how no-response trials are treated
 * @param models           per model, across mice: mean ± SEM bits/trial, relative to the psychometric
 *                         model, accuracy, wins, non-converged fits
 * @param parameters       per model and parameter: median and quartiles across mice
 * @param excluded         mice left out, with the reason
 * @param nonConverged     every (subject, model, fold) fit that did not converge
 * @param agents           per agent: its best model, kernels and distance to the mice's profile
 * @param headline         the numbers the report states
 * @param example          the subject and session of the example figures
 */
public record FitMiceSummary(int formatVersion, String stage, Inputs inputs, Data data,
                             List<ModelComparison.ModelSummary> models, List<ModelComparison.ParameterSummary> parameters,
                             List<ModelComparison.Excluded> excluded, List<NonConverged> nonConverged,
                             List<AgentSummary> agents, Headline headline, Example example) {

    /** Version of this file's layout; a reader refuses another. */
    public static final int FORMAT_VERSION = 1;

    /** What the outputs were made from. */
    public record Inputs(String mice, String miceSha256, List<String> models, int folds, long seed,
                         List<RunInput> runs, int agentSessions, int agentBlocks, String toolkitVersion,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<String> only) {
        /** {@code only}: the mice selected by {@code --only} (empty for all; written only when not empty). */
        public Inputs {
            only = only == null ? List.of() : List.copyOf(only);
        }
    }

    /** A trained run whose agents were fitted, and the checkpoint used. */
    public record RunInput(String run, String checkpoint, long completedSteps) {
    }

    /**
     * The mice's data.
     *
     * @param mice             mice loaded
     * @param miceScored       mice scored (the rest are in {@code excluded})
     * @param trials           trials loaded
     * @param noResponseTrials trials without a response
     * @param skippedRows      rows the loader skipped (see compare's load report)
     * @param noResponses      how they are treated
     */
    public record Data(int mice, int miceScored, long trials, long noResponseTrials, long skippedRows,
                       String noResponses) {
    }

    /** A fit that did not converge, named. */
    public record NonConverged(String subject, String model, int fold, int iterations, String note) {
    }

    /**
     * One agent through the same pipeline.
     *
     * @param agent                 "run/agent"
     * @param trials                responded trials scored
     * @param bestModel             its best candidate model by held-out bits/trial
     * @param bestBitsPerTrial      that model's bits/trial
     * @param psychometricBits      the psychometric model's bits/trial
     * @param actionKernelDecay     fitted action-kernel decay (fold mean), NaN without the model
     * @param stimulusKernelDecay   fitted stimulus-kernel decay (fold mean), NaN without the model
     * @param profileDistanceToMice Euclidean distance between its vector of per-model gains over the
     *                              psychometric model (bits/trial, candidate models) and the mice's mean vector
     */
    public record AgentSummary(String agent, int trials, String bestModel, double bestBitsPerTrial,
                               double psychometricBits, double actionKernelDecay, double stimulusKernelDecay,
                               double profileDistanceToMice) {
    }

    /**
     * The numbers the report states.
     *
     * @param bestModel               the candidate model with the highest mean bits/trial across mice
     * @param bestBitsPerTrialMean    its mean
     * @param bestBitsPerTrialSem     its SEM
     * @param mostWins                the candidate model that wins the most mice
     * @param mostWinsMice            how many
     * @param actionKernelDecayMedian median over mice of the fitted action-kernel decay (NaN without it)
     */
    public record Headline(String bestModel, double bestBitsPerTrialMean, double bestBitsPerTrialSem, String mostWins,
                           int mostWinsMice, double actionKernelDecayMedian) {
    }

    /** The example figures' subject and session. */
    public record Example(String subject, int session, String glmHmm) {
    }

    /** No-response trials: what every model does with them. */
    public static final String NO_RESPONSES = "no-response trials are excluded from every likelihood and accuracy; "
            + "the action kernel and the history GLM carry no choice from them (previous choice 0, prior unchanged), "
            + "the stimulus kernel and the Bayesian priors still see their true side, the GLM-HMM's chain steps "
            + "through them without an emission";

    static FitMiceSummary of(ModelComparison c, MouseData md, Inputs inputs, ExampleSession example) {
        long noResponses = 0;
        for (int i = 0; i < md.pooled().size(); i++) {
            if (!md.pooled().responded(i)) {
                noResponses++;
            }
        }
        Data data = new Data(md.mice().size(), c.mice().size(), md.trials(), noResponses,
                md.report().totalSkippedRows(), NO_RESPONSES);
        List<NonConverged> nc = new ArrayList<>();
        List<CrossValidation.SubjectResult> subjects = new ArrayList<>(c.mice());
        subjects.addAll(c.agents());
        for (CrossValidation.SubjectResult r : subjects) {
            for (CrossValidation.ModelScore s : r.scores()) {
                for (CrossValidation.FoldScore f : s.folds()) {
                    if (!f.fit().converged()) {
                        nc.add(new NonConverged(r.subject(), s.model(), f.fold(), f.fit().iterations(), f.fit().note()));
                    }
                }
            }
        }
        return new FitMiceSummary(FORMAT_VERSION, "fit-mice", inputs, data, c.summary(), c.parameters(), c.excluded(),
                nc, agents(c), headline(c), new Example(example.subject(), example.session(), example.glmHmm()));
    }

    private static Headline headline(ModelComparison c) {
        ModelComparison.ModelSummary best = null;
        for (ModelComparison.ModelSummary s : c.summary()) {
            if (!ModelComparison.REFERENCES.contains(s.model())
                    && (best == null || s.bitsPerTrialMean() > best.bitsPerTrialMean())) {
                best = s;
            }
        }
        String most = c.mostWins();
        double decay = Double.NaN;
        for (ModelComparison.ParameterSummary p : c.parameters()) {
            if (p.model().equals(ExponentialKernel.ACTION) && p.parameter().equals("decay")) {
                decay = p.median();
            }
        }
        return new Headline(best == null ? null : best.model(), best == null ? Double.NaN : best.bitsPerTrialMean(),
                best == null ? Double.NaN : best.bitsPerTrialSem(), most,
                most == null ? 0 : c.summaryOf(most).wins(), decay);
    }

    private static List<AgentSummary> agents(ModelComparison c) {
        List<String> candidates = c.models().stream().filter(m -> !ModelComparison.REFERENCES.contains(m)).toList();
        boolean relative = c.models().contains(Psychometric.NAME);
        double[] miceProfile = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            miceProfile[i] = relative ? c.summaryOf(candidates.get(i)).bitsVsReferenceMean()
                    : c.summaryOf(candidates.get(i)).bitsPerTrialMean();
        }
        List<AgentSummary> out = new ArrayList<>();
        for (CrossValidation.SubjectResult r : c.agents()) {
            String best = null;
            double bestBits = Double.NEGATIVE_INFINITY;
            double distance = 0;
            double psy = relative ? r.score(Psychometric.NAME).bitsPerTrial() : 0;
            for (int i = 0; i < candidates.size(); i++) {
                double b = r.score(candidates.get(i)).bitsPerTrial();
                if (b > bestBits) {
                    bestBits = b;
                    best = candidates.get(i);
                }
                double d = (b - psy) - miceProfile[i];
                distance += d * d;
            }
            int trials = r.scores().isEmpty() ? 0 : r.scores().get(0).trials();
            out.add(new AgentSummary(r.subject(), trials, best, bestBits, relative ? psy : Double.NaN,
                    decay(r, ExponentialKernel.ACTION), decay(r, ExponentialKernel.STIMULUS), Math.sqrt(distance)));
        }
        return out;
    }

    private static double decay(CrossValidation.SubjectResult r, String model) {
        for (CrossValidation.ModelScore s : r.scores()) {
            if (s.model().equals(model)) {
                return ModelComparison.foldMean(s, "decay");
            }
        }
        return Double.NaN;
    }
}
