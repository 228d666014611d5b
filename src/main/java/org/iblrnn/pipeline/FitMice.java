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
        FitMiceOutputs.checkWritable(out, replace);
        if (!Files.exists(o.mice())) {
            throw new IllegalArgumentException("--mice " + o.mice() + ": no such file or folder");
        }
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
            return runLocked(out, o, runs, log);
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
        return recorded.equals(org.iblrnn.data.JsonFiles.tree(inputs(o, runs)));
    }

    private static Result runLocked(Path out, Options o, List<TrainedRun> runs, Consumer<String> log)
            throws IOException {
        long start = System.nanoTime();
        MouseData md = MouseCsv.load(o.mice());
        log.accept(String.format(java.util.Locale.ROOT, "  mice: %d mice, %d trials (%d rows skipped) from %s",
                md.mice().size(), md.trials(), md.report().totalSkippedRows(), o.mice()));
        if (md.mice().isEmpty() || md.trials() == 0) {
            throw new IllegalArgumentException("--mice " + o.mice() + ": no mouse trial could be read ("
                    + md.report().totalRows() + " rows, " + md.report().totalSkippedRows() + " skipped)");
        }
        TaskConfig mouseProtocol = TaskConfig.iblMouse();
        List<Subject> mice = new ArrayList<>();
        List<ModelComparison.Excluded> excluded = new ArrayList<>();
        for (TrialTable t : md.mice()) {
            List<ChoiceSession> sessions = ChoiceSession.fromTable(t, mouseProtocol.concordance());
            long usable = sessions.stream().filter(s -> s.responses() > 0).count();
            if (usable < o.folds()) {
                String why = usable + " sessions with a response, fewer than the " + o.folds() + " folds";
                excluded.add(new ModelComparison.Excluded(t.agent(), why));
                log.accept("  left out " + t.agent() + ": " + why);
                continue;
            }
            mice.add(new Subject(t.agent(), sessions, mouseProtocol));
        }
        if (mice.isEmpty()) {
            throw new NoEligibleMouse("--mice " + o.mice() + ": no mouse has " + o.folds()
                    + " sessions with a response (lower --folds)");
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
        ModelComparison comparison = ModelComparison.of(o.models(), mouseResults, excluded, agentResults);
        Subject ex = mice.get(example);
        ExampleSession exampleSession = ExampleSession.of(results.get(example), ex.sessions(),
                ExampleSession.longest(ex.sessions()));
        FitMiceSummary summary = FitMiceSummary.of(comparison, md, inputs(o, runs), exampleSession);
        Result result = new Result(out, comparison, exampleSession, summary);
        FitMiceOutputs.write(result);
        log.accept(String.format(java.util.Locale.ROOT, "  done in %.1f s", (System.nanoTime() - start) / 1e9));
        return result;
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
    static FitMiceSummary.Inputs inputs(Options o, List<TrainedRun> runs) throws IOException {
        List<FitMiceSummary.RunInput> rs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            rs.add(new FitMiceSummary.RunInput(o.runs().get(i).toString(), runs.get(i).json().getFileName().toString(),
                    runs.get(i).checkpoint().completedSteps()));
        }
        return new FitMiceSummary.Inputs(o.mice().toString(), fingerprint(o.mice()), o.models(), o.folds(), o.seed(),
                rs, o.agentSessions(), o.agentBlocks(), Version.VERSION);
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
