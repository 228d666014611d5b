/**
 * Behaviour of an agent or a mouse from its trial table (paper section 3.1, Figs. 2-3): fraction
 * correct, psychometric curves by block and their maximum-likelihood fits, zero-contrast choices,
 * recovery after block switches, curves of group means with standard errors, and the summaries
 * of a group of mice per mouse and pooled.
 *
 * <p>Allowed dependencies: {@code math}, {@code task}, {@code analysis.stats}. Never prints, never
 * touches files.
 */
package org.iblrnn.analysis.behaviour;
