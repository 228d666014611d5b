/**
 * Statistical and geometric tools the analyses share, each a pure function of arrays: ordinary
 * least squares ({@link org.iblrnn.analysis.stats.LinearRegression}), L2-penalised logistic
 * regression and the cross-validated linear decoders built on it, principal component analysis,
 * hierarchical clustering of correlated units, angles and subspace fractions of vectors, and
 * Nelder-Mead minimisation. Nothing here knows about the task, the network or the paper's figures.
 *
 * <p>Allowed dependencies: {@code math}. Never prints, never touches files.
 */
package org.iblrnn.analysis.stats;
