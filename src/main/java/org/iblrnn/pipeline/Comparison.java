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
import org.iblrnn.agents.BayesianActor;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.analysis.behaviour.Behaviour;
import org.iblrnn.analysis.behaviour.ContrastRank;
import org.iblrnn.analysis.behaviour.Curve;
import org.iblrnn.analysis.behaviour.MiceSummary;
import org.iblrnn.data.Fingerprints;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.MouseCsv;
import org.iblrnn.data.MouseData;
import org.iblrnn.data.MouseLoadReport;
import org.iblrnn.data.RunLock;
import org.iblrnn.report.CompareFigures;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;

/**
 * {@code iblrnn compare}: mice beside the network, the exact Bayesian observer and the block-blind
 * actor (the paper code's version, which acts on almost every trial), on the curves that make sense across species (psychometric curves by block, fraction
 * correct after a change point, zero-contrast use of the block prior). Mice are averaged across
 * mice (mean and SEM over mice), so one heavy mouse does not dominate; models run on the
 * evaluation session of {@code evaluate} (same seed and blocks). Contrasts are matched by rank
 * ({@link ContrastRank}).
 */
public final class Comparison {
    private Comparison() {
    }

    /** The default location of the mouse data, relative to the working folder. */
    public static final Path DEFAULT_MICE = Path.of("..", "shared", "data", "ibl-mice-2020");

    /** Curves and numbers of one agent (or the mice). */
    /**
     * Curves and numbers of one agent (or the mice). The zero-contrast choice of the block side has
     * one definition for every species: among the trials with a response (the mice's no-response
     * trials and the models' timeouts excluded alike), with the response rate beside it.
     *
     * @param zeroChooseBlock    P(choice = block side | zero contrast, biased block, responded)
     *                           (mice: mean across mice)
     * @param zeroChooseBlockSem its standard error (mice: SEM across mice)
     * @param zeroResponseRate   fraction of those zero-contrast trials with a response
     */
    public record Agent(String name, Curve psyLeft, Curve psyRight, Curve afterChange, double zeroChooseBlock,
                        double zeroChooseBlockSem, double zeroResponseRate, double recoveryTrials, double biasShift) {
    }

    public record Result(Path dir, List<Agent> agents, Map<String, Object> summary) {
    }

    public static Result run(Path runDir, Path mice, int blocks, long seed, Consumer<String> log) throws IOException {
        if (!Files.exists(mice)) {
            throw new IllegalArgumentException("--mice " + mice + ": no such file or folder");
        }
        TrainedRun.open(runDir); // a missing run or checkpoint is reported before the mice are read
        MouseData md = load(mice);
        try (RunLock lock = StageMarker.lock(runDir, log)) {
            TrainedRun tr = TrainedRun.open(runDir, log);
            Path dir = runDir.resolve("compare");
            StageMarker.clear(dir);
            Result res = run(runDir, tr, mice, md, blocks, seed, log);
            StageMarker.complete(dir, markerInputs(tr, runDir, mice, blocks, seed));
            return res;
        }
    }

    /** What {@code compare/complete.json} records (see {@link StageMarker}): also the mice and their fingerprint. */
    static Map<String, Object> markerInputs(TrainedRun tr, Path runDir, Path mice, int blocks, long seed)
            throws IOException {
        return StageMarker.inputs("compare", tr, runDir, blocks, seed, Ordered.map("mice",
                mice.toAbsolutePath().normalize().toString(), "miceFingerprint", Fingerprints.of(mice)));
    }

    /** Loads the mice; a file without a single usable trial is refused (bad input), naming it and why. */
    static MouseData load(Path mice) throws IOException {
        MouseData md = MouseCsv.load(mice);
        MouseLoadReport rep = md.report();
        for (MouseLoadReport.FileReport f : rep.files()) {
            if (f.loaded() == 0) {
                throw new IllegalArgumentException("--mice " + mice + ": " + f.file() + " has no usable trial ("
                        + f.rows() + " data rows" + (f.skipped().isEmpty() ? "" : ", skipped " + f.skipped())
                        + (f.examples().isEmpty() ? "" : "; first: " + f.examples().get(0)) + ")");
            }
        }
        if (md.pooled().size() == 0) {
            throw new IllegalArgumentException("--mice " + mice + ": no usable trial found"
                    + (rep.skippedFiles().isEmpty() ? "" : " (" + rep.skippedFiles().size() + " file(s) not read: "
                    + rep.skippedFiles().get(0).file() + ": " + rep.skippedFiles().get(0).why() + ")"));
        }
        return md;
    }

