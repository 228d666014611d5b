package org.iblrnn.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.pipeline.Analysis;
import org.iblrnn.report.RepresentationFigures;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn analyze}: representation and mechanism analyses (Figs. 4-7). */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"PCA, readouts, block decoding, effect of observations and feedback, unit clusters, vector "
                + "fields and fixed points of a trained network on its evaluation session; writes RUN/analysis/ "
                + "(summary.json with every number next to the paper's, figures/)."})
public final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--no-fixed-points", description = "Skip the fixed-point searches (and the basins and line "
            + "tests built on them).")
    boolean noFixedPoints;

    @Option(names = "--figures", paramLabel = "ours|code", description = "Definitions the figures draw: 'ours' "
            + "(default; RUN/analysis/figures/) or 'code', the paper code's definitions where they differ (mixed block "
            + "magnitude in Figs. 5c and 6, the code's Fig. 6b window, decision lines through the origin, the "
            + "misaligned feedback regression, |Re lambda| stability, transposed Lyapunov basins; "
            + "RUN/analysis/figures-code/). summary.json holds both either way.")
    String figures = "ours";

    @Option(names = "--reference-quirks", description = "The same as --figures code: the figures with the paper "
            + "code's definitions (the numbers with them are in summary.json under codeDefinition either way).")
    boolean referenceQuirks;

    @Override
    public Integer call() throws Exception {
        if (referenceQuirks && !figures.equalsIgnoreCase("ours") && !figures.equalsIgnoreCase("code")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--figures must be 'ours' or 'code', got '" + figures + "'");
        }
        String which = referenceQuirks ? "code" : figures;
        RepresentationFigures.Definitions defs = switch (which.toLowerCase(Locale.ROOT)) {
            case "ours" -> RepresentationFigures.Definitions.OURS;
            case "code" -> RepresentationFigures.Definitions.CODE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--figures must be 'ours' or 'code', got '" + figures + "'");
        };
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "iblrnn analyze: %s, %d blocks, seed %d%n", session.run,
                session.blocks, session.seed);
        out.flush();
        Representation.Options o = new Representation.Options(40_000, 15, !noFixedPoints);
        Analysis.Result r = Analysis.run(session.run, session.blocks, session.seed, o, defs,
                Lines.to(out, spec.commandLine().getErr()));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> numbers = (Map<String, Map<String, Object>>) r.summary().get("numbers");
        out.printf(Locale.ROOT, "%n%-28s %10s %10s%n", "number", "ours", "paper");
        numbers.forEach((k, v) -> out.printf(Locale.ROOT, "%-28s %10s %10s%n", k, fmt(v.get("ours")),
                fmt(v.get("paper"))));
        out.println("wrote " + r.dir());
        return 0;
    }

    private static String fmt(Object o) {
        if (o instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(o);
    }
}
