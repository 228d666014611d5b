package org.iblrnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PngRendererTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "bytes must decode as an image");
        return img;
    }

    /** Pixels in the box (fractions of the image) that are not white. */
    private static int inked(BufferedImage img, double x0, double y0, double x1, double y1) {
        int n = 0;
        for (int y = (int) (y0 * img.getHeight()); y < (int) (y1 * img.getHeight()); y++) {
            for (int x = (int) (x0 * img.getWidth()); x < (int) (x1 * img.getWidth()); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void decodesToTheRequestedWidthWithDataInThePlotArea() throws IOException {
        Figure fig = Figure.of("", "", PlotPanel.of("", Axis.of("x"), Axis.of("y"),
                Series.line("", new double[] {0, 1}, new double[] {0, 1})));
        for (int width : new int[] {200, 640, 1000}) {
            BufferedImage img = decode(PngRenderer.render(fig, width));
            assertEquals(width, img.getWidth());
            assertTrue(img.getHeight() > width / 2, "height follows the layout");
            // the diagonal crosses the middle of the plot area
            assertTrue(inked(img, 0.4, 0.35, 0.6, 0.6) > 0, "no data drawn in the plot area at width " + width);
            // corners of the image stay background
            assertEquals(0xFFFFFF, img.getRGB(1, 1) & 0xFFFFFF);
        }
    }

    @Test
    void sameFigureGivesSameBytes() {
        Figure fig = SampleFigures.everything();
        assertArrayEquals(PngRenderer.render(fig, 900), PngRenderer.render(SampleFigures.everything(), 900));
    }

    @Test
    void everyPanelKindRenders() throws IOException {
        BufferedImage img = decode(PngRenderer.render(SampleFigures.everything(), 900));
        assertEquals(900, img.getWidth());
        // each of the five non-empty cells has ink
        int w = img.getWidth();
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 2; row++) {
                double x0 = (col + 0.35) / 3;
                double y0 = 0.1 + row * 0.4 + 0.1;
                int ink = inked(img, x0, y0, x0 + 0.3 / 3, y0 + 0.15);
                assertTrue(ink > 0 || (row == 1 && col == 2), "cell " + row + "," + col + " is blank (" + w + ")");
            }
        }
    }

    @Test
    void heatmapCellsTakeTheirColours() throws IOException {
        double[][] allPositive = new double[6][6];
        for (double[] r : allPositive) {
            java.util.Arrays.fill(r, 1.0);
        }
        HeatmapPanel h = HeatmapPanel.of("", allPositive).withColourScale(ColourScale.diverging("").withRange(-1, 1));
        BufferedImage img = decode(PngRenderer.render(Figure.of("", "", h), 500));
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int b = rgb & 0xFF;
                if (r > 150 && b < 80) {
                    red++;
                }
            }
        }
        assertTrue(red > img.getWidth() * img.getHeight() / 20, "expected a large red matrix, got " + red + " pixels");
    }

    @Test
    void emptyFigureStillRenders() throws IOException {
        BufferedImage img = decode(PngRenderer.render(Figure.of("nothing here", "no caption"), 400));
        assertEquals(400, img.getWidth());
    }

    @Test
    void rejectsBadWidths() {
        assertThrows(IllegalArgumentException.class, () -> PngRenderer.render(SampleFigures.behaviour(), 0));
        assertThrows(IllegalArgumentException.class, () -> PngRenderer.render(null, 100));
    }
}
