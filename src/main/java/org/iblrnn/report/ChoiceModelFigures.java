package org.iblrnn.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.analysis.choice.ExampleSession;
import org.iblrnn.analysis.choice.ModelComparison;
import org.iblrnn.math.DoubleList;

/**
 * Figures of the trial-by-trial choice models fitted to each mouse and to the agents (beyond the
 * paper): held-out bits/trial per mouse and model, the fitted kernel decays across mice, one
 * held-out session's model priors, and the GLM-HMM's states in that session. Pure: every builder
 * returns a {@link Figure} (or null where documented) and writes nothing.
 *
 * <p>Each model keeps one colour in every figure ({@link #modelColour}); mice are circles, each
 * agent kind keeps one marker shape and each run one dark colour ({@link #agentMarker}, {@link #agentColour}).
 */
public final class ChoiceModelFigures {
    private ChoiceModelFigures() {
    }

    /** Words every title carries. */
    static final String TAG = "Choice models (beyond the paper)";

    /** Most models in one panel of {@link #modelScores}. */
    static final int MODELS_PER_PANEL = 4;

    /** Most model priors drawn in one panel of {@link #examplePriors}. */
    static final int PRIORS_PER_PANEL = 4;

    private static final String REFERENCE = "psychometric";
    private static final String ACTION = "action-kernel";
    private static final String STIMULUS = "stimulus-kernel";

    private static final Rgb MOUSE = new Rgb(120, 120, 120);
    private static final Rgb BLOCK = new Rgb(175, 175, 175);
    private static final Marker[] AGENT_MARKERS = {Marker.TRIANGLE, Marker.SQUARE, Marker.STAR, Marker.DIAMOND};
    /** Colours of GLM-HMM states (not models: Dark2, apart from the model colours). */
    private static final List<Rgb> STATE_COLOURS = List.of(Rgb.of("#1b9e77"), Rgb.of("#d95f02"), Rgb.of("#7570b3"),
            Rgb.of("#e7298a"), Rgb.of("#66a61e"), Rgb.of("#a6761d"));

    /** A figure and its file stem. */
    public record Named(String stem, Figure figure) {
    }

    /**
     * Every figure that has something to draw, with stems {@code choice-model-scores},
     * {@code choice-kernel-decays}, {@code choice-example-priors}, {@code choice-glm-hmm-states}.
     *
     * @param c the comparison across mice
     * @param e the example session, or null for none (its two figures are then left out)
     */
    public static List<Named> all(ModelComparison c, ExampleSession e) {
        List<Named> out = new ArrayList<>();
        add(out, "choice-model-scores", modelScores(c));
        add(out, "choice-kernel-decays", kernelDecays(c));
        if (e != null) {
            add(out, "choice-example-priors", examplePriors(e));
            add(out, "choice-glm-hmm-states", glmHmmStates(e));
        }
        return out;
    }

    private static void add(List<Named> out, String stem, Figure f) {
        if (f != null) {
            out.add(new Named(stem, f));
        }
    }

    // ------------------------------------------------------------------ colours and labels

    /**
     * The colour of {@code model} in every figure: a fixed colour per catalogue model (the GLM-HMMs
     * in shades of purple, darker with more states), the palette for any other name.
     */
    public static Rgb modelColour(String model) {
        return switch (model) {
            case "psychometric" -> Rgb.of("#000000");
            case "oracle-block" -> Rgb.of("#8c6d31");
            case "action-kernel" -> Rgb.of("#D55E00");
            case "stimulus-kernel" -> Rgb.of("#0072B2");
            case "bayes-prior" -> Rgb.of("#009E73");
            case "bayes-prior-fitted" -> Rgb.of("#E69F00");
            case "history-glm" -> Rgb.of("#CC79A7");
            case "glm-hmm-1" -> Rgb.of("#a28bcc");
            case "glm-hmm-2" -> Rgb.of("#8060b4");
            case "glm-hmm-3" -> Rgb.of("#5e3c96");
            case "glm-hmm-4" -> Rgb.of("#3c1c6a");
            default -> Rgb.palette(Math.floorMod(model.hashCode(), Rgb.OKABE_ITO.size()));
        };
    }

    /** The marker of agent number {@code k} (in {@link ModelComparison#agents()} order). */
    static Marker agentMarker(int k) {
        return AGENT_MARKERS[k % AGENT_MARKERS.length];
    }

