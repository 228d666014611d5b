package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.data.JsonFiles;
import org.iblrnn.report.HtmlReport;

/**
 * One of the paper's headline numbers next to ours, read from a run folder's stage summaries
 * ({@code eval/}, {@code analysis/}, {@code distill/summary.json}). The one list of the numbers the
 * report's table and {@code iblrnn aggregate} show; a number whose stage has not run is NaN.
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
        rows.add(new Headline("fractionCorrect", "behaviour (3.1)", "network: fraction of trials correct", "85.50%",
                0.855, rnnCorrect, 0.02, "evaluation session, timeouts count as wrong", Double.NaN));
        double obs = eval == null ? Double.NaN
                : eval.path("agents").path("observer").path("fractionCorrect").asDouble(Double.NaN);
        rows.add(new Headline("fractionCorrectMinusObserver", "behaviour (3.1)",
                "network minus Bayesian observer, fraction correct", "nearly matching (~0)", 0.0, rnnCorrect - obs,
                0.02, "exact observer scored when the network acted", Double.NaN));
        Object[][] ana2 = {
            {"representations (3.2)", "varianceExplained2Pcs", "variance of the hidden states in 2 PCs", "88.74%",
                0.03, "PCA of every step of the evaluation session"},
            {"representations (3.2)", "rightRowReadoutInPlane", "stimulus readout: fraction inside the PCA plane",
                "93.39%", 0.03, "the code's readout (right row); w_R - w_L in summary.json"},
            {"representations (3.2)", "blockDecodingFullRandom", "block side decoded from the full state", "82.6%",
                0.03, "held-out accuracy, random-row split as the paper (blocked split in summary.json)"},
            {"representations (3.2)", "blockDecodingPlaneRandom", "block side decoded from the PCA plane", "82.5%",
                0.03, "held-out accuracy, random-row split as the paper"},
            {"representations (3.2)", "readoutAnglePlaneDegrees", "angle between the readouts in the PCA plane",
                "68°", 5.0, "degrees"},
            {"representations (3.2)", "readoutAngleFullDegrees", "angle between the readouts in the full space",
                "73°", 5.0, "ours: full-state decoder; the paper lifts the plane decoder back with the mean added"},
            {"representations (3.2)", "observationSlopeStimulusPlane", "one observation's effect on the stimulus "
                + "belief", "0.84", 0.1, "slope per unit of oR - oL, paper's in-plane coordinates"},
            {"representations (3.2)", "observationSlopeBlockPlane", "one observation's effect on the block belief",
                "0.18", 0.06, "slope per unit of oR - oL, paper's in-plane coordinates"},
            {"representations (3.2)", "observationSlopeRatioPlane", "ratio of the two effects", "~5", 2.0,
                "stimulus slope / block slope"},
            {"mechanism (3.3)", "unitClusters", "clusters of hidden units", "2", 0.5,
                "complete linkage on 1 - r, largest-gap rule"}};
        for (Object[] a : ana2) {
            JsonNode n = ana == null ? null : ana.path("numbers").path((String) a[1]);
            boolean missing = n == null || n.isMissingNode();
            double ours = missing ? Double.NaN : n.path("ours").asDouble(Double.NaN);
            double paper = missing ? paperValue((String) a[3]) : n.path("paper").asDouble(Double.NaN);
            double code = missing ? Double.NaN : n.path("codeDefinition").asDouble(Double.NaN);
            rows.add(new Headline((String) a[1], (String) a[0], (String) a[2], (String) a[3], paper, ours,
                    (Double) a[4], (String) a[5], code));
        }
        JsonNode dis = readIfExists(dir.resolve("distill/summary.json"));
        double radd = dis == null ? Double.NaN
                : dis.path("closedLoop").path("raddFractionCorrect").asDouble(Double.NaN);
        double net = dis == null ? Double.NaN
                : dis.path("closedLoop").path("networkFractionCorrect").asDouble(Double.NaN);
        rows.add(new Headline("raddFractionCorrect", "distillation (3.3.2)", "RADD 2-unit model: fraction correct",
                "86.87%", 0.8687, radd, 0.02, "closed loop on the evaluation session, gain chosen on training sessions",
                Double.NaN));
        rows.add(new Headline("raddMinusNetwork", "distillation (3.3.2)", "RADD minus network, fraction correct",
                "+1.37 points", 0.0137, radd - net, 0.02, "paper: 86.87% vs 85.50%", Double.NaN));
        double[][] paperA = {{0.54, 0.31}, {0.19, 0.84}};
        double[][] paperB = {{-0.19, 0.20}, {-0.04, 0.04}};
        String[] an = {"A'11 (stimulus self)", "A'12 (block to stimulus)", "A'21 (stimulus to block)",
            "A'22 (block self)"};
        for (int i = 0; i < 4; i++) {
            rows.add(new Headline("raddA" + (i / 2 + 1) + (i % 2 + 1), "distillation (3.3.2)", an[i],
                    String.valueOf(paperA[i / 2][i % 2]), paperA[i / 2][i % 2], matrix(dis, "gradient", "A", i),
                    0.1, "RADD gradient fit (normalised coordinates); code: least squares",
                    matrix(dis, "leastSquares", "A", i)));
        }
        String[] bn = {"B' stimulus unit, left observation", "B' stimulus unit, right observation",
            "B' block unit, left observation", "B' block unit, right observation"};
        for (int i = 0; i < 4; i++) {
            rows.add(new Headline("raddB" + (i / 2 + 1) + (i % 2 + 1), "distillation (3.3.2)", bn[i],
                    String.valueOf(paperB[i / 2][i % 2]), paperB[i / 2][i % 2], matrix(dis, "gradient", "B", i),
                    0.05, "RADD gradient fit; code: least squares", matrix(dis, "leastSquares", "B", i)));
        }
        return rows;
    }

    private static double matrix(JsonNode dis, String fit, String name, int i) {
        return dis == null ? Double.NaN : dis.path(fit).path(name).path(i / 2).path(i % 2).asDouble(Double.NaN);
    }

    /** The paper's value from its printed form when the summary does not give it ("88.74%" -> 0.8874). */
    private static double paperValue(String text) {
        String t = text.replace("~", "").replace("°", "").trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static JsonNode readIfExists(Path p) throws IOException {
        return Files.exists(p) ? JsonFiles.read(p) : null;
    }
}
