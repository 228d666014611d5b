package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.pipeline.Comparison;
import org.iblrnn.pipeline.FitMice;
import org.iblrnn.pipeline.FitMiceParts;
import org.iblrnn.pipeline.FitMiceSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn fit-mice}: trial-by-trial choice models fitted to every mouse, cross-validated. */
@Command(name = "fit-mice", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit trial-by-trial choice models to every mouse's choices and score them on held-out "
                + "sessions (folds of whole sessions, the same for every model): bits/trial and accuracy per "
                + "mouse and model, across-mouse means, wins and fitted parameters; with --run, the network and "
                + "the Bayesian agents of a trained run through the identical pipeline. Writes OUT/ (scores.csv, "
                + "parameters.csv, fits.csv, summary.json, figures/).",
            "", "One mouse per process (e.g. a SLURM array task): fit-mice --only MOUSE --parts --out SHARED for "
                + "each mouse, then fit-mice --collect --out SHARED (docs/CHOICE-MODELS.md).",
            "", "Models: " + "psychometric, oracle-block, action-kernel, stimulus-kernel, bayes-prior, "
                + "bayes-prior-fitted, history-glm, glm-hmm-1, glm-hmm-2, glm-hmm-3, glm-hmm-4 (docs/CHOICE-MODELS.md).",
            "Tiny RNNs, named one by one (not in 'all'): rnn-N, gru-N with N = 1..16 hidden units, e.g. rnn-1,rnn-2,gru-2; rnn-best, gru-best pick N by nested validation."})
public final class FitMiceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mice", paramLabel = "PATH", description = "IBL CSV export: a folder of *.csv(.gz) or one "
            + "file. Default: ../shared/data/ibl-mice-2020.")
    Path mice = Comparison.DEFAULT_MICE;

    @Option(names = "--models", paramLabel = "LIST", description = "Comma-separated model names, or 'all'. "
            + "Default: ${DEFAULT-VALUE}.")
    String models = "all";

    @Option(names = "--folds", description = "Folds of whole sessions per subject. Default: ${DEFAULT-VALUE}.")
    int folds = CrossValidation.DEFAULT_FOLDS;

    @Option(names = "--seed", description = "Seed of the folds, the fits' initialisations and the agents' "
            + "sessions. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--threads", description = "Subjects fitted in parallel. Default: the number of cores.")
    Integer threads;

    @Option(names = "--run", paramLabel = "DIR", description = "A trained run whose network and Bayesian agents "
            + "(" + "rnn, actor, actor-semi-markov, block-blind" + ") are fitted too, on sessions of the run's own "
            + "task; repeat for several runs (e.g. a paper and an ibl-mouse run).")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--agent-sessions", description = "Sessions per agent. Default: ${DEFAULT-VALUE}.")
    int agentSessions = 40;

    @Option(names = "--agent-blocks", description = "Biased blocks per agent session. Default: ${DEFAULT-VALUE}.")
    int agentBlocks = 10;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("runs", "fit-mice");

    @Option(names = "--replace", description = "Overwrite a previous result in --out (refused otherwise).")
    boolean replace;

    @Option(names = "--only", paramLabel = "MICE", split = ",", description = "Fit only these mice (comma-separated "
            + "names as in the data, e.g. KS014 for KS014.csv).")
    List<String> only = new ArrayList<>();

    @Option(names = "--parts", description = "Write one partial result per mouse, OUT/parts/MOUSE.json, instead of "
            + "the outputs (a re-run overwrites that mouse's part); for one mouse per SLURM array task "
            + "(docs/CHOICE-MODELS.md). Not with --run.")
    boolean parts;

    @Option(names = "--collect", description = "Gather OUT/parts/*.json (same options, every mouse present) into "
            + "the outputs of a single-process run; the parts' options are used (--mice only where the same files "
            + "moved); the example mouse is refitted for the example figures.")
    boolean collect;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (collect) {
            return collect(out);
        }
        for (String m : only) {
            if (m.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only: empty mouse name in '"
                        + String.join(",", only) + "'");
            }
        }
        if (parts && !runs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--run: not with --parts (agents are fitted "
                    + "only in one process; run fit-mice --run on its own)");
        }
        FitMice.Options o;
        try {
            o = new FitMice.Options(mice, ChoiceModels.parse(models), folds, seed,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, runs, agentSessions,
                    agentBlocks);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(),
                    msg.startsWith("--") ? msg : "--models " + models + ": " + msg);
        }
        if (!parts) {
            FitMice.checkOutput(this.out, replace); // before any output line
        }
        out.printf(Locale.ROOT, "iblrnn fit-mice: %s -> %s%s%n", mice, this.out, parts ? "/parts" : "");
        out.flush();
        if (parts) {
            List<Path> written = FitMice.runParts(this.out, o, List.copyOf(only), log(out));
            for (Path p : written) {
                out.println("wrote " + p);
            }
            return 0;
        }
        FitMice.Result r = FitMice.run(this.out, o, List.copyOf(only), replace, log(out));
        print(out, r);
        return 0;
    }

    private static java.util.function.Consumer<String> log(PrintWriter out) {
        return l -> {
            out.println(l);
            out.flush();
        };
    }

    /** {@code --collect}: the parts' own options are used; options that would contradict them are refused. */
    private Integer collect(PrintWriter out) throws Exception {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        for (String name : List.of("--only", "--parts", "--run", "--models", "--folds", "--seed", "--agent-sessions",
                "--agent-blocks")) {
            if (pr.hasMatchedOption(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), name + ": not with --collect (the parts "
                        + "record the options they were made with)");
            }
        }
        out.printf(Locale.ROOT, "iblrnn fit-mice --collect: %s -> %s%n", FitMiceParts.dir(this.out), this.out);
        out.flush();
        FitMice.Result r = FitMice.collect(this.out, pr.hasMatchedOption("--mice") ? mice : null, replace, log(out));
        print(out, r);
        return 0;
    }

    static void print(PrintWriter out, FitMice.Result r) {
        ModelComparison c = r.comparison();
        FitMiceSummary s = r.summary();
        out.printf(Locale.ROOT, "%n%-20s %24s %22s %10s %6s%n", "model", "bits/trial (mean+-SEM)",
                "vs psychometric", "accuracy", "wins");
        for (ModelComparison.ModelSummary m : c.summary()) {
            out.printf(Locale.ROOT, "%-20s %15.4f +- %.4f %13.4f +- %.4f %10.4f %6s%n", m.model(),
                    m.bitsPerTrialMean(), m.bitsPerTrialSem(), m.bitsVsReferenceMean(), m.bitsVsReferenceSem(),
                    m.accuracyMean(), ModelComparison.REFERENCES.contains(m.model()) ? "-" : m.wins());
        }
        out.printf(Locale.ROOT, "over %d mice (%d left out); held-out bits/trial = mean log2 P(choice), chance = -1; "
                + "no-response trials excluded%n", s.data().miceScored(), s.excluded().size());
        for (FitMiceSummary.AgentSummary a : s.agents()) {
            out.printf(Locale.ROOT, "agent %-28s best %-18s %.4f bits/trial, action decay %.3f, distance to mice %.4f%n",
                    a.agent(), a.bestModel(), a.bestBitsPerTrial(), a.actionKernelDecay(), a.profileDistanceToMice());
        }
        if (!s.nonConverged().isEmpty()) {
            out.printf(Locale.ROOT, "%d fits did not converge (listed in fits.csv and summary.json)%n",
                    s.nonConverged().size());
        }
        out.println("wrote " + r.dir());
    }
}
