package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.data.JsonFiles;
import org.iblrnn.nn.Loss;
import org.iblrnn.nn.Precision;
import org.iblrnn.train.OptimizerConfig;
import org.iblrnn.train.TrainConfig;

/**
 * What a sweep trains and analyses: a training preset, lists of values for each varied setting
 * (their Cartesian product gives the configurations), the seeds trained for each configuration,
 * and the stages run on each network. The one place for a sweep's defaults; every value is checked
 * when the record is made, and {@link #read(Path)} names the file and key of a bad value.
 *
 * @param name           a label for the sweep (report titles, SLURM job names)
 * @param preset         training preset ({@link Presets#names()})
 * @param steps          gradient steps per network; null = the preset's
 * @param seeds          root seeds, each trained for every configuration
 * @param hidden         hidden sizes
 * @param cells          cell types (rnn, gru, lstm)
 * @param losses         losses (prob, ce)
 * @param optimizers     optimisers (sgd, adam); empty = the preset's
 * @param learningRates  learning rates; empty = the preset's (or the optimiser's default)
 * @param evalBlocks     blocks of the evaluation session of the evaluate, analyze and distill stages
 * @param stages         stages run on each network, in order; always starts with train
 * @param threadsPerUnit worker threads of each unit (training batches); results do not depend on it
 * @param precision      training's arithmetic for every network: "float64" (default) or "float32"
 *                       (tanh RNN only); not an axis of the grid
 */
