package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.iblrnn.math.Seeds;
import org.iblrnn.math.Simd;
import org.iblrnn.nn.Cell;
import org.iblrnn.nn.Loss;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.Readout;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.Tape;
import org.iblrnn.train.Adam;
import org.iblrnn.train.OptimizerConfig;

/**
 * Tiny recurrent networks fitted to a subject's choices (Ji-An, Benna &amp; Mattar, "Discovering
 * cognitive strategies with tiny recurrent neural networks", Nature 2025): a one-layer tanh RNN
 * ({@code rnn-N}) or GRU ({@code gru-N}) of N = 1..{@value #MAX_HIDDEN} units with a linear
 * two-way softmax readout, the project's {@link RecurrentModel} (PyTorch equations and
 * state-dict names), run open-loop on the subject's own history (teacher forcing).
 *
 * <p>Input of trial t, {@value #INPUTS} numbers, what the subject had when it chose:
 * <ol start="0">
 * <li>contrast on the left, max(-c_t, 0), with c_t the signed contrast in [-1, 1];</li>
 * <li>contrast on the right, max(c_t, 0) (a zero-contrast trial gives 0 on both);</li>
 * <li>1 if the subject's choice on trial t-1 was left, else 0;</li>
 * <li>1 if it was right, else 0 (both 0 on the session's first trial and after a no-response
 *     trial);</li>
 * <li>the reward of trial t-1: +1 if its choice was on the stimulus side, -1 if on the other side,
 *     0 after a no-response trial and on the first trial.</li>
 * </ol>
 * The hidden state is 0 at every session start; after reading trial t's input the readout gives
 * logits (left, right) and P(right) = softmax. No-response trials are run through (the network
 * sees their stimulus) but neither scored nor trained on.
 *
 * <p>Training ({@link Training#DEFAULT}): cross-entropy, mean per response, with exact gradients
 * (backpropagation through whole sessions, no truncation); PyTorch's default initialisation
 * (seeded); Adam (lr 0.03, β = 0.9, 0.999), one gradient step per session (a session's mean
 * cross-entropy), sessions reshuffled every epoch: on KS014 this reached the same held-out bits as
 * full-batch steps or 2-session minibatches in 3-5 times fewer epochs, and lr 0.01 needed about
 * twice the epochs for no better score. Early stopping on validation sessions: 20% of the training
 * sessions (at least one; seeded), held out of the gradient, scored after every epoch. The
 * parameters with the lowest validation loss are kept; training stops after 20 epochs without
 * improvement or at 400 epochs. {@code fit} sees only its training
 * sessions, so cross-validation's held-out fold never reaches the early stopping. With a single
 * training session there is no validation set: it trains for the maximum number of epochs and
 * keeps the last parameters (noted in the fit).
 *
 * <p>{@link ChoiceFit}: {@code hidden}, {@code epochs} (epochs run), {@code best_epoch} (1-based
 * epoch of the kept parameters), {@code validation_bits_per_trial} (mean log₂ likelihood per
 * validation response, NaN without validation), then every weight by its PyTorch name with
 * indices, e.g. {@code core.weight_ih_l0[2][0]}, {@code readout.bias[1]}. {@code iterations} counts
 * Adam steps; {@code converged} is true when early stopping ended the training.
 *
 * <p>Deterministic: one fit runs on one thread, so the same sessions and seed give the same bits.
 */
public final class TinyRnn implements ChoiceModel {
    /** Largest hidden size. */
    public static final int MAX_HIDDEN = 16;
    /** Inputs per trial. */
    public static final int INPUTS = 5;
    /** The accepted cells. */
    public static final List<String> CELLS = List.of("rnn", "gru");

    private static final Pattern NAME = Pattern.compile("(rnn|gru)-([1-9][0-9]?)");

