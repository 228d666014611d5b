package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.iblrnn.analysis.behaviour.Behaviour;
import org.iblrnn.analysis.behaviour.Curve;
import org.iblrnn.analysis.behaviour.PsychometricFit;
import org.iblrnn.task.TrialTable;

/**
 * The behaviour figures of the paper (Figs. 2-3) built from trial tables. The network is drawn
 * as solid lines, the Bayesian actor dashed, the observer dotted-by-marker; every point carries a
 * standard-error bar; groups with fewer than {@link Behaviour#MIN_GROUP} trials are absent.
 */
public final class BehaviourFigures {
    private BehaviourFigures() {
    }

    /** A figure and the file stem it is saved under. */
    public record Named(String stem, Figure figure) {
    }

    private static final String CONTRAST = "signed contrast (stimulus mean, + = right)";

    static Series series(Curve c, String label) {
        return Series.lineMarkers(label, c.x(), c.mean()).withErrorBars(c.sem());
    }

    /**
     * Every behaviour figure for the tables present. Keys of {@code tables} are agent names
     * ("rnn", "actor", "observer", ...); absent agents are simply left out of the figures.
     */
    public static List<Named> all(Map<String, TrialTable> tables, double waitReward) {
        List<Named> out = new ArrayList<>();
        TrialTable rnn = tables.get("rnn");
        TrialTable actor = tables.get("actor");
        TrialTable observer = tables.get("observer");
        out.add(outcomes(rnn, actor, observer));
        out.add(chronometric(rnn, actor));
        out.add(psychometric(tables));
        out.add(concordance(rnn, actor));
        out.add(trialInBlock(rnn, actor, observer));
        out.add(observations(rnn, actor, observer, waitReward));
        out.add(blockOnset(rnn));
        return out;
    }

    static Named outcomes(TrialTable rnn, TrialTable actor, TrialTable observer) {
        List<Series> s = new ArrayList<>();
        if (rnn != null) {
            Behaviour.Outcomes o = Behaviour.outcomesByContrast(rnn);
            s.add(series(o.correct(), "RNN correct").withColour(Rgb.palette(0)));
            s.add(series(o.wrong(), "RNN wrong").withColour(Rgb.palette(5)));
            s.add(series(o.timeout(), "RNN timeout").withColour(Rgb.palette(7)));
        }
        if (actor != null) {
            s.add(series(Behaviour.correctByContrast(actor), "Bayesian actor correct").withDashed(true)
                    .withMarker(Marker.SQUARE).withColour(Rgb.palette(1)));
        }
        if (observer != null) {
            s.add(series(Behaviour.correctByContrast(observer), "Bayesian observer correct").withDashed(true)
                    .withMarker(Marker.TRIANGLE).withColour(Rgb.palette(2)));
        }
        PlotPanel p = new PlotPanel("trial outcome by contrast", Axis.of(CONTRAST),
                Axis.of("fraction of trials").withRange(0, 1), s, List.of(RefLine.horizontal(0.5).withLabel("chance")),
                null);
        return new Named("fig2a-outcomes", Figure.of("Trial outcomes",
                "Fig. 2a. Fraction of trials the network got right, wrong or timed out at each signed contrast, "
                        + "with the fraction correct of the exact Bayesian actor (its own decisions) and of the "
                        + "Bayesian observer (scored when the network acted), all on the same session. Mean +- SEM.",
                p));
    }

    static Named chronometric(TrialTable rnn, TrialTable actor) {
        PlotPanel a = chronoPanel("b  network", rnn, null);
        PlotPanel c = chronoPanel("c  Bayesian actor (network dashed grey)", actor, rnn);
        return new Named("fig2bc-chronometric", Figure.of("Chronometric curves",
                "Fig. 2b-c. RNN steps per trial (2 blank steps included) by signed contrast, split into correct / "
                        + "incorrect and concordant / discordant trials (timeouts count as incorrect), for the network "
                        + "(b) and the exact Bayesian actor (c) with the network's curves overlaid as in the paper's "
                        + "text. Mean +- SEM.", a, c));
    }

