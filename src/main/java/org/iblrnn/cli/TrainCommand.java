package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.iblrnn.data.RunFolder;
import org.iblrnn.data.RunLock;
import org.iblrnn.nn.Loss;
import org.iblrnn.nn.Precision;
import org.iblrnn.pipeline.Presets;
import org.iblrnn.pipeline.TrainingRun;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.train.OptimizerConfig;
import org.iblrnn.train.TrainConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn train}: train a network on the IBL task, or resume a run. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a recurrent network on the IBL biased-block task (or resume a run): a tanh RNN "
                + "(the paper's), a GRU or an LSTM (--cell).",
                "Writes config.json, metrics.csv and checkpoints/ (every --checkpoint-every steps, .npz with "
                        + "PyTorch names + .json) into the run folder."},
        footer = {"", "Examples:",
                "  iblrnn train --preset paper --steps 100001 --seed 1 --out runs/paper",
                "  iblrnn train --cell gru --out runs/gru",
                "  iblrnn train --resume runs/paper"})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", description = "Starting configuration: ${COMPLETION-CANDIDATES} (ibl-mouse: 90 "
            + "unbiased trials, truncated-exponential blocks, the mouse contrasts). Default: paper.",
            completionCandidates = PresetNames.class)
    String preset = "paper";

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder. Default: runs/<preset>. When it "
            + "already holds a run of the same configuration, training continues it from its newest checkpoint.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its newest valid checkpoint (its config.json fixes every "
                    + "other option except --threads).")
    Path resume;

    @Option(names = "--steps", description = "Gradient steps (preset: 100001).")
    Long steps;

    @Option(names = "--seed", description = "Root random seed (preset: 1).")
    Long seed;

    @Option(names = "--cell", description = "Recurrent cell: rnn (tanh, the paper's), gru or lstm, each with "
            + "PyTorch's equations and parameter names (preset: rnn).")
    String cell;

    @Option(names = "--hidden", description = "Hidden units (preset: 50).")
    Integer hidden;

    @Option(names = "--batch", description = "Sessions per gradient step (preset: 1).")
    Integer batch;

    @Option(names = "--loss", description = "prob (minus p(correct), the paper's code) or ce (cross-entropy, the "
            + "paper's text). Preset: prob.")
    String loss;

    @Option(names = "--optimizer", description = "sgd or adam (preset: sgd).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (preset: 1e-3).")
    Double lr;

    @Option(names = "--momentum", description = "SGD momentum (preset: 0.1).")
    Double momentum;

    @Option(names = "--clip-norm", description = "Clip the gradient's global norm to this; 0 = off (preset: 0).")
    Double clipNorm;

    @Option(names = "--precision", description = "Arithmetic of the forward and backward passes: float64 (every "
            + "cell) or float32 (PyTorch's dtype; tanh RNN only; about twice as fast; parameters, optimiser and "
            + "checkpoints stay float64). Preset: float64.")
    String precision;

    @Option(names = "--blocks-per-session", description = "Blocks per training session (preset: 4).")
    Integer blocks;

    @Option(names = "--block-lengths", description = "truncated-geometric (the paper's code), hazard (the "
            + "paper's text) or truncated-exponential (the IBL rig). Preset: truncated-geometric.")
    String blockLengths;

    @Option(names = "--block-min", description = "Shortest block in trials (preset: 20).")
    Integer blockMin;

    @Option(names = "--block-max", description = "Longest block in trials (preset: 100).")
    Integer blockMax;

    @Option(names = "--block-p", description = "Block-length geometric / hazard probability (preset: 0.02).")
    Double blockP;

    @Option(names = "--concordance", description = "P(stimulus on the block side) (preset: 0.8).")
    Double concordance;

    @Option(names = "--metrics-every", description = "Gradient steps per metrics row (preset: 100).")
    Integer metricsEvery;

    @Option(names = "--checkpoint-every", description = "Gradient steps between checkpoints (preset: 5000).")
    Integer checkpointEvery;

    @Option(names = "--threads", description = "Worker threads for the sessions of a batch; results do not "
            + "depend on it. Default: number of cores.")
    Integer threads;

    @Option(names = "--start-over", description = "With --resume (or an existing --out): when the run's checkpoints "
            + "all fail to read back (truncated, wrong shapes, hash mismatch, a newer format), train it again from "
            + "step 0, moving them and metrics.csv to DIR/rejected-checkpoints/. Without it such a run is refused "
            + "and left untouched.")
    boolean startOver;

    @Option(names = "--quiet", description = "Print only the final summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + nThreads);
        }
        TrainConfig cfg = null;
        Path dir;
        if (resume != null) {
            List<String> clash = configOptionsGiven();
            if (out != null) {
                clash.add("--out");
            }
            if (!clash.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.join(", ", clash)
                        + " cannot be combined with --resume (the run's config.json fixes them)");
            }
            if (!Files.isDirectory(resume)) {
                throw new IllegalArgumentException("--resume " + resume + ": no such folder");
            }
            dir = resume;
        } else {
            cfg = buildConfig();
            dir = out != null ? out : Path.of("runs", preset);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
            }
        }
        try (RunLock lock = RunLock.acquire(dir)) {
            if (lock.removedTemporaries() > 0) {
                spec.commandLine().getErr().println("iblrnn train: removed " + lock.removedTemporaries()
                        + " temporary file(s) left in " + dir + " by an interrupted run");
                spec.commandLine().getErr().flush();
            }
            return train(dir, cfg, nThreads, outw);
        }
    }

    private int train(Path dir, TrainConfig cfg, int nThreads, PrintWriter outw) throws Exception {
        TrainingRun run;
        if (cfg == null) {
            run = TrainingRun.open(dir, nThreads, System::nanoTime);
        } else if (new RunFolder(dir).exists()) {
            // the same command again continues the run (what a sweep or a re-submitted job does)
            run = TrainingRun.open(dir, nThreads, System::nanoTime);
            if (!run.config().equals(cfg)) {
                throw new IllegalArgumentException(dir + " holds a run with another configuration (see its "
                        + "config.json); choose another --out, or --resume " + dir + " to continue it");
            }
        } else {
            run = TrainingRun.create(dir, cfg, nThreads, System::nanoTime);
        }
        run.startOver(startOver);
        TrainConfig c = run.config();
        if (!quiet) {
            outw.printf("iblrnn train: %s, H=%d, loss %s, %s lr %g, batch %d, %d steps, seed %d%s -> %s%n",
                    c.model().cell(), c.model().hiddenSize(), c.loss().id(), c.optimizer().kind(),
                    c.optimizer().learningRate(), c.batchSize(), c.steps(), c.seed(),
                    c.precision() == Precision.FLOAT64 ? "" : ", " + c.precision().id(), run.folder().dir());
            outw.flush();
        }
        ConsoleProgress progress = new ConsoleProgress(outw, spec.commandLine().getErr(), System.console() != null, quiet, System::nanoTime);
        run.run(progress);
        return 0;
    }

    private List<String> configOptionsGiven() {
        List<String> given = new ArrayList<>();
        Object[][] opts = {{steps, "--steps"}, {seed, "--seed"}, {cell, "--cell"}, {hidden, "--hidden"},
                {batch, "--batch"},
                {loss, "--loss"}, {optimizer, "--optimizer"}, {lr, "--lr"}, {momentum, "--momentum"},
                {clipNorm, "--clip-norm"}, {precision, "--precision"}, {blocks, "--blocks-per-session"}, {blockLengths, "--block-lengths"},
                {blockMin, "--block-min"}, {blockMax, "--block-max"}, {blockP, "--block-p"},
                {concordance, "--concordance"},
                {metricsEvery, "--metrics-every"}, {checkpointEvery, "--checkpoint-every"}};
        for (Object[] o : opts) {
            if (o[0] != null) {
                given.add((String) o[1]);
            }
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
            given.add("--preset");
        }
        return given;
    }

    /** The preset with the given options applied; each bad value is reported with its option. */
    TrainConfig buildConfig() {
        TrainConfig c = Presets.train(preset);
        try {
            if (steps != null) {
                c = c.withSteps(TrainConfig.requireRunnableSteps(steps));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--steps", e);
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        try {
            if (cell != null) {
                c = c.withModel(c.model().withCell(cell));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--cell", e);
        }
        try {
            if (hidden != null) {
                c = c.withModel(c.model().withHiddenSize(hidden));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--hidden", e);
        }
        try {
            if (batch != null) {
                c = c.withBatchSize(batch);
            }
        } catch (IllegalArgumentException e) {
            throw bad("--batch", e);
        }
        try {
            if (loss != null) {
                c = c.withLoss(Loss.parse(loss));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--loss", e);
        }
        try {
            OptimizerConfig o = optimizer != null ? OptimizerConfig.defaults(optimizer) : c.optimizer();
            c = c.withOptimizer(o);
        } catch (IllegalArgumentException e) {
            throw bad("--optimizer", e);
        }
        try {
            if (lr != null) {
                c = c.withOptimizer(c.optimizer().withLearningRate(lr));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--lr", e);
        }
        try {
            if (momentum != null) {
                c = c.withOptimizer(c.optimizer().withMomentum(momentum));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--momentum", e);
        }
        try {
            if (clipNorm != null) {
                c = c.withClipNorm(clipNorm);
            }
        } catch (IllegalArgumentException e) {
            throw bad("--clip-norm", e);
        }
        try {
            if (precision != null) {
                c = c.withPrecision(Precision.parse(precision));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--precision", e);
        }
        try {
            if (blocks != null) {
                c = c.withTask(c.task().withBlocksPerSession(blocks));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--blocks-per-session", e);
        }
        if (blockLengths != null || blockMin != null || blockMax != null || blockP != null) {
            String opts = (blockLengths != null ? "--block-lengths " : "") + (blockMin != null ? "--block-min " : "")
                    + (blockMax != null ? "--block-max " : "") + (blockP != null ? "--block-p " : "");
            try {
                c = c.withTask(c.task().withBlockLengths(blockLaw(c.task().blockLengths())));
            } catch (IllegalArgumentException e) {
                throw bad(opts.trim().replace(" ", "/"), e);
            }
        }
        try {
            if (concordance != null) {
                c = c.withTask(c.task().withConcordance(concordance));
            }
        } catch (IllegalArgumentException e) {
            throw bad("--concordance", e);
        }
        try {
            c = c.withIntervals(metricsEvery != null ? metricsEvery : c.metricsEvery(),
                    checkpointEvery != null ? checkpointEvery : c.checkpointEvery());
        } catch (IllegalArgumentException e) {
            throw bad(metricsEvery != null && metricsEvery <= 0 ? "--metrics-every" : "--checkpoint-every", e);
        }
        return c;
    }

    /**
     * The block-length law after --block-lengths/--block-min/--block-max/--block-p: the named law
     * (or the current one) with the given values; --block-p is the geometric / hazard probability,
     * or 1/mean for the truncated exponential.
     */
    private BlockLengths blockLaw(BlockLengths cur) {
        int min = blockMin != null ? blockMin : cur.minLength();
        String law;
        double p;
        int max;
        if (cur instanceof BlockLengths.Hazard h) {
            law = "hazard";
            p = h.p();
            max = h.maxTrials();
        } else if (cur instanceof BlockLengths.TruncatedExponential e) {
            law = "truncated-exponential";
            p = 1.0 / e.meanTrials();
            max = e.maxTrials();
        } else {
            BlockLengths.TruncatedGeometric g = (BlockLengths.TruncatedGeometric) cur;
            law = "truncated-geometric";
            p = g.p();
            max = g.maxTrials();
        }
        law = blockLengths != null ? blockLengths : law;
        p = blockP != null ? blockP : p;
        max = blockMax != null ? blockMax : max;
        return switch (law) {
            case "truncated-geometric" -> new BlockLengths.TruncatedGeometric(p, min, max);
            case "hazard" -> new BlockLengths.Hazard(p, min, max);
            case "truncated-exponential" -> {
                if (!(p > 0)) {
                    throw new IllegalArgumentException("block-length probability must be > 0, got " + p);
                }
                yield new BlockLengths.TruncatedExponential(1.0 / p, min, max);
            }
            default -> throw new IllegalArgumentException("must be truncated-geometric, hazard or "
                    + "truncated-exponential, got " + law);
        };
    }

    private CommandLine.ParameterException bad(String option, IllegalArgumentException e) {
        return new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }

    /** Completion candidates for --preset. */
    static final class PresetNames extends ArrayList<String> {
        PresetNames() {
            super(Presets.names());
        }
    }
}