    /** The load report as summary.json records it: per file, rows read, loaded and skipped by reason. */
    static Map<String, Object> loadReport(MouseLoadReport rep) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (MouseLoadReport.FileReport f : rep.files()) {
            Map<String, Object> skipped = new LinkedHashMap<>();
            f.skipped().forEach((k, v) -> skipped.put(k.name(), v));
            files.add(Ordered.map("file", f.file(), "mouse", f.agent(), "rows", f.rows(), "loaded", f.loaded(),
                    "skippedRows", f.skippedRows(), "skipped", skipped,
                    "examples", f.examples().stream().map(Object::toString).toList(),
                    "notes", f.notes()));
        }
        List<Map<String, Object>> notRead = new ArrayList<>();
        for (MouseLoadReport.SkippedFile f : rep.skippedFiles()) {
            notRead.add(Ordered.map("file", f.file(), "why", f.why()));
        }
        return Ordered.map("rows", rep.totalRows(), "loaded", rep.totalLoaded(), "skippedRows",
                rep.totalSkippedRows(), "files", files, "filesNotRead", notRead);
    }

    private static Result run(Path runDir, TrainedRun tr, Path mice, MouseData md, int blocks, long seed,
                              Consumer<String> log) throws IOException {
        log.accept("  mice: " + md.mice().size() + " mice, " + md.pooled().size() + " trials");
        for (String line : md.report().summary().split("\n")) {
            log.accept("  load: " + line);
        }
        MiceSummary ms = MiceSummary.of(md.mice(), MiceSummary.Options.defaults());

        TaskConfig task = tr.task(blocks);
        Session session = tr.session(blocks, seed);
        TrainedRun.NetworkSession ns = tr.runNetwork(session);
        TrialTable rnn = ns.network().trials();
        ObserverTrace trace = ns.observer();
        TrialTable observer = new TrialTable("observer", rnn.session(), rnn.block(), rnn.blockSide(),
                rnn.trialInBlock(), rnn.stimSide(), rnn.contrast(), trace.favouredSide(), rnn.observations(),
                rnn.steps(), rnn.reactionTime(), new LinkedHashMap<>());
        // the code's block-blind actor: it acts on almost every trial (the exact one times out at zero
        // contrast, where it has no evidence and no prior), so its zero-contrast choices show chance use
        TrialTable b0 = AgentRunner.run(BayesianActor.blockBlind(task), session, false).trials();
        TrialTable blind = new TrialTable("block-blind", b0.session(), b0.block(), b0.blockSide(), b0.trialInBlock(),
                b0.stimSide(), b0.contrast(), b0.choice(), b0.observations(), b0.steps(), b0.reactionTime(),
                new LinkedHashMap<>());
        double[] modelLevels = task.contrasts().stream().mapToDouble(Double::doubleValue).sorted().toArray();

        List<Agent> agents = new ArrayList<>();
        MiceSummary.Group g = ms.acrossMice();
        Curve miceAfter = g.correctAfterChange();
        double[] mz = chooseBlock(md.pooled());
        agents.add(new Agent("mice", ContrastRank.map(g.psychometric().leftBlock(), ContrastRank.MICE),
                ContrastRank.map(g.psychometric().rightBlock(), ContrastRank.MICE), miceAfter,
                g.chooseBlockSide().mean(), g.chooseBlockSide().sem(), mz[2],
                Behaviour.recoveryTrials(miceAfter, 0.02), zeroShift(g.psychometric().leftBlock(),
                g.psychometric().rightBlock())));
        for (TrialTable t : List.of(rnn, observer, blind)) {
            Curve l = Behaviour.psychometric(t, -1);
            Curve r = Behaviour.psychometric(t, 1);
            Curve after = Behaviour.correctByTrialInBlock(t, false, 100);
            double[] z = chooseBlock(t);
            agents.add(new Agent(t.agent(), ContrastRank.map(l, modelLevels), ContrastRank.map(r, modelLevels), after,
                    z[0], z[1], z[2], Behaviour.recoveryTrials(after, 0.02), zeroShift(l, r)));
        }
        Path dir = runDir.resolve("compare");
        Path figs = dir.resolve("figures");
        Files.createDirectories(figs);
        FigureFiles.write(figs, "mice-chronometric", CompareFigures.chronometric(g.chronometric()));
        for (CompareFigures.Named f : CompareFigures.all(agents.stream().map(a -> new CompareFigures.Entry(a.name(),
                a.psyLeft(), a.psyRight(), a.afterChange(), a.zeroChooseBlock(), a.zeroChooseBlockSem(), a.zeroResponseRate()))
                .toList())) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "iblrnn-compare");
        s.put("version", Version.VERSION);
        s.put("mice", Ordered.map("path", mice.toString(), "mice", md.mice().size(), "trials", md.pooled().size(),
                "zeroContrastChooseBlockSidePooled", ms.allTrials().chooseBlockSide().mean(),
                "zeroContrastResponseRatePooled", mz[2],
                "load", loadReport(md.report())));
        s.put("checkpointUsed", tr.provenance(runDir));
        s.put("definitions", Ordered.map(
                "zeroChooseBlockSide", "P(choice = block side) on zero-contrast trials of biased blocks among the "
                        + "trials with a response, the same for mice and models (mice's no-response trials and the "
                        + "models' timeouts excluded alike); mice: mean and SEM across mice",
                "zeroContrastResponseRate", "fraction of those zero-contrast trials with a response (mice: pooled)",
                "recoveryTrials", "first position after a block change within 0.02 of the plateau (positions 30-50)",
                "zeroContrastShift", "P(right | zero contrast, right block) - P(right | zero contrast, left block)"));
        Map<String, Object> a = new LinkedHashMap<>();
        for (Agent x : agents) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("zeroChooseBlockSide", x.zeroChooseBlock());
            m.put("zeroChooseBlockSideSem", x.zeroChooseBlockSem());
            m.put("zeroContrastResponseRate", x.zeroResponseRate());
            m.put("recoveryTrials", x.recoveryTrials());
            m.put("zeroContrastShift", x.biasShift());
            a.put(x.name(), m);
        }
        s.put("agents", a);
        List<Map<String, Object>> perMouse = new ArrayList<>();
        for (MiceSummary.PerMouse pm : ms.mice()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mouse", pm.mouse());
            m.put("trials", pm.trials());
            m.put("zeroChooseBlockSide", pm.zeroContrast().chooseBlockSide());
            m.put("zeroContrastResponseRate", pm.zeroContrast().trials() == 0 ? Double.NaN
                    : (double) pm.zeroContrast().responded() / pm.zeroContrast().trials());
            for (int side : new int[] {-1, 0, 1}) {
                org.iblrnn.analysis.behaviour.PsychometricFit.Result f = pm.fits().of(side);
                String k = side < 0 ? "leftBlock" : side > 0 ? "rightBlock" : "unbiased";
                if (f != null) {
                    m.put(k, Ordered.map("bias", f.bias(), "threshold", f.threshold(), "lapseLow", f.lapseLow(),
                            "lapseHigh", f.lapseHigh(), "biasCi95", List.of(f.lower95(0), f.upper95(0)),
                            "converged", f.converged()));
                }
            }
            perMouse.add(m);
        }
        s.put("perMouse", perMouse);
        s.put("acrossMice", Ordered.map(
                "biasLeftBlock", List.of(g.biasOf(-1).mean(), g.biasOf(-1).sem()),
                "biasUnbiased", List.of(g.biasOf(0).mean(), g.biasOf(0).sem()),
                "biasRightBlock", List.of(g.biasOf(1).mean(), g.biasOf(1).sem()),
                "blockLengthsNonFinal", Ordered.map("blocks", ms.blockLengths().blocks(), "min", ms.blockLengths().min(),
                        "max", ms.blockLengths().max(), "mean", ms.blockLengths().mean(),
                        "median", ms.blockLengths().median())));
        JsonFiles.write(dir.resolve("summary.json"), s);
        return new Result(dir, agents, s);
    }

    /** P(right | 0, right block) - P(right | 0, left block). */
    static double zeroShift(Curve left, Curve right) {
        return right.meanAt(0.0) - left.meanAt(0.0);
    }

    /**
     * Zero-contrast trials of biased blocks: {P(choice = block side) among those with a response, its
     * SE, the fraction with a response}. The same definition for mice and models.
     */
    static double[] chooseBlock(TrialTable t) {
        long n = 0;
        long responded = 0;
        long k = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.contrastAt(i) == 0 && t.blockSideAt(i) != 0) {
                n++;
                if (t.responded(i)) {
                    responded++;
                    k += t.choiceAt(i) == t.blockSideAt(i) ? 1 : 0;
                }
            }
        }
        double p = responded == 0 ? Double.NaN : (double) k / responded;
        return new double[] {p, Math.sqrt(p * (1 - p) / responded), n == 0 ? Double.NaN : (double) responded / n};
    }
}
