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

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.analysis.PaperNumbers;
import org.iblrnn.analysis.dynamics.ApproximateLine;
import org.iblrnn.analysis.dynamics.Basins;
import org.iblrnn.analysis.dynamics.EmpiricalField;
import org.iblrnn.analysis.dynamics.FixedPoints;
import org.iblrnn.analysis.representation.Mechanism;
import org.iblrnn.analysis.representation.Representation;
import org.iblrnn.analysis.stats.LinearRegression;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.RunLock;
import org.iblrnn.math.Seeds;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.report.RepresentationFigures;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.train.Checkpoint;

/**
 * {@code iblrnn analyze}: the representation and mechanism analyses (paper sections 3.2-3.3) on
 * the network's evaluation session (the same session {@code evaluate} uses for a given seed and
 * block count, regenerated deterministically). Writes {@code RUN/analysis/summary.json} (every
 * number next to the paper's) and {@code RUN/analysis/figures/}.
 */
public final class Analysis {
    private Analysis() {
    }

    /** Result and where it was written. */
    public record Result(Path dir, Representation.Result representation, Mechanism.Result mechanism,
                         Map<String, Object> summary) {
    }

    /** The analyses with the figures drawn with our definitions (see the six-argument run). */
    public static Result run(Path runDir, int blocks, long seed, Representation.Options options, Consumer<String> log)
            throws IOException {
        return run(runDir, blocks, seed, options, RepresentationFigures.Definitions.OURS, log);
    }

    /**
     * Runs the analyses and writes {@code RUN/analysis/summary.json} and the figures: to
     * {@code RUN/analysis/figures/} with our definitions, or to {@code RUN/analysis/figures-code/}
     * with the paper code's definitions where they differ (the summary holds both either way).
     */
    public static Result run(Path runDir, int blocks, long seed, Representation.Options options,
                             RepresentationFigures.Definitions figures, Consumer<String> log) throws IOException {
        if (blocks < 2) {
            throw new IllegalArgumentException("--blocks must be >= 2 for block decoding, got " + blocks);
        }
        try (RunLock lock = StageMarker.lock(runDir, log)) {
            TrainedRun tr = TrainedRun.open(runDir, log);
            Path dir = runDir.resolve("analysis");
            StageMarker.clear(dir);
            Result res = run(runDir, tr, blocks, seed, options, figures, log);
            StageMarker.complete(dir, markerInputs(tr, runDir, blocks, seed, options, figures));
            return res;
        }
    }

    /** What {@code analysis/complete.json} records (see {@link StageMarker}). */
    static Map<String, Object> markerInputs(TrainedRun tr, Path runDir, int blocks, long seed,
                                            Representation.Options options,
                                            RepresentationFigures.Definitions figures) {
        return StageMarker.inputs("analyze", tr, runDir, blocks, seed, Ordered.map("options", options.toString(),
                "figures", figures.name()));
    }

