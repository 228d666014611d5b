package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.RunFolder;
import org.iblrnn.data.RunLock;
import org.iblrnn.nn.Precision;
import org.iblrnn.report.HtmlReport;
import org.iblrnn.report.RepresentationFigures;
import org.iblrnn.train.TrainConfig;

/**
 * {@code iblrnn run}: everything from nothing to the report, with the run folder as a cache.
 * Stages: train (resumed from its newest checkpoint, skipped when finished), evaluate, analyze,
 * distill, compare (when the mouse data are found), report. A stage whose summary already exists for the
 * final checkpoint is not recomputed; a failed stage leaves the earlier ones in place, and the
 * next {@code run} on the same folder continues where it stopped.
 */
public final class FullRun {
    private FullRun() {
    }

    /** What was done and where the report is. */
    public record Result(Path report, Map<String, String> stages) {
    }

    public static Result run(Path dir, TrainConfig config, Path mice, int threads, TrainingProgress progress,
                             LongSupplier nanoClock, Consumer<String> log) throws IOException {
        return run(dir, config, mice, 1000, threads, progress, nanoClock, log);
    }

    /**
     * As {@link #run(Path, TrainConfig, Path, int, TrainingProgress, LongSupplier, Consumer)} with
     * {@code blocks} blocks in the evaluation session (the paper: 1000).
     */
    public static Result run(Path dir, TrainConfig config, Path mice, int blocks, int threads,
                             TrainingProgress progress, LongSupplier nanoClock, Consumer<String> log)
            throws IOException {
        return run(dir, config, mice, blocks, threads, progress, nanoClock, log, null);
    }

    /**
     * As {@link #run(Path, TrainConfig, Path, int, int, TrainingProgress, LongSupplier, Consumer)};
     * when {@code sweep} is a sweep folder with an aggregate ({@code iblrnn aggregate}), the report
     * gains its "Across networks" section of mean ± sd tables.
     */
    public static Result run(Path dir, TrainConfig config, Path mice, int blocks, int threads,
                             TrainingProgress progress, LongSupplier nanoClock, Consumer<String> log, Path sweep)
            throws IOException {
        return run(dir, config, mice, blocks, threads, progress, nanoClock, log, sweep, ChoiceModels.NAMES);
    }

    /**
     * As {@link #run(Path, TrainConfig, Path, int, int, TrainingProgress, LongSupplier, Consumer, Path)},
     * fitting {@code choiceModels} to the mice and to this run's agents in the choice-model stage
     * ({@code iblrnn fit-mice}; an empty list skips it).
     */
    public static Result run(Path dir, TrainConfig config, Path mice, int blocks, int threads,
                             TrainingProgress progress, LongSupplier nanoClock, Consumer<String> log, Path sweep,
                             List<String> choiceModels) throws IOException {
        List<HtmlReport.SpreadTable> spread = sweep == null ? List.of() : Aggregate.readSpreadTables(sweep);
        if (blocks < 2) {
            throw new IllegalArgumentException("--eval-blocks must be >= 2, got " + blocks);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
        }
        try (RunLock lock = RunLock.acquire(dir)) {
            if (lock.removedTemporaries() > 0) {
                log.accept("removed " + lock.removedTemporaries() + " temporary file(s) left in " + dir
                        + " by an interrupted run");
            }
            return runLocked(dir, config, mice, blocks, threads, progress, nanoClock, log, spread, choiceModels);
        }
    }