    /** Dark colours for the agents of successive runs ("run/agent"): black, then dark red, dark blue, ... */
    private static final Rgb[] RUN_COLOURS = {Rgb.BLACK, Rgb.of("#a01818"), Rgb.of("#1f4e9c"), Rgb.of("#2f7d32")};

    /**
     * The marker of agent {@code k}: its shape from the agent's kind (the part after "run/", in order
     * of first appearance), so the same agent of two runs has the same shape.
     */
    static Marker agentMarker(List<CrossValidation.SubjectResult> agents, int k) {
        List<String> kinds = new ArrayList<>();
        for (CrossValidation.SubjectResult a : agents) {
            String kind = kindOf(a.subject());
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return agentMarker(kinds.indexOf(kindOf(agents.get(k).subject())));
    }

    /** The colour of agent {@code k}: one per run (the part before "/"), in order of first appearance. */
    static Rgb agentColour(List<CrossValidation.SubjectResult> agents, int k) {
        List<String> runs = new ArrayList<>();
        for (CrossValidation.SubjectResult a : agents) {
            String run = runOf(a.subject());
            if (!runs.contains(run)) {
                runs.add(run);
            }
        }
        return RUN_COLOURS[runs.indexOf(runOf(agents.get(k).subject())) % RUN_COLOURS.length];
    }

    private static String kindOf(String subject) {
        int i = subject.indexOf('/');
        return i < 0 ? subject : subject.substring(i + 1);
    }

    private static String runOf(String subject) {
        int i = subject.indexOf('/');
        return i < 0 ? "" : subject.substring(0, i);
    }

    /** A model name as a short tick label, broken into lines at its hyphens ("action\nkernel"). */
    static String tickLabel(String model) {
        return switch (model) {
            case "psychometric" -> "psycho-\nmetric";
            case "oracle-block" -> "oracle\nblock";
            case "action-kernel" -> "action\nkernel";
            case "stimulus-kernel" -> "stim.\nkernel";
            case "bayes-prior" -> "Bayes\nprior";
            case "bayes-prior-fitted" -> "Bayes\nprior\nfitted";
            case "history-glm" -> "history\nGLM";
            default -> model.startsWith("glm-hmm-") ? "GLM-\nHMM-" + model.substring("glm-hmm-".length())
                    : model.replace('-', '\n');
        };
    }

    private static int lines(String label) {
        return label.split("\n", -1).length;
    }

    /** A deterministic horizontal offset in [0, 1) for mouse {@code k} (golden-ratio sequence: evenly spread). */
    static double jitter(int k) {
        double v = (k + 1) * 0.6180339887498949;
        return v - Math.floor(v);
    }

    // ------------------------------------------------------------------ 1. held-out scores

    /** The score of {@code model} for subject {@code r}, or null when it has none. */
    private static CrossValidation.ModelScore score(CrossValidation.SubjectResult r, String model) {
        for (CrossValidation.ModelScore s : r.scores()) {
            if (s.model().equals(model)) {
                return s;
            }
        }
        return null;
    }

    /** The plotted score: bits/trial minus the subject's psychometric model's, or + 1 (above chance) without one. */
    private static double plotted(CrossValidation.SubjectResult r, String model, boolean relative) {
        CrossValidation.ModelScore s = score(r, model);
        if (s == null) {
            return Double.NaN;
        }
        if (!relative) {
            return s.bitsPerTrial() + 1;
        }
        CrossValidation.ModelScore ref = score(r, REFERENCE);
        return ref == null ? Double.NaN : s.bitsPerTrial() - ref.bitsPerTrial();
    }

    private static ModelComparison.ModelSummary summary(ModelComparison c, String model) {
        for (ModelComparison.ModelSummary s : c.summary()) {
            if (s.model().equals(model)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Held-out bits/trial of every model for every mouse, relative to the mouse's psychometric
     * model (or above chance, + 1 bit, when the psychometric model was not fitted): one light dot
     * per mouse (deterministic jitter), the mean &plusmn; SEM across mice as a dark diamond with
     * error bars beside them, and each agent as a dark marker on the right (shape: the agent; colour: its run). Models in
     * {@link ModelComparison#models()} order, at most {@value #MODELS_PER_PANEL} per panel, the
     * panels side by side on one y range, which leaves room for the legend in an empty corner of
     * one of them.
     *
     * @return the figure, or null when there is no model
     */
    public static Figure modelScores(ModelComparison c) {
        List<String> models = c.models();
        if (models.isEmpty()) {
            return null;
        }
        boolean relative = models.contains(REFERENCE);
        int nPanels = (models.size() + MODELS_PER_PANEL - 1) / MODELS_PER_PANEL;
        int perPanel = (models.size() + nPanels - 1) / nPanels;
        List<CrossValidation.SubjectResult> agents = c.agents();
        double agentStep = agents.isEmpty() ? 0 : Math.min(0.1, 0.3 / agents.size());
        List<List<Series>> panelSeries = new ArrayList<>();
        List<DoubleList[]> drawn = new ArrayList<>(); // per panel: x and y of everything drawn
        for (int p = 0; p < nPanels; p++) {
            panelSeries.add(new ArrayList<>());
            drawn.add(new DoubleList[] {new DoubleList(), new DoubleList()});
        }
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            int p = m / perPanel;
            double x = m - p * perPanel;
            List<Series> s = panelSeries.get(p);
            DoubleList[] d = drawn.get(p);
            Rgb colour = modelColour(model);
            double[] mx = new double[c.mice().size()];
            double[] my = new double[c.mice().size()];
            for (int k = 0; k < mx.length; k++) {
                mx[k] = x - 0.42 + 0.28 * jitter(k);
                my[k] = plotted(c.mice().get(k), model, relative);
                d[0].add(mx[k]);
                d[1].add(my[k]);
            }
            s.add(Series.markers("", mx, my).withColour(colour.mix(Rgb.WHITE, 0.5)));
            ModelComparison.ModelSummary sum = summary(c, model);
            if (sum != null) {
                double mean = relative ? sum.bitsVsReferenceMean() : sum.bitsVsChanceMean();
                double sem = relative ? sum.bitsVsReferenceSem() : sum.bitsPerTrialSem();
                double at = x - 0.02;
                for (double v : new double[] {mean, mean - sem, mean + sem}) {
                    d[0].add(at);
                    d[1].add(v);
                }
                s.add(Series.markers("", new double[] {at}, new double[] {mean})
                        .withErrorBars(new double[] {Double.isFinite(sem) ? sem : Double.NaN})
                        .withMarker(Marker.DIAMOND).withColour(colour));
            }
            for (int a = 0; a < agents.size(); a++) {
                double v = plotted(agents.get(a), model, relative);
                double at = x + 0.14 + a * agentStep;
                d[0].add(at);
                d[1].add(v);
                s.add(Series.markers("", new double[] {at}, new double[] {v}).withMarker(agentMarker(agents, a))
                        .withColour(agentColour(agents, a)));
            }
        }
        DoubleList allY = new DoubleList();
        for (DoubleList[] d : drawn) {
            for (int i = 0; i < d[1].size(); i++) {
                allY.add(d[1].get(i));
            }
        }
        double[] range = range(allY.toArray(), 0);
        List<Series> keys = new ArrayList<>();
        keys.add(key("mouse (" + c.mice().size() + ")", Marker.CIRCLE, MOUSE.mix(Rgb.WHITE, 0.3)));
        keys.add(key("mean ± SEM", Marker.DIAMOND, MOUSE.mix(Rgb.BLACK, 0.4)));
        for (int a = 0; a < agents.size(); a++) {
            keys.add(key(agents.get(a).subject(), agentMarker(agents, a), agentColour(agents, a)));
        }
        int legendPanel = roomForLegend(drawn, perPanel, keys, range);
        String yLabel = relative ? "bits/trial above psychometric" : "bits/trial above chance";
        int lines = models.stream().mapToInt(m -> lines(tickLabel(m))).max().orElse(1);
        List<Panel> panels = new ArrayList<>();
        for (int p = 0; p < nPanels; p++) {
            List<String> cats = new ArrayList<>();
            for (int m = p * perPanel; m < Math.min(models.size(), (p + 1) * perPanel); m++) {
                // every label as many lines as the tallest, so that the panels' axes line up
                cats.add(tickLabel(models.get(m)) + "\n".repeat(lines - lines(tickLabel(models.get(m)))));
            }
            List<Series> s = new ArrayList<>(panelSeries.get(p));
            if (p == legendPanel) {
                s.addAll(keys);
            }
            String title = nPanels == 1 ? "held-out fit per mouse" : String.valueOf((char) ('a' + p));
            panels.add(new PlotPanel(title, Axis.categorical("model", cats),
                    Axis.of(yLabel).withRange(range[0], range[1]), s, List.of(RefLine.horizontal(0)), null));
        }
        String agentText = agents.isEmpty() ? "" : " Dark markers: the agents (shape: agent, colour: run), fitted through the same pipeline.";
        String caption = "Held-out log-likelihood of each choice model, " + folds(c) + " cross-validation over "
                + "whole sessions, in bits per responded trial "
                + (relative ? "minus that of the same subject's psychometric model (dashed line: no gain over it)"
                        : "above chance (-1 bit; dashed line: chance)")
                + ". Light dots: one per mouse (" + c.mice().size() + " mice); diamond and bar: mean ± SEM across "
                + "mice (each mouse weighs the same)." + agentText;
        // one panel is too narrow for more than the tag in the title
        return new Figure(nPanels == 1 ? TAG : TAG + ": held-out fit per mouse", caption, 1, nPanels, panels);
    }

    /**
     * Chooses the panel for the legend {@code keys} and widens {@code range} (in place) just
     * enough that one of that panel's corners holds the legend with nothing drawn under it, judged
     * on the plot size of a panel in a grid cell; returns the panel. The painter then finds the
     * empty corner ({@link XyPlot}).
     */
    private static int roomForLegend(List<DoubleList[]> drawn, int perPanel, List<Series> keys, double[] range) {
        double textW = 0;
        for (Series k : keys) {
            textW = Math.max(textW, TextMetrics.width(TextMetrics.fit(k.label(), Theme.LEGEND_SIZE, false,
                    0.45 * Theme.CELL_W), Theme.LEGEND_SIZE, false));
        }
        double legendW = 37 + textW;
        double legendH = 6 + keys.size() * Theme.LEGEND_ROW;
        double plotW = Theme.CELL_W - 12 - 62;
        double plotH = Theme.CELL_H - Theme.PANEL_TITLE_SPACE - 70;
        double margin = 4 + 3 + 2 * Theme.MARKER_R + 4;
        double fx = Math.min(1, (6 + legendW + margin) / plotW);
        double fy = Math.min(0.9, (legendH + margin) / plotH);
        double lo = range[0];
        double hi = range[1];
        int bestPanel = drawn.size() - 1;
        double bestCost = Double.POSITIVE_INFINITY;
        double bestLo = lo;
        double bestHi = hi;
        for (int p = drawn.size() - 1; p >= 0; p--) {
            DoubleList[] d = drawn.get(p);
            for (int corner = 0; corner < 4; corner++) {
                boolean right = corner % 2 == 0;
                boolean top = corner < 2;
                double yMin = 0; // the zero line crosses every corner's columns
                double yMax = 0;
                for (int i = 0; i < d[0].size(); i++) {
                    double f = (d[0].get(i) + 0.5) / perPanel;
                    boolean under = right ? f >= 1 - fx - 0.02 : f <= fx + 0.02;
                    if (under && Double.isFinite(d[1].get(i))) {
                        yMin = Math.min(yMin, d[1].get(i));
                        yMax = Math.max(yMax, d[1].get(i));
                    }
                }
                double newLo = lo;
                double newHi = hi;
                if (top) {
                    newHi = Math.max(hi, (yMax - fy * lo) / (1 - fy));
                } else {
                    newLo = Math.min(lo, (yMin - fy * hi) / (1 - fy));
                }
                double cost = (newHi - hi) + (lo - newLo);
                if (cost < bestCost - 1e-12) {
                    bestCost = cost;
                    bestPanel = p;
                    bestLo = newLo;
                    bestHi = newHi;
                }
            }
        }
        if (bestCost > 0.6 * (hi - lo)) {
            // a legend that tall would squash the data: leave the range, and the painter puts the
            // legend beside the last panel (it widens the figure when no corner is free)
            return drawn.size() - 1;
        }
        range[0] = bestLo;
        range[1] = bestHi;
        return bestPanel;
    }

    /** A legend entry with no data. */
    private static Series key(String label, Marker marker, Rgb colour) {
        return Series.markers(label, new double[] {Double.NaN}, new double[] {Double.NaN}).withMarker(marker)
                .withColour(colour);
    }

    /** [lo, hi] covering the finite values and {@code include}, with a 6% margin. */
    private static double[] range(double[] v, double include) {
        double lo = include;
        double hi = include;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double span = hi - lo;
        if (!(span > 0)) {
            span = Math.max(1e-3, Math.abs(hi) * 0.1);
        }
        return new double[] {lo - 0.06 * span, hi + 0.06 * span};
    }

    // ------------------------------------------------------------------ 2. kernel decays

    /** Each subject's fold-mean "decay" of {@code model}, NaN where it has none. */
    private static double decay(CrossValidation.SubjectResult r, String model) {
        CrossValidation.ModelScore s = score(r, model);
        if (s == null || s.folds().isEmpty() || !s.folds().get(0).fit().names().contains("decay")) {
            return Double.NaN;
        }
        return ModelComparison.foldMean(s, "decay");
    }

    /**
     * The fitted decays of the exponential kernels across mice (each mouse: the mean over its
     * training folds). (a) When both kernels were fitted: each mouse's action-kernel decay against
     * its stimulus-kernel decay, the agents as dark markers, the identity dashed. (b) The
     * cumulative distribution across mice of each fitted kernel's decay, in the model's colour,
     * the agents placed on it. With one kernel only, panel (b) alone.
     *
     * @return the figure, or null when neither kernel is among the models (or there are no mice)
     */
    public static Figure kernelDecays(ModelComparison c) {
        List<String> kernels = new ArrayList<>();
        for (String m : List.of(ACTION, STIMULUS)) {
            if (c.models().contains(m)) {
                kernels.add(m);
            }
        }
        if (kernels.isEmpty() || c.mice().isEmpty()) {
            return null;
        }
        int n = c.mice().size();
        List<CrossValidation.SubjectResult> agents = c.agents();
        DoubleList bounds = new DoubleList();
        for (String m : kernels) {
            for (CrossValidation.SubjectResult r : c.mice()) {
                bounds.add(decay(r, m));
            }
            for (CrossValidation.SubjectResult r : agents) {
                bounds.add(decay(r, m));
            }
        }
        double[] r = unitRange(bounds.toArray());
        boolean both = kernels.size() == 2;
        List<Panel> panels = new ArrayList<>();
        if (both) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = decay(c.mice().get(k), ACTION);
                y[k] = decay(c.mice().get(k), STIMULUS);
            }
            List<Series> s = new ArrayList<>();
            s.add(Series.line("", new double[] {r[0], r[1]}, new double[] {r[0], r[1]}).withColour(Rgb.GREY)
                    .withDashed(true));
            s.add(Series.markers("mouse (" + n + ")", x, y).withColour(MOUSE));
            for (int a = 0; a < agents.size(); a++) {
                s.add(Series.markers(agents.get(a).subject(), new double[] {decay(agents.get(a), ACTION)},
                        new double[] {decay(agents.get(a), STIMULUS)}).withMarker(agentMarker(agents, a))
                        .withColour(agentColour(agents, a)));
            }
            panels.add(new PlotPanel("a  per mouse", Axis.of("action-kernel decay (per trial)").withRange(r[0], r[1]),
                    Axis.of("stimulus-kernel decay (per trial)").withRange(r[0], r[1]), s, List.of(), null));
        }
        List<Series> s = new ArrayList<>();
        for (String m : kernels) {
            double[] sorted = c.mice().stream().mapToDouble(x -> decay(x, m)).filter(Double::isFinite).sorted()
                    .toArray();
            double[] frac = new double[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                frac[i] = (i + 1) / (double) sorted.length;
            }
            s.add(Series.lineMarkers(m, sorted, frac).withColour(modelColour(m)));
            for (int a = 0; a < agents.size(); a++) {
                double v = decay(agents.get(a), m);
                int below = 0;
                for (double d : sorted) {
                    if (d <= v) {
                        below++;
                    }
                }
                double f = sorted.length == 0 ? Double.NaN : below / (double) sorted.length;
                s.add(Series.markers(both ? "" : agents.get(a).subject(), new double[] {v}, new double[] {f})
                        .withMarker(agentMarker(agents, a)).withColour(agentColour(agents, a)));
            }
        }
        panels.add(new PlotPanel(both ? "b  across mice" : "kernel decay across mice",
                Axis.of(both ? "kernel decay (per trial)" : kernels.get(0) + " decay (per trial)")
                        .withRange(r[0], r[1]),
                Axis.of("fraction of mice ≤ decay").withRange(0, 1.02), s, List.of(), null));
        String folds = folds(c).replace("-fold", "");
        String caption = (both ? "(a) Each mouse's fitted decay per trial of the exponential kernel over its own past "
                + "choices (action kernel) against that over the past stimulus sides (stimulus kernel); dashed: "
                + "equal decays. (b) Their cumulative distributions across mice. "
                : "Cumulative distribution across mice of the fitted decay per trial of the " + kernels.get(0)
                        + " (the " + (kernels.get(0).equals(ACTION) ? STIMULUS : ACTION) + " was not fitted). ")
                + "Each mouse: the mean over its " + folds + " training folds; " + n + " mice."
                + (agents.isEmpty() ? "" : " Dark markers: the agents (shape: agent, colour: run)" + (both ? "" : ", at their decay") + ".")
                + " A decay a forgets half its weight in ln 0.5 / ln a trials (0.9: 6.6 trials; 0.95: 13.5).";
        return new Figure(both ? TAG + ": kernel decays" : TAG, caption, 1, panels.size(), panels);
    }

    /** A range inside [0, 1] around the finite values, with a margin. */
    private static double[] unitRange(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double pad = Math.max(0.02, 0.06 * (hi - lo));
        lo = Math.max(0, lo - pad);
        hi = Math.min(1, hi + pad);
        if (!(hi - lo >= 0.05)) {
            double mid = (lo + hi) / 2;
            lo = Math.max(0, mid - 0.05);
            hi = Math.min(1, lo + 0.1);
            lo = hi - 0.1;
        }
        return new double[] {lo, hi};
    }

    // ------------------------------------------------------------------ 3. example priors

    /** The true block as a step line: trial t spans [t - 0.5, t + 0.5]. */
    private static Series blockSteps(double[] block, String label) {
        int n = block.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int t = 0; t < n; t++) {
            x[2 * t] = t + 1 - 0.5;
            x[2 * t + 1] = t + 1 + 0.5;
            y[2 * t] = block[t];
            y[2 * t + 1] = block[t];
        }
        return Series.line(label, x, y).withColour(BLOCK);
    }

    /** {@code v} cut or padded with NaN (nothing drawn) to {@code n} values. */
    private static double[] fitted(double[] v, int n) {
        double[] out = Arrays.copyOf(v, n);
        for (int i = v.length; i < n; i++) {
            out[i] = Double.NaN;
        }
        return out;
    }

    private static double[] trials(int n) {
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = t + 1;
        }
        return x;
    }

