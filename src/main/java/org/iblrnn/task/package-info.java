/**
 * The IBL biased-block task: its configuration, sampled sessions and the closed-loop step
 * protocol (reference-spec sections 1-2).
 *
 * <p>Allowed dependencies: {@code math}. Never prints, never touches files; all randomness comes
 * from an injected generator.
 */
package org.iblrnn.task;
