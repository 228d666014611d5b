package org.iblrnn.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.analysis.choice.ChoiceModel;
import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.analysis.choice.ChoiceSession;
import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ExampleSession;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.data.MouseCsv;
import org.iblrnn.data.MouseData;
import org.iblrnn.data.RunLock;
import org.iblrnn.math.Seeds;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;

/**
 * {@code iblrnn fit-mice}: every choice model fitted to every mouse and scored on held-out
 * sessions (whole-session folds, the same for every model), and the same pipeline on the agents
 * of trained runs (the network and the Bayesian agents on sessions of the run's own task), so
 * that a mouse, the network and the ideal observer stand on one axis. Mice run in parallel; the
 * result does not depend on the thread count. Compute happens in {@code analysis.choice}; this
 * class validates, orchestrates, logs and hands the typed result to {@link FitMiceOutputs}.
 */
public final class FitMice {
    private FitMice() {
    }

    /** Agents fitted on each run's sessions, as named by {@code evaluate}. */
    public static final List<String> AGENTS = List.of("rnn", "actor", "actor-semi-markov", "block-blind");

    /**
     * What to fit, on what.
     *
     * @param mice          the IBL CSV export (a folder or one file)
     * @param models        model names, in table order
     * @param folds         folds of whole sessions per subject
     * @param seed          root seed (folds, initialisations, agents' sessions)
     * @param threads       worker threads (subjects in parallel)
     * @param runs          trained run folders whose agents are fitted too (may be empty)
     * @param agentSessions sessions per agent
     * @param agentBlocks   biased blocks per agent session
     */
    public record Options(Path mice, List<String> models, int folds, long seed, int threads, List<Path> runs,
                          int agentSessions, int agentBlocks) {
        public Options {
            models = List.copyOf(models);
            runs = List.copyOf(runs);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("--models: no model given");
            }
            if (folds < 2 || folds > 100) {
                throw new IllegalArgumentException("--folds must be in 2..100, got " + folds);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("--threads must be in 1..1024, got " + threads);
            }
            if (agentSessions < folds || agentSessions > 10_000) {
                throw new IllegalArgumentException("--agent-sessions must be in " + folds + "..10000 (at least one "
                        + "per fold), got " + agentSessions);
            }
            if (agentBlocks < 1 || agentBlocks > 1000) {
                throw new IllegalArgumentException("--agent-blocks must be in 1..1000, got " + agentBlocks);
            }
        }
    }

    /** No mouse has enough sessions for the folds (bad input for fit-mice; a skipped stage in run). */
    public static final class NoEligibleMouse extends IllegalArgumentException {
        NoEligibleMouse(String message) {
            super(message);
        }
    }

    /** The stage's typed result: what summary.json, the tables and the figures are made from. */
    public record Result(Path dir, ModelComparison comparison, ExampleSession example, FitMiceSummary summary) {
    }

    /** A subject's sessions with the protocol its Bayesian prior assumes. */
    private record Subject(String name, List<ChoiceSession> sessions, TaskConfig protocol) {
    }

    /**
     * Runs the stage into {@code out} (created; refused when it already holds a summary.json,
     * unless {@code replace}).
     */
    public static Result run(Path out, Options o, boolean replace, Consumer<String> log) throws IOException {
        return run(out, o, List.of(), replace, log);
    }

    /**
     * Runs the stage on the mice named in {@code only} (every mouse when empty) into {@code out}
     * (created; refused when it already holds a summary.json, unless {@code replace}).
     */
    public static Result run(Path out, Options o, List<String> only, boolean replace, Consumer<String> log)
            throws IOException {
        FitMiceOutputs.checkWritable(out, replace);
        checkMice(o);
        List<TrainedRun> runs = new ArrayList<>();
        for (Path r : o.runs()) {
            runs.add(TrainedRun.open(r, log));
        }
        Files.createDirectories(out);
        try (RunLock lock = RunLock.acquire(out)) {
            if (lock.removedTemporaries() > 0) {
                log.accept("  removed " + lock.removedTemporaries() + " temporary file(s) left in " + out
                        + " by an interrupted run");
            }
            FitMiceOutputs.checkWritable(out, replace);
            return runLocked(out, o, only, runs, log);
        }
    }

    /**
     * Refuses an {@code --out} that is a file or already holds a result (unless {@code replace}),
     * so a command can check it before printing anything; {@link #run} checks again under the lock.
     */
    public static void checkOutput(Path out, boolean replace) {
        FitMiceOutputs.checkWritable(out, replace);
    }

    private static void checkMice(Options o) {
        if (!Files.exists(o.mice())) {
            throw new IllegalArgumentException("--mice " + o.mice() + ": no such file or folder");
        }
    }

    /**
     * Whether {@code out} holds a complete result made from exactly the inputs {@code o} would use
     * now (same mice bytes, models, folds, seed, runs' checkpoints, agent sessions, toolkit version).
     */
    public static boolean upToDate(Path out, Options o) throws IOException {
        com.fasterxml.jackson.databind.JsonNode recorded = FitMiceOutputs.readInputs(out);
        if (recorded == null) {
            return false;
        }
        List<TrainedRun> runs = new ArrayList<>();
        for (Path r : o.runs()) {
            runs.add(TrainedRun.open(r, l -> { }));
        }
        return recorded.equals(org.iblrnn.data.JsonFiles.tree(inputs(o, runs, List.of())));
    }

    /** The mice as loaded: those fitted and those left out, each with its position in the data. */
    private record Mice(MouseData md, List<Subject> eligible, List<Integer> eligibleIndex,
                        List<ModelComparison.Excluded> excluded, List<Integer> excludedIndex) {
    }

    private static Mice loadMice(Options o, List<String> only, Consumer<String> log) throws IOException {
        MouseData md = MouseCsv.load(o.mice());
        log.accept(String.format(java.util.Locale.ROOT, "  mice: %d mice, %d trials (%d rows skipped) from %s",
                md.mice().size(), md.trials(), md.report().totalSkippedRows(), o.mice()));
        if (md.mice().isEmpty() || md.trials() == 0) {
            throw new IllegalArgumentException("--mice " + o.mice() + ": no mouse trial could be read ("
                    + md.report().totalRows() + " rows, " + md.report().totalSkippedRows() + " skipped)");
        }
        List<String> ids = md.mouseIds();
        for (String name : only) {
            if (!ids.contains(name)) {
                throw new IllegalArgumentException("--only " + name + ": no such mouse in " + o.mice() + " ("
                        + ids.size() + " mice: " + String.join(", ", ids.subList(0, Math.min(5, ids.size())))
                        + (ids.size() > 5 ? ", ..." : "") + ")");
            }
        }
        TaskConfig mouseProtocol = TaskConfig.iblMouse();
        Mice m = new Mice(md, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < md.mice().size(); i++) {
            TrialTable t = md.mice().get(i);
            if (!only.isEmpty() && !only.contains(t.agent())) {
                continue;
            }
            List<ChoiceSession> sessions = ChoiceSession.fromTable(t, mouseProtocol.concordance());
            long usable = sessions.stream().filter(s -> s.responses() > 0).count();
            if (usable < o.folds()) {
                String why = usable + " sessions with a response, fewer than the " + o.folds() + " folds";
                m.excluded().add(new ModelComparison.Excluded(t.agent(), why));
                m.excludedIndex().add(i);
                log.accept("  left out " + t.agent() + ": " + why);
                continue;
            }
            m.eligible().add(new Subject(t.agent(), sessions, mouseProtocol));
            m.eligibleIndex().add(i);
        }
        return m;
    }

    private static NoEligibleMouse noEligibleMouse(Options o) {
        return new NoEligibleMouse("--mice " + o.mice() + ": no mouse has " + o.folds()
                + " sessions with a response (lower --folds)");
    }

    private static Result runLocked(Path out, Options o, List<String> only, List<TrainedRun> runs,
                                    Consumer<String> log) throws IOException {
        long start = System.nanoTime();
        Mice m = loadMice(o, only, log);
        List<Subject> mice = m.eligible();
        if (mice.isEmpty()) {
            throw noEligibleMouse(o);
        }
        List<Subject> agents = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            agents.addAll(agentSubjects(o.runs().get(i), runs.get(i), o));
        }
        if (!agents.isEmpty()) {
            log.accept("  agents: " + agents.stream().map(Subject::name).toList() + ", " + o.agentSessions()
                    + " sessions of " + o.agentBlocks() + " blocks each");
        }
        int example = exampleMouse(mice);
        log.accept("  fitting " + String.join(", ", o.models()) + " with " + o.folds() + "-fold cross-validation on "
                + mice.size() + " mice" + (agents.isEmpty() ? "" : " and " + agents.size() + " agents") + ", "
                + o.threads() + " thread" + (o.threads() == 1 ? "" : "s"));
        List<Subject> all = new ArrayList<>(mice);
        all.addAll(agents);
        List<CrossValidation.SubjectResult> results = fitAll(all, o, example, start, log);
        List<CrossValidation.SubjectResult> mouseResults = results.subList(0, mice.size());
        List<CrossValidation.SubjectResult> agentResults = results.subList(mice.size(), results.size());
        ModelComparison comparison = ModelComparison.of(o.models(), mouseResults, m.excluded(), agentResults);
        return finish(out, o, only, runs, m, comparison, results.get(example), mice.get(example), start, log);
    }

    /** The example session from the example mouse's result (with its fits kept), the summary, the files. */
    private static Result finish(Path out, Options o, List<String> only, List<TrainedRun> runs, Mice m,
                                 ModelComparison comparison, CrossValidation.SubjectResult exampleResult,
                                 Subject ex, long start, Consumer<String> log) throws IOException {
        ExampleSession exampleSession = ExampleSession.of(exampleResult, ex.sessions(),
                ExampleSession.longest(ex.sessions()));
        FitMiceSummary summary = FitMiceSummary.of(comparison, m.md(), inputs(o, runs, only), exampleSession);
        Result result = new Result(out, comparison, exampleSession, summary);
        FitMiceOutputs.write(result);
        log.accept(String.format(java.util.Locale.ROOT, "  done in %.1f s", (System.nanoTime() - start) / 1e9));
        return result;
    }

    /**
     * {@code fit-mice --parts}: fits the mice named in {@code only} (every mouse when empty) and
     * writes one part per mouse to {@code OUT/parts/MOUSE.json} (a mouse left out for too few
     * sessions gets a part saying why), overwriting that mouse's earlier part. Takes no lock on
     * {@code out}: array tasks write their parts side by side. Agents ({@code --run}) are not fitted.
     *
     * @return the parts written
     */
    public static List<Path> runParts(Path out, Options o, List<String> only, Consumer<String> log)
            throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        if (!o.runs().isEmpty()) {
            throw new IllegalArgumentException("--run: not with --parts (agents are fitted only in one process; "
                    + "run fit-mice --run on its own)");
        }
        checkMice(o);
        long start = System.nanoTime();
        Mice m = loadMice(o, only, log);
        FitMiceSummary.Inputs inputs = inputs(o, List.of(), List.of());
        int n = m.md().mice().size();
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < m.excluded().size(); i++) {
            ModelComparison.Excluded e = m.excluded().get(i);
            FitMiceParts p = new FitMiceParts(FitMiceParts.FORMAT_VERSION, FitMiceParts.STAGE, inputs, e.subject(),
                    m.excludedIndex().get(i), n, e.reason(), null);
            p.write(out);
            written.add(FitMiceParts.file(out, e.subject()));
        }
        if (!m.eligible().isEmpty()) {
            log.accept("  fitting " + String.join(", ", o.models()) + " with " + o.folds() + "-fold cross-validation "
                    + "on " + m.eligible().size() + " mice, " + o.threads() + " thread" + (o.threads() == 1 ? "" : "s")
                    + "; parts in " + FitMiceParts.dir(out));
            List<CrossValidation.SubjectResult> results = fitAll(m.eligible(), o, -1, start, log);
            for (int i = 0; i < results.size(); i++) {
                CrossValidation.SubjectResult r = results.get(i);
                FitMiceParts p = new FitMiceParts(FitMiceParts.FORMAT_VERSION, FitMiceParts.STAGE, inputs, r.subject(),
                        m.eligibleIndex().get(i), n, null, r);
                p.write(out);
                written.add(FitMiceParts.file(out, r.subject()));
            }
        }
        log.accept(String.format(java.util.Locale.ROOT, "  wrote %d part%s in %.1f s", written.size(),
                written.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
        return written;
    }

    /**
     * {@code fit-mice --collect}: reads {@code OUT/parts/*.json} (all made from the same inputs,
     * one per mouse of the data, every mouse present), rebuilds the comparison and writes the same
     * outputs as a single-process run; the example mouse is refitted in this process with its fits
     * kept, for the example figures and example-priors.csv.
     *
     * @param mice the mouse data when not where the parts say (its SHA-256 must match), or null
     */
    public static Result collect(Path out, Path mice, boolean replace, Consumer<String> log) throws IOException {
        FitMiceOutputs.checkWritable(out, replace);
        long start = System.nanoTime();
        List<FitMiceParts.Read> parts = FitMiceParts.readAll(out);
        FitMiceSummary.Inputs in = parts.get(0).part().inputs();
        Path micePath = mice != null ? mice : Path.of(in.mice());
        if (!Files.exists(micePath)) {
            throw new IllegalArgumentException("--mice " + micePath + ": no such file or folder (the parts were made "
                    + "from it; give --mice where the same files are now)");
        }
        String sha = fingerprint(micePath);
        if (!sha.equals(in.miceSha256())) {
            throw new IllegalArgumentException("--mice " + micePath + ": not the mouse files the parts were made from "
                    + "(SHA-256 " + sha.substring(0, 12) + "... vs " + in.miceSha256().substring(0, 12) + "...)");
        }
        Options o = new Options(micePath, in.models(), in.folds(), in.seed(), 1, List.of(), in.agentSessions(),
                in.agentBlocks());
        log.accept("  collecting " + parts.size() + " part" + (parts.size() == 1 ? "" : "s") + " from "
                + FitMiceParts.dir(out));
        Files.createDirectories(out);
        try (RunLock lock = RunLock.acquire(out)) {
            FitMiceOutputs.checkWritable(out, replace);
            Mice m = loadMice(o, List.of(), log);
            java.util.Map<String, FitMiceParts.Read> byMouse = new java.util.HashMap<>();
            for (FitMiceParts.Read r : parts) {
                byMouse.put(r.part().mouse(), r);
            }
            List<String> missing = new ArrayList<>();
            List<CrossValidation.SubjectResult> results = new ArrayList<>();
            for (Subject s : m.eligible()) {
                FitMiceParts.Read r = byMouse.remove(s.name());
                if (r == null) {
                    missing.add(s.name());
                } else if (r.part().result() == null || !r.part().result().subject().equals(s.name())) {
                    throw new IllegalArgumentException(r.file() + ": holds no result for " + s.name()
                            + " (remake it)");
                } else {
                    results.add(r.part().result());
                }
            }
            for (ModelComparison.Excluded e : m.excluded()) {
                if (byMouse.remove(e.subject()) == null) {
                    missing.add(e.subject());
                }
            }
            if (!byMouse.isEmpty()) {
                FitMiceParts.Read r = byMouse.values().iterator().next();
                throw new IllegalArgumentException(r.file() + ": mouse " + r.part().mouse() + " is not in " + micePath);
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("--collect: " + missing.size() + " of " + m.md().mice().size()
                        + " mice have no part in " + FitMiceParts.dir(out) + ": "
                        + String.join(",", missing.subList(0, Math.min(10, missing.size())))
                        + (missing.size() > 10 ? ",..." : "") + " (fit them with --only ... --parts)");
            }
            if (m.eligible().isEmpty()) {
                throw noEligibleMouse(o);
            }
            ModelComparison comparison = ModelComparison.of(o.models(), results, m.excluded(), List.of());
            int example = exampleMouse(m.eligible());
            Subject ex = m.eligible().get(example);
            log.accept("  refitting the example mouse " + ex.name() + " with its fits kept (for the example figures)");
            CrossValidation.SubjectResult exampleResult = fitOne(ex, o, true);
            return finish(out, o, List.of(), List.of(), m, comparison, exampleResult, ex, start, log);
        }
    }

    /** The example mouse: the one with the most trials (the figures' example session comes from it). */
    private static int exampleMouse(List<Subject> mice) {
        int best = 0;
        for (int i = 1; i < mice.size(); i++) {
            if (trials(mice.get(i)) > trials(mice.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static int trials(Subject s) {
        return s.sessions().stream().mapToInt(ChoiceSession::length).sum();
    }

    private static List<CrossValidation.SubjectResult> fitAll(List<Subject> subjects, Options o, int keepFitsOf,
                                                              long start, Consumer<String> log) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "fit-mice");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CrossValidation.SubjectResult>> futures = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                Subject s = subjects.get(i);
                boolean keep = i == keepFitsOf;
                futures.add(pool.submit(() -> fitOne(s, o, keep)));
            }
            List<CrossValidation.SubjectResult> out = new ArrayList<>();
            ConsoleTicker ticker = new ConsoleTicker(start, subjects.size(), log);
            for (int i = 0; i < futures.size(); i++) {
                out.add(get(futures.get(i), subjects.get(i).name()));
                ticker.tick(i + 1);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CrossValidation.SubjectResult fitOne(Subject s, Options o, boolean keepFits) {
        List<ChoiceModel> models = new ArrayList<>();
        for (String name : o.models()) {
            models.add(ChoiceModels.create(name, s.protocol().blockLengths(), s.protocol().concordance()));
        }
        return CrossValidation.run(s.name(), s.sessions(), models, new CrossValidation.Options(o.folds(), o.seed()),
                keepFits);
    }

    private static CrossValidation.SubjectResult get(Future<CrossValidation.SubjectResult> f, String subject)
            throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fitting " + subject, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(subject + ": " + iae.getMessage(), iae);
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(subject + ": " + c, c);
        }
    }

    /** A progress line about every 10 s (and at the end). */
    private static final class ConsoleTicker {
        private final long start;
        private final int total;
        private final Consumer<String> log;
        private long last;

        ConsoleTicker(long start, int total, Consumer<String> log) {
            this.start = start;
            this.total = total;
            this.log = log;
            this.last = System.nanoTime();
        }

        void tick(int done) {
            long now = System.nanoTime();
            if (done == total || now - last > 10_000_000_000L) {
                last = now;
                log.accept(String.format(java.util.Locale.ROOT, "  %d/%d subjects fitted (%.0f s)", done, total,
                        (now - start) / 1e9));
            }
        }
    }

    /**
     * The agents of one run as subjects: each plays {@code agentSessions} fresh sessions of the
     * run's own task ({@code agentBlocks} biased blocks each, from the seed's "fit-mice" streams),
     * the same sessions for every agent. Contrasts are divided by the task's largest one, so the
     * choice models see them on the mice's [0, 1] scale.
     */
    private static List<Subject> agentSubjects(Path runDir, TrainedRun run, Options o) {
        TaskConfig task = run.task(o.agentBlocks());
        String label = runDir.toAbsolutePath().normalize().getFileName().toString();
        List<Session> sessions = new ArrayList<>();
        long root = Seeds.derive(o.seed(), "fit-mice-agents");
        for (int i = 0; i < o.agentSessions(); i++) {
            sessions.add(Session.sample(task, Seeds.stream(root, "session-" + i)));
        }
        // a model task's contrasts are observation means (e.g. up to 2.5): on the choice models' scale
        // [0, 1] by the task's largest contrast
        double top = task.contrasts().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        List<Subject> out = new ArrayList<>();
        for (String agent : AGENTS) {
            List<ChoiceSession> cs = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                TrialTable t = AgentRunner.run(AgentCatalog.actor(agent, task, run.model(), run.theta()),
                        sessions.get(i), false).trials();
                ChoiceSession s = ChoiceSession.fromTable(t, task.concordance(), top > 0 ? top : 1.0).get(0);
                cs.add(new ChoiceSession(i, s.contrast(), s.stimSide(), s.choice(), s.blockProbRight(),
                        s.openingTrials()));
            }
            out.add(new Subject(label + "/" + agent, cs, task));
        }
        return out;
    }

    /** What the stage's outputs were made from (recorded in summary.json; a change reruns the stage in run). */
    static FitMiceSummary.Inputs inputs(Options o, List<TrainedRun> runs, List<String> only) throws IOException {
        List<FitMiceSummary.RunInput> rs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            rs.add(new FitMiceSummary.RunInput(o.runs().get(i).toString(), runs.get(i).json().getFileName().toString(),
                    runs.get(i).checkpoint().completedSteps()));
        }
        return new FitMiceSummary.Inputs(o.mice().toString(), fingerprint(o.mice()), o.models(), o.folds(), o.seed(),
                rs, o.agentSessions(), o.agentBlocks(), Version.VERSION, only);
    }

    /** SHA-256 over the names and bytes of the mouse files (sorted), so any change of the data shows. */
    static String fingerprint(Path mice) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(mice)) {
            try (Stream<Path> s = Files.list(mice)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        } else {
            files.add(mice);
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            md.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Model names from a comma-separated option value ("all" for every model). */
    public static List<String> parseModels(String list) {
        return ChoiceModels.parse(list);
    }
}
