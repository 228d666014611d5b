package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.iblrnn.pipeline.Aggregate;
import org.iblrnn.pipeline.Sweep;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn aggregate}: every headline number of a sweep as mean ± sd per configuration. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Every headline number of the evaluation, analysis and distillation summaries of a sweep's "
                + "networks as mean, standard deviation and range per configuration, beside the paper's single value "
                + "and our first network's: SWEEP/results.csv (one row per network), SWEEP/aggregate/aggregate.csv, "
                + "summary.json, figures/ and report.html. Networks whose stages have not all run count where they "
                + "have numbers."},
        footer = {"", "Example:", "  iblrnn sweep --seeds 1..10 --hidden 50 && iblrnn aggregate --sweep sweeps/sweep"})
public final class AggregateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sweep", paramLabel = "DIR", description = "Sweep folder (default: sweeps/sweep).")
    Path sweep = Path.of("sweeps", "sweep");

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Sweep s = Sweep.open(sweep);
        Aggregate.Result r = Aggregate.run(s, line -> {
            w.println(line);
            w.flush();
        });
        w.println("report: " + r.report());
        return 0;
    }
}