    private static PlotPanel chronoPanel(String title, TrialTable t, TrialTable overlay) {
        List<Series> s = new ArrayList<>();
        Marker[] markers = {Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND};
        if (overlay != null) {
            for (Curve c : Behaviour.chronometric(overlay, false)) {
                s.add(Series.line("RNN " + c.label().substring(overlay.agent().length()).trim(), c.x(), c.mean())
                        .withColour(Rgb.of("#999999")).withDashed(true));
            }
        }
        if (t != null) {
            List<Curve> cs = Behaviour.chronometric(t, false);
            for (int k = 0; k < cs.size(); k++) {
                Curve c = cs.get(k);
                s.add(series(c, c.label().substring(t.agent().length()).trim()).withColour(Rgb.palette(k))
                        .withMarker(markers[k]));
            }
        }
        return new PlotPanel(title, Axis.of(CONTRAST), Axis.of("steps per trial"), s, List.of(), null);
    }

    static Named psychometric(Map<String, TrialTable> tables) {
        Map<String, TrialTable> labelled = new java.util.LinkedHashMap<>();
        for (String name : List.of("rnn", "actor", "observer")) {
            if (tables.get(name) != null) {
                labelled.put(label(name), tables.get(name));
            }
        }
        return psychometric(labelled, "psychometric", "Psychometric curves",
                "P(choose right) among responses by signed contrast in left and right blocks, with the maximum-"
                        + "likelihood psychometric fit (erf with bias, threshold and two lapses). The horizontal "
                        + "shift between blocks is the use of the block prior (reference-spec 5.12, psychometric "
                        + "hook). Mean +- SEM.");
    }

    /**
     * Psychometric curves by block side, one panel per labelled trial table (in the map's order),
     * each with its maximum-likelihood fit.
     */
    public static Named psychometric(Map<String, TrialTable> labelled, String stem, String title, String caption) {
        List<Panel> panels = new ArrayList<>();
        for (Map.Entry<String, TrialTable> e : labelled.entrySet()) {
            TrialTable t = e.getValue();
            List<Series> s = new ArrayList<>();
            for (int side : new int[] {-1, 1}) {
                Curve c = Behaviour.psychometric(t, side);
                Rgb col = Rgb.palette(side < 0 ? 1 : 2);
                s.add(Series.markers((side < 0 ? "left" : "right") + " block", c.x(), c.mean())
                        .withErrorBars(c.sem()).withColour(col));
                PsychometricFit.Result f = Behaviour.psychometricFit(t, side);
                if (f != null) {
                    double[] xs = new double[101];
                    double[] ys = new double[101];
                    double lo = -2.5;
                    double hi = 2.5;
                    for (int i = 0; i <= 100; i++) {
                        xs[i] = lo + (hi - lo) * i / 100;
                        ys[i] = f.predict(xs[i]);
                    }
                    s.add(Series.line(String.format(java.util.Locale.ROOT, "fit: bias %.2f, threshold %.2f",
                            f.bias(), f.threshold()), xs, ys).withColour(col));
                }
            }
            panels.add(new PlotPanel(e.getKey(), Axis.of(CONTRAST), Axis.of("P(choose right)").withRange(0, 1), s,
                    List.of(RefLine.horizontal(0.5), RefLine.vertical(0)), null));
        }
        return new Named(stem, Figure.of(title, caption, panels.toArray(Panel[]::new)));
    }

    static Named concordance(TrialTable rnn, TrialTable actor) {
        List<Series> s = new ArrayList<>();
        for (TrialTable t : new TrialTable[] {rnn, actor}) {
            if (t == null) {
                continue;
            }
            List<Curve> cd = Behaviour.correctByContrastAndConcordance(t);
            boolean isRnn = t == rnn;
            Rgb col = Rgb.palette(isRnn ? 0 : 1);
            s.add(series(cd.get(0), label(t.agent()) + " concordant").withColour(col));
            s.add(series(cd.get(1), label(t.agent()) + " discordant").withColour(col).withDashed(true)
                    .withMarker(Marker.SQUARE));
        }
        PlotPanel p = new PlotPanel("fraction correct by concordance", Axis.of(CONTRAST),
                Axis.of("fraction correct").withRange(0, 1), s, List.of(RefLine.horizontal(0.5)), null);
        return new Named("fig3a-concordance", Figure.of("Concordant and discordant trials",
                "Fig. 3a. Fraction correct by signed contrast on concordant trials (stimulus on the block side, "
                        + "solid) and discordant trials (dashed) for the network and the exact Bayesian actor; the "
                        + "gap is the prior's effect and shrinks at high contrast. Mean +- SEM.", p));
    }

