/**
 * Recurrent networks on primitive arrays: cells, the softmax readout, losses, PyTorch-default
 * initialisation, the forward tape and exact backpropagation through time.
 *
 * <p>Allowed dependencies: {@code math}. Never prints, never touches files.
 */
package org.iblrnn.nn;
