package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.analysis.PaperNumbers;
import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.report.Figure;
import org.iblrnn.report.HtmlReport;
import org.iblrnn.report.SweepFigures;

/**
 * {@code iblrnn sweep collect} and {@code iblrnn aggregate}: every network's headline numbers
 * ({@link Headline}) read back from the sweep folder, then per configuration their mean, standard
 * deviation (n - 1) and range next to the paper's single value and our first network's. Writes
 * {@code results.csv} (one row per network) and {@code aggregate/}: {@code aggregate.csv},
 * {@code summary.json}, figures and {@code report.html}.
 */
public final class Aggregate {
    private Aggregate() {
    }

    /** One network's numbers. */
    public record Network(String config, long seed, Path run, List<Headline> numbers) {
    }

    /** Statistics of one number over one configuration's networks. */
    public record Stat(String id, String section, String what, String paperText, double paper, long firstSeed,
                       double first, double mean, double sd, double min, double max, int n, double tolerance) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("section", section);
            m.put("what", what);
            m.put("paperText", paperText);
            m.put("paper", paper);
            m.put("firstSeed", firstSeed);
            m.put("first", first);
            m.put("mean", mean);
            m.put("sd", sd);
            m.put("min", min);
            m.put("max", max);
            m.put("n", n);
            m.put("tolerance", tolerance);
            return m;
        }

        HtmlReport.SpreadRow row() {
            return new HtmlReport.SpreadRow(section, what, paperText, paper, "seed " + firstSeed, first, mean, sd,
                    min, max, n, tolerance);
        }
    }

    /** Reads every network of the sweep that has a run folder (missing stages give NaN numbers). */
    public static List<Network> collect(Sweep sweep) throws IOException {
        List<Network> out = new ArrayList<>();
        for (SweepSpec.Config c : sweep.spec().configs()) {
            for (long seed : sweep.spec().seeds()) {
                Path run = sweep.dir().resolve("runs").resolve(c.id()).resolve("seed-" + seed);
                if (Files.exists(run.resolve("config.json"))) {
                    out.add(new Network(c.id(), seed, run, Headline.read(run)));
                }
            }
        }
        return out;
    }

    /** The per-network table: config, seed, then one column per headline number (ours). */
    static String resultsCsv(List<Network> nets) {
        StringBuilder sb = new StringBuilder("config,seed");
        if (!nets.isEmpty()) {
            for (Headline h : nets.get(0).numbers()) {
                sb.append(',').append(h.id());
            }
        }
        sb.append('\n');
        for (Network n : nets) {
            sb.append(n.config()).append(',').append(n.seed());
            for (Headline h : n.numbers()) {
                sb.append(',').append(num(h.ours()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes SWEEP/results.csv; returns the networks. */
    public static List<Network> writeResults(Sweep sweep) throws IOException {
        List<Network> nets = collect(sweep);
        AtomicFiles.writeString(sweep.dir().resolve("results.csv"), resultsCsv(nets));
        return nets;
    }

    /** The networks of each configuration, configurations in the order of their first network. */
    static Map<String, List<Network>> byConfig(List<Network> nets) {
        Map<String, List<Network>> byConfig = new LinkedHashMap<>();
        for (Network n : nets) {
            byConfig.computeIfAbsent(n.config(), k -> new ArrayList<>()).add(n);
        }
        return byConfig;
    }

    /** Statistics per configuration (in the sweep's order), numbers in the report's order. */
    public static Map<String, List<Stat>> stats(List<Network> nets) {
        Map<String, List<Stat>> out = new LinkedHashMap<>();
        byConfig(nets).forEach((config, list) -> {
            List<Stat> stats = new ArrayList<>();
            Network first = list.get(0);
            for (int i = 0; i < first.numbers().size(); i++) {
                Headline h = first.numbers().get(i);
                double[] v = new double[list.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = list.get(k).numbers().get(i).ours();
                }
                double s = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (double x : v) {
                    if (Double.isFinite(x)) {
                        s += x;
                        n++;
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                }
                double mean = n > 0 ? s / n : Double.NaN;
                double ss = 0;
                for (double x : v) {
                    if (Double.isFinite(x)) {
                        ss += (x - mean) * (x - mean);
                    }
                }
                double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : n == 1 ? 0 : Double.NaN;
                stats.add(new Stat(h.id(), h.section(), h.what(), h.paperText(), h.paper(), first.seed(), h.ours(),
                        mean, sd, n > 0 ? lo : Double.NaN, n > 0 ? hi : Double.NaN, n, h.tolerance()));
            }
            out.put(config, stats);
        });
        return out;
    }

    /** aggregate.csv: one row per configuration and number. */
    static String aggregateCsv(Map<String, List<Stat>> stats) {
        StringBuilder sb = new StringBuilder("config,number,paper,first_seed,first,mean,sd,min,max,n\n");
        stats.forEach((config, list) -> {
            for (Stat s : list) {
                sb.append(config).append(',').append(s.id()).append(',').append(num(s.paper())).append(',')
                        .append(s.firstSeed()).append(',').append(num(s.first())).append(',').append(num(s.mean()))
                        .append(',').append(num(s.sd())).append(',').append(num(s.min())).append(',')
                        .append(num(s.max())).append(',').append(s.n()).append('\n');
            }
        });
        return sb.toString();
    }

    /** The "Across networks" tables of the report, one per configuration. */
    public static List<HtmlReport.SpreadTable> spreadTables(Map<String, List<Stat>> stats) {
        List<HtmlReport.SpreadTable> out = new ArrayList<>();
        stats.forEach((config, list) -> out.add(new HtmlReport.SpreadTable("across-" + config, config,
                (list.isEmpty() ? 0 : list.get(0).n()) + " networks; first network: seed "
                        + (list.isEmpty() ? "" : list.get(0).firstSeed()) + ".",
                list.stream().map(Stat::row).toList())));
        return out;
    }

    /** Reads the spread tables of an aggregate written before (for {@code iblrnn run --sweep}). */
    public static List<HtmlReport.SpreadTable> readSpreadTables(Path sweepDir) throws IOException {
        Path f = sweepDir.resolve("aggregate/summary.json");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException(sweepDir + " has no aggregate (no aggregate/summary.json); run iblrnn "
                    + "aggregate --sweep " + sweepDir + " first");
        }
        JsonNode n = JsonFiles.read(f);
        Map<String, List<Stat>> stats = new LinkedHashMap<>();
        n.path("configs").fields().forEachRemaining(e -> {
            List<Stat> list = new ArrayList<>();
            for (JsonNode s : e.getValue().path("numbers")) {
                list.add(new Stat(s.path("id").asText(), s.path("section").asText(), s.path("what").asText(),
                        s.path("paperText").asText(), d(s, "paper"), s.path("firstSeed").asLong(), d(s, "first"),
                        d(s, "mean"), d(s, "sd"), d(s, "min"), d(s, "max"), s.path("n").asInt(), d(s, "tolerance")));
            }
            stats.put(e.getKey(), list);
        });
        return spreadTables(stats);
    }

    private static double d(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** Result of {@link #run}. */
    public record Result(Path report, Map<String, List<Stat>> stats, int networks) {
    }

    /** {@code iblrnn aggregate}: results.csv, aggregate/{aggregate.csv, summary.json, figures, report.html}. */
    public static Result run(Sweep sweep, Consumer<String> log) throws IOException {
        List<Network> nets = writeResults(sweep);
        if (nets.isEmpty()) {
            throw new IllegalArgumentException(sweep.dir() + ": no network of the sweep has been trained yet (see iblrnn "
                    + "sweep status --out " + sweep.dir() + ")");
        }
        Map<String, List<Stat>> stats = stats(nets);
        Path dir = sweep.dir().resolve("aggregate");
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        AtomicFiles.writeString(dir.resolve("aggregate.csv"), aggregateCsv(stats));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sweep", sweep.spec().toJson());
        summary.put("networks", nets.size());
        Map<String, Object> configs = new LinkedHashMap<>();
        stats.forEach((config, list) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("networks", list.isEmpty() ? 0 : list.get(0).n());
            c.put("numbers", list.stream().map(Stat::toMap).toList());
            configs.put(config, c);
        });
        summary.put("configs", configs);
        JsonFiles.write(dir.resolve("summary.json"), summary);

        Map<String, List<Network>> groups = byConfig(nets);
        List<String> configIds = new ArrayList<>(groups.keySet());
        List<Figure> figures = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        // every number, every network, with the configurations' mean and sd from the statistics
        List<SweepFigures.Number> numbers = new ArrayList<>();
        List<Headline> template = nets.get(0).numbers();
        for (int i = 0; i < template.size(); i++) {
            final int idx = i;
            double[][] v = new double[configIds.size()][];
            double[] mean = new double[configIds.size()];
            double[] sd = new double[configIds.size()];
            for (int c = 0; c < configIds.size(); c++) {
                v[c] = groups.get(configIds.get(c)).stream().mapToDouble(n -> n.numbers().get(idx).ours()).toArray();
                Stat st = stats.get(configIds.get(c)).get(i);
                mean[c] = st.mean();
                sd[c] = st.sd();
            }
            Headline h = template.get(i);
            numbers.add(new SweepFigures.Number(h.what(), unit(h), h.paper(), v, mean, sd));
        }
        figures.add(SweepFigures.spread(configIds, numbers, nets.size()));
        stems.add("sweep-headline-numbers");
        long[][] seeds = new long[configIds.size()][];
        double[][] fc = new double[configIds.size()][];
        for (int c = 0; c < configIds.size(); c++) {
            List<Network> l = groups.get(configIds.get(c));
            seeds[c] = l.stream().mapToLong(Network::seed).toArray();
            fc[c] = l.stream().mapToDouble(n -> n.numbers().get(0).ours()).toArray();
        }
        figures.add(SweepFigures.bySeed(configIds, seeds, fc));
        stems.add("sweep-fraction-correct-by-seed");
        figures.add(versusHidden(sweep.spec(), stats, "varianceExplained2Pcs", "Variance in 2 PCs vs hidden size",
                "fraction of variance in 2 PCs", "Fraction of the hidden states' variance in the first two principal "
                        + "components against the number of hidden units, mean ± sd over seeds (the paper's Sec. 3.2 / "
                        + PaperNumbers.VARIANCE_2PCS.figure() + ": " + PaperNumbers.VARIANCE_2PCS.percent(2)
                        + "% for one 50-unit network, dashed).", PaperNumbers.VARIANCE_2PCS.value()));
        stems.add("sweep-variance-2pcs-vs-hidden");
        figures.add(versusHidden(sweep.spec(), stats, "fractionCorrect", "Fraction correct vs hidden size",
                "fraction of trials correct", "Fraction of trials correct against the number of hidden units, mean ± "
                        + "sd over seeds (the paper's Sec. 3.1: " + PaperNumbers.FRACTION_CORRECT.percent(1)
                        + "% for one 50-unit network, dashed).", PaperNumbers.FRACTION_CORRECT.value()));
        stems.add("sweep-fraction-correct-vs-hidden");
        List<HtmlReport.Embedded> embedded = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            FigureFiles.write(figs, stems.get(i), figures.get(i));
            embedded.add(new HtmlReport.Embedded(stems.get(i), figures.get(i).title(),
                    Files.readString(figs.resolve(stems.get(i) + ".svg"), StandardCharsets.UTF_8)));
        }
        // the numbers table shows the first network of the first configuration
        Network firstNet = nets.get(0);
        List<HtmlReport.NumberRow> rows = firstNet.numbers().stream().map(Headline::row).toList();
        List<HtmlReport.Section> sections = List.of(new HtmlReport.Section("sweep-figures", "Across networks: figures",
                "Every network of the sweep beside the paper's single network.", embedded));
        StringBuilder rep = new StringBuilder();
        rep.append("iblrnn ").append(Version.VERSION).append(", Java ").append(System.getProperty("java.version"))
                .append(", git commit ").append(FullRun.gitCommit()).append('\n');
        rep.append(nets.size()).append(" networks; the numbers table shows ").append(firstNet.config())
                .append(", seed ").append(firstNet.seed()).append('\n');
        rep.append("\nsweep.json:\n").append(Files.readString(sweep.dir().resolve("sweep.json"), StandardCharsets.UTF_8));
        String html = HtmlReport.render("iblrnn sweep " + sweep.spec().name() + ": " + nets.size() + " networks", rows,
                spreadTables(stats), sections, rep.toString());
        Path report = dir.resolve("report.html");
        AtomicFiles.writeString(report, html);
        log.accept(table(stats));
        return new Result(report, stats, nets.size());
    }

    private static String unit(Headline h) {
        return h.id().contains("Degrees") ? "degrees" : h.id().equals("unitClusters") ? "clusters" : "value";
    }

    /** A number's mean ± sd against the hidden size, one series per other-settings group. */
    private static Figure versusHidden(SweepSpec spec, Map<String, List<Stat>> stats, String id, String title,
                                       String yLabel, String caption, double paper) {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        for (SweepSpec.Config c : spec.configs()) {
            List<Stat> list = stats.get(c.id());
            if (list == null) {
                continue;
            }
            String g = c.id().replace("-h" + c.hidden() + "-", "-");
            for (Stat s : list) {
                if (s.id().equals(id)) {
                    groups.computeIfAbsent(g, k -> new ArrayList<>()).add(new double[] {c.hidden(), s.mean(), s.sd()});
                }
            }
        }
        List<String> names = new ArrayList<>(groups.keySet());
        double[][] h = new double[names.size()][];
        double[][] m = new double[names.size()][];
        double[][] sd = new double[names.size()][];
        for (int g = 0; g < names.size(); g++) {
            List<double[]> pts = groups.get(names.get(g));
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            h[g] = pts.stream().mapToDouble(p -> p[0]).toArray();
            m[g] = pts.stream().mapToDouble(p -> p[1]).toArray();
            sd[g] = pts.stream().mapToDouble(p -> Double.isFinite(p[2]) ? p[2] : 0).toArray();
        }
        return SweepFigures.versusHidden(title, yLabel, caption, names, h, m, sd, paper);
    }

    /** The console table: paper, first network, mean ± sd, per configuration. */
    public static String table(Map<String, List<Stat>> stats) {
        StringBuilder sb = new StringBuilder();
        stats.forEach((config, list) -> {
            sb.append(String.format(Locale.ROOT, "%s (%d networks)%n", config, list.isEmpty() ? 0 : list.get(0).n()));
            sb.append(String.format(Locale.ROOT, "  %-52s %12s %12s %22s%n", "number", "paper", "first seed",
                    "mean ± sd"));
            for (Stat s : list) {
                sb.append(String.format(Locale.ROOT, "  %-52s %12s %12s %22s%n", trim(s.what(), 52), s.paperText(),
                        fmt(s.first()), fmt(s.mean()) + " ± " + fmt(s.sd())));
            }
        });
        return sb.toString().stripTrailing();
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.2f" : "%.4f", v) : "n/a";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
