/**
 * The dynamics of a recurrent model under a constant input, as a dynamical system: its map and
 * Jacobian, fixed and slow points found by Levenberg-Marquardt, their stability from the Jacobian's
 * spectrum, line attractors, basins of attraction (by iteration and by the paper code's Lyapunov
 * estimate), and the empirical vector field of a session's own one-step changes.
 *
 * <p>Allowed dependencies: {@code math}, {@code nn}, {@code task}, {@code agents},
 * {@code analysis.stats}. Never prints, never touches files.
 */
package org.iblrnn.analysis.dynamics;
