package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.agents.StepRecord;
import org.iblrnn.analysis.PaperNumbers;
import org.iblrnn.analysis.behaviour.Behaviour;
import org.iblrnn.analysis.behaviour.Curve;
import org.iblrnn.analysis.distill.Decoherence;
import org.iblrnn.analysis.distill.Distillation;
import org.iblrnn.analysis.distill.DistillationResult;
import org.iblrnn.analysis.distill.DistilledAgent;
import org.iblrnn.analysis.distill.Radd;
import org.iblrnn.analysis.distill.RaddAgent;
import org.iblrnn.analysis.distill.RaddConfig;
import org.iblrnn.analysis.distill.RaddDynamics;
import org.iblrnn.analysis.distill.RaddProjection;
import org.iblrnn.analysis.distill.RaddResult;
import org.iblrnn.analysis.dynamics.FixedPointConfig;
import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.RunLock;
import org.iblrnn.data.TrialCsv;
import org.iblrnn.math.Seeds;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.report.BehaviourFigures;
import org.iblrnn.report.DistillFigures;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.iblrnn.train.Checkpoint;

/**
 * {@code iblrnn distill}: RADD (paper section 3.3.2). The network's states of the evaluation
 * session are projected on M directions (by default its stimulus and block readouts, z = (s, b);
 * or the top M principal components; or directions from a file, see {@link Projection}); an
 * M-unit tanh RNN z' = tanh(A z' + B o + c) is fitted to them by gradient descent on the
 * trajectory loss (windows of 50 steps restarted from the true z), and by the code's one-step
 * least squares in artanh space; the fitted model then acts in closed loop through its first
 * unit with a readout gain chosen on separate training sessions, on the same evaluation session
 * as the network. The fitted model's fixed points (and, for M = 2, its vector fields) under the
 * paper's six constant inputs are set beside the network's own fixed points projected the same
 * way. Writes {@code RUN/distill/summary.json} and figures.
 */
public final class Distill {
    private Distill() {
    }


    /** Starts per input condition of the network's own fixed-point search (sampled visited states). */
    static final int NETWORK_FIXED_POINT_STARTS = 64;
    /** Visited (normalised) states added to the RADD model's grid of fixed-point starts. */
    static final int RADD_VISITED_STARTS = 64;
    /** Grid points per axis of the RADD vector fields (M = 2). */
    static final int FIELD_GRID = 15;
    /** Stem of the RADD vector-field figure. */
    static final String FIELD_FIGURE = "fig8d-radd-vector-fields";

    public record Result(Path dir, Map<String, Object> summary) {
    }

    /**
     * How the hidden states are projected before RADD ({@code --projection}).
     *
     * @param kind       "readouts" (the paper's: unit stimulus and block readouts, M = 2), "pcs"
     *                   (the top M principal components, centred) or "file" (M directions read
     *                   from a CSV or JSON file, see {@link DirectionsFile})
     * @param components M for "pcs" (&gt;= 1); 2 for readouts; 0 for file (known once read)
     * @param file       the directions file for "file", else null
     */
    public record Projection(String kind, int components, Path file) {
        public Projection {
            switch (kind == null ? "" : kind) {
                case "readouts" -> {
                    if (components != 2 || file != null) {
                        throw new IllegalArgumentException("readouts projection has 2 components and no file");
                    }
                }
                case "pcs" -> {
                    if (components < 1 || file != null) {
                        throw new IllegalArgumentException("--components must be >= 1, got " + components);
                    }
                }
                case "file" -> {
                    if (file == null || file.toString().isEmpty()) {
                        throw new IllegalArgumentException("--projection file:PATH needs a PATH");
                    }
                }
                default -> throw new IllegalArgumentException("--projection must be readouts, pcs or file:PATH, got '"
                        + kind + "'");
            }
        }

        /** The paper's projection. */
        public static Projection readouts() {
            return new Projection("readouts", 2, null);
        }

        /** The top m principal components. */
        public static Projection pcs(int m) {
            return new Projection("pcs", m, null);
        }

