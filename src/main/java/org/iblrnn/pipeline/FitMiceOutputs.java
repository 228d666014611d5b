package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.analysis.choice.ChoiceFit;
import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ExampleSession;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.report.ChoiceModelFigures;

/**
 * The files of the {@code fit-mice} stage, each written atomically, summary.json last (so a
 * folder with a summary.json holds complete outputs). Tables are tidy CSV, documented in
 * docs/PYTHON.md:
 * <ul>
 * <li>{@code scores.csv}: mouse, model, trials, bits_per_trial, bits_vs_chance, accuracy (held-out, folds pooled)</li>
 * <li>{@code parameters.csv}: mouse, model, fold, parameter, value</li>
 * <li>{@code fits.csv}: subject, model, fold, converged, iterations, train_log_likelihood,
 *     held_out_trials, held_out_bits_per_trial, note — every fit's convergence</li>
 * <li>{@code agent-scores.csv}, {@code agent-parameters.csv}: the same for the agents, with
 *     column {@code agent} in place of {@code mouse}</li>
 * <li>{@code example-priors.csv}: trial, model, prior_prob_right, block_prob_right, choice</li>
 * </ul>
 */
public final class FitMiceOutputs {
    private FitMiceOutputs() {
    }

    /** The stage's figures in the order the report shows them. */
    static final List<String> FIGURE_ORDER = List.of("choice-model-scores", "choice-kernel-decays",
            "choice-example-priors", "choice-glm-hmm-states");

