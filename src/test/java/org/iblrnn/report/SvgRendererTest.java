package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgRendererTest {
    private static final double NAN = Double.NaN;

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList nodes = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.getAttribute(name));
    }

    private static void assertNoNonFinite(String svg) {
        assertFalse(svg.contains("NaN"), "SVG contains NaN");
        assertFalse(svg.contains("Infinity"), "SVG contains Infinity");
    }

    @Test
    void isAStandaloneSvgDocumentWithLabelsLegendAndCaption() throws Exception {
        Figure fig = SampleFigures.behaviour();
        String svg = SvgRenderer.render(fig);
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertTrue(attr(root, "width") > 0 && attr(root, "height") > 0);
        String[] box = root.getAttribute("viewBox").split(" ");
        assertEquals(4, box.length);
        List<String> texts = texts(d);
        for (String s : List.of("signed contrast", "fraction correct", "trial index within block", "RNN",
                "Bayesian actor", "observer", "chance", "Behaviour", "a  fraction correct")) {
            assertTrue(texts.contains(s), "missing text " + s + " in " + texts);
        }
        String allText = String.join(" ", texts);
        for (String w : SampleFigures.words(fig.caption())) {
            assertTrue(allText.contains(w), "caption word " + w + " missing");
        }
        assertNoNonFinite(svg);
    }

    @Test
    void longCaptionsWrapInsideTheFigure() throws Exception {
        String caption = "word ".repeat(200).strip();
        String svg = SvgRenderer.render(Figure.of("", caption, SampleFigures.psychometric()));
        Document d = parse(svg);
        double width = Double.parseDouble(d.getDocumentElement().getAttribute("viewBox").split(" ")[2]);
        int captionLines = 0;
        for (Element t : elements(d, "text")) {
            if (t.getTextContent().startsWith("word")) {
                captionLines++;
                double est = TextMetrics.width(t.getTextContent(), Theme.CAPTION_SIZE, false);
                assertTrue(attr(t, "x") + est <= width, "caption line overflows the figure");
            }
        }
        assertTrue(captionLines >= 3, "expected a wrapped caption, got " + captionLines + " lines");
    }

    @Test
    void escapesMarkupInEveryText() throws Exception {
        String nasty = "a < b & \"c\" 'd' > e";
        Series s = Series.line(nasty, new double[] {0, 1}, new double[] {0, 1});
        Figure fig = Figure.of(nasty, nasty, PlotPanel.of(nasty, Axis.of(nasty), Axis.of("y <units>"), s));
        String svg = SvgRenderer.render(fig);
        assertTrue(svg.contains("a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e"));
        assertFalse(svg.contains(nasty));
        Document d = parse(svg);
        assertTrue(texts(d).contains(nasty), "escaped text must parse back to the original");
        assertTrue(texts(d).contains("y <units>"));
        assertEquals(nasty, d.getElementsByTagName("desc").item(0).getTextContent());
    }

    @Test
    void dropsCharactersXmlCannotHold() throws Exception {
        String svg = SvgRenderer.render(Figure.of("bell\u0007 and nul\u0000 \uD83D\uDE00", "",
                SampleFigures.psychometric()));
        Document d = parse(svg);
        assertTrue(texts(d).contains("bell and nul \uD83D\uDE00"));
    }

    @Test
    void missingValuesNeverShowUp() throws Exception {
        double[] x = {0, 1, NAN, 3, 4, Double.POSITIVE_INFINITY, 6};
        double[] y = {1, NAN, 2, 3, Double.NEGATIVE_INFINITY, 5, 6};
        double[] e = {0.1, 0.1, 0.1, NAN, 0.1, 0.1, NAN};
        double[] c = {NAN, 1, 2, 3, 4, 5, NAN};
        Figure fig = Figure.of("t", "c", PlotPanel.of("p", Axis.of("x"), Axis.of("y"),
                Series.lineMarkers("s", x, y).withErrorBars(e),
                Series.line("band", x, y).withErrorBand(e),
                Series.lineMarkers("coloured", x, y).withColourValues(c)),
                HeatmapPanel.of("h", new double[][] {{NAN, 1}, {2, Double.POSITIVE_INFINITY}}),
                VectorFieldPanel.of("v", Axis.of("x"), Axis.of("y"), new double[] {0, 1, NAN}, new double[] {0, 1, 1},
                        new double[] {1, NAN, 1}, new double[] {1, 1, 1}));
        String svg = SvgRenderer.render(fig);
        assertNoNonFinite(svg);
        parse(svg);
    }

    @Test
    void nanBreaksLines() throws Exception {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {0, 1, NAN, 3, 4, 5};
        Document d = parse(SvgRenderer.render(Figure.of("", "", PlotPanel.of("", Axis.of("x"), Axis.of("y"),
                Series.line("", x, y)))));
        List<Element> lines = elements(d, "polyline");
        assertEquals(2, lines.size(), "a NaN must split the line in two");
        assertEquals(2, lines.get(0).getAttribute("points").split(" ").length);
        assertEquals(3, lines.get(1).getAttribute("points").split(" ").length);
    }

    @Test
    void renderingIsDeterministicAndLocaleIndependent() {
        Figure fig = SampleFigures.everything();
        String a = SvgRenderer.render(fig);
        assertEquals(a, SvgRenderer.render(SampleFigures.everything()));
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(a, SvgRenderer.render(fig), "output must not depend on the default locale");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void clipIdsAreUniqueWithinAndAcrossFigures() {
        String a = SvgRenderer.render(SampleFigures.behaviour());
        String b = SvgRenderer.render(Figure.of("other", "", SampleFigures.withinBlock()));
        List<String> idsA = ids(a);
        List<String> idsB = ids(b);
        assertFalse(idsA.isEmpty());
        assertEquals(idsA.size(), idsA.stream().distinct().count());
        for (String id : idsA) {
            assertFalse(idsB.contains(id), "figures share clip id " + id);
        }
    }

    private static List<String> ids(String svg) {
        Matcher m = Pattern.compile("id=\"([^\"]+)\"").matcher(svg);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void heatmapDrawsEveryCellAndAColourBar() throws Exception {
        HeatmapPanel h = SampleFigures.correlations(12).withLabels(List.of(), List.of());
        Document d = parse(SvgRenderer.render(Figure.of("", "", h)));
        long cells = elements(d, "rect").stream().filter(r -> !r.getAttribute("fill").equals("none")).count();
        assertTrue(cells >= 144 + 64, "expected 144 cells and a 64-step colour bar, got " + cells + " rects");
        List<String> texts = texts(d);
        assertTrue(texts.contains("Pearson r"));
        assertTrue(texts.contains("-1.0") && texts.contains("1.0") && texts.contains("0.0"), texts.toString());
        assertTrue(texts.contains("unit"));
    }

    @Test
    void heatmapRowAndColumnLabelsAppear() throws Exception {
        double[][] w = {{0.5, -0.2, 0.1}, {0.3, 0, -0.4}};
        HeatmapPanel h = HeatmapPanel.of("W", w).withLabels(List.of("stim", "block"),
                List.of("cluster one", "cluster two", "cluster three"));
        List<String> texts = texts(parse(SvgRenderer.render(Figure.of("", "", h))));
        assertTrue(texts.containsAll(List.of("stim", "block", "cluster one", "cluster two", "cluster three")),
                texts.toString());
    }

    @Test
    void vectorFieldDrawsArrowsAndSpeedBar() throws Exception {
        Document d = parse(SvgRenderer.render(Figure.of("", "", SampleFigures.flowField(8))));
        long heads = elements(d, "polygon").size();
        assertTrue(heads >= 60, "expected an arrow head per non-zero arrow, got " + heads);
        assertTrue(texts(d).contains("speed"));
        assertTrue(texts(d).contains("fixed point"));
    }

    @Test
    void colouredScatterHasAColourBar() throws Exception {
        Document d = parse(SvgRenderer.render(Figure.of("", "", SampleFigures.colouredTrajectory())));
        assertTrue(texts(d).contains("trial index"));
        long colours = elements(d, "circle").stream().map(c -> c.getAttribute("fill")).distinct().count();
        assertTrue(colours > 10, "markers should take many colours, got " + colours);
    }

    @Test
    void emptyPanelSaysNoDataInsteadOfAxes() throws Exception {
        PlotPanel empty = PlotPanel.of("empty panel", Axis.of("my x label"), Axis.of("my y label"),
                Series.line("gone", new double[] {NAN, 1}, new double[] {2, NAN}));
        Figure fig = Figure.of("", "", empty);
        assertTrue(fig.isEmpty());
        String svg = SvgRenderer.render(fig);
        List<String> texts = texts(parse(svg));
        assertTrue(texts.contains("no data"));
        assertTrue(texts.contains("empty panel"));
        assertFalse(texts.contains("my x label"), "an empty panel draws no axes");
        assertFalse(texts.contains("gone"), "an empty panel draws no legend");
        assertEquals(List.of("empty panel", "no data"), texts.stream().sorted().toList());
        assertNoNonFinite(svg);
        assertTrue(texts(parse(SvgRenderer.render(Figure.of("nothing", "")))).contains("no data"));
    }

    @Test
    void singlePointAndFlatDataGetUsableAxes() throws Exception {
        Figure fig = Figure.of("", "", PlotPanel.of("", Axis.of("x"), Axis.of("y"),
                        Series.markers("", new double[] {3}, new double[] {0.5})),
                PlotPanel.of("", Axis.of("x"), Axis.of("y"), Series.line("", new double[] {0, 1, 2},
                        new double[] {0, 0, 0})));
        String svg = SvgRenderer.render(fig);
        List<String> texts = texts(parse(svg));
        // a single point at (3, 0.5) gets a small range around it, ticks labelled with shared decimals
        assertTrue(texts.contains("3.0") && texts.contains("0.50"), texts.toString());
        assertTrue(texts.contains("0"), texts.toString());
        assertNoNonFinite(svg);
    }

    @Test
    void fixedRangesAndLogAxesGetTheirTicks() throws Exception {
        Figure fig = Figure.of("", "",
                PlotPanel.of("", Axis.of("x"), Axis.of("y").withRange(0, 1),
                        Series.line("", new double[] {0, 1}, new double[] {0.3, 0.6})),
                PlotPanel.of("", Axis.of("steps").withLog(), Axis.of("y"),
                        Series.line("", new double[] {-1, 0, 1, 10, 100, 1000}, new double[] {1, 2, 3, 4, 5, 6})));
        List<String> texts = texts(parse(SvgRenderer.render(fig)));
        assertTrue(texts.containsAll(List.of("0.0", "1.0")), texts.toString());
        assertTrue(texts.containsAll(List.of("1", "10", "100", "1000")), texts.toString());
    }

    @Test
    void categoricalAxisShowsEveryCategory() throws Exception {
        List<String> cats = List.of("correct concordant", "correct discordant", "wrong concordant", "wrong discordant");
        Figure fig = Figure.of("", "", PlotPanel.of("", Axis.categorical("condition", cats), Axis.of("steps"),
                Series.markers("", new double[] {0, 1, 2, 3}, new double[] {3, 4, 5, 6})));
        String all = String.join(" ", texts(parse(SvgRenderer.render(fig))));
        for (String c : cats) {
            for (String w : c.split(" ")) {
                assertTrue(all.contains(w), "category word " + w + " missing: " + all);
            }
        }
    }

    @Test
    void legendAvoidsData() throws Exception {
        // data along the rising diagonal: the upper-left and lower-right corners are free
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i;
        }
        Document d = parse(SvgRenderer.render(Figure.of("", "", PlotPanel.of("", Axis.of("x"), Axis.of("y"),
                Series.markers("diagonal", x, y), Series.markers("second", x, y)))));
        Element legend = elements(d, "rect").stream().filter(r -> "0.85".equals(r.getAttribute("fill-opacity")))
                .findFirst().orElseThrow();
        double lx = attr(legend, "x");
        double ly = attr(legend, "y");
        double lw = attr(legend, "width");
        double lh = attr(legend, "height");
        for (Element c : elements(d, "circle")) {
            double cx = attr(c, "cx");
            double cy = attr(c, "cy");
            // the legend's own swatch markers lie inside it; data markers must not
            boolean swatch = cx < lx + 30 && cx > lx;
            if (!swatch) {
                assertFalse(cx >= lx && cx <= lx + lw && cy >= ly && cy <= ly + lh,
                        "legend covers a data point at " + cx + "," + cy);
            }
        }
    }

    @Test
    void legendMovesOutOfAFullPlot() throws Exception {
        // random points cover every corner: the legend must go outside the plot area
        java.util.Random rng = new java.util.Random(3);
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double[] x = new double[200];
            double[] y = new double[200];
            for (int i = 0; i < 200; i++) {
                x[i] = i;
                y[i] = rng.nextDouble();
            }
            series.add(Series.markers("series with a longish name " + k, x, y));
        }
        Document d = parse(SvgRenderer.render(Figure.of("", "",
                new PlotPanel("", Axis.of("trial"), Axis.of("P(right)"), series, List.of(), null))));
        Element plot = (Element) d.getElementsByTagName("clipPath").item(0).getFirstChild();
        Element legend = elements(d, "rect").stream().filter(r -> "0.85".equals(r.getAttribute("fill-opacity")))
                .findFirst().orElseThrow();
        boolean separate = attr(legend, "x") >= attr(plot, "x") + attr(plot, "width")
                || attr(legend, "y") >= attr(plot, "y") + attr(plot, "height");
        assertTrue(separate, "legend overlaps a plot area full of data");
    }

    @Test
    void widthOverloadScalesOnlyTheOuterSize() throws Exception {
        Figure fig = SampleFigures.behaviour();
        Document d = parse(SvgRenderer.render(fig, 1000));
        assertEquals(1000, attr(d.getDocumentElement(), "width"));
        assertEquals(parse(SvgRenderer.render(fig)).getDocumentElement().getAttribute("viewBox"),
                d.getDocumentElement().getAttribute("viewBox"));
        assertThrows(IllegalArgumentException.class, () -> SvgRenderer.render(fig, 0));
        assertNotEquals(SvgRenderer.render(fig), SvgRenderer.render(fig, 1000));
    }
}
