package org.iblrnn.analysis.distill;

import java.util.List;

import org.iblrnn.agents.Agent;
import org.iblrnn.agents.AgentRunner;
import org.iblrnn.task.Session;
import org.iblrnn.task.TrialTable;

/**
 * The distilled RADD model acting in closed loop (reference-spec 6.5):
 * <pre>
 *   z'_t = tanh(A z'_{t-1} + B x_t + c),   z'_0 = 0 at every reset (as the reference code)
 *   P(right) = sigmoid(k z'_{t,stim} + bias),   P(left) = 1 - P(right)
 * </pre>
 * reading only the stimulus unit. The reference code's readout is W_out = scale [[-1, 0], [1, 0]]
 * with scale = sqrt(H / 2) ||W_out||_F of the H-unit network, i.e. k = 2 scale
 * ({@link #referenceGain}); the paper calls the magnitude a free parameter, and
 * {@link #chooseGain} picks it on training sessions.
 *
 * <p>State: z' (names "radd0".."radd{M-1}"). One instance belongs to one thread.
 */
public final class RaddAgent implements Agent {
    private final RaddModel model;
    private final double gain;
    private final double bias;
    private final int stimUnit;
    private final List<String> names;
    private double[] z;
    private double[] next;

    /**
     * @param model    distilled model with 3 inputs
     * @param stimUnit index of the stimulus-belief unit (0 in the reference projection)
     * @param gain     readout gain k (finite)
     * @param bias     readout bias (finite)
     */
    public RaddAgent(RaddModel model, int stimUnit, double gain, double bias) {
        if (model.inputs() != 3) {
            throw new IllegalArgumentException("model must have 3 inputs, got " + model.inputs());
        }
        if (stimUnit < 0 || stimUnit >= model.units()) {
            throw new IllegalArgumentException("stimUnit must be in [0, " + model.units() + "), got " + stimUnit);
        }
        if (!Double.isFinite(gain) || !Double.isFinite(bias)) {
            throw new IllegalArgumentException("gain and bias must be finite, got " + gain + " and " + bias);
        }
        this.model = model;
        this.stimUnit = stimUnit;
        this.gain = gain;
        this.bias = bias;
        String[] n = new String[model.units()];
        for (int i = 0; i < n.length; i++) {
            n[i] = "radd" + i;
        }
        this.names = List.of(n);
        this.z = new double[model.units()];
        this.next = new double[model.units()];
    }

    /**
     * The reference code's gain: k = 2 sqrt(H / 2) ||W_out||_F = sqrt(2 H) ||W_out||_F
     * (= 10 ||W_out||_F for H = 50).
     *
     * @param hiddenSize        H of the full network
     * @param readoutFrobenius  ||W_out||_F of its readout
     */
    public static double referenceGain(int hiddenSize, double readoutFrobenius) {
        if (hiddenSize < 1 || !(readoutFrobenius >= 0) || Double.isInfinite(readoutFrobenius)) {
            throw new IllegalArgumentException("hiddenSize must be >= 1 and readoutFrobenius finite >= 0, got "
                    + hiddenSize + " and " + readoutFrobenius);
        }
        return Math.sqrt(2.0 * hiddenSize) * readoutFrobenius;
    }

    /**
     * Outcome of {@link #chooseGain}.
     *
     * @param gain            the chosen k (the first grid value with the highest fraction correct)
     * @param grid            the candidate gains, in the order given
     * @param fractionCorrect correct / all trials pooled over the training sessions, per grid value
     */
    public record GainChoice(double gain, double[] grid, double[] fractionCorrect) {
        public GainChoice {
            grid = grid.clone();
            fractionCorrect = fractionCorrect.clone();
        }

        @Override
        public double[] grid() {
            return grid.clone();
        }

        @Override
        public double[] fractionCorrect() {
            return fractionCorrect.clone();
        }
    }

    /**
     * Chooses the readout gain by maximising the fraction of correct trials (correct / all,
     * timeouts incorrect) over a grid, running the agent closed-loop on the caller's
     * <i>training</i> sessions. Never pass the test session.
     *
     * @param model            distilled model
     * @param stimUnit         stimulus unit index
     * @param bias             readout bias
     * @param trainingSessions at least one session
     * @param grid             candidate gains, at least one, finite
     */
    public static GainChoice chooseGain(RaddModel model, int stimUnit, double bias, List<Session> trainingSessions,
                                        double[] grid) {
        if (trainingSessions == null || trainingSessions.isEmpty()) {
            throw new IllegalArgumentException("trainingSessions must be non-empty, got " + trainingSessions);
        }
        if (grid == null || grid.length == 0) {
            throw new IllegalArgumentException("grid must have at least one value");
        }
        double[] frac = new double[grid.length];
        int best = 0;
        for (int g = 0; g < grid.length; g++) {
            RaddAgent agent = new RaddAgent(model, stimUnit, grid[g], bias);
            long correct = 0;
            long total = 0;
            for (Session s : trainingSessions) {
                TrialTable trials = AgentRunner.run(agent, s, false).trials();
                for (int i = 0; i < trials.size(); i++) {
                    if (trials.correct(i)) {
                        correct++;
                    }
                }
                total += trials.size();
            }
            frac[g] = total > 0 ? (double) correct / total : Double.NaN;
            if (frac[g] > frac[best] || Double.isNaN(frac[best])) {
                best = g;
            }
        }
        return new GainChoice(grid[best], grid, frac);
    }

    public double gain() {
        return gain;
    }

    @Override
    public String name() {
        return "radd";
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(z, 0.0);
    }

    @Override
    public void step(double[] x, double[] p) {
        model.stepInto(z, x, next);
        double[] tmp = z;
        z = next;
        next = tmp;
        double pr = 1.0 / (1.0 + Math.exp(-(gain * z[stimUnit] + bias)));
        p[0] = 1.0 - pr;
        p[1] = pr;
    }

    @Override
    public int stateSize() {
        return z.length;
    }

    @Override
    public List<String> stateNames() {
        return names;
    }

    @Override
    public void stateInto(double[] out, int off) {
        System.arraycopy(z, 0, out, off, z.length);
    }
}
