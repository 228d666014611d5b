package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.iblrnn.agents.Agent;
import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianObserver;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.behaviour.Behaviour;
import org.iblrnn.analysis.behaviour.PsychometricFit;
import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.MouseCsvWriter;
import org.iblrnn.data.NpyArray;
import org.iblrnn.data.Npz;
import org.iblrnn.data.RunLock;
import org.iblrnn.data.TrialCsv;
import org.iblrnn.math.Seeds;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.report.BehaviourFigures;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.iblrnn.train.Checkpoint;

/**
 * Closed-loop evaluation of a trained network beside the Bayesian agents and baselines
 * (paper section 3.1).
 *
 * <p>One evaluation session of {@code blocks} blocks is sampled from the seed's "evaluate"
 * stream with the run's task. Every actor runs on <em>this same session</em>: the same blocks,
 * sides, contrasts and observation noise (observations are drawn up front, ten per trial, and an
 * agent that decides after k observations sees the first k). Observers see exactly the
 * observations the network saw and are scored at the step where the network acted or timed out.
 *
 * <p>Output in {@code RUN/eval/}: {@code AGENT/trials.csv} per agent (and
 * {@code AGENT/trials-ibl-schema.csv}, the same trials in the IBL mouse export's schema),
 * {@code rnn/steps.csv} and
 * {@code rnn/hidden.npy} (float64, shape [steps, H]: the hidden vector h after every step, what the
 * readout sees, for every cell) for the network, for an LSTM also {@code rnn/cell.npy} (float64,
 * shape [steps, H]: its cell state c after every step; (h, c) is the state the LSTM carries), and
 * {@code summary.json} (whose {@code stateFiles} entry says what each array holds).
 */
public final class Evaluation {
    /** What to evaluate. */
    public record Options(List<String> agents, int blocks, long seed, boolean writeSteps) {
        public Options {
            agents = List.copyOf(agents);
            AgentCatalog.check(agents);
            if (!agents.contains("rnn") && agents.stream().anyMatch(AgentCatalog.OBSERVERS::containsKey)) {
                throw new IllegalArgumentException("--agents: observers are scored on the network's session; "
                        + "include rnn");
            }
            if (blocks < 1 || blocks > 100_000) {
                throw new IllegalArgumentException("--blocks must be in [1, 100000], got " + blocks);
            }
        }

        /** Every agent, 1000 blocks (the paper's analysis session), seed 1. */
        public static Options defaults() {
            return new Options(AgentCatalog.names(), 1000, 1, true);
        }
    }

    /** One agent's scores on the evaluation session: fraction correct, actions, zero-contrast trials, steps. */
    public record AgentScores(String agent, String kind, int trials, double fractionCorrect, double fractionActions,
                           double correctAmongActions, double zeroContrastCorrect,
                           double zeroContrastCorrectAmongActions, double zeroContrastChooseBlock,
                           double stepsPerTrial, double observationsPerTrial, double seconds) {
    }

    /** All trial tables and agents' scores of an evaluation. */
    public record Result(Path dir, TaskConfig task, Map<String, TrialTable> trials, List<AgentScores> scores,
                         StepRecord rnnSteps, Path checkpoint) {
    }

    private Evaluation() {
    }

    /**
     * Evaluates the newest checkpoint of the run in {@code runDir}.
     *
     * @param log receives one line per finished agent
     */
    public static Result run(Path runDir, Options options, LongSupplier nanoClock, Consumer<String> log)
            throws IOException {
        try (RunLock lock = StageMarker.lock(runDir, log)) {
            TrainedRun tr = TrainedRun.open(runDir, log);
            Path dir = runDir.resolve("eval");
            StageMarker.clear(dir);
            Result r = run(runDir, tr, options, nanoClock, log);
            StageMarker.complete(dir, markerInputs(tr, runDir, options));
            return r;
        }
    }

    /** What {@code eval/complete.json} records (see {@link StageMarker}). */
    static Map<String, Object> markerInputs(TrainedRun tr, Path runDir, Options options) {
        return StageMarker.inputs("evaluate", tr, runDir, options.blocks(), options.seed(),
                Ordered.map("agents", options.agents(), "writeSteps", options.writeSteps()));
    }

