/**
 * Files: NumPy .npy/.npz, checkpoints with PyTorch state-dict names, config JSON, the run-folder
 * layout and metrics CSV. Every write is atomic (temporary file, then rename).
 *
 * <p>Allowed dependencies: {@code math}, {@code task}, {@code nn}, {@code train}, {@code agents},
 * {@code analysis} (their record types). The only core package that touches the file system.
 */
package org.iblrnn.data;
