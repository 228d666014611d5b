/**
 * The paper's representation and mechanism analyses of a trained network (sections 3.2-3.3,
 * Figs. 4-7): PCA of the hidden states, readouts and block decoding, belief coordinates and the
 * effects of one observation and of feedback, unit clusters, vector fields, fixed points and
 * basins in the state space, the choice of the example block, and the paper code's definitions
 * where they differ from ours.
 *
 * <p>Allowed dependencies: {@code math}, {@code nn}, {@code task}, {@code agents}, {@code train},
 * {@code analysis.stats}, {@code analysis.behaviour}, {@code analysis.dynamics}. Never prints,
 * never touches files.
 */
package org.iblrnn.analysis.representation;