    /**
     * One held-out session: each model's prior, P(right) at zero contrast given the history, trial
     * by trial (from the fit that did not see the session), over the true block probability (grey
     * steps). At most {@value #PRIORS_PER_PANEL} models per panel, panels side by side.
     *
     * @return the figure, or null when no model has a prior
     */
    public static Figure examplePriors(ExampleSession e) {
        List<String> models = e.models();
        if (models.isEmpty()) {
            return null;
        }
        int nPanels = (models.size() + PRIORS_PER_PANEL - 1) / PRIORS_PER_PANEL;
        int perPanel = (models.size() + nPanels - 1) / nPanels;
        List<Panel> panels = new ArrayList<>();
        int n = e.blockProbRight().length;
        double[] x = trials(n);
        for (int p = 0; p < nPanels; p++) {
            List<Series> s = new ArrayList<>();
            s.add(blockSteps(e.blockProbRight(), "true block"));
            // drawn thick: two unlabelled copies a pixel above and below (lines have one width)
            for (double dy : new double[] {-0.005, 0.005}) {
                double[] shifted = e.blockProbRight().clone();
                for (int t = 0; t < n; t++) {
                    shifted[t] += dy;
                }
                s.add(blockSteps(shifted, ""));
            }
            for (int m = p * perPanel; m < Math.min(models.size(), (p + 1) * perPanel); m++) {
                String model = models.get(m);
                double[] prior = e.priors().get(model);
                double[] y = fitted(prior, n);
                s.add(Series.line(model, x, y).withColour(modelColour(model)));
            }
            panels.add(new PlotPanel(nPanels == 1 ? "priors in one session" : String.valueOf((char) ('a' + p)),
                    Axis.of("trial in session").withRange(0.5, n + 0.5),
                    Axis.of("P(right) at zero contrast").withRange(0, 1), s, List.of(RefLine.horizontal(0.5)),
                    null));
        }
        String title = nPanels == 1 ? TAG : TAG + ": priors in one session";
        return new Figure(title, "Each model's prior, the P(choose right) it predicts for a zero-contrast "
                + "stimulus given the history so far, trial by trial through one held-out session of "
                + e.subject() + " (session " + e.session() + ", " + n + " trials), from the fit "
                + "on the other folds. Grey steps: the true P(stimulus right) of the block (unknown to the "
                + "subject).", 1, nPanels, panels);
    }

