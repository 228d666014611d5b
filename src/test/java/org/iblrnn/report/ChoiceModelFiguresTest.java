package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.iblrnn.analysis.choice.BayesPrior;
import org.iblrnn.analysis.choice.ChoiceFit;
import org.iblrnn.analysis.choice.ChoiceModel;
import org.iblrnn.analysis.choice.ChoiceModels;
import org.iblrnn.analysis.choice.ChoiceSession;
import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ExampleSession;
import org.iblrnn.analysis.choice.ExponentialKernel;
import org.iblrnn.analysis.choice.GlmHmm;
import org.iblrnn.analysis.choice.HistoryGlm;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.analysis.choice.OracleBlock;
import org.iblrnn.analysis.choice.Psychometric;
import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The choice-model figures: built from a synthetic 54-mouse comparison (every catalogue model,
 * two agents) and from real cross-validated fits on a few simulated subjects, rendered to PNG
 * and SVG, with no legend covering data; the figures of absent models are null. With
 * {@code -Diblrnn.choicePngs=DIR} the PNGs are written there to be looked at.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChoiceModelFiguresTest {
    private static final double[] CONTRASTS = {0.0, 0.0625, 0.125, 0.25, 1.0};
    private static final List<String> STEMS = List.of("choice-model-scores", "choice-kernel-decays",
            "choice-example-priors", "choice-glm-hmm-states");

    private static ModelComparison synthetic;
    private static ModelComparison fitted;
    private static ExampleSession example;
    private static ExampleSession exampleWithoutHmm;

    // ------------------------------------------------------------------ simulated subjects

    /**
     * Sessions of a simulated mouse: a 90-trial unbiased opening then 0.2 / 0.8 blocks of 20-80
     * trials; choices from a lapse psychometric shifted by an exponential filter of past sides.
     */
    static List<ChoiceSession> simulate(int sessions, int trials, double decay, double priorWeight, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ChoiceSession> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            double[] contrast = new double[trials];
            int[] side = new int[trials];
            int[] choice = new int[trials];
            double[] block = new double[trials];
            double p = rng.nextBoolean() ? 0.2 : 0.8;
            int left = 20 + rng.nextInt(60);
            double belief = 0.5;
            for (int t = 0; t < trials; t++) {
                if (t < 90) {
                    block[t] = 0.5;
                } else {
                    if (left-- == 0) {
                        p = 1 - p;
                        left = 20 + rng.nextInt(60);
                    }
                    block[t] = p;
                }
                contrast[t] = CONTRASTS[rng.nextInt(CONTRASTS.length)];
                side[t] = rng.nextDouble() < block[t] ? 1 : -1;
                double drive = 6 * side[t] * contrast[t] + priorWeight * (2 * belief - 1);
                double pr = 0.05 + 0.9 / (1 + Math.exp(-drive));
                choice[t] = rng.nextDouble() < 0.01 ? 0 : rng.nextDouble() < pr ? 1 : -1;
                belief = decay * belief + (1 - decay) * (side[t] > 0 ? 1 : 0);
            }
            out.add(new ChoiceSession(s, contrast, side, choice, block, 90));
        }
        return out;
    }

    private static List<ChoiceModel> models(boolean withHmm) {
        List<ChoiceModel> m = new ArrayList<>(List.of(new Psychometric(), new OracleBlock(),
                ExponentialKernel.action(), ExponentialKernel.stimulus(),
                new BayesPrior(BlockLengths.TruncatedExponential.ibl(), 0.8), new HistoryGlm()));
        if (withHmm) {
            m.add(new GlmHmm(2));
        }
        return m;
    }

    private static List<String> names(List<ChoiceModel> models) {
        return models.stream().map(ChoiceModel::name).toList();
    }

    // ------------------------------------------------------------------ a synthetic 54-mouse comparison

    private static ChoiceFit fit(String model, int fold, SplittableRandom rng) {
        boolean kernel = model.endsWith("-kernel");
        List<String> names = kernel ? List.of("prior_weight", "decay") : List.of("bias");
        double[] values = kernel
                ? new double[] {1 + rng.nextDouble(), model.startsWith("action") ? 0.75 + 0.2 * rng.nextDouble()
                        : 0.85 + 0.12 * rng.nextDouble()}
                : new double[] {rng.nextGaussian() * 0.2};
        return new ChoiceFit(model, names, values, -100, -100, 10, fold != 1 || rng.nextDouble() > 0.05, "");
    }

    /** A subject whose models score around {@code base} + a per-model gain, with per-mouse noise. */
    private static CrossValidation.SubjectResult subject(String name, List<String> models, double base,
                                                         SplittableRandom rng) {
        List<CrossValidation.ModelScore> scores = new ArrayList<>();
        double mouse = rng.nextGaussian() * 0.05;
        // a per-mouse kernel decay shared over folds, so action and stimulus decays correlate
        for (String m : models) {
            int idx = ChoiceModels.NAMES.indexOf(m);
            double gain = m.equals("psychometric") ? 0 : m.equals("oracle-block") ? 0.09 : 0.01 + 0.006 * idx;
            double bits = base + mouse + gain + rng.nextGaussian() * 0.01;
            List<CrossValidation.FoldScore> folds = new ArrayList<>();
            for (int f = 0; f < 5; f++) {
                folds.add(new CrossValidation.FoldScore(f, fit(m, f, rng), 120, -120 * 0.5, 90));
            }
            scores.add(new CrossValidation.ModelScore(m, 600, bits, 0.78 + gain, folds));
        }
        return new CrossValidation.SubjectResult(name, 10, 610, 10, new int[10], scores, List.of());
    }

    static ModelComparison synthetic(List<String> models, int mice, int agents, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<CrossValidation.SubjectResult> m = new ArrayList<>();
        for (int k = 0; k < mice; k++) {
            m.add(subject(String.format("mouse-%02d", k), models, -0.62, rng));
        }
        List<CrossValidation.SubjectResult> a = new ArrayList<>();
        String[] agentNames = {"paper/rnn", "paper/actor-semi-markov", "paper/observer"};
        for (int k = 0; k < agents; k++) {
            a.add(subject(agentNames[k], models, -0.5, rng));
        }
        return ModelComparison.of(models, m, List.of(), a);
    }

    @BeforeAll
    static void build() {
        synthetic = synthetic(ChoiceModels.NAMES, 54, 2, 7);
        List<ChoiceModel> models = models(true);
        CrossValidation.Options opts = new CrossValidation.Options(3, 11);
        List<CrossValidation.SubjectResult> mice = new ArrayList<>();
        List<ChoiceSession> firstSessions = null;
        CrossValidation.SubjectResult first = null;
        for (int k = 0; k < 3; k++) {
            List<ChoiceSession> s = simulate(3, 260, 0.8 + 0.05 * k, 1.5 + 0.5 * k, 100 + k);
            CrossValidation.SubjectResult r = CrossValidation.run("sim-" + k, s, models, opts, k == 0);
            if (k == 0) {
                first = r;
                firstSessions = s;
            }
            mice.add(r);
        }
        List<CrossValidation.SubjectResult> agents = List.of(
                CrossValidation.run("paper/rnn", simulate(3, 260, 0.9, 2.5, 200), models, opts, false));
        fitted = ModelComparison.of(names(models), mice, List.of(), agents);
        example = ExampleSession.of(first, firstSessions, ExampleSession.longest(firstSessions));
        List<ChoiceModel> noHmm = models(false);
        CrossValidation.SubjectResult plain = CrossValidation.run("sim-plain", firstSessions, noHmm, opts, true);
        exampleWithoutHmm = ExampleSession.of(plain, firstSessions, 0);
    }

    // ------------------------------------------------------------------ checks

    private static Path pngDir(String which) throws Exception {
        String dir = System.getProperty("iblrnn.choicePngs");
        return dir == null ? null : Files.createDirectories(Path.of(dir, which));
    }

    /** Renders {@code f} to PNG and SVG, checks both, the title and that no legend covers data. */
    private static int check(Figure f, String name, Path dir) throws Exception {
        assertNotNull(f, name);
        assertTrue(f.title().startsWith("Choice models (beyond the paper)"), name + " title: " + f.title());
        assertTrue(!f.caption().isBlank(), name + " has a caption");
        assertTrue(!f.isEmpty(), name + " has data");
        for (Panel p : f.panels()) {
            PlotPanel pp = (PlotPanel) p;
            assertTrue(!pp.xAxis().label().isBlank() && !pp.yAxis().label().isBlank(), name + ": axes labelled");
        }
        byte[] png = PngRenderer.render(f, 1200);
        assertTrue(png.length > 1000, name + " png");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1200, img.getWidth(), name + " png width");
        String svg = SvgRenderer.render(f);
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), name + " svg");
        assertTrue(svg.contains("</svg>") && svg.length() > 2000, name + " svg body");
        assertTrue(!svg.contains("NaN"), name + " svg has no NaN");
        if (dir != null) {
            Files.write(dir.resolve(name + ".png"), png);
        }
        return LegendPlacementTest.assertNoLegendCoversData(f, name);
    }

    @Test
    void everyFigureOfAFullComparisonRendersWithItsLegendsOffTheData() throws Exception {
        Path dir = pngDir("full");
        List<ChoiceModelFigures.Named> all = ChoiceModelFigures.all(synthetic, example);
        assertEquals(STEMS, all.stream().map(ChoiceModelFigures.Named::stem).toList());
        int legends = 0;
        for (ChoiceModelFigures.Named n : all) {
            legends += check(n.figure(), n.stem(), dir);
        }
        assertTrue(legends >= 5, "legends drawn: " + legends);
    }

    @Test
    void figuresOfRealCrossValidatedFitsRender() throws Exception {
        Path dir = pngDir("fitted");
        List<ChoiceModelFigures.Named> all = ChoiceModelFigures.all(fitted, example);
        assertEquals(STEMS, all.stream().map(ChoiceModelFigures.Named::stem).toList());
        for (ChoiceModelFigures.Named n : all) {
            check(n.figure(), n.stem(), dir);
        }
        assertEquals("glm-hmm-2", example.glmHmm());
    }

    @Test
    void scoresAreRelativeToThePsychometricModelPerMouse() {
        Figure f = ChoiceModelFigures.modelScores(synthetic);
        assertEquals(3, f.panels().size(), "11 models over three panels (4, 4, 3)");
        PlotPanel a = (PlotPanel) f.panels().get(0);
        assertEquals(4, a.xAxis().categories().size());
        assertEquals(3, ((PlotPanel) f.panels().get(2)).xAxis().categories().size());
        assertTrue(a.yAxis().label().contains("psychometric"));
        // one y range for every panel
        for (Panel p : f.panels()) {
            assertEquals(a.yAxis(), ((PlotPanel) p).yAxis());
        }
        // the first series of panel a: one dot per mouse for the psychometric model, all at 0
        Series dots = a.series().get(0);
        assertEquals(54, dots.y().length);
        assertTrue(Arrays.stream(dots.y()).allMatch(v -> v == 0));
        double[] x = dots.x();
        assertTrue(Arrays.stream(x).allMatch(v -> v > -0.5 && v < -0.1), "mice left of mean and agents, in the slot");
        assertTrue(Arrays.stream(x).distinct().count() > 40, "jittered");
        assertEquals(1, a.refLines().size());
        assertEquals(0, a.refLines().get(0).value());
        // legend, in one panel only: mice, the mean, one entry per agent
        List<String> labels = f.panels().stream().flatMap(p -> ((PlotPanel) p).series().stream())
                .map(Series::label).filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("mouse (54)", "mean ± SEM", "paper/rnn", "paper/actor-semi-markov"), labels);
    }

    @Test
    void modelColoursAreTheSameInEveryFigure() {
        Figure scores = ChoiceModelFigures.modelScores(fitted);
        Figure priors = ChoiceModelFigures.examplePriors(example);
        for (Panel p : priors.panels()) {
            for (Series s : ((PlotPanel) p).series()) {
                if (fitted.models().contains(s.label())) {
                    assertEquals(ChoiceModelFigures.modelColour(s.label()), s.colour(), s.label());
                }
            }
        }
        // the mean marker of each model in the score figure has the model's colour
        PlotPanel a = (PlotPanel) scores.panels().get(0);
        List<Rgb> diamonds = a.series().stream()
                .filter(s -> s.marker() == Marker.DIAMOND && s.label().isBlank() && s.x().length == 1)
                .map(Series::colour).toList();
        assertEquals(fitted.models().subList(0, diamonds.size()).stream().map(ChoiceModelFigures::modelColour)
                .toList(), diamonds);
        assertEquals(ChoiceModels.NAMES.size(),
                ChoiceModels.NAMES.stream().map(ChoiceModelFigures::modelColour).distinct().count(),
                "every catalogue model has its own colour");
    }

    @Test
    void absentModelsGiveNullFiguresOrFallbacks() throws Exception {
        Path dir = pngDir("subsets");
        // no kernel: no decay figure
        ModelComparison noKernel = synthetic(List.of("psychometric", "bayes-prior", "glm-hmm-2"), 12, 1, 3);
        assertNull(ChoiceModelFigures.kernelDecays(noKernel));
        // one kernel: a cumulative distribution of it
        ModelComparison oneKernel = synthetic(List.of("psychometric", "action-kernel", "history-glm"), 20, 2, 4);
        Figure one = ChoiceModelFigures.kernelDecays(oneKernel);
        check(one, "one-kernel-decays", dir);
        assertTrue(((PlotPanel) one.panels().get(0)).xAxis().label().startsWith("action-kernel decay"));
        // no psychometric model: bits above chance, one panel
        ModelComparison noReference = synthetic(List.of("oracle-block", "stimulus-kernel", "glm-hmm-1"), 15, 0, 5);
        Figure scores = ChoiceModelFigures.modelScores(noReference);
        check(scores, "no-reference-scores", dir);
        assertEquals(1, scores.panels().size());
        assertTrue(((PlotPanel) scores.panels().get(0)).yAxis().label().contains("chance"));
        // an example without a GLM-HMM: no state figure
        assertNull(exampleWithoutHmm.glmHmm());
        assertNull(ChoiceModelFigures.glmHmmStates(exampleWithoutHmm));
        assertEquals(List.of("choice-model-scores", "choice-kernel-decays", "choice-example-priors"),
                ChoiceModelFigures.all(fitted, exampleWithoutHmm).stream().map(ChoiceModelFigures.Named::stem)
                        .toList());
        // no example at all; no kernel either
        assertEquals(List.of("choice-model-scores"),
                ChoiceModelFigures.all(noKernel, null).stream().map(ChoiceModelFigures.Named::stem).toList());
        // no model at all
        ModelComparison none = ModelComparison.of(List.of(), List.of(), List.of(), List.of());
        assertNull(ChoiceModelFigures.modelScores(none));
        assertEquals(List.of(), ChoiceModelFigures.all(none, null));
    }

    @Test
    void aFewPriorsAndAFourStateGlmHmmRender() throws Exception {
        Path dir = pngDir("examples");
        int n = 500;
        double[] block = new double[n];
        int[] choice = new int[n];
        double[][] post = new double[n][4];
        double[] kernel = new double[n];
        double[] psy = new double[n];
        SplittableRandom rng = new SplittableRandom(9);
        double k = 0.5;
        for (int t = 0; t < n; t++) {
            block[t] = t < 90 ? 0.5 : (t / 60) % 2 == 0 ? 0.2 : 0.8;
            choice[t] = rng.nextDouble() < block[t] ? 1 : -1;
            k = 0.9 * k + 0.1 * (choice[t] > 0 ? 1 : 0);
            kernel[t] = 0.3 + 0.4 * k;
            psy[t] = 0.52;
            double[] raw = {1 + Math.sin(t / 40.0), 1 + Math.cos(t / 55.0), 0.3, block[t]};
            double sum = Arrays.stream(raw).sum();
            for (int j = 0; j < 4; j++) {
                post[t][j] = raw[j] / sum;
            }
        }
        java.util.Map<String, double[]> priors = new java.util.LinkedHashMap<>();
        priors.put("psychometric", psy);
        priors.put("action-kernel", kernel);
        double[] contrasts = {-1, -0.25, -0.125, -0.0625, 0, 0.0625, 0.125, 0.25, 1};
        double[][] curves = new double[4][contrasts.length];
        double[][] weights = {{4, 0.2, 0}, {3, 0.5, -1.5}, {0.5, -0.2, 1.5}, {6, 0, 0.1}};
        for (int j = 0; j < 4; j++) {
            for (int c = 0; c < contrasts.length; c++) {
                curves[j][c] = 1 / (1 + Math.exp(-(weights[j][0] * contrasts[c] * 2 + weights[j][2])));
            }
        }
        ExampleSession e = new ExampleSession("mouse-07", 3, block, choice, priors, "glm-hmm-4", post, contrasts,
                curves, weights);
        Figure p = ChoiceModelFigures.examplePriors(e);
        assertEquals(1, p.panels().size());
        check(p, "two-priors", dir);
        Figure g = ChoiceModelFigures.glmHmmStates(e);
        assertEquals(2, g.panels().size());
        assertEquals(5, ((PlotPanel) g.panels().get(0)).series().size(), "the block and 4 states");
        check(g, "four-states", dir);
        check(ChoiceModelFigures.examplePriors(exampleWithoutHmm), "six-priors", dir);
    }
}
