package org.iblrnn.analysis.distill;

import org.iblrnn.math.Arrays2;

/**
 * Outcome of traditional distillation ({@link Distillation#fit}).
 *
 * @param recurrent      the student's recurrent part h_t = tanh(A h_{t-1} + B o_t + c), shapes
 *                       A [H][H], B [H][3], c [H]; null if the fit produced non-finite parameters
 * @param readoutWeights W, shape [2][H]: logits = W h_t + d (rows: left, right)
 * @param readoutBias    d, shape [2]
 * @param initialLoss    mean soft cross-entropy at the initial parameters, nats per step
 * @param finalLoss      mean soft cross-entropy -sum_a p_teacher(a) log p_student(a), nats per step
 * @param teacherEntropy mean entropy of the teacher's probabilities, nats per step (the minimum
 *                       of the loss); finalLoss - teacherEntropy is the mean KL divergence
 * @param iterations     Adam iterations
 * @param converged      relative-decrease criterion met without divergence
 * @param reason         why it stopped
 */
public record DistillationResult(RaddModel recurrent, double[][] readoutWeights, double[] readoutBias,
                                 double initialLoss, double finalLoss, double teacherEntropy, int iterations,
                                 boolean converged, String reason) {
    public DistillationResult {
        readoutWeights = readoutWeights == null ? null : Arrays2.deepCopy(readoutWeights);
        readoutBias = readoutBias == null ? null : readoutBias.clone();
    }

    @Override
    public double[][] readoutWeights() {
        return readoutWeights == null ? null : Arrays2.deepCopy(readoutWeights);
    }

    @Override
    public double[] readoutBias() {
        return readoutBias == null ? null : readoutBias.clone();
    }

    /** Mean KL divergence KL(teacher || student) per step, nats. */
    public double meanKl() {
        return finalLoss - teacherEntropy;
    }
}
