package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.pipeline.Comparison;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn compare}: real mice beside the network and the Bayesian baselines. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load the IBL mouse behaviour and plot mice, the trained network, the exact Bayesian "
                + "observer and the block-blind actor on shared axes; writes RUN/compare/ (summary.json, figures/)."})
public final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--mice", paramLabel = "PATH", description = "IBL CSV export: a folder of *.csv(.gz) or one "
            + "file. Default: ../shared/data/ibl-mice-2020.")
    Path mice = Comparison.DEFAULT_MICE;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (session.blocks < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--blocks must be >= 2, got " + session.blocks);
        }
        out.printf(Locale.ROOT, "iblrnn compare: %s with mice from %s%n", session.run, mice);
        out.flush();
        Comparison.Result r = Comparison.run(session.run, mice, session.blocks, session.seed,
                Lines.to(out, spec.commandLine().getErr()));
        out.printf(Locale.ROOT, "%n%-14s %22s %10s %16s %20s%n", "agent", "zero-c. block side", "responses",
                "recovery", "zero-c. shift");
        for (Comparison.Agent a : r.agents()) {
            out.printf(Locale.ROOT, "%-14s %15.4f +- %.4f %10.4f %16.0f %20.4f%n", a.name(), a.zeroChooseBlock(),
                    a.zeroChooseBlockSem(), a.zeroResponseRate(), a.recoveryTrials(), a.biasShift());
        }
        out.println("zero-c. block side: P(choose the block side) at zero contrast among responses, the same for "
                + "mice and models (responses: the fraction of those trials with a response); recovery: "
                + "trials after a block change to reach the plateau; shift: P(right | 0, right block) - "
                + "P(right | 0, left block)");
        out.println("wrote " + r.dir());
        return 0;
    }
}