        /** Directions read from a file. */
        public static Projection file(Path path) {
            return new Projection("file", 0, path);
        }

        /**
         * The command line's choice: {@code --projection readouts|pcs|file:PATH} (null: readouts, or
         * file when {@code directions} is given), {@code --components M} (pcs only; default 2) and
         * {@code --directions PATH} (the same as file:PATH).
         *
         * @throws IllegalArgumentException with a one-line message for a bad or conflicting choice
         */
        public static Projection parse(String projection, Integer components, Path directions) {
            String p = projection == null ? (directions != null ? "file:" + directions : "readouts")
                    : projection.strip();
            if (p.startsWith("file:")) {
                Path f = Path.of(p.substring("file:".length()));
                if (f.toString().isEmpty()) {
                    throw new IllegalArgumentException("--projection file:PATH needs a PATH, got '" + projection + "'");
                }
                if (directions != null && !directions.equals(f)) {
                    throw new IllegalArgumentException("--projection " + p + " and --directions " + directions
                            + " name different files; give one");
                }
                if (components != null) {
                    throw new IllegalArgumentException("--components applies only to --projection pcs (a directions "
                            + "file has one direction per row)");
                }
                return file(f);
            }
            if (directions != null) {
                throw new IllegalArgumentException("--directions conflicts with --projection " + p
                        + " (use --projection file:PATH or drop --projection)");
            }
            return switch (p) {
                case "readouts" -> {
                    if (components != null) {
                        throw new IllegalArgumentException("--components applies only to --projection pcs (the "
                                + "readouts projection has 2 components)");
                    }
                    yield readouts();
                }
                case "pcs" -> {
                    int m = components == null ? 2 : components;
                    if (m < 1) {
                        throw new IllegalArgumentException("--components must be >= 1, got " + m);
                    }
                    yield pcs(m);
                }
                default -> throw new IllegalArgumentException("--projection must be readouts, pcs or file:PATH, got '"
                        + projection + "'");
            };
        }

        /** How it is written in the summary, e.g. "pcs (M = 3)". */
        @Override
        public String toString() {
            return switch (kind) {
                case "pcs" -> "pcs (M = " + components + ")";
                case "file" -> "file:" + file;
                default -> kind;
            };
        }
    }

    public static Result run(Path runDir, int blocks, long seed, Consumer<String> log) throws IOException {
        return run(runDir, blocks, seed, null, Projection.readouts(), log);
    }

    /** {@link #run(Path, int, long, Path, Projection, Consumer)} with the paper's projection. */
    public static Result run(Path runDir, int blocks, long seed, Path twoUnitRun, Consumer<String> log)
            throws IOException {
        return run(runDir, blocks, seed, twoUnitRun, Projection.readouts(), log);
    }

    /**
     * @param twoUnitRun optional run folder of a 2-unit network trained on the task (the paper:
     *                   four times the gradient steps), compared in Fig. 8c; null to skip
     * @param projection how the hidden states are projected (the paper: {@link Projection#readouts()})
     */
    public static Result run(Path runDir, int blocks, long seed, Path twoUnitRun, Projection projection,
                             Consumer<String> log) throws IOException {
        if (blocks < 2) {
            throw new IllegalArgumentException("--blocks must be >= 2, got " + blocks);
        }
        if (projection == null) {
            throw new IllegalArgumentException("projection must be given");
        }
        if (twoUnitRun != null) {
            // checked before the distillation (a minute of work), not after it
            try {
                TrainedRun.open(twoUnitRun);
            } catch (IllegalArgumentException | IOException e) {
                throw new IllegalArgumentException("--two-unit-run " + twoUnitRun + ": "
                        + e.getMessage().replace("--run " + twoUnitRun + ": ", ""), e);
            }
        }
        try (RunLock lock = StageMarker.lock(runDir, log)) {
            TrainedRun tr = TrainedRun.open(runDir, log);
            int hidden = tr.model().config().hiddenSize();
            if (projection.kind().equals("file")) {
                DirectionsFile.read(projection.file(), hidden); // a bad file is refused before anything changes
            }
            if (projection.kind().equals("pcs") && projection.components() > hidden) {
                throw new IllegalArgumentException("--components must be <= " + hidden + " (the network's hidden "
                        + "size), got " + projection.components());
            }
            Path dir = runDir.resolve("distill");
            StageMarker.clear(dir);
            Result res = run(runDir, tr, blocks, seed, twoUnitRun, projection, log);
            StageMarker.complete(dir, markerInputs(tr, runDir, blocks, seed, twoUnitRun, projection));
            return res;
        }
    }

