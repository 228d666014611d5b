/**
 * Training: optimisers with explicit state, the closed-loop session runner, the gradient-step
 * loop and its metrics. Checkpoints are data here; writing them is the job of {@code data}.
 *
 * <p>Allowed dependencies: {@code math}, {@code nn}, {@code task}. Never prints, never touches
 * files.
 */
package org.iblrnn.train;
