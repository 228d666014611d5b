package org.iblrnn.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.iblrnn.nn.Cell;
import org.iblrnn.nn.Readout;
import org.iblrnn.nn.RecurrentModel;

/**
 * A trained (or any) {@link RecurrentModel} as an {@link Agent}: one forward step per task step,
 * without recording anything for backpropagation.
 * <pre>
 *   h_t = cell(x_t, h_{t-1}),  h_0 = 0 at every reset     (tanh RNN: tanh(W_ih x + b_ih + W_hh h + b_hh))
 *   z_t = W_out h_t + b_out,   p_t = softmax(z_t)
 * </pre>
 * The arithmetic is that of {@link org.iblrnn.nn.Tape#forward}, operation for operation (the
 * same {@link Cell.Kernel}, the readout summed with four accumulators as (a0 + a1) + (a2 + a3)
 * + b, the two-way softmax as the sigmoid of z_R - z_L), so the probabilities and hidden states
 * are bit-identical to a tape run on the same inputs.
 *
 * <p>The parameters are copied at construction. Exposed state: h_t, names "h0".."h{H-1}" (what
 * the readout sees, for every cell). The agent carries the cell's whole recurrent state between
 * steps ({@link Cell#carriedSize()} entries: h, and for an LSTM also its cell state c); a
 * {@link StepRecord} keeps h only, and {@link #carriedStates} rebuilds the carried states of a
 * recorded session, bit-identically, for the analyses that need them (an LSTM's fixed points live
 * in the space of (h, c)). One instance belongs to one thread.
 */
public final class RnnAgent implements Agent {
    private final String name;
    private final Cell.Kernel kernel;
    private final int hid;
    private final double[][] wOut;
    private final double[] bOut;
    private final double[] logits = new double[2];
    private final List<String> names;
    private double[] prev;
    private double[] cur;

    /** An agent called "rnn". */
    public RnnAgent(RecurrentModel model, double[] theta) {
        this("rnn", model, theta);
    }

    /**
     * @param name  short name for tables
     * @param model a model with 3 inputs and 2 outputs
     * @param theta its parameters, shape [model.layout().size()]; copied, not modified
     */
    public RnnAgent(String name, RecurrentModel model, double[] theta) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank, got '" + name + "'");
        }
        if (model.config().inputSize() != 3 || model.config().outputSize() != 2) {
            throw new IllegalArgumentException("model must have 3 inputs and 2 outputs, got " + model.config());
        }
        model.checkParameters(theta);
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("parameters must be finite, got " + theta[i] + " at index " + i
                        + " (" + model.layout().blockOf(i).name() + ")");
            }
        }
        this.name = name;
        Cell cell = model.cell();
        this.kernel = cell.newKernel();
        kernel.load(theta, 0);
        this.hid = cell.hiddenSize();
        int wo = model.layout().block("readout.weight").offset();
        int bo = model.layout().block("readout.bias").offset();
        this.wOut = new double[2][hid];
        this.bOut = new double[2];
        for (int o = 0; o < 2; o++) {
            System.arraycopy(theta, wo + o * hid, wOut[o], 0, hid);
            bOut[o] = theta[bo + o];
        }
        this.prev = new double[cell.stateSize()];
        this.cur = new double[cell.stateSize()];
        List<String> n = new ArrayList<>(hid);
        for (int i = 0; i < hid; i++) {
            n.add("h" + i);
        }
        this.names = Collections.unmodifiableList(n);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        Arrays.fill(prev, 0.0);
        Arrays.fill(cur, 0.0);
        logits[0] = 0;
        logits[1] = 0;
    }

    @Override
    public void step(double[] x, double[] p) {
        if (x.length < 3 || p.length < 2) {
            throw new IllegalArgumentException("x must have length 3 and p length 2, got " + x.length + " and "
                    + p.length);
        }
        kernel.forward(x, prev, cur);
        for (int o = 0; o < 2; o++) {
            logits[o] = Readout.dot(wOut[o], cur, hid) + bOut[o];
        }
        Readout.softmax2(logits[0], logits[1], p, 0);
        double[] t = prev;
        prev = cur;
        cur = t;
    }

    /** Logit {@code o} (0 left, 1 right) of the last step. */
    public double logit(int o) {
        if (o < 0 || o > 1) {
            throw new IllegalArgumentException("output index must be 0 or 1, got " + o);
        }
        return logits[o];
    }

    @Override
    public int stateSize() {
        return hid;
    }

    /**
     * The carried state after every step of a session that an {@code RnnAgent} of this model and
     * these parameters ran (one {@link AgentRunner#run} from a reset, with its steps recorded):
     * the recorded inputs are replayed from the zero state through the same kernel, so the rows are
     * bit-identical to the states the agent carried. Row t has {@link Cell#carriedSize()} entries:
     * h_t (H entries) for rnn and gru; h_t then c_t (2H entries) for lstm. The replayed h is checked
     * against the recorded one, bit for bit.
     *
     * @param steps the record, with states h (H entries per step) starting from a reset; not modified
     * @return carried states, shape [T][N]
     * @throws IllegalArgumentException if the record has another state size, or its states are not
     *                                  those of this network on its inputs
     */
    public static double[][] carriedStates(RecurrentModel model, double[] theta, StepRecord steps) {
        model.checkParameters(theta);
        Cell cell = model.cell();
        int h = cell.hiddenSize();
        int n = cell.carriedSize();
        if (steps.stateSize() != h) {
            throw new IllegalArgumentException("the step record must hold the network's " + h
                    + " hidden units per step, got " + steps.stateSize());
        }
        Cell.Kernel k = cell.newKernel();
        k.load(theta, 0);
        double[] prev = new double[cell.stateSize()];
        double[] cur = new double[cell.stateSize()];
        double[] x = new double[3];
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < steps.size(); t++) {
            for (int j = 0; j < 3; j++) {
                x[j] = steps.input(t, j);
            }
            k.forward(x, prev, cur);
            for (int i = 0; i < h; i++) {
                if (Double.doubleToRawLongBits(cur[i]) != Double.doubleToRawLongBits(steps.state(t, i))) {
                    throw new IllegalArgumentException("the step record is not this network's session: h" + i
                            + " at step " + t + " is " + steps.state(t, i) + ", replaying its inputs gives "
                            + cur[i]);
                }
            }
            out[t] = Arrays.copyOf(cur, n);
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return out;
    }

    @Override
    public List<String> stateNames() {
        return names;
    }

    @Override
    public void stateInto(double[] out, int off) {
        System.arraycopy(prev, 0, out, off, hid);
    }
}