    /** What {@code distill/complete.json} records (see {@link StageMarker}). */
    static Map<String, Object> markerInputs(TrainedRun tr, Path runDir, int blocks, long seed, Path twoUnitRun,
                                            Projection projection) {
        return StageMarker.inputs("distill", tr, runDir, blocks, seed, Ordered.map("projection",
                projection.toString(), "twoUnitRun", twoUnitRun == null ? "" : twoUnitRun.toAbsolutePath()
                        .normalize().toString()));
    }

    private static Result run(Path runDir, TrainedRun tr, int blocks, long seed, Path twoUnitRun,
                              Projection projection, Consumer<String> log) throws IOException {
        Checkpoint ck = tr.checkpoint();
        RecurrentModel model = tr.model();
        double[] theta = tr.theta();
        int hidden = model.config().hiddenSize();
        double[][] fileDirections = projection.kind().equals("file")
                ? DirectionsFile.read(projection.file(), hidden) : null;
        if (projection.kind().equals("pcs") && projection.components() > hidden) {
            throw new IllegalArgumentException("--components must be <= " + hidden + " (the network's hidden size), "
                    + "got " + projection.components());
        }
        TaskConfig task = tr.task(blocks);
        Session session = tr.session(blocks, seed);
        TrainedRun.NetworkSession ns = tr.runNetwork(session);
        AgentRunner.Result rnn = ns.network();
        ObserverTrace obs = ns.observer();
        Representation.Result rep = Representation.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs,
                new Representation.Options(40_000, 3, false), Seeds.stream(seed, "analyze"));
        StepRecord st = rnn.steps();
        int t = st.size();
        double[][] h = new double[t][];
        double[][] o = new double[t][3];
        for (int k = 0; k < t; k++) {
            h[k] = new double[st.stateSize()];
            for (int i = 0; i < h[k].length; i++) {
                h[k][i] = st.state(k, i);
            }
            for (int j = 0; j < 3; j++) {
                o[k][j] = st.input(k, j);
            }
        }
        RaddProjection proj = switch (projection.kind()) {
            case "pcs" -> RaddProjection.principalComponents(rep.pca(), projection.components(),
                    rep.stimulusReadout(), rep.blockReadout());
            case "file" -> RaddProjection.custom(fileDirections);
            default -> RaddProjection.readouts(rep.stimulusReadout(), rep.blockReadout());
        };
        int dims = proj.dimension();
        double[][] z = proj.project(h);
        log.accept("  fitting a " + dims + "-unit RADD model on " + t + " steps (projection: " + projection + ")");
        RaddConfig cfg = RaddConfig.defaults();
        RaddResult gd = Radd.fit(z, o, cfg, Seeds.stream(seed, "radd"));
        RaddResult ls = Radd.fitLeastSquares(z, o, cfg);
        log.accept("  gradient fit: " + (gd.converged() ? "converged" : "not converged") + " (" + gd.reason()
                + "), held-out free-running R2 " + gd.freeRunR2HeldOut());
        if (gd.model() == null) {
            throw new IllegalStateException("the RADD gradient fit produced no model: " + gd.reason());
        }

