package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.iblrnn.agents.Agent;
import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianActor;
import org.iblrnn.agents.ExponentialActor;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No legend box covers a data point: every figure is painted on a canvas that records what is
 * drawn, and each legend box (the translucent white box) is checked against every marker, line
 * vertex and error-bar end drawn inside a plot area before it. Checked on the behaviour figures
 * (Figs. 2-3) of a network that never answers (every trial times out, as after a short training:
 * its curves sit at 0 and 1 and fill the plot's corners) and of one that does, and on full plots.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LegendPlacementTest {
    private static final TaskConfig TASK = TaskConfig.paper().withBlocksPerSession(40);
    private static Map<String, TrialTable> untrained;
    private static Map<String, TrialTable> answering;

    /** A network that never leaves 50/50: every trial times out. */
    private static final class Undecided implements Agent {
        @Override
        public String name() {
            return "rnn";
        }

        @Override
        public void reset() {
        }

        @Override
        public void step(double[] x, double[] p) {
            p[0] = 0.5;
            p[1] = 0.5;
        }

        @Override
        public int stateSize() {
            return 0;
        }

        @Override
        public List<String> stateNames() {
            return List.of();
        }

        @Override
        public void stateInto(double[] out, int off) {
        }
    }

    @BeforeAll
    static void tables() {
        Session s = Session.sample(TASK, new SplittableRandom(5));
        TrialTable actor = AgentRunner.run(BayesianActor.exact(TASK), s, false).trials();
        TrialTable blind = AgentRunner.run(BayesianActor.blockBlind(TASK), s, false).trials();
        untrained = new LinkedHashMap<>();
        untrained.put("rnn", AgentRunner.run(new Undecided(), s, false).trials());
        untrained.put("actor", actor);
        untrained.put("observer", blind);
        answering = new LinkedHashMap<>();
        answering.put("rnn", AgentRunner.run(new ExponentialActor(TASK), s, false).trials());
        answering.put("actor", actor);
        answering.put("observer", blind);
    }

    /** What a legend box must not cover: a shape's bounding box, drawn inside a plot's clip. */
    private record Mark(double x0, double y0, double x1, double y1, String what) {
        boolean overlaps(Box b) {
            return x0 < b.right() && x1 > b.x() && y0 < b.bottom() && y1 > b.y();
        }
    }

    /** Records data marks (anything drawn while a clip is active) and legend boxes, in order. */
    private static final class Recorder implements Canvas {
        final List<Mark> marks = new ArrayList<>();
        final List<Box> legends = new ArrayList<>();
        /** For each legend, how many marks were drawn before it. */
        final List<Integer> marksBefore = new ArrayList<>();
        int clips;

        private void point(double x, double y, double r, String what) {
            if (clips > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                marks.add(new Mark(x - r, y - r, x + r, y + r, what));
            }
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Rgb colour, double width, boolean dashed) {
            point(x1, y1, 0, "line end");
            point(x2, y2, 0, "line end");
        }

        @Override
        public void polyline(double[] xs, double[] ys, int n, Rgb colour, double width, boolean dashed) {
            for (int i = 0; i < n; i++) {
                point(xs[i], ys[i], 0, "line vertex");
            }
        }

        @Override
        public void polygon(double[] xs, double[] ys, int n, Rgb fill, double opacity, Rgb stroke, double sw) {
            if (clips == 0) {
                return;
            }
            double x0 = Double.POSITIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY;
            double x1 = Double.NEGATIVE_INFINITY;
            double y1 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (n > 10) {
                    point(xs[i], ys[i], 0, "band vertex");
                }
                x0 = Math.min(x0, xs[i]);
                y0 = Math.min(y0, ys[i]);
                x1 = Math.max(x1, xs[i]);
                y1 = Math.max(y1, ys[i]);
            }
            if (n <= 10) {
                marks.add(new Mark(x0, y0, x1, y1, "marker"));
            }
        }

        @Override
        public void rect(double x, double y, double w, double h, Rgb fill, double fillOpacity, Rgb stroke,
                double strokeWidth) {
            if (fillOpacity == 0.85 && Rgb.WHITE.equals(fill) && stroke != null) {
                legends.add(new Box(x, y, w, h));
                marksBefore.add(marks.size());
            }
        }

        @Override
        public void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth) {
            point(cx, cy, r, "marker");
        }

        @Override
        public void text(double x, double y, String text, double size, boolean bold, boolean italic, Anchor anchor,
                double angleDeg, Rgb colour) {
        }

        @Override
        public void pushClip(double x, double y, double w, double h) {
            clips++;
        }

        @Override
        public void popClip() {
            clips--;
        }

        @Override
        public void beginCrisp() {
        }

        @Override
        public void endCrisp() {
        }
    }

    /** Paints {@code f} and returns the legends drawn; fails when one covers a data mark. */
    static int assertNoLegendCoversData(Figure f, String name) {
        Recorder r = new Recorder();
        FigurePainter.paint(f, r);
        for (int k = 0; k < r.legends.size(); k++) {
            Box legend = r.legends.get(k);
            for (int i = 0; i < r.marksBefore.get(k); i++) {
                Mark m = r.marks.get(i);
                assertTrue(!m.overlaps(legend), name + ": legend " + legend + " covers a " + m.what() + " at ("
                        + m.x0() + ", " + m.y0() + ")");
            }
        }
        return r.legends.size();
    }

    private static void checkAll(Map<String, TrialTable> tables, String which) throws Exception {
        int legends = 0;
        Path dir = System.getProperty("iblrnn.legendPngs") == null ? null
                : Files.createDirectories(Path.of(System.getProperty("iblrnn.legendPngs"), which));
        for (BehaviourFigures.Named n : BehaviourFigures.all(tables, -0.05)) {
            legends += assertNoLegendCoversData(n.figure(), which + " " + n.stem());
            if (dir != null) {
                Files.write(dir.resolve(n.stem() + ".png"), PngRenderer.render(n.figure(), 1200));
            }
        }
        assertTrue(legends >= 6, "the behaviour figures have legends: " + legends);
    }

    @Test
    void behaviourFiguresOfAnUntrainedNetworkKeepLegendsOffTheData() throws Exception {
        checkAll(untrained, "untrained");
    }

    @Test
    void behaviourFiguresOfAnAnsweringNetworkKeepLegendsOffTheData() throws Exception {
        checkAll(answering, "answering");
    }

    @Test
    void fig2aAndFig2cOfAnUntrainedNetworkHaveTheirLegendsOutsideTheData() throws Exception {
        // the case seen in reports: outcome curves at 0 and 1 across the whole axis, and 8 entries
        // in Fig. 2c; the legends are there (not dropped) and cover nothing
        Figure a = BehaviourFigures.outcomes(untrained.get("rnn"), untrained.get("actor"), untrained.get("observer"))
                .figure();
        Figure bc = BehaviourFigures.chronometric(untrained.get("rnn"), untrained.get("actor")).figure();
        assertEquals(1, assertNoLegendCoversData(a, "fig2a"));
        assertEquals(2, assertNoLegendCoversData(bc, "fig2bc"));
    }

    @Test
    void sampleAndCrowdedPlotsKeepLegendsOffTheData() {
        assertNoLegendCoversData(SampleFigures.behaviour(), "sample behaviour");
        SplittableRandom rng = new SplittableRandom(3);
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double[] x = new double[200];
            double[] y = new double[200];
            for (int i = 0; i < 200; i++) {
                x[i] = i;
                y[i] = rng.nextDouble();
            }
            series.add(Series.markers("series with a rather long name " + k, x, y));
        }
        assertEquals(1, assertNoLegendCoversData(Figure.of("", "",
                new PlotPanel("", Axis.of("trial"), Axis.of("P(right)"), series, List.of(), null)), "crowded"));
    }
}
