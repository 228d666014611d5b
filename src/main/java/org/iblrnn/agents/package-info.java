/**
 * Agents that perform the IBL task: the trained network, exact and reference Bayesian actors,
 * Bayesian observers (Markov and semi-Markov block filters), heuristic baselines.
 *
 * <p>Allowed dependencies: {@code math}, {@code task}, {@code nn}, {@code train}. Never prints,
 * never touches files.
 */
package org.iblrnn.agents;