    private static Result runLocked(Path dir, TrainConfig config, Path mice, int blocks, int threads,
                                    TrainingProgress progress, LongSupplier nanoClock, Consumer<String> log,
                                    List<HtmlReport.SpreadTable> spread, List<String> choiceModels)
            throws IOException {
        Map<String, String> stages = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        RunFolder folder = new RunFolder(dir);
        long t0 = nanoClock.getAsLong();
        TrainingRun training;
        if (folder.exists()) {
            training = TrainingRun.open(dir, threads, nanoClock);
            if (!training.config().equals(config)) {
                throw new IllegalArgumentException(dir + " holds a run with another configuration (see its "
                        + "config.json); choose another --out or the same options");
            }
        } else {
            training = TrainingRun.create(dir, config, threads, nanoClock);
        }
        log.accept("[1/7] train");
        training.run(progress);
        stages.put("train", "done");
        seconds.put("train", lap(nanoClock, t0));

        // a stage is reused only when its completion marker records exactly the inputs it would use now
        TrainedRun tr = TrainedRun.open(dir, log);
        long t1 = nanoClock.getAsLong();
        log.accept("[2/7] evaluate");
        Evaluation.Options eo = new Evaluation.Options(AgentCatalog.names(), blocks, 1, true);
        if (StageMarker.matches(dir.resolve("eval"), Evaluation.markerInputs(tr, dir, eo))) {
            stages.put("evaluate", "cached");
        } else {
            Evaluation.run(dir, eo, nanoClock, log);
            stages.put("evaluate", "done");
        }
        seconds.put("evaluate", lap(nanoClock, t1));

        long t2 = nanoClock.getAsLong();
        log.accept("[3/7] analyze");
        Representation.Options ro = Representation.Options.defaults();
        if (StageMarker.matches(dir.resolve("analysis"), Analysis.markerInputs(tr, dir, blocks, 1, ro,
                RepresentationFigures.Definitions.OURS))) {
            stages.put("analyze", "cached");
        } else {
            Analysis.run(dir, blocks, 1, ro, log);
            stages.put("analyze", "done");
        }
        seconds.put("analyze", lap(nanoClock, t2));

        long t25 = nanoClock.getAsLong();
        log.accept("[4/7] distill (RADD)");
        if (StageMarker.matches(dir.resolve("distill"), Distill.markerInputs(tr, dir, blocks, 1, null,
                Distill.Projection.readouts()))) {
            stages.put("distill", "cached");
        } else {
            Distill.run(dir, blocks, 1, log);
            stages.put("distill", "done");
        }
        seconds.put("distill", lap(nanoClock, t25));

        long t3 = nanoClock.getAsLong();
        log.accept("[5/7] compare with mice");
        if (mice == null || !Files.exists(mice)) {
            stages.put("compare", "skipped (no mouse data" + (mice == null ? "" : " at " + mice) + ")");
        } else if (StageMarker.matches(dir.resolve("compare"), Comparison.markerInputs(tr, dir, mice, blocks, 1))) {
            stages.put("compare", "cached");
        } else {
            Comparison.run(dir, mice, blocks, 1, log);
            stages.put("compare", "done");
        }
        seconds.put("compare", lap(nanoClock, t3));

        long t4 = nanoClock.getAsLong();
        log.accept("[6/7] fit choice models to the mice");
        stages.put("fit-mice", fitMice(dir, mice, threads, choiceModels, log));
        seconds.put("fit-mice", lap(nanoClock, t4));

        log.accept("[7/7] report");
        String html = report(dir, config, stages, seconds, blocks, spread);
        Path out = dir.resolve("report.html");
        AtomicFiles.writeString(out, html);
        stages.put("report", "done");
        return new Result(out, stages);
    }

    /**
     * The choice-model stage on the mice and this run's agents, into RUN/fit-mice/ (reused only when
     * its summary records exactly today's inputs); returns the stage's state for the report.
     */
    private static String fitMice(Path dir, Path mice, int threads, List<String> models, Consumer<String> log)
            throws IOException {
        if (mice == null || !Files.exists(mice)) {
            return "skipped (no mouse data" + (mice == null ? "" : " at " + mice) + ")";
        }
        if (models.isEmpty()) {
            return "skipped (--choice-models none)";
        }
        FitMice.Options o = new FitMice.Options(mice, models, CrossValidation.DEFAULT_FOLDS, 1, threads,
                List.of(dir), 40, 10);
        Path out = dir.resolve("fit-mice");
        if (FitMice.upToDate(out, o)) {
            return "cached";
        }
        try {
            FitMice.run(out, o, true, log);
        } catch (FitMice.NoEligibleMouse e) {
            log.accept("  " + e.getMessage());
            return "skipped (" + e.getMessage() + ")";
        }
        return "done";
    }

    private static double lap(LongSupplier clock, long start) {
        return (clock.getAsLong() - start) * 1e-9;
    }

