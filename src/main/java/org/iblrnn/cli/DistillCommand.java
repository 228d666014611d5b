package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.pipeline.Distill;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn distill}: RADD distillation into a small RNN (Fig. 8). */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Distil the network's dynamics on a few directions of its hidden state (by default its "
                + "stimulus and block readouts) into a small tanh RNN (RADD, trajectory loss; and the paper code's "
                + "least-squares variant), run it in closed loop, find its fixed points under the paper's six inputs "
                + "beside the network's own, and write RUN/distill/ (summary.json with A', B' next to the paper's, "
                + "figures/, including the RADD vector fields when there are 2 directions)."})
public final class DistillCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--two-unit-run", paramLabel = "DIR", description = "A run of a small network trained on the "
            + "task (e.g. iblrnn train --hidden 2 --steps 400004 --out runs/h2) to compare in Fig. 8c.")
    Path twoUnitRun;

    @Option(names = "--projection", paramLabel = "KIND", description = "Directions the hidden states are projected "
            + "on before fitting: 'readouts' (default; the paper's: the unit stimulus readout w_R - w_L and the "
            + "unit block readout, M = 2), 'pcs' (the top M principal components of the hidden states, centred; "
            + "M from --components) or 'file:PATH' (the directions in PATH, as --directions). The RADD model has "
            + "one unit per direction; its first unit is read out in closed loop; the vector-field figure is drawn "
            + "only for M = 2.")
    String projection;

    @Option(names = "--components", paramLabel = "M", description = "Number of principal components for "
            + "--projection pcs (>= 1, at most the hidden size). Default: 2.")
    Integer components;

    @Option(names = "--directions", paramLabel = "PATH", description = "Custom projection directions, one per row, "
            + "each with one number per hidden unit: a CSV file (numbers separated by commas or spaces, '#' "
            + "comments, no header) or a JSON file ([[...], ...] or {\"directions\": [[...], ...]}). Used as given "
            + "(not normalised, not centred). Same as --projection file:PATH.")
    Path directions;

    @Override
    public Integer call() throws Exception {
        Distill.Projection p;
        try {
            p = Distill.Projection.parse(projection, components, directions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "iblrnn distill: %s, %d blocks, seed %d, projection %s%n", session.run,
                session.blocks, session.seed, p);
        out.flush();
        Distill.Result r = Distill.run(session.run, session.blocks, session.seed, twoUnitRun, p,
                Lines.to(out, spec.commandLine().getErr()));
        out.println("wrote " + r.dir());
        return 0;
    }
}
