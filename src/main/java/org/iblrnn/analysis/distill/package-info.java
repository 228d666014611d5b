/**
 * Distillation of a trained network into a small one (paper section 3.3.2, Fig. 8):
 * Representation and Dynamics Distillation (RADD) with its projection, fits, closed-loop agent
 * and dynamics, traditional (output) distillation and its agent, and distance decoherence.
 *
 * <p>Allowed dependencies: {@code math}, {@code nn}, {@code task}, {@code agents}, {@code train},
 * {@code analysis.stats}, {@code analysis.behaviour}, {@code analysis.dynamics}. Never prints,
 * never touches files.
 */
package org.iblrnn.analysis.distill;
