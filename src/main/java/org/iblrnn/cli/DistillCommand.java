package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.pipeline.Distill;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn distill}: RADD distillation into a 2-unit RNN (Fig. 8). */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Distil the network's dynamics on its stimulus and block readouts into a 2-unit tanh RNN "
                + "(RADD, trajectory loss; and the paper code's least-squares variant), run it in closed loop, "
                + "and write RUN/distill/ (summary.json with A', B' next to the paper's, figures/)."})
public final class DistillCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--two-unit-run", paramLabel = "DIR", description = "A run of a small network trained on the "
            + "task (e.g. iblrnn train --hidden 2 --steps 400004 --out runs/h2) to compare in Fig. 8c.")
    Path twoUnitRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "iblrnn distill: %s, %d blocks, seed %d%n", session.run,
                session.blocks, session.seed);
        out.flush();
        Distill.Result r = Distill.run(session.run, session.blocks, session.seed, twoUnitRun, l -> {
            out.println(l);
            out.flush();
        });
        out.println("wrote " + r.dir());
        return 0;
    }
}
