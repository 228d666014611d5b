/**
 * Pure numeric kernels and helpers on primitive arrays: seeds, preconditions, activations.
 *
 * <p>Allowed dependencies: the JDK only. Never prints, never touches files.
 */
package org.iblrnn.math;
