/**
 * Application services that wire configs, computation and files together: training runs with
 * checkpoints and resume, benchmarks. Used by the CLI and by end-to-end tests.
 *
 * <p>Allowed dependencies: every package except {@code cli}.
 */
package org.iblrnn.pipeline;
