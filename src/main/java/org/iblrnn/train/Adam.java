package org.iblrnn.train;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's update (no AMSGrad, no weight decay):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * theta = theta - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
public final class Adam implements Optimizer {
    private final double lr;
    private final double b1;
    private final double b2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long steps;

    public Adam(OptimizerConfig config, int n) {
        this.lr = config.learningRate();
        this.b1 = config.beta1();
        this.b2 = config.beta2();
        this.eps = config.epsilon();
        this.m = new double[n];
        this.v = new double[n];
    }

    @Override
    public void step(double[] theta, double[] grad) {
        if (theta.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("theta and grad must have length " + m.length
                    + ", got " + theta.length + " and " + grad.length);
        }
        steps++;
        double bc1 = 1.0 - Math.pow(b1, steps);
        double bc2 = Math.sqrt(1.0 - Math.pow(b2, steps));
        double stepSize = lr / bc1;
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            theta[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bc2 + eps);
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public double[][] state() {
        return new double[][] {m.clone(), v.clone()};
    }

    @Override
    public String[] stateNames() {
        return new String[] {"exp_avg", "exp_avg_sq"};
    }

    @Override
    public void restore(long steps, double[][] state) {
        if (state.length != 2 || state[0].length != m.length || state[1].length != v.length) {
            throw new IllegalArgumentException("Adam state must be two buffers of length " + m.length);
        }
        System.arraycopy(state[0], 0, m, 0, m.length);
        System.arraycopy(state[1], 0, v, 0, v.length);
        this.steps = steps;
    }
}
