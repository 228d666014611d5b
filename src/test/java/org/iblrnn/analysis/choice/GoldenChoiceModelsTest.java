package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.iblrnn.data.MouseCsv;
import org.iblrnn.data.MouseData;
import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The choice models against golden values from an independent implementation (numpy + scipy,
 * {@code golden_choice_models.py} beside the golden file, which says how to regenerate it), on
 * real mouse data: the first 6 sessions of NYU-01 (4,534 trials, 58 without a response, 11
 * zero-contrast trials at position -0.0), every model fitted on all 6 sessions.
 *
 * <p>The script maximises the same likelihood, in the same parameterisation, with L-BFGS-B on the
 * natural parameters under bounds from 30 random starts (plus a profile over the decay for the
 * kernels); the models with history terms reach their maximum from all 30 starts. The psychometric
 * likelihood of this mouse has two maxima: the global one at lapse_low = 0.020 (ll -2212.2183,
 * 24 of 30 starts) and a secondary one on the boundary lapse_low = 0 (ll -2212.2326, w 3.58,
 * k 4.38; 6 of 30 starts). The Java core fit starts from six points (lapses x compression) for
 * that reason, and reaches the global one.
 */
class GoldenChoiceModelsTest {
    private static final String DIR = "/org/iblrnn/analysis/choice/";

    /**
     * Log-likelihood tolerance, nats summed over ~4,500 responses (2e-7 per trial): both sides
     * maximise the same function, so their maxima must agree to optimiser precision. Java lower by
     * more means Java stopped short or in a local maximum; Java higher by more means the golden
     * script missed the maximum (or the two define different models).
     */
    private static final double LL_TOLERANCE = 1e-3;
    /**
     * P(right) of the fitted core (history regressors at 0) at the 9 signed contrasts: the curve is
     * well identified even where lapses and k individually are not (a flat likelihood ridge trades
     * k against w and the lapses), so it is compared instead of those parameters.
     */
    private static final double CURVE_TOLERANCE = 0.01;
    /** Prior weights (logit slope on a -1..1 regressor): their standard error is ~0.1-0.2 here. */
    private static final double PRIOR_WEIGHT_TOLERANCE = 0.05;
    /** Kernel decay, in (0, 1). */
    private static final double DECAY_TOLERANCE = 0.02;
    /** History-GLM weights (logit slopes on ±1 regressors). */
    private static final double HISTORY_TOLERANCE = 0.05;
    /**
     * The Bayes regressor has no free parameter: two exact filters of the same law must agree to
     * rounding (the script uses an explicit 198 x 198 transition matrix, Java a run-length recursion).
     */
    private static final double FILTER_TOLERANCE = 1e-9;

    private static final double[] CONTRASTS = {-1, -0.25, -0.125, -0.0625, 0, 0.0625, 0.125, 0.25, 1};

    private static List<ChoiceSession> sessions;
    private static Map<String, Map<String, Double>> golden;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path fixture = Path.of(GoldenChoiceModelsTest.class.getResource(DIR + "golden-mouse.csv").toURI());
        MouseData data = MouseCsv.load(fixture);
        assertEquals(1, data.mice().size());
        sessions = ChoiceSession.fromTable(data.mice().get(0), 0.8);
        golden = new HashMap<>();
        try (InputStream in = GoldenChoiceModelsTest.class.getResourceAsStream(DIR + "golden-choice-models.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean header = true;
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    assertEquals("model,quantity,value", line.strip());
                    header = false;
                    continue;
                }
                String[] f = line.strip().split(",");
                golden.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
            }
        }
    }

    @Test
    void fixtureHasTheExpectedShape() {
        assertEquals(6, sessions.size());
        int trials = 0;
        int responses = 0;
        for (ChoiceSession s : sessions) {
            trials += s.length();
            responses += s.responses();
            assertEquals(90, s.openingTrials(), "opening of session " + s.id());
        }
        assertEquals(4534, trials);
        assertEquals(golden.get("psychometric").get("responses").intValue(), responses);
    }

    /**
     * Known failure when written: Java's single BFGS run from its fixed start (w 3, k 5, lapses 0.1)
     * ends in the secondary maximum on the lapse_low = 0 boundary, 0.0145 nats below the global one
     * (the curves differ by &lt; 0.002, so only the likelihood check fails). Not loosened: a fit that
     * reports converged at a non-global maximum is what this test exists to catch.
     */
    @Test
    void psychometric() {
        check(new Psychometric(), List.of());
    }

    @Test
    void actionKernel() {
        check(ExponentialKernel.action(), List.of("prior_weight", "decay"));
    }

    @Test
    void stimulusKernel() {
        check(ExponentialKernel.stimulus(), List.of("prior_weight", "decay"));
    }

    @Test
    void historyGlm() {
        check(new HistoryGlm(), List.of("prev_choice", "prev_choice_x_reward"));
    }

    @Test
    void bayesPrior() {
        check(new BayesPrior(BlockLengths.TruncatedExponential.ibl(), 0.8), List.of("prior_weight"));
    }

    @Test
    void bayesPriorRegressorOfTheFirstBiasedTrialsMatchesTheIndependentFilter() {
        ChoiceSession s = sessions.get(0);
        double[][] x = new double[1][s.length()];
        new BayesPrior(BlockLengths.TruncatedExponential.ibl(), 0.8).regressors(s, new double[0], x, null);
        Map<String, Double> g = golden.get(BayesPrior.NAME);
        for (int i = 0; i < 10; i++) {
            int t = s.openingTrials() + i;
            assertEquals(g.get("x_" + i), x[0][t], FILTER_TOLERANCE, "bayes-prior regressor on biased trial " + i);
        }
    }

    private static void check(LapsePsychometric model, List<String> identified) {
        Map<String, Double> g = golden.get(model.name());
        ChoiceFit fit = model.fit(sessions, 1).fit();
        double java = fit.trainLogLikelihood();
        double gold = g.get("log_likelihood");
        double diff = java - gold;
        String who = diff > 0 ? "Java higher" : "golden (scipy) higher";
        String context = String.format("%s: Java ll %.6f, golden ll %.6f (%s by %.3g nats); Java %s %s",
                model.name(), java, gold, who, Math.abs(diff), describe(fit), fit.note());
        assertTrue(diff >= -LL_TOLERANCE, "Java's maximum is worse than the golden one: " + context);
        assertTrue(diff <= LL_TOLERANCE, "Java's maximum is higher than the golden one (golden-script problem?): "
                + context);
        for (double c : CONTRASTS) {
            assertEquals(curve(g::get, c), curve(fit::value, c), CURVE_TOLERANCE,
                    "P(right) at signed contrast " + c + "; " + context);
        }
        for (String name : identified) {
            double tol = switch (name) {
                case "prior_weight" -> PRIOR_WEIGHT_TOLERANCE;
                case "decay" -> DECAY_TOLERANCE;
                default -> HISTORY_TOLERANCE;
            };
            assertEquals(g.get(name), fit.value(name), tol, name + "; " + context);
        }
    }

    private interface Values {
        double get(String name);
    }

    private static double curve(Values v, double c) {
        double lo = v.get("lapse_low");
        double hi = v.get("lapse_high");
        double eta = v.get("bias") + v.get("contrast_weight") * ContrastTransform.value(c, v.get("contrast_k"));
        return lo + (1 - lo - hi) / (1 + Math.exp(-eta));
    }

    private static String describe(ChoiceFit fit) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < fit.names().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(fit.names().get(i)).append('=')
                    .append(String.format("%.5g", fit.values()[i]));
        }
        return b.append('}').toString();
    }
}
