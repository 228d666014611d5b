/**
 * Trial-by-trial models of a subject's choices (a mouse's or an agent's), fitted by maximum
 * likelihood and compared on held-out sessions: the psychometric core, the oracle block prior,
 * the IBL's exponential-smoothing action and stimulus kernels, the exact Bayesian prior (and a
 * variant with fitted hazard and concordance), a GLM with choice history and Ashwood et al.'s
 * GLM-HMM, and tiny RNNs fitted to the choices ({@link org.iblrnn.analysis.choice.TinyRnn}, their
 * size fixed or chosen by nested validation, {@link org.iblrnn.analysis.choice.TinyRnnBest}; see the
 * shared behaviour-models primer).
 *
 * <p>Every model is one {@link org.iblrnn.analysis.choice.ChoiceModel}: it fits on a list of
 * {@link org.iblrnn.analysis.choice.ChoiceSession}s and returns a
 * {@link org.iblrnn.analysis.choice.FittedChoiceModel} that gives P(right) on every trial of any
 * session from that trial's stimulus and the session's history before it, plus its parameters as
 * a {@link org.iblrnn.analysis.choice.ChoiceFit} record. {@link org.iblrnn.analysis.choice.CrossValidation}
 * scores every model on the same folds of whole sessions. New models are one file.
 *
 * <p>Allowed dependencies: {@code math}, {@code task}, {@code agents} (the block filters),
 * {@code nn} and {@code train} (the tiny RNNs' cells, tape and Adam), {@code analysis.stats} and
 * {@code analysis.behaviour}. Pure: never prints, never touches files; all randomness from
 * injected seeds.
 */
package org.iblrnn.analysis.choice;
