package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.nn.Precision;
import org.iblrnn.pipeline.Comparison;
import org.iblrnn.pipeline.FullRun;
import org.iblrnn.pipeline.Presets;
import org.iblrnn.train.TrainConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn run}: train, evaluate, analyze, compare with mice and write the HTML report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything in one command: train the network (or reuse/resume the run in --out), evaluate "
                + "it beside the Bayesian agents, analyse its representations, compare with the mice when their "
                + "data are found, and write OUT/report.html. Stages already done are not recomputed."},
        footer = {"", "Examples:", "  iblrnn run                      # the paper's network, seed 1, into runs/paper",
                "  iblrnn run --cell lstm --out runs/lstm   # the same pipeline on an LSTM"})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", description = "Starting configuration. Default: paper.")
    String preset = "paper";

    @Option(names = "--steps", description = "Gradient steps (preset: 100001).")
    Long steps;

    @Option(names = "--seed", description = "Root random seed (preset: 1).")
    Long seed;

    @Option(names = "--cell", description = "Recurrent cell: rnn (tanh, the paper's), gru or lstm (preset: rnn). "
            + "Every stage runs on any cell; see README, 'Representations and mechanism', for what is analysed "
            + "for the LSTM.")
    String cell;

    @Option(names = "--hidden", description = "Hidden units (preset: 50).")
    Integer hidden;

    @Option(names = "--precision", description = "Training's forward and backward passes: float64 (preset) or "
            + "float32 (tanh RNN only, about twice as fast; every later stage runs in float64 either way).")
    String precision;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder. Default: runs/<preset>.")
    Path out;

    @Option(names = "--sweep", paramLabel = "DIR", description = "A sweep folder aggregated by iblrnn aggregate: the "
            + "report gains its 'Across networks' section (every number as mean ± sd over the sweep's networks).")
    Path sweep;

    @Option(names = "--mice", paramLabel = "PATH", description = "IBL mouse data (folder or file). Default: "
            + "../shared/data/ibl-mice-2020 when it exists.")
    Path mice;

    @Option(names = "--eval-blocks", description = "Blocks in the evaluation session used by every analysis. "
            + "Default: ${DEFAULT-VALUE} (the paper's).")
    int evalBlocks = 1000;

    @Option(names = "--threads", description = "Worker threads for training batches. Default: number of cores.")
    Integer threads;

    @Option(names = "--choice-models", paramLabel = "LIST", description = "Choice models fitted to the mice and to "
            + "this run's agents (iblrnn fit-mice): comma-separated names, 'all' or 'none'. Default: ${DEFAULT-VALUE}.")
    String choiceModels = "all";

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        TrainConfig c;
        try {
            c = Presets.train(preset);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            if (steps != null) {
                c = c.withSteps(TrainConfig.requireRunnableSteps(steps));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps: " + e.getMessage());
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        try {
            if (cell != null) {
                c = c.withModel(c.model().withCell(cell));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cell: " + e.getMessage());
        }
        try {
            if (hidden != null) {
                c = c.withModel(c.model().withHiddenSize(hidden));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            if (precision != null) {
                c = c.withPrecision(Precision.parse(precision));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--precision: " + e.getMessage());
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        }
        if (evalBlocks < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--eval-blocks must be >= 2, got " + evalBlocks);
        }
        if (mice != null && !Files.exists(mice)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mice " + mice + ": no such file or folder");
        }
        Path m = mice != null ? mice : Comparison.DEFAULT_MICE;
        Path dir = out != null ? out : Path.of("runs", preset);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        w.printf(Locale.ROOT, "iblrnn run: %s, %s, H=%d, %d steps, seed %d%s -> %s%n", preset, c.model().cell(),
                c.model().hiddenSize(), c.steps(), c.seed(),
                c.precision() == Precision.FLOAT64 ? "" : ", " + c.precision().id(), dir);
        w.flush();
        ConsoleProgress progress = new ConsoleProgress(w, spec.commandLine().getErr(), System.console() != null, false, System::nanoTime);
        if (sweep != null && !Files.exists(sweep.resolve("aggregate/summary.json"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sweep " + sweep + ": no aggregate there "
                    + "(run iblrnn aggregate --sweep " + sweep + " first)");
        }
        List<String> models;
        try {
            models = choiceModels.trim().equals("none") ? List.of() : ChoiceModels.parse(choiceModels);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--choice-models " + choiceModels + ": "
                    + e.getMessage());
        }
        FullRun.Result r = FullRun.run(dir, c, m, evalBlocks, n, progress, System::nanoTime,
                Lines.to(w, spec.commandLine().getErr()), sweep, models);
        r.stages().forEach((k, v) -> w.printf(Locale.ROOT, "  %-9s %s%n", k, v));
        w.println("report: " + r.report());
        return 0;
    }
}
