package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every model's held-out scores across subjects, as the report states them: per model the mean
 * ± SEM across mice (each mouse weighs the same, however many trials it has) of bits/trial, of
 * bits/trial above the psychometric model and of accuracy, how many mice it wins, and the median
 * of each fitted parameter across mice; and the same scores for the agents (the task-trained
 * network, the Bayesian agents), fitted through the identical pipeline.
 *
 * @param models    the models, in table order
 * @param mice      one cross-validation result per mouse scored
 * @param excluded  mice left out, each with the reason (never silently)
 * @param agents    the agents' results, labelled "preset/agent"
 * @param summary   one row per model, over the mice
 * @param parameters per model and parameter, the spread across mice of the per-mouse fold mean (not
 *                   for a network's single weights, named with indices, which have no common meaning across mice)
 */
public record ModelComparison(List<String> models, List<CrossValidation.SubjectResult> mice, List<Excluded> excluded,
                              List<CrossValidation.SubjectResult> agents, List<ModelSummary> summary,
                              List<ParameterSummary> parameters) {
    public ModelComparison {
        models = List.copyOf(models);
        mice = List.copyOf(mice);
        excluded = List.copyOf(excluded);
        agents = List.copyOf(agents);
        summary = List.copyOf(summary);
        parameters = List.copyOf(parameters);
    }

    /** Models that are not candidates for "best model of the mouse" (they use what a mouse cannot know). */
    public static final List<String> REFERENCES = List.of(OracleBlock.NAME);

    /** A mouse left out, and why. */
    public record Excluded(String subject, String reason) {
    }

    /**
     * One model over the mice.
     *
     * @param model                  the model
     * @param mice                   mice scored
     * @param bitsPerTrialMean       mean over mice of held-out bits/trial
     * @param bitsPerTrialSem        its standard error (sd / sqrt(mice))
     * @param bitsVsChanceMean       mean of bits/trial + 1
     * @param bitsVsReferenceMean    mean over mice of (bits/trial - the psychometric model's), NaN without it
     * @param bitsVsReferenceSem     its standard error
     * @param accuracyMean           mean held-out accuracy
     * @param accuracySem            its standard error
     * @param wins                   mice for which this model has the highest bits/trial among the candidates
     *                               (every model but {@link #REFERENCES}); 0 for a reference
     * @param nonConvergedFits       (mouse, fold) fits that did not converge
     */
    public record ModelSummary(String model, int mice, double bitsPerTrialMean, double bitsPerTrialSem,
                               double bitsVsChanceMean, double bitsVsReferenceMean, double bitsVsReferenceSem,
                               double accuracyMean, double accuracySem, int wins, int nonConvergedFits) {
    }

    /** The spread across mice of one fitted parameter (each mouse: the mean over its folds). */
    public record ParameterSummary(String model, String parameter, int mice, double median, double q25, double q75) {
    }

    /** Builds the comparison from per-subject results (each holding every model in {@code models}). */
    public static ModelComparison of(List<String> models, List<CrossValidation.SubjectResult> mice,
                                     List<Excluded> excluded, List<CrossValidation.SubjectResult> agents) {
        List<ModelSummary> summary = new ArrayList<>();
        int[] wins = wins(models, mice);
        for (int i = 0; i < models.size(); i++) {
            String m = models.get(i);
            int n = mice.size();
            double[] bits = new double[n];
            double[] rel = new double[n];
            double[] acc = new double[n];
            int nonConverged = 0;
            for (int k = 0; k < n; k++) {
                CrossValidation.ModelScore s = mice.get(k).score(m);
                bits[k] = s.bitsPerTrial();
                acc[k] = s.accuracy();
                rel[k] = models.contains(ChoiceModels.REFERENCE)
                        ? s.bitsPerTrial() - mice.get(k).score(ChoiceModels.REFERENCE).bitsPerTrial() : Double.NaN;
                for (CrossValidation.FoldScore f : s.folds()) {
                    if (!f.fit().converged()) {
                        nonConverged++;
                    }
                }
            }
            summary.add(new ModelSummary(m, n, mean(bits), sem(bits), mean(bits) + 1, mean(rel), sem(rel), mean(acc),
                    sem(acc), wins[i], nonConverged));
        }
        return new ModelComparison(models, mice, excluded, agents, summary, parameters(models, mice));
    }

    /** The summary row of {@code model}. */
    public ModelSummary summaryOf(String model) {
        for (ModelSummary s : summary) {
            if (s.model().equals(model)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no summary for model " + model);
    }

    /** The candidate model with the most wins (ties: the earlier in table order). */
    public String mostWins() {
        ModelSummary best = null;
        for (ModelSummary s : summary) {
            if (!REFERENCES.contains(s.model()) && (best == null || s.wins() > best.wins())) {
                best = s;
            }
        }
        return best == null ? null : best.model();
    }

    private static int[] wins(List<String> models, List<CrossValidation.SubjectResult> mice) {
        int[] wins = new int[models.size()];
        for (CrossValidation.SubjectResult r : mice) {
            int best = -1;
            double bestBits = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < models.size(); i++) {
                if (REFERENCES.contains(models.get(i))) {
                    continue;
                }
                double b = r.score(models.get(i)).bitsPerTrial();
                if (b > bestBits) {
                    bestBits = b;
                    best = i;
                }
            }
            if (best >= 0) {
                wins[best]++;
            }
        }
        return wins;
    }

    private static List<ParameterSummary> parameters(List<String> models, List<CrossValidation.SubjectResult> mice) {
        List<ParameterSummary> out = new ArrayList<>();
        if (mice.isEmpty()) {
            return out;
        }
        for (String m : models) {
            List<String> names = mice.get(0).score(m).folds().get(0).fit().names();
            for (int p = 0; p < names.size(); p++) {
                if (names.get(p).contains("[")) {
                    continue; // a network's single weights: hidden units can be permuted, a median across mice means nothing
                }
                double[] perMouse = new double[mice.size()];
                for (int k = 0; k < mice.size(); k++) {
                    perMouse[k] = foldMean(mice.get(k).score(m), p);
                }
                Arrays.sort(perMouse);
                out.add(new ParameterSummary(m, names.get(p), perMouse.length, quantile(perMouse, 0.5),
                        quantile(perMouse, 0.25), quantile(perMouse, 0.75)));
            }
        }
        return out;
    }

    /** Mean over folds of parameter {@code p} of one subject's model. */
    public static double foldMean(CrossValidation.ModelScore s, int p) {
        double sum = 0;
        for (CrossValidation.FoldScore f : s.folds()) {
            sum += f.fit().values()[p];
        }
        return sum / s.folds().size();
    }

    /** Mean over folds of the parameter called {@code name}. */
    public static double foldMean(CrossValidation.ModelScore s, String name) {
        return foldMean(s, s.folds().get(0).fit().names().indexOf(name));
    }

    /** Linear-interpolation quantile of sorted values (NaN for none). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Standard error of the mean: sample sd / sqrt(n); NaN for n &lt; 2. */
    static double sem(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
