package org.iblrnn.train;

import java.util.Locale;

import org.iblrnn.math.Checks;

/**
 * Optimiser choice and hyper-parameters. Defaults: {@link #paperSgd()} (SGD, lr 1e-3,
 * momentum 0.1, as the paper) and {@link #adam(double)} (PyTorch's betas and epsilon).
 *
 * @param kind         "sgd" or "adam"
 * @param learningRate step size
 * @param momentum     SGD momentum (PyTorch semantics, dampening 0, no Nesterov); ignored by Adam
 * @param beta1        Adam first-moment decay; ignored by SGD
 * @param beta2        Adam second-moment decay; ignored by SGD
 * @param epsilon      Adam denominator epsilon; ignored by SGD
 */
public record OptimizerConfig(String kind, double learningRate, double momentum, double beta1, double beta2,
                              double epsilon) {
    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer must be one of sgd, adam; got null");
        }
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("sgd") && !kind.equals("adam")) {
            throw new IllegalArgumentException("optimizer must be one of sgd, adam; got " + kind);
        }
        Checks.positive(learningRate, "learning rate");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("adam beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam beta2 must be in [0, 1), got " + beta2);
        }
        Checks.positive(epsilon, "adam epsilon");
    }

    /** The paper's optimiser: SGD, lr 1e-3, momentum 0.1. */
    public static OptimizerConfig paperSgd() {
        return new OptimizerConfig("sgd", 1e-3, 0.1, 0.9, 0.999, 1e-8);
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999; eps 1e-8). */
    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig("adam", learningRate, 0.1, 0.9, 0.999, 1e-8);
    }

    /** The default configuration of the named optimiser. */
    public static OptimizerConfig defaults(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "sgd" -> paperSgd();
            case "adam" -> adam(1e-3);
            default -> throw new IllegalArgumentException("optimizer must be one of sgd, adam; got " + kind);
        };
    }

    public OptimizerConfig withLearningRate(double lr) {
        return new OptimizerConfig(kind, lr, momentum, beta1, beta2, epsilon);
    }

    public OptimizerConfig withMomentum(double m) {
        return new OptimizerConfig(kind, learningRate, m, beta1, beta2, epsilon);
    }

    /** A fresh optimiser for {@code n} parameters. */
    public Optimizer create(int n) {
        return kind.equals("sgd") ? new Sgd(this, n) : new Adam(this, n);
    }
}