    /**
     * Training options.
     *
     * @param learningRate       Adam's learning rate
     * @param batchSessions      sessions per gradient step (the last batch of an epoch may be smaller)
     * @param maxEpochs          most passes over the training sessions
     * @param patience           stop after this many epochs without a lower validation loss
     * @param validationFraction fraction of the training sessions held out for early stopping
     */
    public record Training(double learningRate, int batchSessions, int maxEpochs, int patience,
                           double validationFraction) {
        /** lr 0.03, one session per step, at most 400 epochs, patience 20, 20% validation. */
        public static final Training DEFAULT = new Training(0.03, 1, 400, 20, 0.2);

        public Training {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            }
            if (batchSessions < 1 || maxEpochs < 1 || patience < 1) {
                throw new IllegalArgumentException("batch sessions, max epochs and patience must be >= 1, got "
                        + batchSessions + ", " + maxEpochs + ", " + patience);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), got "
                        + validationFraction);
            }
        }
    }

    private final String cell;
    private final int hidden;
    private final Training training;
    private final RecurrentModel model;

    public TinyRnn(String cell, int hidden) {
        this(cell, hidden, Training.DEFAULT);
    }

    public TinyRnn(String cell, int hidden, Training training) {
        if (!CELLS.contains(cell)) {
            throw new IllegalArgumentException("tiny RNN cell must be one of " + CELLS + ", got " + cell);
        }
        if (hidden < 1 || hidden > MAX_HIDDEN) {
            throw new IllegalArgumentException("tiny RNN hidden size must be in [1, " + MAX_HIDDEN + "], got "
                    + hidden);
        }
        this.cell = cell;
        this.hidden = hidden;
        this.training = training;
        this.model = new RecurrentModel(new ModelConfig(cell, INPUTS, hidden, 2));
    }

    /** Whether {@code name} is a tiny RNN's name: rnn-N or gru-N with N in 1..{@value #MAX_HIDDEN}. */
    public static boolean isName(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() && Integer.parseInt(m.group(2)) <= MAX_HIDDEN;
    }

    /** The tiny RNN called {@code name} ({@link #isName}), with the default training. */
    public static TinyRnn named(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a tiny RNN: '" + name + "' (rnn-N or gru-N, N = 1.." + MAX_HIDDEN
                    + ")");
        }
        int dash = name.indexOf('-');
        return new TinyRnn(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }

    @Override
    public String name() {
        return cell + "-" + hidden;
    }

    /** The network (shared, stateless). */
    public RecurrentModel network() {
        return model;
    }

    /** The inputs of every trial of {@code s}, {@value #INPUTS} per trial, trial-major (see the class comment). */
    public static double[] inputs(ChoiceSession s) {
        int n = s.length();
        double[] x = new double[n * INPUTS];
        for (int t = 0; t < n; t++) {
            int o = t * INPUTS;
            double c = s.signedContrast(t);
            x[o] = Math.max(-c, 0.0);
            x[o + 1] = Math.max(c, 0.0);
            if (t > 0) {
                int prev = s.choiceAt(t - 1);
                if (prev != 0) {
                    x[o + (prev < 0 ? 2 : 3)] = 1.0;
                    x[o + 4] = s.rewarded(t - 1) ? 1.0 : -1.0;
                }
            }
        }
        return x;
    }

    /** One session prepared for the network: inputs, targets (0 left, 1 right, -1 none). */
    record Encoded(ChoiceSession session, double[] x, int[] target, int responses) {
        static Encoded of(ChoiceSession s) {
            int n = s.length();
            int[] target = new int[n];
            for (int t = 0; t < n; t++) {
                int c = s.choiceAt(t);
                target[t] = c == 0 ? -1 : (c > 0 ? 1 : 0);
            }
            return new Encoded(s, inputs(s), target, s.responses());
        }

        int length() {
            return target.length;
        }
    }

    /**
     * The open-loop objective on a list of sessions: the summed cross-entropy (nats) of the
     * responses, and its exact gradient. One per thread (it owns a tape).
     */
    static final class Objective {
        private final Tape tape;

        Objective(RecurrentModel model) {
            this.tape = model.newTape(1024);
        }

        /** Runs session {@code e} forward with {@code theta}, its targets set; returns the tape. */
        private Tape run(Encoded e, double[] theta) {
            tape.begin(theta);
            double[] x = e.x();
            int[] target = e.target();
            for (int t = 0; t < target.length; t++) {
                tape.forward(x, t * INPUTS);
                if (target[t] >= 0) {
                    tape.target(target[t], 1.0);
                }
            }
            return tape;
        }

        /** Summed cross-entropy of the responses of {@code sessions}. */
        double value(List<Encoded> sessions, double[] theta) {
            double sum = 0;
            for (Encoded e : sessions) {
                sum += run(e, theta).loss(Loss.CE, 1.0);
            }
            return sum;
        }

        /** {@code scale} times the summed cross-entropy of {@code sessions}; its gradient is added to {@code grad}. */
        double valueAndGradient(List<Encoded> sessions, double[] theta, double scale, double[] grad) {
            double sum = 0;
            for (Encoded e : sessions) {
                sum += run(e, theta).backward(Loss.CE, scale, grad);
            }
            return sum;
        }

        /** P(right) on every trial of {@code e}. */
        double[] probRight(Encoded e, double[] theta) {
            Tape tp = run(e, theta);
            double[] p = new double[e.length()];
            for (int t = 0; t < p.length; t++) {
                p[t] = tp.prob(t, 1);
            }
            return p;
        }

        /**
         * P(right) on every trial t of {@code e} had t shown zero contrast: one step with both
         * contrast inputs 0 from the real state after trial t - 1 (the past, stimuli included, as it was).
         */
        double[] priorProbRight(RecurrentModel model, Encoded e, double[] theta) {
            Tape tp = run(e, theta);
            Cell.Kernel kernel = model.cell().newKernel();
            kernel.load(theta, 0);
            int h = model.cell().hiddenSize();
            int size = Simd.padded(model.cell().stateSize());
            double[] prev = new double[size];
            double[] out = new double[size];
            double[] x = new double[INPUTS];
            double[] w0 = new double[h];
            double[] w1 = new double[h];
            int wo = model.layout().block("readout.weight").offset();
            int bo = model.layout().block("readout.bias").offset();
            System.arraycopy(theta, wo, w0, 0, h);
            System.arraycopy(theta, wo + h, w1, 0, h);
            double[] pr = new double[2];
            double[] p = new double[e.length()];
            for (int t = 0; t < p.length; t++) {
                if (t > 0) {
                    tp.hiddenInto(t - 1, prev, 0);
                }
                System.arraycopy(e.x(), t * INPUTS, x, 0, INPUTS);
                x[0] = 0.0;
                x[1] = 0.0;
                kernel.forward(x, prev, out);
                Readout.softmax2(Readout.dot(w0, out, h) + theta[bo], Readout.dot(w1, out, h) + theta[bo + 1], pr, 0);
                p[t] = pr[1];
            }
            return p;
        }
    }

    /**
     * Splits {@code n} training sessions into validation (first array) and training (second)
     * positions: a seeded shuffle, round(fraction n) clamped to [1, n - 1] sessions for validation,
     * each part in input order; no validation when n &lt; 2.
     */
    static int[][] split(int n, double fraction, long seed) {
        if (n < 2) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new int[][] {new int[0], all};
        }
        int[] order = shuffled(n, new SplittableRandom(seed));
        int nv = (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
        int[] val = Arrays.copyOf(order, nv);
        int[] tr = Arrays.copyOfRange(order, nv, n);
        Arrays.sort(val);
        Arrays.sort(tr);
        return new int[][] {val, tr};
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public Fitted fit(List<ChoiceSession> train, long seed) {
        ChoiceModel.requireResponses(train, name());
        int[][] parts = split(train.size(), training.validationFraction(), Seeds.derive(seed, "validation"));
        List<Encoded> val = new ArrayList<>();
        List<Encoded> tr = new ArrayList<>();
        for (int i : parts[0]) {
            val.add(Encoded.of(train.get(i)));
        }
        for (int i : parts[1]) {
            tr.add(Encoded.of(train.get(i)));
        }
        int valResponses = 0;
        for (Encoded e : val) {
            valResponses += e.responses();
        }
        int trResponses = 0;
        for (Encoded e : tr) {
            trResponses += e.responses();
        }
        if (trResponses == 0 || valResponses == 0) {
            // too little to carve a validation set with responses: train on everything, no early stopping
            tr.addAll(val);
            val.clear();
            valResponses = 0;
        }
        boolean validate = !val.isEmpty();

        double[] theta = model.initialise(Seeds.stream(seed, "init"));
        double[] grad = new double[theta.length];
        double[] best = theta.clone();
        Adam adam = new Adam(OptimizerConfig.adam(training.learningRate()), theta.length);
        Objective obj = new Objective(model);
        SplittableRandom orderRng = Seeds.stream(seed, "order");
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        boolean stopped = false;
        boolean diverged = false;
        List<Encoded> batch = new ArrayList<>();
        while (epoch < training.maxEpochs()) {
            epoch++;
            int[] order = shuffled(tr.size(), orderRng);
            for (int b = 0; b < order.length; b += training.batchSessions()) {
                batch.clear();
                int responses = 0;
                for (int i = b; i < Math.min(order.length, b + training.batchSessions()); i++) {
                    Encoded e = tr.get(order[i]);
                    batch.add(e);
                    responses += e.responses();
                }
                if (responses == 0) {
                    continue;
                }
                Arrays.fill(grad, 0.0);
                obj.valueAndGradient(batch, theta, 1.0 / responses, grad);
                adam.step(theta, grad);
            }
            if (!validate) {
                continue;
            }
            double v = obj.value(val, theta) / valResponses;
            if (!Double.isFinite(v)) {
                diverged = true;
                break;
            }
            if (v < bestVal) {
                bestVal = v;
                bestEpoch = epoch;
                System.arraycopy(theta, 0, best, 0, theta.length);
            } else if (epoch - bestEpoch >= training.patience()) {
                stopped = true;
                break;
            }
        }
        String note;
        if (!validate) {
            System.arraycopy(theta, 0, best, 0, theta.length);
            bestEpoch = epoch;
            note = "no validation session with a response: trained " + epoch + " epochs, last parameters kept";
        } else if (stopped) {
            note = "";
        } else if (diverged) {
            note = "validation loss not finite at epoch " + epoch + "; "
                    + (bestEpoch == 0 ? "initial parameters kept" : "best epoch " + bestEpoch + " kept");
        } else {
            note = "stopped at the " + training.maxEpochs() + "-epoch limit; best epoch " + bestEpoch;
        }
        List<Encoded> all = new ArrayList<>(tr);
        all.addAll(val);
        double trainLl = -obj.value(all, best);
        double objective = -obj.value(tr, best);
        List<String> names = new ArrayList<>(List.of("hidden", "epochs", "best_epoch", "validation_bits_per_trial"));
        double[] values = new double[4 + best.length];
        values[0] = hidden;
        values[1] = epoch;
        values[2] = bestEpoch;
        values[3] = validate && bestEpoch > 0 ? -bestVal / Math.log(2) : Double.NaN;
        System.arraycopy(best, 0, values, 4, best.length);
        names.addAll(parameterNames(model));
        List<Integer> valIds = new ArrayList<>();
        for (Encoded e : val) {
            valIds.add(e.session().id());
        }
        ChoiceFit fit = new ChoiceFit(name(), names, values, trainLl, objective, (int) adam.steps(), stopped, note);
        return new Fitted(model, best, fit, valIds);
    }

    /** Every parameter of {@code m} by PyTorch name and index: {@code core.weight_hh_l0[i][j]}, {@code readout.bias[o]}. */
    static List<String> parameterNames(RecurrentModel m) {
        List<String> out = new ArrayList<>();
        for (ParamBlock b : m.layout().blocks()) {
            List<Integer> shape = b.shape();
            if (shape.size() == 1) {
                for (int i = 0; i < shape.get(0); i++) {
                    out.add(b.name() + "[" + i + "]");
                }
            } else {
                for (int i = 0; i < shape.get(0); i++) {
                    for (int j = 0; j < shape.get(1); j++) {
                        out.add(b.name() + "[" + i + "][" + j + "]");
                    }
                }
            }
        }
        return out;
    }

    /** A fitted tiny RNN: immutable; each prediction runs on its own tape. */
    public static final class Fitted implements FittedChoiceModel {
        private final RecurrentModel model;
        private final double[] theta;
        private final ChoiceFit fit;
        private final List<Integer> validationIds;

        Fitted(RecurrentModel model, double[] theta, ChoiceFit fit, List<Integer> validationIds) {
            this.model = model;
            this.theta = theta.clone();
            this.fit = fit;
            this.validationIds = List.copyOf(validationIds);
        }

        @Override
        public double[] probRight(ChoiceSession s) {
            return new Objective(model).probRight(Encoded.of(s), theta);
        }

        /**
         * The prior on trial t: P(right) had trial t shown zero contrast, the network's state
         * after the real trials before it unchanged (past stimuli included, which the default,
         * zeroing every contrast, would change).
         */
        @Override
        public double[] priorProbRight(ChoiceSession s) {
            return new Objective(model).priorProbRight(model, Encoded.of(s), theta);
        }

        @Override
        public ChoiceFit fit() {
            return fit;
        }

        /** The network. */
        public RecurrentModel network() {
            return model;
        }

        /** The kept parameters, in the network's flat PyTorch layout (a copy). */
        public double[] parameters() {
            return theta.clone();
        }

        /** Ids of the training sessions used for early stopping (not for gradients). */
        public List<Integer> validationSessionIds() {
            return validationIds;
        }
    }
}
