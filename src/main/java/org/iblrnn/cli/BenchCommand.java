package org.iblrnn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iblrnn.math.Simd;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.Precision;
import org.iblrnn.pipeline.Benchmark;
import org.iblrnn.train.TrainConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn bench}: speed of the engine (tanh RNN, GRU or LSTM) on the paper's task. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure network steps per second and milliseconds per gradient step (forward, and "
                + "forward+backward) at several batch sizes and thread counts, for a tanh RNN (default), a GRU or "
                + "an LSTM (--cell), in float64 and, for the tanh RNN, float32 (--precision).",
                "The last line of the output is one JSON object with every figure."})
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cell", description = "Recurrent cell: rnn, gru or lstm. Default: ${DEFAULT-VALUE}.")
    String cell = "rnn";

    @Option(names = "--hidden", description = "Hidden units. Default: ${DEFAULT-VALUE}.")
    int hidden = 50;

    @Option(names = "--precision", split = ",", description = "float64 and/or float32 (the float32 engine is the "
            + "tanh RNN's only; see train --precision). Default: float64,float32 for rnn, float64 for gru and lstm.")
    String[] precisions;

    @Option(names = "--batches", split = ",", description = "Batch sizes. Default: 1,8,32,128.")
    int[] batches = {1, 8, 32, 128};

    @Option(names = "--threads", split = ",", description = "Thread counts. Default: 1 and the number of cores.")
    int[] threads;

    @Option(names = "--seconds", description = "Measured seconds per case. Default: ${DEFAULT-VALUE}.")
    double seconds = 2.0;

    @Option(names = "--warmup", description = "Warm-up seconds per case. Default: ${DEFAULT-VALUE}.")
    double warmup = 1.0;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        int[] ts = threads != null ? threads : (cores > 1 ? new int[] {1, cores} : new int[] {1});
        for (int b : batches) {
            if (b < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batches must be >= 1, got " + b);
            }
        }
        for (int t : ts) {
            if (t < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + t);
            }
        }
        if (!(seconds > 0) || !(warmup >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be > 0 and --warmup >= 0, got " + seconds + " and " + warmup);
        }
        ModelConfig model;
        try {
            model = TrainConfig.paper().model().withCell(cell);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cell: " + e.getMessage());
        }
        TrainConfig base;
        try {
            base = TrainConfig.paper().withModel(model.withHiddenSize(hidden));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hidden: " + e.getMessage());
        }
        List<TrainConfig> configs = new ArrayList<>();
        String[] ps = precisions != null ? precisions
                : base.model().cell().equals("rnn") ? new String[] {"float64", "float32"} : new String[] {"float64"};
        for (String p : ps) {
            try {
                configs.add(base.withPrecision(Precision.parse(p)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--precision: " + e.getMessage());
            }
        }
        String kind = base.model().cell();
        // both kernels are chosen the same way (Simd.implementation() == FloatSimd.implementation())
        String kernel = Simd.implementation();
        out.printf(Locale.ROOT, "iblrnn bench: %sH=%d, paper task, untrained weights (all timeouts), %d cores, "
                + "Java %s, %s kernel%n", kind.equals("rnn") ? "" : kind + ", ", hidden, cores,
                System.getProperty("java.version"), kernel);
        out.printf(Locale.ROOT, "%-9s %-6s %-7s %-16s %14s %14s %14s%n", "precision", "batch", "threads", "pass",
                "us/step", "steps/s", "ms/grad-step");
        out.flush();
        List<Benchmark.Case> cases = new ArrayList<>();
        List<String> casePrecision = new ArrayList<>();
        for (TrainConfig cfg : configs) {
            String pid = cfg.precision().id();
            Benchmark bench = new Benchmark(cfg, seconds, warmup, System::nanoTime);
            bench.run(batches, ts, c -> {
                cases.add(c);
                casePrecision.add(pid);
                out.printf(Locale.ROOT, "%-9s %-6d %-7d %-16s %14.3f %14.0f %14.3f%n", pid, c.batch(), c.threads(),
                        c.backward() ? "forward+backward" : "forward", c.microsPerStep(), c.stepsPerSecond(),
                        c.millisPerGradientStep());
                out.flush();
            });
        }
        StringBuilder json = new StringBuilder("{\"hidden\":").append(hidden).append(",\"cell\":\"").append(kind)
                .append("\",\"cores\":").append(cores)
                .append(",\"java\":\"").append(System.getProperty("java.version"))
                .append("\",\"kernel\":\"").append(kernel).append("\",\"cases\":[");
        for (int i = 0; i < cases.size(); i++) {
            Benchmark.Case c = cases.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"precision\":\"%s\",\"batch\":%d,\"threads\":%d,\"pass\":\"%s\",\"usPerStep\":%.4f,"
                            + "\"stepsPerSecond\":%.0f,\"msPerGradientStep\":%.4f}", casePrecision.get(i), c.batch(),
                    c.threads(), c.backward() ? "forward+backward" : "forward", c.microsPerStep(), c.stepsPerSecond(),
                    c.millisPerGradientStep()));
        }
        out.println(json.append("]}"));
        out.flush();
        return 0;
    }
}
