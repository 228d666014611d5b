package org.iblrnn.report;

import java.util.Arrays;
import java.util.List;

/**
 * A figure: a title, panels laid out row by row in a rows x cols grid, and a caption underneath.
 *
 * @param title   drawn bold at the top; "" for none
 * @param caption drawn under the panels, wrapped to the figure width (e.g. "Fig. 2a — fraction
 *                correct by signed contrast ..."); "" for none
 * @param rows    grid rows, &ge; 1
 * @param cols    grid columns, &ge; 1
 * @param panels  at most rows x cols panels, filling the grid row by row; unused cells stay blank
 */
public record Figure(String title, String caption, int rows, int cols, List<Panel> panels) {

    public Figure {
        title = title == null ? "" : title;
        caption = caption == null ? "" : caption;
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("figure grid must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (rows * (long) cols > 400) {
            throw new IllegalArgumentException("figure grid must have at most 400 cells, got " + rows + " x " + cols);
        }
        panels = panels == null ? List.of() : List.copyOf(panels);
        if (panels.size() > rows * cols) {
            throw new IllegalArgumentException("figure grid " + rows + " x " + cols + " cannot hold "
                    + panels.size() + " panels");
        }
    }

    /** The panels side by side in one row. */
    public static Figure of(String title, String caption, Panel... panels) {
        return new Figure(title, caption, 1, Math.max(1, panels.length), Arrays.asList(panels));
    }

    /** The panels in a rows x cols grid, row by row. */
    public static Figure grid(String title, String caption, int rows, int cols, Panel... panels) {
        return new Figure(title, caption, rows, cols, Arrays.asList(panels));
    }

    /** True when no panel has anything to draw. */
    public boolean isEmpty() {
        return panels.stream().allMatch(Panel::isEmpty);
    }
}