    private static Result run(Path runDir, TrainedRun tr, Options options, LongSupplier nanoClock,
                              Consumer<String> log) throws IOException {
        Checkpoint ck = tr.checkpoint();
        RecurrentModel model = tr.model();
        double[] theta = tr.theta();
        TaskConfig task = ck.config().task().withBlocksPerSession(options.blocks());
        Session session = Session.sample(task, Seeds.stream(options.seed(), "evaluate"));
        Path dir = runDir.resolve("eval");
        Files.createDirectories(dir);

        Map<String, TrialTable> tables = new LinkedHashMap<>();
        List<AgentScores> heads = new ArrayList<>();
        StepRecord rnnSteps = null;
        TrialTable rnnTrials = null;
        for (String name : options.agents()) {
            if (!AgentCatalog.ACTORS.containsKey(name)) {
                continue;
            }
            long t0 = nanoClock.getAsLong();
            Agent agent = AgentCatalog.actor(name, task, model, theta);
            AgentRunner.Result r = AgentRunner.run(agent, session, true);
            TrialTable t = r.trials();
            if (name.equals("rnn")) {
                rnnSteps = r.steps();
                rnnTrials = t;
            } else {
                t = withTrialEndStates(t, r.steps());
            }
            double secs = (nanoClock.getAsLong() - t0) * 1e-9;
            tables.put(name, t);
            heads.add(scores(name, "actor", t, secs));
            log.accept(line(heads.get(heads.size() - 1)));
        }
        for (String name : options.agents()) {
            if (!AgentCatalog.OBSERVERS.containsKey(name)) {
                continue;
            }
            if (rnnTrials == null) {
                throw new IllegalArgumentException("--agents: observers are scored on the network's session; "
                        + "include rnn");
            }
            long t0 = nanoClock.getAsLong();
            BayesianObserver obs = AgentCatalog.observer(name, task);
            ObserverTrace trace = obs.observe(session, rnnTrials.observations());
            TrialTable t = observerTable(name, rnnTrials, trace);
            double secs = (nanoClock.getAsLong() - t0) * 1e-9;
            tables.put(name, t);
            heads.add(scores(name, "observer", t, secs));
            log.accept(line(heads.get(heads.size() - 1)));
            if (name.equals("observer")) {
                rnnTrials = rnnTrials.withExtra("observer_stimulus_posterior_right", trace.stimulusPosteriorRight())
                        .withExtra("observer_block_prior_right", trace.blockPriorRight());
                tables.put("rnn", rnnTrials);
            }
        }
        for (Map.Entry<String, TrialTable> e : tables.entrySet()) {
            Path d = dir.resolve(e.getKey());
            Files.createDirectories(d);
            TrialCsv.write(d.resolve("trials.csv"), e.getValue());
            MouseCsvWriter.write(d.resolve("trials-ibl-schema.csv"), e.getValue());
        }
        boolean writeCell = model.cell().carriedSize() > model.config().hiddenSize();
        if (rnnSteps != null && options.writeSteps()) {
            writeSteps(dir.resolve("rnn"), rnnSteps);
            if (writeCell) {
                writeCellStates(dir.resolve("rnn"), RnnAgent.carriedStates(model, theta, rnnSteps),
                        model.config().hiddenSize());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", "iblrnn-evaluation");
        summary.put("version", Version.VERSION);
        summary.put("checkpoint", runDir.relativize(tr.json()).toString());
        summary.put("checkpointUsed", tr.provenance(runDir));
        summary.put("checkpointStep", ck.completedSteps() - 1);
        summary.put("seed", options.seed());
        summary.put("blocks", options.blocks());
        summary.put("trials", session.trialCount());
        summary.put("cell", model.config().cell());
        if (rnnSteps != null && options.writeSteps()) {
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("rnn/steps.csv", "per step: trial, step in trial, inputs, P(right), reward");
            files.put("rnn/hidden.npy", "float64 [steps, H]: hidden vector h after every step (what the readout "
                    + "sees)");
            if (writeCell) {
                files.put("rnn/cell.npy", "float64 [steps, H]: the LSTM's cell state c after every step (the "
                        + "network carries (h, c))");
            }
            summary.put("stateFiles", files);
        }
        summary.put("definitions", Ordered.map(
                "fractionCorrect", "correct actions / all trials (timeouts count as wrong)",
                "zeroContrastChooseBlockSide", "P(choice = block side) among responded zero-contrast trials",
                "recoveryTrials", "first trial position after a block change whose fraction correct is within "
                        + "0.02 of the plateau (mean over positions 30-50)",
                "psychometric", "P(right) = lapseLow + (1 - lapseLow - lapseHigh) Phi((c - bias) / threshold), "
                        + "maximum likelihood, 95% CI from the observed information"));
        summary.put("sessionSharing", "every actor ran on the same sampled session; observers on the network's "
                + "observations, scored at its decision step");
        Map<String, Object> agents = new LinkedHashMap<>();
        for (AgentScores h : heads) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", h.kind());
            m.put("description", h.kind().equals("actor") ? AgentCatalog.ACTORS.get(h.agent())
                    : AgentCatalog.OBSERVERS.get(h.agent()));
            m.put("trials", h.trials());
            m.put("fractionCorrect", h.fractionCorrect());
            m.put("fractionActions", h.fractionActions());
            m.put("correctAmongActions", h.correctAmongActions());
            m.put("zeroContrastCorrect", h.zeroContrastCorrect());
            m.put("zeroContrastCorrectAmongActions", h.zeroContrastCorrectAmongActions());
            m.put("zeroContrastChooseBlockSide", h.zeroContrastChooseBlock());
            m.put("stepsPerTrial", h.stepsPerTrial());
            m.put("observationsPerTrial", h.observationsPerTrial());
            TrialTable t = tables.get(h.agent());
            Behaviour.ZeroContrast z = Behaviour.zeroContrast(t);
            m.put("zeroContrastCorrectLeftBlock", z.correctLeftBlock());
            m.put("zeroContrastCorrectRightBlock", z.correctRightBlock());
            m.put("recoveryTrials", Behaviour.recoveryTrials(Behaviour.correctByTrialInBlock(t, false, 60), 0.02));
            Map<String, Object> psy = new LinkedHashMap<>();
            for (int side : new int[] {-1, 1}) {
                PsychometricFit.Result f = Behaviour.psychometricFit(t, side);
                if (f == null) {
                    continue;
                }
                Map<String, Object> pm = new LinkedHashMap<>();
                String[] names = {"bias", "threshold", "lapseLow", "lapseHigh"};
                for (int i = 0; i < 4; i++) {
                    pm.put(names[i], f.value(i));
                    pm.put(names[i] + "Ci95", List.of(f.lower95(i), f.upper95(i)));
                }
                pm.put("converged", f.converged());
                pm.put("trials", f.trials());
                psy.put(side < 0 ? "leftBlock" : "rightBlock", pm);
            }
            m.put("psychometric", psy);
            agents.put(h.agent(), m);
        }
        summary.put("agents", agents);
        JsonFiles.write(dir.resolve("summary.json"), summary);
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        for (BehaviourFigures.Named f : BehaviourFigures.all(tables, task.waitReward())) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        log.accept("  figures in " + figs);
        return new Result(dir, task, tables, heads, rnnSteps, tr.json());
    }

    /** Adds each Bayesian actor's state at the trial's last step as extra columns. */
    private static TrialTable withTrialEndStates(TrialTable t, StepRecord s) {
        int n = t.size();
        List<String> names = s.stateNames();
        double[][] cols = new double[names.size()][n];
        for (int step = 0; step < s.size(); step++) {
            int tr = s.trial(step);
            if (tr < n && (step + 1 == s.size() || s.trial(step + 1) != tr)) {
                for (int k = 0; k < names.size(); k++) {
                    cols[k][tr] = s.state(step, k);
                }
            }
        }
        TrialTable out = t;
        for (int k = 0; k < names.size(); k++) {
            out = out.withExtra(snake(names.get(k)), cols[k]);
        }
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The observer as a trial table: its choice is the side it favours at the network's decision step. */
    static TrialTable observerTable(String name, TrialTable rnn, ObserverTrace tr) {
        int[] choice = tr.favouredSide();
        Map<String, double[]> extra = new LinkedHashMap<>();
        extra.put("block_prior_right", tr.blockPriorRight());
        extra.put("block_posterior_right", tr.blockPosteriorRight());
        extra.put("stimulus_prior_right", tr.stimulusPriorRight());
        extra.put("stimulus_posterior_right", tr.stimulusPosteriorRight());
        return new TrialTable(name, rnn.session(), rnn.block(), rnn.blockSide(), rnn.trialInBlock(), rnn.stimSide(),
                rnn.contrast(), choice, rnn.observations(), rnn.steps(), rnn.reactionTime(), extra);
    }

    static AgentScores scores(String name, String kind, TrialTable t, double seconds) {
        int n = t.size();
        long correct = 0;
        long actions = 0;
        long steps = 0;
        long obs = 0;
        for (int i = 0; i < n; i++) {
            correct += t.correct(i) ? 1 : 0;
            actions += t.responded(i) ? 1 : 0;
            steps += t.stepsAt(i);
            obs += t.observationsAt(i);
        }
        Behaviour.ZeroContrast z = Behaviour.zeroContrast(t);
        double zc = 0.5 * (z.correctLeftBlock() + z.correctRightBlock());
        long zActions = 0;
        long zCorrect = 0;
        for (int i = 0; i < n; i++) {
            if (t.contrastAt(i) == 0 && t.blockSideAt(i) != 0 && t.responded(i)) {
                zActions++;
                zCorrect += t.correct(i) ? 1 : 0;
            }
        }
        return new AgentScores(name, kind, n, (double) correct / n, (double) actions / n,
                actions == 0 ? Double.NaN : (double) correct / actions, zc,
                zActions == 0 ? Double.NaN : (double) zCorrect / zActions, z.chooseBlockSide(),
                (double) steps / n, (double) obs / n, seconds);
    }

    static String line(AgentScores h) {
        return String.format(Locale.ROOT, "  %-22s %-8s correct %.4f  actions %.4f  zero-contrast correct %.4f  "
                        + "steps/trial %.2f  (%.1f s)", h.agent(), h.kind(), h.fractionCorrect(), h.fractionActions(),
                h.zeroContrastCorrect(), h.stepsPerTrial(), h.seconds());
    }

    /** An LSTM's cell states c (entries H.. of the carried states), float64 [steps, H]. */
    private static void writeCellStates(Path d, double[][] carried, int hidden) throws IOException {
        int t = carried.length;
        int k = t == 0 ? 0 : carried[0].length - hidden;
        double[] flat = new double[t * k];
        for (int r = 0; r < t; r++) {
            System.arraycopy(carried[r], hidden, flat, r * k, k);
        }
        Npz.writeNpy(d.resolve("cell.npy"), new NpyArray("cell", new int[] {t, k}, flat));
    }

    private static void writeSteps(Path d, StepRecord s) throws IOException {
        Files.createDirectories(d);
        StringBuilder sb = new StringBuilder(s.size() * 60);
        sb.append("step,trial,step_in_trial,left_obs,right_obs,prev_reward,p_right,reward\n");
        for (int t = 0; t < s.size(); t++) {
            sb.append(t).append(',').append(s.trial(t)).append(',').append(s.stepInTrial(t)).append(',')
                    .append(s.input(t, 0)).append(',').append(s.input(t, 1)).append(',').append(s.input(t, 2))
                    .append(',').append(s.probRight(t)).append(',').append(s.reward(t)).append('\n');
        }
        AtomicFiles.writeString(d.resolve("steps.csv"), sb.toString());
        Npz.writeNpy(d.resolve("hidden.npy"), new NpyArray("hidden", new int[] {s.size(), s.stateSize()},
                s.statesFlat()));
    }
}