        // closed loop: gain chosen on training sessions (never the evaluation session)
        List<Session> train = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            train.add(Session.sample(ck.config().task(), Seeds.stream(Seeds.derive(seed, "radd-gain"), "s" + i)));
        }
        double[] grid = {1, 2, 5, 10, 20, 50, 100, 200};
        RaddAgent.GainChoice gain = RaddAgent.chooseGain(gd.model(), 0, 0.0, train, grid);
        TrialTable raddTrials = AgentRunner.run(new RaddAgent(gd.model(), 0, gain.gain(), 0.0), session, false).trials();
        TrialTable raddNamed = new TrialTable("RADD", raddTrials.session(), raddTrials.block(), raddTrials.blockSide(),
                raddTrials.trialInBlock(), raddTrials.stimSide(), raddTrials.contrast(), raddTrials.choice(),
                raddTrials.observations(), raddTrials.steps(), raddTrials.reactionTime(), new LinkedHashMap<>());
        double raddCorrect = fractionCorrect(raddNamed);
        double rnnCorrect = fractionCorrect(rnn.trials());
        log.accept(String.format(java.util.Locale.ROOT, "  closed loop: RADD %.4f vs network %.4f (gain %.0f)",
                raddCorrect, rnnCorrect, gain.gain()));

        // decoherence: network, projected, distilled (free-running on the same inputs from z_0)
        double[][] zn = Radd.normalise(z, gd.scales());
        double[][] free = gd.model().simulate(zn[0], o);
        double[] lags = new double[20];
        for (int i = 0; i < 20; i++) {
            lags[i] = i;
        }
        double[][] dec = {Decoherence.compute(h, 19, Decoherence.Mode.LAG).mean(),
            Decoherence.compute(zn, 19, Decoherence.Mode.LAG).mean(),
            Decoherence.compute(free, 19, Decoherence.Mode.LAG).mean()};
        // last two blocks: free run restarted at the window start
        int lastBlock = rnn.trials().blockAt(rnn.trials().size() - 1);
        int start = 0;
        while (start < t && rnn.trials().blockAt(st.trial(start)) < lastBlock - 1) {
            start++;
        }
        int len = t - start;
        double[] ts = new double[len];
        double[][] pw = new double[len][];
        double[][] ow = java.util.Arrays.copyOfRange(o, start, t);
        double[][] dw = gd.model().simulate(zn[start], ow);
        for (int i = 0; i < len; i++) {
            ts[i] = start + i;
            pw[i] = zn[start + i];
        }
        Curve cr = Behaviour.correctByTrialInBlock(rnn.trials(), false, 60).withLabel("RNN (" + hidden + " units)");
        Curve cd = Behaviour.correctByTrialInBlock(raddNamed, false, 60).withLabel("RADD (" + dims + " unit"
                + (dims == 1 ? "" : "s") + ")");
        List<Curve> fig8c = new ArrayList<>(List.of(cr, cd));
        // every closed-loop model on the same session, for the psychometric figure
        Map<String, TrialTable> behaviour = new LinkedHashMap<>();
        behaviour.put("network (" + hidden + " units)", rnn.trials());
        behaviour.put("RADD (" + dims + " unit" + (dims == 1 ? ")" : "s)"), raddNamed);

        // traditional distillation: a 2-unit RNN fitted to the network's output probabilities,
        // teacher-forced on its inputs (first 40,000 steps)
        int tt = Math.min(t, 40_000);
        double[][] q = new double[tt][2];
        for (int k = 0; k < tt; k++) {
            q[k][1] = st.probRight(k);
            q[k][0] = 1 - q[k][1];
        }
        log.accept("  traditional distillation on " + tt + " steps");
        // (constant learning rate, as before RADD's plateau schedule: it still ends at the cap with it)
        DistillationResult trad = Distillation.fit(java.util.Arrays.copyOf(o, tt), q, 2,
                RaddConfig.defaults().withMaxIterations(2000).withPlateauDecay(1.0), Seeds.stream(seed, "traditional"));
        Map<String, Object> tradSummary = Ordered.map("converged", trad.converged(), "reason", trad.reason(),
                "meanKlNatsPerStep", trad.meanKl(), "iterations", trad.iterations());
        if (trad.recurrent() != null) {
            TrialTable tradTrials = AgentRunner.run(new DistilledAgent(trad), session, false).trials();
            tradSummary.put("fractionCorrect", fractionCorrect(tradTrials));
            Curve ct = Behaviour.correctByTrialInBlock(tradTrials, false, 60).withLabel("traditional distillation "
                    + "(2 units)");
            tradSummary.put("recoveryTrials", Behaviour.recoveryTrials(ct, 0.02));
            fig8c.add(ct);
            behaviour.put("traditional distillation (2 units)", tradTrials);
        }
        Map<String, Object> twoUnit = null;
        if (twoUnitRun != null) {
            TrainedRun two = TrainedRun.open(twoUnitRun);
            TrialTable twoTrials = AgentRunner.run(new RnnAgent("rnn-2", two.model(), two.theta()), session, false)
                    .trials();
            Curve c2 = Behaviour.correctByTrialInBlock(twoTrials, false, 60).withLabel("task-trained RNN ("
                    + two.model().config().hiddenSize() + " units)");
            fig8c.add(c2);
            behaviour.put("task-trained RNN (" + two.model().config().hiddenSize() + " units)", twoTrials);
            twoUnit = Ordered.map("run", twoUnitRun.toString(), "hiddenSize", two.model().config().hiddenSize(),
                    "gradientSteps", two.checkpoint().completedSteps(), "fractionCorrect", fractionCorrect(twoTrials),
                    "recoveryTrials", Behaviour.recoveryTrials(c2, 0.02),
                    "zeroContrastChooseBlockSide", Behaviour.zeroContrast(twoTrials).chooseBlockSide());
        }

        // dynamics: the RADD model's fixed points (and fields for M = 2) beside the network's own
        // fixed points projected and normalised the same way, under the paper's six inputs
        log.accept("  fixed points of the RADD model and the network under " + Representation.CONDITIONS.length
                + " inputs");
        // the network's fixed-point search starts from visited carried states (h, and c for an LSTM)
        double[][] carried = model.cell().carriedSize() == model.cell().hiddenSize() ? h
                : RnnAgent.carriedStates(model, theta, st);
        List<RaddDynamics.Condition> conditions = dynamics(gd, zn, model, theta, carried, proj, seed);
        String fieldFigure = dims == 2 ? FIELD_FIGURE : "not drawn: the vector-field figure needs M = 2 coordinates, "
                + "this projection has M = " + dims;
        if (dims != 2) {
            log.accept("  " + fieldFigure + " (fixed points are in summary.json)");
        }

        Path dir = runDir.resolve("distill");
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        List<DistillFigures.Named> figures = new ArrayList<>(DistillFigures.all(hidden, proj.names(), lags, dec, ts,
                pw, dw, fig8c));
        if (dims == 2) {
            figures.add(DistillFigures.vectorFields(FIELD_FIGURE, conditions, proj.axisLabel(0), proj.axisLabel(1)));
        } else {
            // a figure left by an earlier run with M = 2 would no longer match this summary
            Files.deleteIfExists(figs.resolve(FIELD_FIGURE + ".svg"));
            Files.deleteIfExists(figs.resolve(FIELD_FIGURE + ".png"));
        }
        for (DistillFigures.Named f : figures) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        BehaviourFigures.Named psy = BehaviourFigures.psychometric(behaviour, "fig8-psychometric",
                "Psychometric curves of the distilled models",
                "The behaviour figures of Fig. 2 for the models of Fig. 8, in closed loop on the network's evaluation "
                        + "session: P(choose right) by signed contrast in left and right blocks with the maximum-"
                        + "likelihood fit. A model that recognises blocks shifts its curve with the block. Mean +- SEM.");
        FigureFiles.write(figs, psy.stem(), psy.figure());
        TrialCsv.write(dir.resolve("trials-radd.csv"), raddNamed);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "iblrnn-distill");
        s.put("version", Version.VERSION);
        s.put("checkpointStep", ck.completedSteps() - 1);
        s.put("checkpointUsed", tr.provenance(runDir));
        s.put("blocks", blocks);
        s.put("seed", seed);
        Map<String, Object> pj = Ordered.map("kind", proj.kind(), "components", dims, "names", proj.names(),
                "centred", proj.kind().equals("pcs"));
        if (projection.file() != null) {
            pj.put("file", projection.file().toString());
        }
        s.put("projection", pj);
        s.put("gradient", fit(gd));
        s.put("leastSquares", fit(ls));
        s.put("paper", Ordered.map("A", List.of(PaperNumbers.RADD_A.values()),
                "B", List.of(PaperNumbers.RADD_B.values()),
                "raddFractionCorrect", PaperNumbers.RADD_FRACTION_CORRECT.value(),
                "networkFractionCorrect", PaperNumbers.FRACTION_CORRECT.value()));
        Map<String, Object> cl = new LinkedHashMap<>();
        cl.put("raddFractionCorrect", raddCorrect);
        cl.put("networkFractionCorrect", rnnCorrect);
        cl.put("gain", gain.gain());
        cl.put("gainGrid", gain.grid());
        cl.put("gainGridTrainingFractionCorrect", gain.fractionCorrect());
        cl.put("raddRecoveryTrials", Behaviour.recoveryTrials(cd, 0.02));
        cl.put("networkRecoveryTrials", Behaviour.recoveryTrials(cr, 0.02));
        cl.put("raddZeroContrastChooseBlockSide", Behaviour.zeroContrast(raddNamed).chooseBlockSide());
        s.put("closedLoop", cl);
        s.put("traditional", tradSummary);
        if (twoUnit != null) {
            s.put("taskTrainedSmall", twoUnit);
        }
        s.put("decoherence", Ordered.map("network", dec[0], "projected", dec[1], "distilled", dec[2]));
        s.put("dynamics", dynamicsSummary(conditions, proj, fieldFigure));
        JsonFiles.write(dir.resolve("summary.json"), s);
        return new Result(dir, s);
    }

    /**
     * The RADD model's fixed points and fields per input condition, each with the network's fixed
     * points projected by {@code proj} and divided by the RADD scales (the model's units). RADD
     * starts: a grid over its state space (M &lt;= 6) plus visited states; network starts: visited
     * hidden states, sampled from the seed's "distill-fixed-points" stream.
     */
    static List<RaddDynamics.Condition> dynamics(RaddResult gd, double[][] zn, RecurrentModel model, double[] theta,
                                                 double[][] h, RaddProjection proj, long seed) {
        int dims = gd.model().units();
        java.util.random.RandomGenerator rng = Seeds.stream(seed, "distill-fixed-points");
        FixedPointConfig raddCfg = RaddDynamics.fixedPointConfig().withNumStarts(RADD_VISITED_STARTS);
        List<double[]> starts = new ArrayList<>();
        int perAxis = dims == 1 ? 41 : dims == 2 ? 21 : dims <= 6 ? (int) Math.floor(Math.pow(1000, 1.0 / dims)) : 0;
        if (perAxis >= 2) {
            starts.addAll(List.of(RaddDynamics.gridStarts(dims, perAxis)));
        }
        starts.addAll(List.of(FixedPointFinder.sampleStarts(zn, raddCfg, rng)));
        List<RaddDynamics.Condition> conds = RaddDynamics.analyse(gd.model(), Representation.CONDITION_NAMES,
                Representation.CONDITIONS, starts.toArray(double[][]::new), raddCfg, FIELD_GRID);
        FixedPointConfig netCfg = FixedPointConfig.defaults().withNumStarts(NETWORK_FIXED_POINT_STARTS);
        double[] s = gd.scales();
        List<RaddDynamics.Condition> out = new ArrayList<>();
        for (RaddDynamics.Condition c : conds) {
            double[][] netStarts = FixedPointFinder.sampleStarts(h, netCfg, rng);
            FixedPoints net = FixedPointFinder.find(model, theta, c.input(), netStarts, netCfg);
            double[][] projected = new double[net.size()][];
            for (int k = 0; k < net.size(); k++) {
                double[] hk = java.util.Arrays.copyOf(net.state(k), proj.hiddenSize());
                projected[k] = Radd.normalise(new double[][] {proj.project(hk)}, s)[0];
            }
            out.add(c.withNetwork(net, projected));
        }
        return out;
    }

    private static Map<String, Object> dynamicsSummary(List<RaddDynamics.Condition> conds, RaddProjection proj,
                                                       String fieldFigure) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("units", "the RADD model's normalised coordinates z / scales (the gradient fit's scales); network "
                + "fixed points projected like the RADD targets, then divided by the same scales");
        d.put("coordinates", proj.names());
        d.put("vectorFieldFigure", fieldFigure);
        d.put("raddSearch", "Levenberg-Marquardt from a grid over (-1, 1)^M (M <= 6) and " + RADD_VISITED_STARTS
                + " visited states; fixed points with 0.5 ||F(z) - z||^2 <= 1e-16; stability from the eigenvalue "
                + "moduli of dF/dz");
        d.put("networkSearch", "FixedPointFinder (Levenberg-Marquardt) from " + NETWORK_FIXED_POINT_STARTS
                + " visited carried states per condition (h; h and c for an LSTM); fixed points and slow points (q <= 1e-4); stability in the "
                + "full space");
        Map<String, Object> all = new LinkedHashMap<>();
        for (RaddDynamics.Condition c : conds) {
            FixedPoints fp = c.fixedPoints();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", c.input());
            Map<String, Object> radd = counts(fp);
            List<Object> pts = new ArrayList<>();
            for (int k = 0; k < fp.size(); k++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("z", fp.state(k));
                p.put("stability", fp.stability()[k].name().toLowerCase(java.util.Locale.ROOT));
                p.put("eigenvaluesRe", fp.eigenvaluesRe()[k]);
                p.put("eigenvaluesIm", fp.eigenvaluesIm()[k]);
                p.put("maxModulus", fp.maxModulus(k));
                int j = c.nearestNetworkPoint(k);
                if (j >= 0) {
                    p.put("nearestNetworkPoint", Ordered.map("index", j, "distance", c.distanceToNetworkPoint(k, j),
                            "stability", c.network().stability()[j].name().toLowerCase(java.util.Locale.ROOT)));
                }
                pts.add(p);
            }
            radd.put("points", pts);
            m.put("radd", radd);
            if (c.network() != null) {
                FixedPoints net = c.network();
                Map<String, Object> nm = counts(net);
                nm.put("slow", net.size() - countTrue(net.converged()));
                List<Object> np = new ArrayList<>();
                double[][] zp = c.networkProjected();
                for (int k = 0; k < net.size(); k++) {
                    np.add(Ordered.map("z", zp[k], "stability", net.stability()[k].name().toLowerCase(
                            java.util.Locale.ROOT), "slow", net.isSlow(k), "q", net.q()[k], "maxModulus",
                            net.maxModulus(k)));
                }
                nm.put("points", np);
                m.put("network", nm);
            }
            all.put(c.name(), m);
        }
        d.put("conditions", all);
        return d;
    }

    private static Map<String, Object> counts(FixedPoints fp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", fp.size());
        for (FixedPoints.Stability st : FixedPoints.Stability.values()) {
            m.put(st.name().toLowerCase(java.util.Locale.ROOT), fp.count(st));
        }
        return m;
    }

    private static int countTrue(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static Map<String, Object> fit(RaddResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("converged", r.converged());
        m.put("reason", r.reason());
        if (r.model() != null) {
            m.put("A", List.of(r.a()));
            m.put("B", List.of(r.b()));
            m.put("c", r.c());
        }
        m.put("scales", r.scales());
        m.put("oneStepR2HeldOut", r.oneStepR2HeldOut());
        m.put("freeRunR2HeldOut", r.freeRunR2HeldOut());
        m.put("iterations", r.iterations());
        m.put("finalLoss", r.finalLoss());
        return m;
    }

    static double fractionCorrect(TrialTable t) {
        long c = 0;
        for (int i = 0; i < t.size(); i++) {
            c += t.correct(i) ? 1 : 0;
        }
        return t.size() == 0 ? Double.NaN : (double) c / t.size();
    }
}