    static Named trialInBlock(TrialTable rnn, TrialTable actor, TrialTable observer) {
        List<Series> all = new ArrayList<>();
        List<Series> zero = new ArrayList<>();
        int k = 0;
        for (TrialTable t : new TrialTable[] {rnn, observer, actor}) {
            if (t != null) {
                all.add(series(Behaviour.correctByTrialInBlock(t, false, 60), label(t.agent()))
                        .withColour(Rgb.palette(k)).withStyle(Series.Style.LINE));
                zero.add(series(Behaviour.correctByTrialInBlock(t, true, 60), label(t.agent()))
                        .withColour(Rgb.palette(k)).withStyle(Series.Style.LINE));
            }
            k++;
        }
        PlotPanel a = new PlotPanel("all trials", Axis.of("trial within block"),
                Axis.of("fraction correct").withRange(0, 1), all, List.of(RefLine.horizontal(0.5)), null);
        PlotPanel b = new PlotPanel("zero-contrast trials", Axis.of("trial within block"),
                Axis.of("fraction correct").withRange(0, 1), zero, List.of(RefLine.horizontal(0.5)), null);
        return new Named("fig3b-trial-in-block", Figure.of("Recovery after a block change",
                "Fig. 3b. Fraction correct by trial position within the block (1 = first trial after the "
                        + "unsignalled change), for all trials and for zero-contrast trials only, where only the "
                        + "block prior can help. Network, Bayesian observer and exact Bayesian actor. Mean +- SEM.",
                a, b));
    }

    static Named observations(TrialTable rnn, TrialTable actor, TrialTable observer, double waitReward) {
        List<Series> rew = new ArrayList<>();
        List<Series> cor = new ArrayList<>();
        int k = 0;
        for (TrialTable t : new TrialTable[] {rnn, observer, actor}) {
            if (t != null) {
                rew.add(series(Behaviour.rewardByObservations(t, waitReward), label(t.agent()))
                        .withColour(Rgb.palette(k)));
                cor.add(series(Behaviour.correctByObservations(t), label(t.agent())).withColour(Rgb.palette(k)));
            }
            k++;
        }
        PlotPanel a = new PlotPanel("reward per trial", Axis.of("observations before the decision"),
                Axis.of("reward per trial"), rew, List.of(), null);
        PlotPanel b = new PlotPanel("fraction correct", Axis.of("observations before the decision"),
                Axis.of("fraction correct").withRange(0, 1), cor, List.of(RefLine.horizontal(0.5)), null);
        return new Named("fig3c-observations", Figure.of("Speed-accuracy",
                "Fig. 3c. Reward per trial (final +1/-1 plus -0.05 per extra observation) and fraction correct "
                        + "by the number of observations taken before the decision or timeout. Mean +- SEM.", a, b));
    }

    static Named blockOnset(TrialTable rnn) {
        List<Series> sl = new ArrayList<>();
        List<Series> ic = new ArrayList<>();
        if (rnn != null) {
            Behaviour.BlockOnset b = Behaviour.blockOnset(rnn, 10);
            sl.add(Series.markers("RNN", b.previousLength(), b.slope()).withColour(Rgb.palette(0)));
            ic.add(Series.markers("RNN", b.previousLength(), b.intercept()).withColour(Rgb.palette(0)));
        }
        PlotPanel a = new PlotPanel("slope over the first 10 trials", Axis.of("previous block length (trials)"),
                Axis.of("slope (fraction correct per trial)"), sl, List.of(RefLine.horizontal(0)), null);
        PlotPanel b = new PlotPanel("intercept at the block's first trial", Axis.of("previous block length (trials)"),
                Axis.of("fraction correct"), ic, List.of(), null);
        return new Named("block-onset", Figure.of("Learning at block onset",
                "Least-squares line of correct (0/1) against trial position over the first 10 trials of each "
                        + "block, against the length of the previous block (reference-spec 5.12, slope/intercept "
                        + "hook). A longer previous block means a stronger prior to unlearn.", a, b));
    }

    static String label(String agent) {
        return switch (agent) {
            case "rnn" -> "RNN";
            case "actor" -> "Bayesian actor";
            case "observer" -> "Bayesian observer";
            default -> agent;
        };
    }
}