public record SweepSpec(String name, String preset, Long steps, List<Long> seeds, List<Integer> hidden,
                        List<String> cells, List<String> losses, List<String> optimizers, List<Double> learningRates,
                        int evalBlocks, List<String> stages, int threadsPerUnit, String precision) {

    /** The stages a sweep can run on each network, in their order. */
    public static final List<String> STAGES = List.of("train", "evaluate", "analyze", "distill");

    /** Keys of the sweep file. */
    static final List<String> KEYS = List.of("name", "preset", "steps", "seeds", "hidden", "cell", "loss", "optimizer",
            "lr", "evalBlocks", "stages", "threadsPerUnit", "precision");

    /** Most networks one sweep may hold. */
    static final int MAX_RUNS = 100_000;

    public SweepSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_' or '-', got " + name);
        }
        preset = preset == null ? "paper" : preset;
        TrainConfig base = Presets.train(preset);
        if (steps != null) {
            TrainConfig.requireRunnableSteps(steps);
        }
        seeds = nonEmptyUnique("seeds", seeds);
        hidden = nonEmptyUnique("hidden", hidden);
        for (int h : hidden) {
            base.model().withHiddenSize(h);
        }
        cells = nonEmptyUnique("cell", lower(cells));
        for (String c : cells) {
            new org.iblrnn.nn.ModelConfig(c, base.model().inputSize(), base.model().hiddenSize(),
                    base.model().outputSize());
        }
        losses = nonEmptyUnique("loss", lower(losses));
        for (String l : losses) {
            Loss.parse(l);
        }
        optimizers = unique("optimizer", lower(optimizers));
        for (String o : optimizers) {
            OptimizerConfig.defaults(o);
        }
        learningRates = unique("lr", learningRates);
        for (double lr : learningRates) {
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("lr must be > 0, got " + lr);
            }
        }
        if (evalBlocks < 2) {
            throw new IllegalArgumentException("evalBlocks must be >= 2, got " + evalBlocks);
        }
        stages = nonEmptyUnique("stages", lower(stages));
        int last = -1;
        for (String s : stages) {
            int i = STAGES.indexOf(s);
            if (i < 0) {
                throw new IllegalArgumentException("stages must be among " + STAGES + ", got " + s);
            }
            if (i < last) {
                throw new IllegalArgumentException("stages must be in the order " + STAGES + ", got " + stages);
            }
            last = i;
        }
        if (!stages.get(0).equals("train")) {
            throw new IllegalArgumentException("stages must start with train (the other stages need the network), got "
                    + stages);
        }
        if (threadsPerUnit < 1 || threadsPerUnit > 1024) {
            throw new IllegalArgumentException("threadsPerUnit must be in [1, 1024], got " + threadsPerUnit);
        }
        Precision p = Precision.parse(precision == null ? "float64" : precision);
        for (String c : cells) {
            p.requireEngineFor(c);
        }
        precision = p.id();
        long runs = (long) seeds.size() * hidden.size() * cells.size() * losses.size()
                * Math.max(1, optimizers.size()) * Math.max(1, learningRates.size());
        if (runs > MAX_RUNS) {
            throw new IllegalArgumentException("the sweep has " + runs + " networks, more than " + MAX_RUNS);
        }
    }

    /** The defaults: the paper preset, seed 1, 50 units, rnn, prob loss, all stages, 1000 blocks. */
    public static SweepSpec defaults() {
        return new SweepSpec("sweep", "paper", null, List.of(1L), List.of(50), List.of("rnn"), List.of("prob"),
                List.of(), List.of(), 1000, STAGES, 1, "float64");
    }

    /** One configuration of the Cartesian product (every varied value fixed). */
    public record Config(String id, String cell, int hidden, String loss, String optimizer, Double lr) {
    }

    /** The configurations, in the file's order: cell, then hidden, loss, optimizer, lr. */
    public List<Config> configs() {
        List<String> opts = optimizers.isEmpty() ? java.util.Collections.singletonList(null) : optimizers;
        List<Double> lrs = learningRates.isEmpty() ? java.util.Collections.singletonList(null) : learningRates;
        List<Config> out = new ArrayList<>();
        for (String c : cells) {
            for (int h : hidden) {
                for (String l : losses) {
                    for (String o : opts) {
                        for (Double lr : lrs) {
                            String id = c + "-h" + h + "-" + l + (o == null ? "" : "-" + o)
                                    + (lr == null ? "" : "-lr" + formatNumber(lr));
                            out.add(new Config(id, c, h, l, o, lr));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The training configuration of {@code config} with {@code seed} (what {@code train} will build). */
    public TrainConfig trainConfig(Config config, long seed) {
        TrainConfig c = Presets.train(preset).withSeed(seed);
        if (steps != null) {
            c = c.withSteps(steps);
        }
        org.iblrnn.nn.ModelConfig m = c.model();
        c = c.withModel(new org.iblrnn.nn.ModelConfig(config.cell(), m.inputSize(), config.hidden(), m.outputSize()));
        c = c.withLoss(Loss.parse(config.loss()));
        if (config.optimizer() != null) {
            c = c.withOptimizer(OptimizerConfig.defaults(config.optimizer()));
        }
        if (config.lr() != null) {
            c = c.withOptimizer(c.optimizer().withLearningRate(config.lr()));
        }
        return c.withPrecision(Precision.parse(precision));
    }

    /** The sweep as the JSON object {@link #read(Path)} accepts. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("preset", preset);
        if (steps != null) {
            m.put("steps", steps);
        }
        m.put("seeds", seeds);
        m.put("hidden", hidden);
        m.put("cell", cells);
        m.put("loss", losses);
        if (!optimizers.isEmpty()) {
            m.put("optimizer", optimizers);
        }
        if (!learningRates.isEmpty()) {
            m.put("lr", learningRates);
        }
        m.put("evalBlocks", evalBlocks);
        m.put("stages", stages);
        m.put("threadsPerUnit", threadsPerUnit);
        if (!precision.equals("float64")) {
            // written only when not the default, so float64 sweep files stay as before
            m.put("precision", precision);
        }
        return m;
    }

    /**
     * Reads a sweep file (JSON; format in docs/SWEEPS.md). Keys left out take the defaults; an
     * unknown key, a value of the wrong type or an invalid value is an error naming the file and key.
     */
    public static SweepSpec read(Path file) throws IOException {
        JsonNode n = JsonFiles.read(file);
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The sweep of a parsed JSON object; see {@link #read(Path)}. */
    public static SweepSpec fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a sweep file must hold one JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" (known: " + String.join(", ", KEYS) + ")");
            }
        }
        SweepSpec d = defaults();
        String name = n.has("name") ? text(n, "name") : d.name();
        String preset = n.has("preset") ? text(n, "preset") : d.preset();
        Long steps = n.has("steps") ? integer(n.get("steps"), "steps") : null;
        List<Long> seeds = n.has("seeds") ? seeds(n.get("seeds")) : d.seeds();
        List<Integer> hidden = n.has("hidden") ? list(n.get("hidden"), "hidden", x -> (int) (long) integer(x, "hidden"))
                : d.hidden();
        List<String> cells = n.has("cell") ? list(n.get("cell"), "cell", x -> textValue(x, "cell")) : d.cells();
        List<String> losses = n.has("loss") ? list(n.get("loss"), "loss", x -> textValue(x, "loss")) : d.losses();
        List<String> opts = n.has("optimizer") ? list(n.get("optimizer"), "optimizer", x -> textValue(x, "optimizer"))
                : d.optimizers();
        List<Double> lrs = n.has("lr") ? list(n.get("lr"), "lr", x -> number(x, "lr")) : d.learningRates();
        int blocks = n.has("evalBlocks") ? (int) (long) integer(n.get("evalBlocks"), "evalBlocks") : d.evalBlocks();
        List<String> stages = n.has("stages") ? list(n.get("stages"), "stages", x -> textValue(x, "stages"))
                : d.stages();
        int threads = n.has("threadsPerUnit") ? (int) (long) integer(n.get("threadsPerUnit"), "threadsPerUnit")
                : d.threadsPerUnit();
        String precision = n.has("precision") ? text(n, "precision") : d.precision();
        return new SweepSpec(name, preset, steps, seeds, hidden, cells, losses, opts, lrs, blocks, stages, threads,
                precision);
    }

    /**
     * Seeds from a list or a range text: "1..10", "1,2,5", "1..3,7". A JSON value may be a number,
     * an array of numbers or such a text.
     */
    static List<Long> seeds(JsonNode v) {
        if (v.isTextual()) {
            return parseSeeds(v.asText());
        }
        return list(v, "seeds", x -> integer(x, "seeds"));
    }

    /** Parses "1..10", "1,2,5" or "1..3,7" (at most {@link #MAX_RUNS} seeds). */
    public static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dots = p.indexOf("..");
                if (dots >= 0) {
                    long a = Long.parseLong(p.substring(0, dots).trim());
                    long b = Long.parseLong(p.substring(dots + 2).trim());
                    if (b < a) {
                        throw new IllegalArgumentException("seeds: range " + p + " is empty (write low..high)");
                    }
                    if (b - a >= MAX_RUNS) {
                        throw new IllegalArgumentException("seeds: range " + p + " holds more than " + MAX_RUNS
                                + " seeds");
                    }
                    for (long s = a; s <= b; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seeds: \"" + p + "\" is not a seed or a range like 1..10");
            }
        }
        return out;
    }

    private interface Reader<T> {
        T read(JsonNode n);
    }

    private static <T> List<T> list(JsonNode v, String key, Reader<T> r) {
        List<T> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode x : v) {
                out.add(r.read(x));
            }
        } else {
            out.add(r.read(v));
        }
        return out;
    }

    private static String text(JsonNode n, String key) {
        return textValue(n.get(key), key);
    }

    private static String textValue(JsonNode v, String key) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(key + " must be text, got " + v);
        }
        return v.asText();
    }

    private static Long integer(JsonNode v, String key) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + v);
        }
        return v.asLong();
    }

    private static double number(JsonNode v, String key) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static List<String> lower(List<String> values) {
        if (values == null) {
            return null;
        }
        return values.stream().map(s -> s == null ? null : s.toLowerCase(Locale.ROOT)).toList();
    }

    private static <T> List<T> nonEmptyUnique(String key, List<T> values) {
        List<T> v = unique(key, values);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(key + " must list at least one value");
        }
        return v;
    }

    private static <T> List<T> unique(String key, List<T> values) {
        if (values == null) {
            return List.of();
        }
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(key + " must not hold null");
            }
            if (!seen.add(v)) {
                throw new IllegalArgumentException(key + " lists " + v + " twice");
            }
        }
        return List.copyOf(values);
    }

    /** A number as it appears in a configuration id: 0.001 -> "0.001", 1e-5 -> "1e-05". */
    static String formatNumber(double v) {
        String s = Double.toString(v);
        if (s.contains("E")) {
            s = String.format(Locale.ROOT, "%.0e", v);
        }
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