    // ------------------------------------------------------------------ 4. GLM-HMM states

    /**
     * The GLM-HMM in the example session: (a) the smoothed posterior of each state trial by trial,
     * with the true block probability as grey steps; (b) each state's psychometric curve, P(right)
     * against signed contrast with no previous choice.
     *
     * @return the figure, or null when the example has no GLM-HMM ({@code e.glmHmm() == null})
     */
    public static Figure glmHmmStates(ExampleSession e) {
        if (e.glmHmm() == null || e.statePosteriors().length == 0) {
            return null;
        }
        double[][] post = e.statePosteriors();
        int n = post.length;
        int k = post[0].length;
        double[] x = trials(n);
        List<Series> a = new ArrayList<>();
        a.add(blockSteps(fitted(e.blockProbRight(), n), "true block P(right)"));
        for (int j = 0; j < k; j++) {
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                y[t] = post[t][j];
            }
            a.add(Series.line("state " + (j + 1), x, y).withColour(stateColour(j)));
        }
        PlotPanel pa = new PlotPanel("a  state posteriors", Axis.of("trial in session").withRange(0.5, n + 0.5),
                Axis.of("P(state | all choices)").withRange(0, 1), a, List.of(), null);
        double[] cx = e.stateContrasts().clone();
        for (int i = 0; i < cx.length; i++) {
            cx[i] *= 100;
        }
        List<Series> b = new ArrayList<>();
        double[][] curves = e.stateCurves();
        double[][] w = e.stateWeights();
        for (int j = 0; j < curves.length; j++) {
            String label = "state " + (j + 1);
            if (j < w.length && w[j].length >= 3) {
                label += String.format(Locale.ROOT, ": stim %.1f, bias %+.1f", w[j][0], w[j][2]);
            }
            b.add(Series.lineMarkers(label, cx, curves[j]).withColour(stateColour(j)));
        }
        PlotPanel pb = new PlotPanel("b  per-state psychometric curves",
                Axis.of("signed contrast (%, + = right)").withRange(-105, 105),
                Axis.of("P(choose right)").withRange(0, 1), b,
                List.of(RefLine.horizontal(0.5), RefLine.vertical(0)), null);
        return Figure.of(TAG + ": " + e.glmHmm() + " states", "The " + e.glmHmm() + " fitted to " + e.subject()
                + " (on the folds without this session) in its held-out session " + e.session() + ". (a) Smoothed "
                + "posterior of each state given all the session's choices; grey steps: the true P(stimulus right) "
                + "of the block. (b) P(choose right) in each state by signed contrast, with no previous choice; "
                + "legend: the state's stimulus weight and bias (logit units).", pa, pb);
    }

    private static Rgb stateColour(int j) {
        return STATE_COLOURS.get(j % STATE_COLOURS.size());
    }

    /** "5-fold" from the first subject's first score, or "k-fold" when there is none. */
    private static String folds(ModelComparison c) {
        List<CrossValidation.SubjectResult> any = new ArrayList<>(c.mice());
        any.addAll(c.agents());
        for (CrossValidation.SubjectResult r : any) {
            if (!r.scores().isEmpty()) {
                return r.scores().get(0).folds().size() + "-fold";
            }
        }
        return "k-fold";
    }
}
