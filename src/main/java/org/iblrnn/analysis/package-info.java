/**
 * Analyses as pure functions from trial tables, step records and models to result records:
 * behavioural curves, psychometric fits (and, in later stages, PCA, decoders, fixed points,
 * distillation).
 *
 * <p>Allowed dependencies: {@code math}, {@code task}, {@code nn}, {@code train}, {@code agents},
 * and Hipparchus for special functions. Never prints, never touches files.
 */
package org.iblrnn.analysis;
