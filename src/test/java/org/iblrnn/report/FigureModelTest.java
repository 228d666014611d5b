package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FigureModelTest {
    private static final double NAN = Double.NaN;

    @Test
    void seriesCopiesItsArraysInAndOut() {
        double[] x = {1, 2, 3};
        double[] y = {4, 5, 6};
        Series s = Series.line("a", x, y);
        x[0] = 99;
        assertEquals(1, s.x()[0]);
        s.y()[0] = 99;
        assertEquals(4, s.y()[0]);
    }

    @Test
    void seriesEqualityIsByContent() {
        Series a = Series.line("a", new double[] {1, 2}, new double[] {3, 4});
        Series b = Series.line("a", new double[] {1, 2}, new double[] {3, 4});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.withDashed(true));
    }

    @Test
    void seriesValidatesShapesAndErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("rnn", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 != 1") && e.getMessage().contains("rnn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("rnn", new double[] {1}, new double[] {1}).withErrorBars(new double[] {-0.1}));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Series.line("rnn", new double[] {1}, new double[] {1}).withColourValues(new double[2]));
    }

    @Test
    void axisValidation() {
        assertThrows(IllegalArgumentException.class, () -> Axis.of("x").withRange(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Axis.of("x").withRange(0, 10).withLog());
        assertThrows(IllegalArgumentException.class, () -> Axis.of("x").withRange(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Axis.categorical("c", List.of("a")).withLog());
        Axis half = Axis.of("x").withRange(0, NAN);
        assertEquals(0, half.min());
        assertTrue(Double.isNaN(half.max()));
    }

    @Test
    void emptinessOfPanelsAndFigures() {
        PlotPanel allNan = PlotPanel.of("p", Axis.of("x"), Axis.of("y"),
                Series.line("a", new double[] {NAN, 1}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(allNan.isEmpty());
        assertTrue(PlotPanel.of("p", Axis.of("x"), Axis.of("y")).withRefLines(RefLine.horizontal(0.5)).isEmpty());
        PlotPanel logEmpty = PlotPanel.of("p", Axis.of("x").withLog(), Axis.of("y"),
                Series.line("a", new double[] {0, -1}, new double[] {1, 2}));
        assertTrue(logEmpty.isEmpty(), "non-positive x on a log axis is missing data");
        PlotPanel one = PlotPanel.of("p", Axis.of("x"), Axis.of("y"), Series.markers("a", new double[] {1}, new double[] {2}));
        assertFalse(one.isEmpty());

        assertTrue(HeatmapPanel.of("h", new double[][] {{NAN, NAN}}).isEmpty());
        assertTrue(HeatmapPanel.of("h", new double[0][0]).isEmpty());
        assertFalse(HeatmapPanel.of("h", new double[][] {{NAN, 0}}).isEmpty());

        Axis a = Axis.of("a");
        assertTrue(VectorFieldPanel.of("v", a, a, new double[] {0}, new double[] {0}, new double[] {NAN},
                new double[] {1}).isEmpty());
        assertFalse(VectorFieldPanel.of("v", a, a, new double[] {0}, new double[] {0}, new double[] {0},
                new double[] {0}).isEmpty(), "a zero vector is still data");

        assertTrue(Figure.of("f", "").isEmpty());
        assertTrue(Figure.of("f", "", allNan).isEmpty());
        assertFalse(Figure.of("f", "", allNan, one).isEmpty());
    }

    @Test
    void figureGridValidation() {
        Panel p = PlotPanel.of("p", Axis.of("x"), Axis.of("y"));
        assertThrows(IllegalArgumentException.class, () -> Figure.grid("f", "", 1, 1, p, p));
        assertThrows(IllegalArgumentException.class, () -> Figure.grid("f", "", 0, 1));
        Figure f = Figure.grid("f", "", 2, 2, p, p, p);
        assertEquals(3, f.panels().size());
        assertThrows(UnsupportedOperationException.class, () -> f.panels().add(p));
    }

    @Test
    void heatmapValidatesAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> HeatmapPanel.of("h", new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapPanel.of("h", new double[][] {{1, 2}}).withLabels(List.of("a", "b"), List.of()));
        double[][] m = {{1, 2}, {3, 4}};
        HeatmapPanel h = HeatmapPanel.of("h", m);
        m[0][0] = 99;
        assertEquals(1, h.values()[0][0]);
        assertEquals(HeatmapPanel.of("h", new double[][] {{1, 2}, {3, 4}}), h);
    }

    @Test
    void coloursAndMaps() {
        assertEquals("#0072b2", Rgb.palette(0).hex());
        assertEquals(Rgb.palette(0), Rgb.palette(Rgb.OKABE_ITO.size()));
        assertEquals(new Rgb(255, 0, 16), Rgb.of("#FF0010"));
        assertThrows(IllegalArgumentException.class, () -> Rgb.of("red"));
        Rgb mid = ColourMap.DIVERGING.at(0.5);
        assertTrue(mid.red() > 240 && mid.green() > 240 && mid.blue() > 240, "diverging map is white at 0.5: " + mid);
        assertTrue(ColourMap.DIVERGING.at(0).blue() > ColourMap.DIVERGING.at(0).red());
        assertTrue(ColourMap.DIVERGING.at(1).red() > ColourMap.DIVERGING.at(1).blue());
        assertEquals(Rgb.LIGHT_GREY, ColourMap.VIRIDIS.at(NAN));
    }

    @Test
    void divergingScaleIsSymmetricWhenAutomatic() {
        double[] r = ColourScale.diverging("r").resolve(-0.2, 0.8);
        assertEquals(-0.8, r[0]);
        assertEquals(0.8, r[1]);
        double[] fixed = ColourScale.diverging("r").withRange(-1, 1).resolve(-0.2, 0.3);
        assertEquals(-1, fixed[0]);
        double[] flat = ColourScale.auto("v").resolve(2, 2);
        assertTrue(flat[0] < 2 && flat[1] > 2);
        double[] none = ColourScale.auto("v").resolve(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertTrue(none[0] < none[1]);
    }
}
