/**
 * Analyses as pure functions from trial tables, step records and models to result records, one
 * sub-package per subject: {@code stats} (regressions, PCA, decoding, clustering, geometry,
 * minimisation), {@code behaviour} (curves and psychometric fits of agents and mice),
 * {@code dynamics} (vector fields, fixed points, basins, line attractors, Jacobians),
 * {@code representation} (the paper's representation and mechanism analyses, sections 3.2-3.3),
 * {@code distill} (RADD and the other distillations, section 3.3.2) and {@code choice} (choice
 * models of mice and agents). This package itself holds only {@link org.iblrnn.analysis.PaperNumbers},
 * the one table of the paper's published values.
 *
 * <p>Allowed dependencies: {@code math}. Never prints, never touches files.
 */
package org.iblrnn.analysis;
