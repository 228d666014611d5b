/**
 * Figures for the report: an immutable figure model ({@link org.iblrnn.report.Figure} of
 * {@link org.iblrnn.report.Panel}s) and two renderers that lay it out identically, one to standalone
 * SVG text ({@link org.iblrnn.report.SvgRenderer}) and one to PNG bytes drawn with Java2D
 * ({@link org.iblrnn.report.PngRenderer}).
 *
 * <p>Panels are line/scatter plots with optional error bars or bands, colour-valued scatter and
 * trajectories, heatmaps with a diverging colour map, and vector fields. Missing values (NaN or
 * infinite, and non-positive values on a log axis) break lines and are skipped; a panel without a
 * single finite point says "no data". Output is deterministic: the same figure gives the same
 * bytes, with numbers formatted independently of the default locale.
 *
 * <p>Allowed dependencies: the JDK (java.awt and javax.imageio for PNG), and org.iblrnn.math,
 * task and analysis. Never prints, never touches files: renderers return {@code String} or
 * {@code byte[]}.
 */
package org.iblrnn.report;
