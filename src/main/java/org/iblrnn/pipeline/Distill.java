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
import org.iblrnn.analysis.Behaviour;
import org.iblrnn.analysis.Curve;
import org.iblrnn.analysis.Decoherence;
import org.iblrnn.analysis.DistilledAgent;
import org.iblrnn.analysis.Distillation;
import org.iblrnn.analysis.DistillationResult;
import org.iblrnn.analysis.Radd;
import org.iblrnn.analysis.RaddAgent;
import org.iblrnn.analysis.RaddConfig;
import org.iblrnn.analysis.RaddResult;
import org.iblrnn.analysis.Representation;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.math.Seeds;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.report.DistillFigures;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.iblrnn.train.Checkpoint;

/**
 * {@code iblrnn distill}: RADD (paper section 3.3.2). The network's states of the evaluation
 * session are projected on its stimulus and block readouts (z = (s, b)); a 2-unit tanh RNN
 * z' = tanh(A z' + B o + c) is fitted to them by gradient descent on the trajectory loss
 * (windows of 50 steps restarted from the true z), and by the code's one-step least squares in
 * artanh space; the fitted model then acts in closed loop through its stimulus unit with a
 * readout gain chosen on separate training sessions, on the same evaluation session as the
 * network. Writes {@code RUN/distill/summary.json} and figures.
 */
public final class Distill {
    private Distill() {
    }

    /** Paper values of A' and B'. */
    static final double[][] PAPER_A = {{0.54, 0.31}, {0.19, 0.84}};
    static final double[][] PAPER_B = {{-0.19, 0.20, 0.005}, {-0.04, 0.04, 0.021}};

    public record Result(Path dir, Map<String, Object> summary) {
    }

    public static Result run(Path runDir, int blocks, long seed, Consumer<String> log) throws IOException {
        return run(runDir, blocks, seed, null, log);
    }

    /**
     * @param twoUnitRun optional run folder of a 2-unit network trained on the task (the paper:
     *                   four times the gradient steps), compared in Fig. 8c; null to skip
     */
    public static Result run(Path runDir, int blocks, long seed, Path twoUnitRun, Consumer<String> log)
            throws IOException {
        if (blocks < 2) {
            throw new IllegalArgumentException("--blocks must be >= 2, got " + blocks);
        }
        TrainedRun tr = TrainedRun.open(runDir);
        Checkpoint ck = tr.checkpoint();
        RecurrentModel model = tr.model();
        double[] theta = tr.theta();
        TaskConfig task = tr.task(blocks);
        Session session = tr.session(blocks, seed);
        TrainedRun.NetworkSession ns = tr.runNetwork(session);
        AgentRunner.Result rnn = ns.network();
        ObserverTrace obs = ns.observer();
        Representation.Result rep = Representation.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs,
                new Representation.Options(40_000, 3, false), Seeds.stream(seed, "analyze"));
        StepRecord st = rnn.steps();
        int t = st.size();
        double[][] z = new double[t][2];
        double[][] o = new double[t][3];
        for (int k = 0; k < t; k++) {
            z[k][0] = rep.stimulusBelief()[k];
            z[k][1] = rep.blockBelief()[k];
            for (int j = 0; j < 3; j++) {
                o[k][j] = st.input(k, j);
            }
        }
        log.accept("  fitting RADD on " + t + " steps");
        RaddConfig cfg = RaddConfig.defaults();
        RaddResult gd = Radd.fit(z, o, cfg, Seeds.stream(seed, "radd"));
        RaddResult ls = Radd.fitLeastSquares(z, o, cfg);
        log.accept("  gradient fit: " + (gd.converged() ? "converged" : "not converged: " + gd.reason())
                + ", held-out free-running R2 " + gd.freeRunR2HeldOut());

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
        double[][] h = new double[t][];
        for (int k = 0; k < t; k++) {
            h[k] = new double[st.stateSize()];
            for (int i = 0; i < h[k].length; i++) {
                h[k][i] = st.state(k, i);
            }
        }
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
        Curve cr = Behaviour.correctByTrialInBlock(rnn.trials(), false, 60).withLabel("RNN (" + model.config()
                .hiddenSize() + " units)");
        Curve cd = Behaviour.correctByTrialInBlock(raddNamed, false, 60).withLabel("RADD (2 units)");
        List<Curve> fig8c = new ArrayList<>(List.of(cr, cd));

        // traditional distillation: a 2-unit RNN fitted to the network's output probabilities,
        // teacher-forced on its inputs (first 40,000 steps)
        int tt = Math.min(t, 40_000);
        double[][] q = new double[tt][2];
        for (int k = 0; k < tt; k++) {
            q[k][1] = st.probRight(k);
            q[k][0] = 1 - q[k][1];
        }
        log.accept("  traditional distillation on " + tt + " steps");
        DistillationResult trad = Distillation.fit(java.util.Arrays.copyOf(o, tt), q, 2,
                RaddConfig.defaults().withMaxIterations(2000), Seeds.stream(seed, "traditional"));
        Map<String, Object> tradSummary = Ordered.map("converged", trad.converged(), "reason", trad.reason(),
                "meanKlNatsPerStep", trad.meanKl(), "iterations", trad.iterations());
        if (trad.recurrent() != null) {
            TrialTable tradTrials = AgentRunner.run(new DistilledAgent(trad), session, false).trials();
            tradSummary.put("fractionCorrect", fractionCorrect(tradTrials));
            Curve ct = Behaviour.correctByTrialInBlock(tradTrials, false, 60).withLabel("traditional distillation "
                    + "(2 units)");
            tradSummary.put("recoveryTrials", Behaviour.recoveryTrials(ct, 0.02));
            fig8c.add(ct);
        }
        Map<String, Object> twoUnit = null;
        if (twoUnitRun != null) {
            TrainedRun two = TrainedRun.open(twoUnitRun);
            TrialTable twoTrials = AgentRunner.run(new RnnAgent("rnn-2", two.model(), two.theta()), session, false)
                    .trials();
            Curve c2 = Behaviour.correctByTrialInBlock(twoTrials, false, 60).withLabel("task-trained RNN ("
                    + two.model().config().hiddenSize() + " units)");
            fig8c.add(c2);
            twoUnit = Ordered.map("run", twoUnitRun.toString(), "hiddenSize", two.model().config().hiddenSize(),
                    "gradientSteps", two.checkpoint().completedSteps(), "fractionCorrect", fractionCorrect(twoTrials),
                    "recoveryTrials", Behaviour.recoveryTrials(c2, 0.02),
                    "zeroContrastChooseBlockSide", Behaviour.zeroContrast(twoTrials).chooseBlockSide());
        }

        Path dir = runDir.resolve("distill");
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        for (DistillFigures.Named f : DistillFigures.all(lags, dec, ts, pw, dw, fig8c)) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "iblrnn-distill");
        s.put("version", Version.VERSION);
        s.put("checkpointStep", ck.completedSteps() - 1);
        s.put("blocks", blocks);
        s.put("seed", seed);
        s.put("gradient", fit(gd));
        s.put("leastSquares", fit(ls));
        s.put("paper", Ordered.map("A", List.of(PAPER_A), "B", List.of(PAPER_B), "raddFractionCorrect", 0.8687,
                "networkFractionCorrect", 0.8550));
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
        JsonFiles.write(dir.resolve("summary.json"), s);
        return new Result(dir, s);
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
