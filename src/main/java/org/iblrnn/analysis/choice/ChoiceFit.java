package org.iblrnn.analysis.choice;

import java.util.List;

/**
 * What one fit produced: named parameter values (on their natural scales: lapses as
 * probabilities, decays in [0, 1], weights as logit-slopes), the training log-likelihood and the
 * optimiser's diagnostics.
 *
 * @param model                the model's name
 * @param names                parameter names, snake_case, parallel to {@code values}
 * @param values               parameter values
 * @param trainLogLikelihood   natural-log likelihood of the training responses at the fit
 *                             (log posterior for models fitted with a prior is in {@code objective})
 * @param objective            the maximised objective (log-likelihood, or log posterior with priors)
 * @param iterations           optimiser iterations (EM iterations for the GLM-HMM, summed over
 *                             initialisations)
 * @param converged            whether the optimiser met its convergence criterion
 * @param note                 empty, or why it did not converge / what was chosen
 */
public record ChoiceFit(String model, List<String> names, double[] values, double trainLogLikelihood,
                        double objective, int iterations, boolean converged, String note) {
    public ChoiceFit {
        names = List.copyOf(names);
        values = values.clone();
        if (names.size() != values.length) {
            throw new IllegalArgumentException(model + ": " + names.size() + " parameter names for " + values.length
                    + " values");
        }
        note = note == null ? "" : note;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value of parameter {@code name}. */
    public double value(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(model + " has no parameter " + name + "; it has " + names);
        }
        return values[i];
    }
}
