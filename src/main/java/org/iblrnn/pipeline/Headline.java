package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.analysis.PaperNumbers;
import org.iblrnn.data.JsonFiles;
import org.iblrnn.report.HtmlReport;

/**
 * One of the paper's headline numbers next to ours, read from a run folder's stage summaries
 * ({@code eval/}, {@code analysis/}, {@code distill/summary.json}). The one list of the numbers the
 * report's table and {@code iblrnn aggregate} show; a number whose stage has not run is NaN. The
 * paper's values come from {@link PaperNumbers}.
 *
 * @param id         stable key (the summary key where there is one), used as a CSV column
 * @param section    the paper's section
 * @param what       what the number is, for people
 * @param paperText  the paper's value as printed
 * @param paper      the paper's value as a number
 * @param ours       our value with our definition
 * @param tolerance  absolute tolerance within which we call it reproduced
 * @param note       how it is computed
 * @param code       our network's value with the paper code's definition, or NaN where the same
 */
public record Headline(String id, String section, String what, String paperText, double paper, double ours,
                       double tolerance, String note, double code) {

    /** The row of the report's numbers table. */
    public HtmlReport.NumberRow row() {
        return new HtmlReport.NumberRow(section, what, paperText, paper, ours, tolerance, note, code);
    }

    /** The headline numbers of the run in {@code dir}, in the report's order. */
    public static List<Headline> read(Path dir) throws IOException {
        List<Headline> rows = new ArrayList<>();
        JsonNode eval = readIfExists(dir.resolve("eval/summary.json"));
        JsonNode ana = readIfExists(dir.resolve("analysis/summary.json"));
        double rnnCorrect = eval == null ? Double.NaN
                : eval.path("agents").path("rnn").path("fractionCorrect").asDouble(Double.NaN);
        rows.add(of("fractionCorrect", PaperNumbers.FRACTION_CORRECT, "network: fraction of trials correct",
                rnnCorrect, "evaluation session, timeouts count as wrong", Double.NaN));
        double obs = eval == null ? Double.NaN
                : eval.path("agents").path("observer").path("fractionCorrect").asDouble(Double.NaN);
        rows.add(of("fractionCorrectMinusObserver", PaperNumbers.NETWORK_MINUS_OBSERVER,
                "network minus Bayesian observer, fraction correct", rnnCorrect - obs,
                "exact observer scored when the network acted", Double.NaN));
        Object[][] ana2 = {
            {"varianceExplained2Pcs", PaperNumbers.VARIANCE_2PCS, "variance of the hidden states in 2 PCs",
                "PCA of every step of the evaluation session"},
            {"rightRowReadoutInPlane", PaperNumbers.READOUT_IN_PLANE, "stimulus readout: fraction inside the PCA plane",
                "the code's readout (right row); w_R - w_L in summary.json"},
            {"blockDecodingFullRandom", PaperNumbers.BLOCK_DECODING_FULL, "block side decoded from the full state",
                "held-out accuracy, random-row split as the paper (blocked split in summary.json)"},
            {"blockDecodingPlaneRandom", PaperNumbers.BLOCK_DECODING_PLANE, "block side decoded from the PCA plane",
                "held-out accuracy, random-row split as the paper"},
            {"readoutAnglePlaneDegrees", PaperNumbers.READOUT_ANGLE_PLANE,
                "angle between the readouts in the PCA plane", "degrees"},
            {"readoutAngleFullDegrees", PaperNumbers.READOUT_ANGLE_FULL, "angle between the readouts in the full space",
                "ours: full-state decoder; the paper lifts the plane decoder back with the mean added"},
            {"observationSlopeStimulusPlane", PaperNumbers.OBSERVATION_SLOPE_STIMULUS,
                "one observation's effect on the stimulus belief",
                "slope per unit of oR - oL, paper's in-plane coordinates"},
            {"observationSlopeBlockPlane", PaperNumbers.OBSERVATION_SLOPE_BLOCK,
                "one observation's effect on the block belief",
                "slope per unit of oR - oL, paper's in-plane coordinates"},
            {"observationSlopeRatioPlane", PaperNumbers.OBSERVATION_SLOPE_RATIO, "ratio of the two effects",
                "stimulus slope / block slope"},
            {"unitClusters", PaperNumbers.UNIT_CLUSTERS, "clusters of hidden units",
                "complete linkage on 1 - r, largest-gap rule"}};
        for (Object[] a : ana2) {
            JsonNode n = ana == null ? null : ana.path("numbers").path((String) a[0]);
            boolean missing = n == null || n.isMissingNode();
            double ours = missing ? Double.NaN : n.path("ours").asDouble(Double.NaN);
            double code = missing ? Double.NaN : n.path("codeDefinition").asDouble(Double.NaN);
            rows.add(of((String) a[0], (PaperNumbers.Value) a[1], (String) a[2], ours, (String) a[3], code));
        }
        JsonNode dis = readIfExists(dir.resolve("distill/summary.json"));
        double radd = dis == null ? Double.NaN
                : dis.path("closedLoop").path("raddFractionCorrect").asDouble(Double.NaN);
        double net = dis == null ? Double.NaN
                : dis.path("closedLoop").path("networkFractionCorrect").asDouble(Double.NaN);
        rows.add(of("raddFractionCorrect", PaperNumbers.RADD_FRACTION_CORRECT, "RADD 2-unit model: fraction correct",
                radd, "closed loop on the evaluation session, gain chosen on training sessions", Double.NaN));
        rows.add(of("raddMinusNetwork", PaperNumbers.RADD_MINUS_NETWORK, "RADD minus network, fraction correct",
                radd - net, "paper: " + PaperNumbers.RADD_FRACTION_CORRECT.printed() + " vs "
                        + PaperNumbers.FRACTION_CORRECT.printed(), Double.NaN));
        String[] an = {"A'11 (stimulus self)", "A'12 (block to stimulus)", "A'21 (stimulus to block)",
            "A'22 (block self)"};
        for (int i = 0; i < 4; i++) {
            rows.add(entry("raddA", PaperNumbers.RADD_A, i, an[i], dis, "A",
                    "RADD gradient fit (normalised coordinates); code: least squares"));
        }
        String[] bn = {"B' stimulus unit, left observation", "B' stimulus unit, right observation",
            "B' block unit, left observation", "B' block unit, right observation"};
        for (int i = 0; i < 4; i++) {
            rows.add(entry("raddB", PaperNumbers.RADD_B, i, bn[i], dis, "B", "RADD gradient fit; code: least squares"));
        }
        return rows;
    }

    private static Headline of(String id, PaperNumbers.Value paper, String what, double ours, String note,
                               double code) {
        return new Headline(id, paper.section(), what, paper.printed(), paper.value(), ours, paper.tolerance(), note,
                code);
    }

    /** Entry {@code i} (row-major over the first two columns) of a RADD matrix. */
    private static Headline entry(String prefix, PaperNumbers.Matrix paper, int i, String what, JsonNode dis,
                                  String name, String note) {
        double p = paper.get(i / 2, i % 2);
        return new Headline(prefix + (i / 2 + 1) + (i % 2 + 1), paper.section(), what, String.valueOf(p), p,
                matrix(dis, "gradient", name, i), paper.tolerance(), note, matrix(dis, "leastSquares", name, i));
    }

    private static double matrix(JsonNode dis, String fit, String name, int i) {
        return dis == null ? Double.NaN : dis.path(fit).path(name).path(i / 2).path(i % 2).asDouble(Double.NaN);
    }

    private static JsonNode readIfExists(Path p) throws IOException {
        return Files.exists(p) ? JsonFiles.read(p) : null;
    }
}