    private static Result run(Path runDir, TrainedRun tr, int blocks, long seed, Representation.Options options,
                              RepresentationFigures.Definitions figures, Consumer<String> log) throws IOException {
        Checkpoint ck = tr.checkpoint();
        RecurrentModel model = tr.model();
        double[] theta = tr.theta();
        TaskConfig task = tr.task(blocks);
        TrainedRun.NetworkSession ns = tr.runNetwork(tr.session(blocks, seed));
        AgentRunner.Result rnn = ns.network();
        ObserverTrace obs = ns.observer();
        log.accept("  session: " + rnn.trials().size() + " trials, " + rnn.steps().size() + " steps");
        Representation.Result r = Representation.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs, options,
                Seeds.stream(seed, "analyze"));
        log.accept("  basins, empirical fields, line test, code definitions");
        Mechanism.Result m = Mechanism.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs, r,
                options.gridSize(), Mechanism.Options.defaults(), Seeds.stream(seed, "analyze-code-definitions"));
        Path dir = runDir.resolve("analysis");
        Path figs = dir.resolve(figures == RepresentationFigures.Definitions.CODE ? "figures-code" : "figures");
        Files.createDirectories(figs);
        for (RepresentationFigures.Named f : RepresentationFigures.all(r, m, rnn.trials(), figures)) {
            FigureFiles.write(figs, f.stem(), f.figure());
        }
        Map<String, Object> summary = summary(r, m, ck, blocks, seed);
        summary.put("checkpointUsed", tr.provenance(runDir));
        JsonFiles.write(dir.resolve("summary.json"), summary);
        return new Result(dir, r, m, summary);
    }

    /** A number of ours next to the paper's. */
    static Map<String, Object> row(double ours, PaperNumbers.Value paper, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ours", ours);
        m.put("paper", paper.json());
        m.put("what", what);
        return m;
    }

    /** A row with the value the paper code's definition gives (reference quirks). */
    static Map<String, Object> row(double ours, PaperNumbers.Value paper, String what, double codeDefinition) {
        Map<String, Object> m = row(ours, paper, what);
        m.put("codeDefinition", codeDefinition);
        return m;
    }

    static Map<String, Object> summary(Representation.Result r, Mechanism.Result mech, Checkpoint ck, int blocks,
                                       long seed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "iblrnn-analysis");
        s.put("version", Version.VERSION);
        s.put("checkpointStep", ck.completedSteps() - 1);
        s.put("blocks", blocks);
        s.put("seed", seed);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("varianceExplained2Pcs", row(r.pca().cumulativeRatio()[1], PaperNumbers.VARIANCE_2PCS,
                "fraction of hidden-state variance in the first 2 PCs"));
        n.put("stimulusReadoutInPlane", row(r.stimulusFractionInPlane(), PaperNumbers.READOUT_IN_PLANE,
                "fraction of the stimulus readout (w_R - w_L) inside the PCA plane"));
        n.put("rightRowReadoutInPlane", row(r.rightRowFractionInPlane(), PaperNumbers.READOUT_IN_PLANE,
                "the same for the code's definition, the right readout row alone", r.rightRowFractionInPlane()));
        n.put("blockDecodingFullBlocked", row(r.decodeFull().blocked().testAccuracy(), PaperNumbers.BLOCK_DECODING_FULL,
                "held-out accuracy of block side from the full state, whole blocks held out"));
        n.put("blockDecodingFullRandom", row(r.decodeFull().random().testAccuracy(), PaperNumbers.BLOCK_DECODING_FULL,
                "the same with the paper's random-row split", r.quirks().decodeFull()));
        n.put("blockDecodingPlaneBlocked", row(r.decodePlane().blocked().testAccuracy(),
                PaperNumbers.BLOCK_DECODING_PLANE,
                "held-out accuracy from the 2-D PCA coordinates, whole blocks held out"));
        n.put("blockDecodingPlaneRandom", row(r.decodePlane().random().testAccuracy(),
                PaperNumbers.BLOCK_DECODING_PLANE,
                "the same with the random-row split", r.quirks().decodePlane()));
        n.put("readoutAngleFullDegrees", row(r.angleFullDegrees(), PaperNumbers.READOUT_ANGLE_FULL,
                "angle between the stimulus and block readouts in the 50-d space", r.quirks().angleFullDegrees()));
        n.put("readoutAnglePlaneDegrees", row(r.anglePlaneDegrees(),
                PaperNumbers.READOUT_ANGLE_PLANE, "the same inside the PCA plane",
                r.quirks().anglePlaneDegrees()));
        n.put("observationSlopeStimulus", row(r.obsStimulus().slope(), PaperNumbers.OBSERVATION_SLOPE_STIMULUS,
                "change of the stimulus belief per unit of d = oR - oL"));
        n.put("observationSlopeBlock", row(r.obsBlock().slope(),
                PaperNumbers.OBSERVATION_SLOPE_BLOCK, "change of the block belief per unit of d"));
        n.put("observationSlopeStimulusPlane", row(r.obsStimulusPlane().slope(),
                PaperNumbers.OBSERVATION_SLOPE_STIMULUS,
                "the same in the paper's in-plane coordinates (projection on C w)", r.quirks().obsSlopeStimulus()));
        n.put("observationSlopeBlockPlane", row(r.obsBlockPlane().slope(), PaperNumbers.OBSERVATION_SLOPE_BLOCK,
                "the block slope in the paper's in-plane coordinates (projection on the plane decoder's direction)",
                r.quirks().obsSlopeBlock()));
        n.put("observationSlopeRatioCode", row(r.quirks().obsSlopeStimulus() / r.quirks().obsSlopeBlock(),
                PaperNumbers.OBSERVATION_SLOPE_RATIO, "stimulus / block slope with the code's t-hat and b-hat"));
        n.put("observationSlopeRatioPlane", row(r.obsStimulusPlane().slope() / r.obsBlockPlane().slope(),
                PaperNumbers.OBSERVATION_SLOPE_RATIO, "in-plane stimulus slope / block slope"));
        n.put("observationSlopeRatio", row(r.obsStimulus().slope() / r.obsBlock().slope(),
                PaperNumbers.OBSERVATION_SLOPE_RATIO,
                "stimulus slope / block slope (paper ~5)"));
        n.put("feedbackSlopeBlock", row(r.feedbackBlock().slope(), PaperNumbers.FEEDBACK_SLOPE,
                "change of the block belief per unit of feedback, on the step that receives it (codeDefinition: the "
                        + "code's z2 change into the action step, regressed on the emitted reward)",
                mech.code().feedbackBlock().slope()));
        n.put("feedbackSlopeStimulus", row(r.feedbackStimulus().slope(), PaperNumbers.FEEDBACK_SLOPE,
                "change of the stimulus belief per unit of feedback, on the step that receives it (codeDefinition: "
                        + "misaligned as above, z1)", mech.code().feedbackStimulus().slope()));
        n.put("unitClusters", row(r.clusters().clusters(),
                PaperNumbers.UNIT_CLUSTERS, "clusters of units (complete linkage on 1 - r)",
                r.quirks().clusters()));
        s.put("numbers", n);
        s.put("regressions", Ordered.map(
                "observationStimulus", regression(r.obsStimulus()),
                "observationBlock", regression(r.obsBlock()),
                "feedbackStimulus", regression(r.feedbackStimulus()),
                "feedbackBlock", regression(r.feedbackBlock())));
        s.put("clusterMeanWeights", List.of(r.clusterWeightMeans()));
        s.put("observerBlockScale", r.observerScale());
        s.put("observerBlockScaleCode", mech.code().blockScale());
        Map<String, Object> fps = new LinkedHashMap<>();
        for (Representation.Field f : r.fields()) {
            FixedPoints fp = f.fixedPoints();
            if (fp == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", f.input());
            m.put("points", fp.size());
            for (FixedPoints.Stability st : FixedPoints.Stability.values()) {
                m.put(st.name().toLowerCase(Locale.ROOT), fp.count(st));
            }
            FixedPoints.LineAttractor la = fp.lineAttractor();
            m.put("lineAttractor", la.detected());
            if (la.detected()) {
                // the line lives in the carried state ((h, c) for an LSTM): its h part against the readout
                double[] head = java.util.Arrays.copyOf(la.direction(), r.blockReadout().length);
                m.put("lineAlignmentWithBlockReadoutAbsCos", Math.abs(dot(head, r.blockReadout())) / norm(head));
                m.put("lineExtent", la.extent());
                m.put("lineMeanSlowEigenvalue", mean(la.slowEigenvalues()));
            }
            Mechanism.Condition mc = condition(mech, f.condition());
            m.put("distinctPoints", mc.distinctPoints());
            m.put("distinctPointsMergeDistance", Mechanism.Options.defaults().basins().mergeDistance());
            int codeStable = 0;
            for (boolean b : mc.codeStable()) {
                codeStable += b ? 1 : 0;
            }
            m.put("stableCodeDefinition", codeStable);
            m.put("approximateLine", approximateLine(mc.line(), r));
            fps.put(f.condition(), m);
        }
        s.put("fixedPoints", fps);
        s.put("basins", basins(mech));
        s.put("empiricalFields", empiricalFields(mech));
        s.put("exampleBlock", Ordered.map(
                "block", mech.example().block(),
                "side", mech.example().side(),
                "trials", mech.example().blockLength(),
                "firstTrial", mech.example().blockFirst(),
                "window", List.of(mech.example().first(), mech.example().last()),
                "rule", "first block from index 2 on with >= " + Mechanism.Options.defaults().exampleMinLength()
                        + " trials and a successor; else the longest block with a predecessor and a successor"));
        return s;
    }

    private static Mechanism.Condition condition(Mechanism.Result m, String name) {
        for (Mechanism.Condition c : m.conditions()) {
            if (c.condition().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("no mechanism result for condition " + name);
    }

    private static Map<String, Object> approximateLine(ApproximateLine.Result a, Representation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (a == null) {
            return m;
        }
        m.put("detected", a.detected());
        m.put("reason", a.reason());
        m.put("distinctPoints", a.distinctPoints());
        List<String> st = new ArrayList<>();
        for (FixedPoints.Stability x : a.stability()) {
            st.add(x.name().toLowerCase(Locale.ROOT));
        }
        m.put("stabilityAlongLine", st);
        m.put("explainedByLine", a.explained());
        m.put("extent", a.extent());
        m.put("maxSpeedOnChain", a.maxChainSpeed());
        m.put("referenceSpeedVisited", a.referenceSpeed());
        m.put("speedRatio", a.speedRatio());
        m.put("lineEigenvalues", a.lineEigenvalues());
        m.put("lineEigenvectorAlignment", a.lineEigenAlignment());
        m.put("eigenvaluesWithin005OfOne", a.eigenvaluesNearOne());
        double[] dir = a.direction();
        int h = r.blockReadout().length;
        if (dir.length >= h) {
            double[] head = java.util.Arrays.copyOf(dir, h);
            m.put("alignmentWithBlockReadoutAbsCos", Math.abs(dot(head, r.blockReadout())) / norm(head));
            m.put("alignmentWithStimulusReadoutAbsCos",
                    Math.abs(dot(head, r.stimulusReadout())) / (norm(head) * norm(r.stimulusReadout())));
        }
        m.put("criteria", "distinct points (merged within 0.05) >= 3, first principal direction explains >= 0.95, "
                + "max ||F(h) - h|| on the segments between them <= 0.1 x the median over visited states");
        return m;
    }

    private static Map<String, Object> basins(Mechanism.Result mech) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Mechanism.Condition c : mech.conditions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Basins.Result g = c.gridBasins();
            Basins.Result v = c.visitedBasins();
            if (v == null) {
                out.put(c.condition(), m);
                continue;
            }
            List<Object> atts = new ArrayList<>();
            for (int k = 0; k < v.attractors().size(); k++) {
                Basins.Attractor a = v.attractors().get(k);
                atts.add(Ordered.map(
                        "plane", a.plane(),
                        "mergedPoints", a.members().length,
                        "maxModulus", a.maxModulus(),
                        "gridFraction", g == null ? Double.NaN : g.fractions()[k],
                        "visitedFraction", v.fractions()[k]));
            }
            m.put("attractors", atts);
            m.put("gridStarts", g == null ? 0 : g.size());
            m.put("gridUncaptured", g == null ? Double.NaN : g.uncaptured());
            m.put("visitedStarts", v.size());
            m.put("visitedUncaptured", v.uncaptured());
            if (c.lyapunov() != null) {
                m.put("lyapunovStandardFraction", c.lyapunov().computed() ? c.lyapunov().fraction() : Double.NaN);
                m.put("lyapunovCodeFraction", c.lyapunovCode().computed() ? c.lyapunovCode().fraction() : Double.NaN);
                if (!c.lyapunovCode().computed()) {
                    m.put("lyapunovCodeReason", c.lyapunovCode().reason());
                }
            }
            out.put(c.condition(), m);
        }
        return out;
    }

    private static Map<String, Object> empiricalFields(Mechanism.Result mech) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Mechanism.Condition c : mech.conditions()) {
            EmpiricalField.Field e = c.empirical();
            out.put(c.condition(), Ordered.map(
                    "matchedSteps", e.matchedSteps(),
                    "bins", e.size(),
                    "binnedSteps", e.reportedSteps(),
                    "minCountPerBin", e.minCount(),
                    "cosineWithModelOnSameStates", c.vsModel().meanCosine(),
                    "relativeErrorVsModelOnSameStates", c.vsModel().relativeError(),
                    "binsComparedWithGridField", c.vsGrid().bins(),
                    "cosineWithGridField", c.vsGrid().meanCosine(),
                    "relativeErrorVsGridField", c.vsGrid().relativeError()));
        }
        return out;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static Map<String, Object> regression(LinearRegression.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slope", r.slope());
        m.put("intercept", r.intercept());
        m.put("r", r.r());
        m.put("p", r.pValue());
        m.put("slopeCi99", List.of(r.slopeLower99(), r.slopeUpper99()));
        m.put("n", r.n());
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return a.length == 0 ? Double.NaN : s / a.length;
    }
}
