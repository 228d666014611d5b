package org.iblrnn.train;

/**
 * Stochastic gradient descent with momentum, PyTorch semantics (dampening 0, no Nesterov,
 * no weight decay): v = g on the first step, then v = momentum * v + g; theta = theta - lr * v.
 */
public final class Sgd implements Optimizer {
    private final double lr;
    private final double momentum;
    private final double[] buffer;
    private long steps;

    public Sgd(OptimizerConfig config, int n) {
        this.lr = config.learningRate();
        this.momentum = config.momentum();
        this.buffer = new double[n];
    }

    @Override
    public void step(double[] theta, double[] grad) {
        if (theta.length != buffer.length || grad.length != buffer.length) {
            throw new IllegalArgumentException("theta and grad must have length " + buffer.length
                    + ", got " + theta.length + " and " + grad.length);
        }
        if (momentum == 0.0) {
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * grad[i];
            }
        } else if (steps == 0) {
            for (int i = 0; i < theta.length; i++) {
                buffer[i] = grad[i];
                theta[i] -= lr * buffer[i];
            }
        } else {
            for (int i = 0; i < theta.length; i++) {
                buffer[i] = momentum * buffer[i] + grad[i];
                theta[i] -= lr * buffer[i];
            }
        }
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public double[][] state() {
        return new double[][] {buffer.clone()};
    }

    @Override
    public String[] stateNames() {
        return new String[] {"momentum_buffer"};
    }

    @Override
    public void restore(long steps, double[][] state) {
        if (state.length != 1 || state[0].length != buffer.length) {
            throw new IllegalArgumentException("SGD state must be one buffer of length " + buffer.length);
        }
        System.arraycopy(state[0], 0, buffer, 0, buffer.length);
        this.steps = steps;
    }
}