    /** Refuses an output folder that is a file, or that already holds a result (unless {@code replace}). */
    static void checkWritable(Path out, boolean replace) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        if (Files.exists(out.resolve("summary.json")) && !replace) {
            throw new IllegalArgumentException("--out " + out + ": already holds a fit-mice result (summary.json); "
                    + "choose another folder, or pass --replace to overwrite it");
        }
    }

    static void write(FitMice.Result r) throws IOException {
        Path dir = r.dir();
        Files.createDirectories(dir);
        ModelComparison c = r.comparison();
        AtomicFiles.writeString(dir.resolve("scores.csv"), scores("mouse", c.mice()));
        AtomicFiles.writeString(dir.resolve("parameters.csv"), parameters("mouse", c.mice()));
        AtomicFiles.writeString(dir.resolve("fits.csv"), fits(c));
        if (!c.agents().isEmpty()) {
            AtomicFiles.writeString(dir.resolve("agent-scores.csv"), scores("agent", c.agents()));
            AtomicFiles.writeString(dir.resolve("agent-parameters.csv"), parameters("agent", c.agents()));
        }
        AtomicFiles.writeString(dir.resolve("example-priors.csv"), examplePriors(r.example()));
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        for (ChoiceModelFigures.Named f : ChoiceModelFigures.all(c, r.example())) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        JsonFiles.writeRecord(dir.resolve("summary.json"), r.summary());
    }

    /**
     * The inputs recorded in {@code dir/summary.json}, or null when there is no complete result
     * there (no file, another format version, not this stage's).
     */
    static JsonNode readInputs(Path dir) throws IOException {
        Path f = dir.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode n = JsonFiles.read(f);
        if (n.path("formatVersion").asInt(-1) != FitMiceSummary.FORMAT_VERSION
                || !"fit-mice".equals(n.path("stage").asText())) {
            return null;
        }
        return n.get("inputs");
    }

    /** The report's paragraph for the stage in {@code dir}, from its summary.json. */
    static String reportText(Path dir) throws IOException {
        Path f = dir.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return "Not run (no mouse data, or --choice-models none): iblrnn fit-mice fits trial-by-trial choice "
                    + "models to every mouse.";
        }
        JsonNode n = JsonFiles.read(f);
        JsonNode h = n.path("headline");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Trial-by-trial choice models fitted to "
                        + "each of %d mice by maximum likelihood and scored on held-out sessions (%d-fold "
                        + "cross-validation over whole sessions, the same folds for every model; iblrnn fit-mice). "
                        + "Best model by mean held-out log-likelihood: %s, %.4f ± %.4f bits/trial (chance -1); the "
                        + "model that wins the most mice: %s (%d mice). Median fitted action-kernel decay: %.3f. ",
                n.path("data").path("miceScored").asInt(), n.path("inputs").path("folds").asInt(),
                h.path("bestModel").asText(), h.path("bestBitsPerTrialMean").asDouble(Double.NaN),
                h.path("bestBitsPerTrialSem").asDouble(Double.NaN), h.path("mostWins").asText(),
                h.path("mostWinsMice").asInt(), h.path("actionKernelDecayMedian").asDouble(Double.NaN)));
        for (JsonNode a : n.path("agents")) {
            sb.append(String.format(Locale.ROOT, "%s: best model %s (%.4f bits/trial), action-kernel decay %.3f, "
                            + "distance of its per-model gains to the mice's %.4f bits. ", a.path("agent").asText(),
                    a.path("bestModel").asText(), a.path("bestBitsPerTrial").asDouble(Double.NaN),
                    a.path("actionKernelDecay").asDouble(Double.NaN),
                    a.path("profileDistanceToMice").asDouble(Double.NaN)));
        }
        sb.append("Tables: fit-mice/scores.csv, parameters.csv, fits.csv (docs/CHOICE-MODELS.md).");
        return sb.toString();
    }

    static String scores(String subjectColumn, List<CrossValidation.SubjectResult> subjects) {
        StringBuilder sb = new StringBuilder(subjectColumn + ",model,trials,bits_per_trial,bits_vs_chance,accuracy\n");
        for (CrossValidation.SubjectResult r : subjects) {
            for (CrossValidation.ModelScore s : r.scores()) {
                sb.append(csv(r.subject())).append(',').append(s.model()).append(',').append(s.trials()).append(',')
                        .append(num(s.bitsPerTrial())).append(',').append(num(s.bitsVsChance())).append(',')
                        .append(num(s.accuracy())).append('\n');
            }
        }
        return sb.toString();
    }

    static String parameters(String subjectColumn, List<CrossValidation.SubjectResult> subjects) {
        StringBuilder sb = new StringBuilder(subjectColumn + ",model,fold,parameter,value\n");
        for (CrossValidation.SubjectResult r : subjects) {
            for (CrossValidation.ModelScore s : r.scores()) {
                for (CrossValidation.FoldScore f : s.folds()) {
                    ChoiceFit fit = f.fit();
                    double[] v = fit.values();
                    for (int p = 0; p < v.length; p++) {
                        sb.append(csv(r.subject())).append(',').append(s.model()).append(',').append(f.fold())
                                .append(',').append(fit.names().get(p)).append(',').append(num(v[p])).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    static String fits(ModelComparison c) {
        StringBuilder sb = new StringBuilder("subject,model,fold,converged,iterations,train_log_likelihood,"
                + "held_out_trials,held_out_bits_per_trial,note\n");
        for (List<CrossValidation.SubjectResult> group : List.of(c.mice(), c.agents())) {
            for (CrossValidation.SubjectResult r : group) {
                for (CrossValidation.ModelScore s : r.scores()) {
                    for (CrossValidation.FoldScore f : s.folds()) {
                        double bits = f.heldOutTrials() == 0 ? Double.NaN
                                : f.heldOutLogLik() / f.heldOutTrials() / Math.log(2);
                        sb.append(csv(r.subject())).append(',').append(s.model()).append(',').append(f.fold())
                                .append(',').append(f.fit().converged()).append(',').append(f.fit().iterations())
                                .append(',').append(num(f.fit().trainLogLikelihood())).append(',')
                                .append(f.heldOutTrials()).append(',').append(num(bits)).append(',')
                                .append(csv(f.fit().note())).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    static String examplePriors(ExampleSession e) {
        StringBuilder sb = new StringBuilder("trial,model,prior_prob_right,block_prob_right,choice\n");
        double[] block = e.blockProbRight();
        int[] choice = e.choice();
        for (Map.Entry<String, double[]> m : e.priors().entrySet()) {
            double[] p = m.getValue();
            for (int t = 0; t < p.length; t++) {
                sb.append(t).append(',').append(m.getKey()).append(',').append(num(p[t])).append(',')
                        .append(num(block[t])).append(',').append(choice[t]).append('\n');
            }
        }
        return sb.toString();
    }

    /** Shortest round-trip decimal; empty for NaN (pandas reads it as NaN). */
    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
