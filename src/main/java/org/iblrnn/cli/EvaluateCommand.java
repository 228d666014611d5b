package org.iblrnn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.pipeline.AgentCatalog;
import org.iblrnn.pipeline.Evaluation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn evaluate}: the trained network beside the Bayesian agents, on the same session. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the trained network and the Bayesian agents in closed loop on one shared evaluation "
                + "session and write per-trial tables, the network's per-step table and hidden states, figures "
                + "and a summary into RUN/eval/."})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--agents", split = ",", paramLabel = "NAME",
            description = "Agents to evaluate (comma-separated). Default: all.")
    List<String> agents;

    @Option(names = "--no-steps", description = "Do not write the network's per-step table and hidden states.")
    boolean noSteps;

    /** The agent list for --help. */
    static String agentHelp() {
        StringBuilder sb = new StringBuilder();
        AgentCatalog.ACTORS.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %s%n", k, v)));
        AgentCatalog.OBSERVERS.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %s%n", k, v)));
        return sb.toString();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Evaluation.Options o;
        try {
            o = new Evaluation.Options(agents != null ? agents : AgentCatalog.names(), session.blocks,
                    session.seed, !noSteps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.printf(Locale.ROOT, "iblrnn evaluate: %s, %d blocks, seed %d%n", session.run,
                session.blocks, session.seed);
        out.flush();
        Evaluation.Result r = Evaluation.run(session.run, o, System::nanoTime,
                Lines.to(out, spec.commandLine().getErr()));
        out.printf(Locale.ROOT, "%n%-22s %-8s %7s %8s %8s %8s %8s %8s %8s %6s%n", "agent", "kind", "trials", "correct",
                "actions", "corr/act", "zc corr", "zc c/act", "zc block", "steps");
        for (Evaluation.AgentScores h : r.scores()) {
            out.printf(Locale.ROOT, "%-22s %-8s %7d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %6.2f%n", h.agent(), h.kind(),
                    h.trials(), h.fractionCorrect(), h.fractionActions(), h.correctAmongActions(),
                    h.zeroContrastCorrect(), h.zeroContrastCorrectAmongActions(), h.zeroContrastChooseBlock(),
                    h.stepsPerTrial());
        }
        out.println("correct: fraction of all trials (timeouts wrong); corr/act: among actions; zc: zero-contrast "
                + "trials (corr, corr/act as before; block: P(choose the block side) among responses); steps: RNN "
                + "steps per trial");
        out.println("wrote " + r.dir());
        return 0;
    }
}
