package org.iblrnn.report;

/**
 * One panel of a {@link Figure}: a line/scatter plot, a heatmap or a vector field.
 */
public sealed interface Panel permits PlotPanel, HeatmapPanel, VectorFieldPanel {

    /** The panel title drawn above it (e.g. "a  fraction correct"); "" for none. */
    String title();

    /** True when there is not a single finite value to draw; the panel then says "no data". */
    boolean isEmpty();
}
