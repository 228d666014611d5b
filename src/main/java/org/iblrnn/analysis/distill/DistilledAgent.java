package org.iblrnn.analysis.distill;

import java.util.List;

import org.iblrnn.agents.Agent;
import org.iblrnn.nn.Readout;

/**
 * A traditionally distilled small RNN acting in closed loop: h = tanh(A h + B o + c) from
 * h_0 = 0, probabilities = softmax(W h + d) (reference-spec 6.8).
 */
public final class DistilledAgent implements Agent {
    private final DistillationResult fit;
    private final double[][] w;
    private final double[] d;
    private double[] h;
    private double[] next;

    public DistilledAgent(DistillationResult fit) {
        if (fit.recurrent() == null || fit.readoutWeights() == null) {
            throw new IllegalArgumentException("the distillation produced no model: " + fit.reason());
        }
        this.fit = fit;
        this.w = fit.readoutWeights();
        this.d = fit.readoutBias();
        reset();
    }

    @Override
    public String name() {
        return "distilled";
    }

    @Override
    public void reset() {
        h = new double[fit.recurrent().units()];
        next = new double[h.length];
    }

    @Override
    public void step(double[] x, double[] p) {
        fit.recurrent().stepInto(h, x, next);
        double[] t = h;
        h = next;
        next = t;
        double z0 = Readout.dot(w[0], h, h.length) + d[0];
        double z1 = Readout.dot(w[1], h, h.length) + d[1];
        Readout.softmax2(z0, z1, p, 0);
    }

    @Override
    public int stateSize() {
        return h.length;
    }

    @Override
    public List<String> stateNames() {
        java.util.List<String> n = new java.util.ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            n.add("h" + i);
        }
        return n;
    }

    @Override
    public void stateInto(double[] out, int off) {
        System.arraycopy(h, 0, out, off, h.length);
    }
}