    /** Builds the HTML from the stage outputs on disk. */
    static String report(Path dir, TrainConfig config, Map<String, String> stages, Map<String, Double> seconds,
                         int blocks, List<HtmlReport.SpreadTable> spread) throws IOException {
        List<HtmlReport.NumberRow> rows = new ArrayList<>();
        for (Headline h : Headline.read(dir)) {
            rows.add(h.row());
        }

        List<HtmlReport.Section> sections = new ArrayList<>();
        sections.add(new HtmlReport.Section("task", "Task", String.format(Locale.ROOT,
                "The IBL biased-block task as the paper's code implements it: sessions of %d blocks whose lengths "
                        + "follow %s, sides alternating; the stimulus is on the block side with probability %.2f; "
                        + "contrasts %s (observation means, unit Gaussian noise); each trial has %d blank steps and up "
                        + "to %d observation steps; the network acts when a choice probability exceeds %.2f and "
                        + "receives +1 / -1 feedback on the next step (-1 on a timeout, %.2f while waiting). "
                        + "Network: %s with %d units trained with the '%s' loss and %s (lr %g) for %d gradient steps, "
                        + "seed %d%s.", config.task().blocksPerSession(), config.task().blockLengths(),
                config.task().concordance(), config.task().contrasts(), config.task().blankSteps(),
                config.task().maxObservations(), config.task().actionThreshold(), config.task().waitReward(),
                config.model().cell(), config.model().hiddenSize(), config.loss().id(), config.optimizer().kind(),
                config.optimizer().learningRate(), config.steps(), config.seed(),
                config.precision() == Precision.FLOAT64 ? ""
                        : ", forward and backward passes in " + config.precision().id()), List.of()));
        sections.add(new HtmlReport.Section("behaviour", "Behaviour (Figs. 2-3)",
                "The trained network, the exact Bayesian actor and the Bayesian observer on one shared session "
                        + "(iblrnn evaluate).", figures(dir.resolve("eval/figures"), "")));
        sections.add(new HtmlReport.Section("representations", "Representations (Figs. 4-6)",
                "PCA, readouts, block decoding, the network's beliefs against the Bayesian observer, the effect of "
                        + "one observation (iblrnn analyze).", withoutPrefix(figures(dir.resolve("analysis/figures"),
                        ""), "fig7")));
        sections.add(new HtmlReport.Section("mechanism", "Mechanism (Fig. 7)",
                "Unit clusters and connectivity, vector fields and fixed points under the paper's six inputs "
                        + "(iblrnn analyze).", figures(dir.resolve("analysis/figures"), "fig7")));
        sections.add(new HtmlReport.Section("distillation", "Distillation (Fig. 8)",
                "RADD: the network's dynamics on its stimulus and block readouts distilled into a 2-unit tanh RNN, "
                        + "acting in closed loop (iblrnn distill), beside the traditional distillation (a 2-unit RNN "
                        + "fitted to the network's output probabilities); the task-trained 2-unit network of Fig. 8c "
                        + "joins them with iblrnn distill --two-unit-run.",
                figures(dir.resolve("distill/figures"), "")));
        sections.add(new HtmlReport.Section("mice", "Mice",
                "54 IBL mice (1.29 million trials) beside the network and the Bayesian baselines (iblrnn compare).",
                figures(dir.resolve("compare/figures"), "")));
        sections.add(new HtmlReport.Section("choice-models", "Choice models of the mice (beyond the paper)",
                FitMiceOutputs.reportText(dir.resolve("fit-mice")), inOrder(figures(dir.resolve("fit-mice/figures"),
                ""), FitMiceOutputs.FIGURE_ORDER)));
        StringBuilder rep = new StringBuilder();
        rep.append("iblrnn ").append(Version.VERSION).append(", Java ").append(System.getProperty("java.version"))
                .append(", git commit ").append(gitCommit()).append('\n');
        rep.append("seed ").append(config.seed()).append(", ").append(config.steps()).append(" gradient steps, ")
                .append("evaluation and analysis session: ").append(blocks).append(" blocks, seed 1\n");
        stages.forEach((k, v) -> rep.append(String.format(Locale.ROOT, "stage %-9s %-40s %8.1f s%n", k, v,
                seconds.getOrDefault(k, 0.0))));
        rep.append("\nconfig.json:\n").append(Files.readString(dir.resolve("config.json"), StandardCharsets.UTF_8));
        return HtmlReport.render("iblrnn: reverse-engineering RNNs on the IBL task — " + dir.getFileName(), rows,
                spread, sections, rep.toString());
    }

    /** The commit of the working folder's git checkout, or "unknown" (read from .git, no process started). */
    static String gitCommit() {
        try {
            Path git = Path.of(".git").toAbsolutePath();
            Path head = git.resolve("HEAD");
            if (!Files.exists(head)) {
                return "unknown";
            }
            String h = Files.readString(head, StandardCharsets.UTF_8).trim();
            if (h.startsWith("ref: ")) {
                Path ref = git.resolve(h.substring(5));
                if (Files.exists(ref)) {
                    return Files.readString(ref, StandardCharsets.UTF_8).trim();
                }
                Path packed = git.resolve("packed-refs");
                if (Files.exists(packed)) {
                    for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                        if (line.endsWith(" " + h.substring(5))) {
                            return line.substring(0, line.indexOf(' '));
                        }
                    }
                }
                return "unknown";
            }
            return h;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<HtmlReport.Embedded> withoutPrefix(List<HtmlReport.Embedded> figs, String prefix) {
        return figs.stream().filter(f -> !f.id().startsWith(prefix)).toList();
    }

    /** The SVG figures of a folder whose names start with {@code prefix}, paper figures first. */
    /** {@code figures} with the stems of {@code order} first, in that order. */
    private static List<HtmlReport.Embedded> inOrder(List<HtmlReport.Embedded> figures, List<String> order) {
        List<HtmlReport.Embedded> out = new ArrayList<>(figures);
        out.sort(java.util.Comparator.comparingInt((HtmlReport.Embedded e) -> {
            int i = order.indexOf(e.id());
            return i < 0 ? order.size() : i;
        }));
        return out;
    }

    private static List<HtmlReport.Embedded> figures(Path dir, String prefix) throws IOException {
        List<HtmlReport.Embedded> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.svg")) {
            ds.forEach(files::add);
        }
        // the paper's figures first, in figure order, then the others
        files.sort(java.util.Comparator.comparing((Path p) -> !p.getFileName().toString().startsWith("fig"))
                .thenComparing(p -> p.getFileName().toString()));
        for (Path p : files) {
            String stem = p.getFileName().toString().replace(".svg", "");
            out.add(new HtmlReport.Embedded(stem, stem, Files.readString(p, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
