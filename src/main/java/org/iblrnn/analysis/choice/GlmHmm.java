package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.iblrnn.math.Activations;
import org.iblrnn.math.Seeds;

/**
 * The GLM-HMM of Ashwood et al. 2022 ("Mice alternate between discrete strategies during
 * perceptual decision-making", Nat. Neurosci.): K hidden states with a Markov transition matrix,
 * and in each state a Bernoulli GLM P(right | x_t, z_t = k) = σ(w_k · x_t) on the inputs
 * x_t = [f(c_t), prev_choice_t, 1], f = {@link ContrastTransform#value} with
 * {@link ContrastTransform#GLM_HMM_K}, prev_choice_t the choice (-1/+1) of trial t-1 of the same
 * session (0 on the session's first trial and after a no-response trial).
 *
 * <p>The chain starts from π at every session start. A no-response trial has no emission (its
 * likelihood factor is 1) but the chain still steps through it.
 *
 * <p>Fitted by EM: the E-step is a scaled forward–backward pass; the M-step maximises the expected
 * complete-data log-likelihood plus the log prior: a Gaussian N(0, σ² I) prior on each state's
 * weights (σ = 2; Newton's method on the weights aggregated per distinct input row, warm-started
 * from the previous weights, backtracking so the objective never decreases, run to convergence), a
 * Dirichlet(α) prior on each row of the transition matrix and on π (α = 2: expected counts + 1,
 * normalised). The objective is the log posterior up to additive constants (the priors'
 * normalisers are omitted): log p(y | θ) − Σ_k |w_k|² / (2σ²) + (α − 1)(Σ_ij log A_ij + Σ_k log π_k).
 * EM increases it monotonically. K ≥ 2 fits start from several initialisations (the K = 1 fit's
 * weights plus independent N(0, 0.5²) noise per state and weight, A = 0.95 on the diagonal and the
 * rest uniform, π uniform) and keep the one with the highest final log posterior; K = 1 is a plain
 * MAP logistic regression. After fitting, states are ordered by descending stimulus weight (state
 * 1 is the most stimulus-driven, "engaged" state), so parameters are comparable across folds.
 *
 * <p>Held-out predictions are the forward filter's one-step predictive P(y_t = R | y_&lt;t), whose
 * product over a session's responses is its marginal likelihood.
 */
public final class GlmHmm implements ChoiceModel {
    /** Largest number of hidden states. */
    public static final int MAX_STATES = 4;
    /** Inputs per trial: transformed stimulus, previous choice, bias. */
    public static final int INPUTS = 3;

    /**
     * Fit options.
     *
     * @param initialisations random initialisations for K ≥ 2 (K = 1 always uses one)
     * @param maxIterations   most EM iterations per initialisation
     * @param tolerance       EM stops when the relative increase of the log posterior in one
     *                        iteration is at most this
     * @param priorSigma      standard deviation of the Gaussian prior on every weight
     * @param dirichletAlpha  concentration of the Dirichlet prior on each row of A and on π (≥ 1; 1 = ML)
     * @param initNoise       standard deviation of the noise added to the K = 1 weights per state
     */
    public record Options(int initialisations, int maxIterations, double tolerance, double priorSigma,
                          double dirichletAlpha, double initNoise) {
        /** 3 initialisations, 200 iterations, tolerance 1e-6, σ = 2, α = 2, noise 0.5. */
        public static final Options DEFAULT = new Options(3, 200, 1e-6, 2.0, 2.0, 0.5);

        public Options {
            if (initialisations < 1 || maxIterations < 1 || !(tolerance >= 0) || !(priorSigma > 0)
                    || !(dirichletAlpha >= 1) || !(initNoise >= 0) || Double.isInfinite(priorSigma)) {
                throw new IllegalArgumentException("glm-hmm options: need initialisations >= 1, maxIterations >= 1,"
                        + " tolerance >= 0, 0 < priorSigma < inf, dirichletAlpha >= 1, initNoise >= 0; got "
                        + initialisations + ", " + maxIterations + ", " + tolerance + ", " + priorSigma + ", "
                        + dirichletAlpha + ", " + initNoise);
            }
        }
    }

    private final int states;
    private final Options options;

    /** A GLM-HMM with {@code states} hidden states (1..4) and the default options. */
    public GlmHmm(int states) {
        this(states, Options.DEFAULT);
    }

    /** A GLM-HMM with {@code states} hidden states (1..4). */
    public GlmHmm(int states, Options options) {
        if (states < 1 || states > MAX_STATES) {
            throw new IllegalArgumentException("glm-hmm: states must be in 1.." + MAX_STATES + ", got " + states);
        }
        this.states = states;
        this.options = Objects.requireNonNull(options, "options");
    }

    public int states() {
        return states;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "glm-hmm-" + states;
    }

    @Override
    public Fitted fit(List<ChoiceSession> train, long seed) {
        ChoiceModel.requireResponses(train, name());
        Data data = new Data(train);
        int k = states;
        Run single = new Engine(data, 1, options).run(new double[][] {{0, 0, 0}}, new double[] {1}, new double[] {1});
        List<Run> runs = new ArrayList<>();
        if (k == 1) {
            runs.add(single);
        } else {
            Engine engine = new Engine(data, k, options);
            for (int i = 0; i < options.initialisations(); i++) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "init-" + i));
                double[][] w = new double[k][INPUTS];
                for (int s = 0; s < k; s++) {
                    for (int j = 0; j < INPUTS; j++) {
                        w[s][j] = single.w[0][j] + options.initNoise() * gaussian(rng);
                    }
                }
                double[] a = new double[k * k];
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < k; c++) {
                        a[r * k + c] = r == c ? 0.95 : 0.05 / (k - 1);
                    }
                }
                double[] pi = new double[k];
                Arrays.fill(pi, 1.0 / k);
                runs.add(engine.run(w, a, pi));
            }
        }
        int best = 0;
        int iterations = 0;
        int converged = 0;
        for (int i = 0; i < runs.size(); i++) {
            iterations += runs.get(i).iterations;
            converged += runs.get(i).converged ? 1 : 0;
            if (runs.get(i).logPosterior > runs.get(best).logPosterior) {
                best = i;
            }
        }
        Run r = runs.get(best);
        // order states by descending stimulus weight (stable on ties)
        Integer[] order = new Integer[k];
        for (int s = 0; s < k; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (p, q) -> Double.compare(r.w[q][0], r.w[p][0]));
        double[][] w = new double[k][];
        double[][] a = new double[k][k];
        double[] pi = new double[k];
        for (int s = 0; s < k; s++) {
            w[s] = r.w[order[s]].clone();
            pi[s] = r.pi[order[s]];
            for (int t = 0; t < k; t++) {
                a[s][t] = r.a[order[s] * k + order[t]];
            }
        }
        StringBuilder note = new StringBuilder();
        if (k == 1) {
            note.append("MAP logistic regression");
        } else {
            note.append("best of ").append(runs.size()).append(" initialisations (#").append(best + 1).append(")");
        }
        note.append("; ").append(converged).append(" of ").append(runs.size()).append(" converged");
        if (!r.converged) {
            note.append("; best stopped at ").append(options.maxIterations()).append(" EM iterations");
        }
        if (!r.monotone) {
            note.append("; log posterior decreased during EM");
        }
        note.append("; objective = log posterior up to constants (Gaussian sigma ").append(options.priorSigma())
                .append(" on weights, Dirichlet alpha ").append(options.dirichletAlpha()).append(" on A rows and pi)");
        double[][] traces = new double[runs.size()][];
        for (int i = 0; i < runs.size(); i++) {
            traces[i] = runs.get(i).trace.clone();
        }
        ChoiceFit fit = new ChoiceFit(name(), parameterNames(k), parameterValues(w, a, pi), r.logLikelihood,
                r.logPosterior, iterations, r.converged, note.toString());
        return new Fitted(w, a, pi, fit, traces, best);
    }

    /** Parameter names: state{k}_stimulus, state{k}_prev_choice, state{k}_bias, p{i}{j} (K ≥ 2), pi{k}. */
    static List<String> parameterNames(int k) {
        List<String> names = new ArrayList<>();
        for (int s = 1; s <= k; s++) {
            names.add("state" + s + "_stimulus");
            names.add("state" + s + "_prev_choice");
            names.add("state" + s + "_bias");
        }
        if (k > 1) {
            for (int i = 1; i <= k; i++) {
                for (int j = 1; j <= k; j++) {
                    names.add("p" + i + j);
                }
            }
        }
        for (int s = 1; s <= k; s++) {
            names.add("pi" + s);
        }
        return names;
    }

    private static double[] parameterValues(double[][] w, double[][] a, double[] pi) {
        int k = w.length;
        double[] v = new double[INPUTS * k + (k > 1 ? k * k : 0) + k];
        int n = 0;
        for (double[] ws : w) {
            for (double x : ws) {
                v[n++] = x;
            }
        }
        if (k > 1) {
            for (double[] row : a) {
                for (double x : row) {
                    v[n++] = x;
                }
            }
        }
        for (double x : pi) {
            v[n++] = x;
        }
        return v;
    }

    /** Standard normal deviate by Box–Muller (stable across JDK versions). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble(); // (0, 1]
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** log(1 + e^z), stable. */
    static double log1pExp(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** The transformed stimulus input of trial t. */
    static double stimulusInput(ChoiceSession s, int t) {
        return ContrastTransform.value(s.signedContrast(t), ContrastTransform.GLM_HMM_K);
    }

    /** The previous-choice input of trial t: choice of t-1 (0 at session start or after no response). */
    static int previousChoice(ChoiceSession s, int t) {
        return t == 0 ? 0 : s.choiceAt(t - 1);
    }

    // ------------------------------------------------------------------------------------------
    // The fitted model

    /** A fitted GLM-HMM: the forward-filter predictive, smoothed state posteriors and the parameters. */
    public static final class Fitted implements FittedChoiceModel {
        private final int k;
        private final double[][] w;
        private final double[][] a;
        private final double[] pi;
        private final ChoiceFit fit;
        private final double[][] traces;
        private final int best;

        private Fitted(double[][] w, double[][] a, double[] pi, ChoiceFit fit, double[][] traces, int best) {
            this.k = w.length;
            this.w = w;
            this.a = a;
            this.pi = pi;
            this.fit = fit;
            this.traces = traces;
            this.best = best;
        }

        /**
         * A model with the given parameters (e.g. to simulate from, or to check the filter).
         *
         * @param weights     [K][3]: stimulus, previous choice, bias per state
         * @param transitions [K][K], rows summing to 1
         * @param initial     [K], summing to 1
         */
        public static Fitted of(double[][] weights, double[][] transitions, double[] initial) {
            int k = weights.length;
            if (k < 1 || k > MAX_STATES || transitions.length != k || initial.length != k) {
                throw new IllegalArgumentException("glm-hmm: need K in 1.." + MAX_STATES + " weight rows, K x K "
                        + "transitions and K initial probabilities; got " + k + ", " + transitions.length + ", "
                        + initial.length);
            }
            double[][] w = new double[k][];
            double[][] a = new double[k][];
            for (int s = 0; s < k; s++) {
                if (weights[s].length != INPUTS || transitions[s].length != k) {
                    throw new IllegalArgumentException("glm-hmm: state " + (s + 1) + " needs " + INPUTS
                            + " weights and " + k + " transition probabilities");
                }
                w[s] = weights[s].clone();
                a[s] = transitions[s].clone();
            }
            double[] pi = initial.clone();
            String name = "glm-hmm-" + k;
            ChoiceFit fit = new ChoiceFit(name, parameterNames(k), parameterValues(w, a, pi), Double.NaN,
                    Double.NaN, 0, true, "given parameters, not fitted");
            return new Fitted(w, a, pi, fit, new double[0][], -1);
        }

        /** Number of hidden states. */
        public int states() {
            return k;
        }

        /** Per-state weights [K][3] (stimulus, previous choice, bias); state 0 has the largest stimulus weight. */
        public double[][] weights() {
            double[][] out = new double[k][];
            for (int s = 0; s < k; s++) {
                out[s] = w[s].clone();
            }
            return out;
        }

        /** Transition matrix [K][K]: entry [i][j] = P(z_{t+1} = j | z_t = i). */
        public double[][] transitions() {
            double[][] out = new double[k][];
            for (int s = 0; s < k; s++) {
                out[s] = a[s].clone();
            }
            return out;
        }

        /** Initial state distribution [K] (at every session start). */
        public double[] initial() {
            return pi.clone();
        }

        /**
         * P(right) in state {@code state} (0-based) for a trial of signed contrast {@code signedContrast} and
         * previous choice {@code prevChoice} (-1, 0, +1): the per-state psychometric curve.
         */
        public double stateProbRight(int state, double signedContrast, int prevChoice) {
            double f = ContrastTransform.value(signedContrast, ContrastTransform.GLM_HMM_K);
            double[] ws = w[state];
            return Activations.sigmoid(ws[0] * f + ws[1] * prevChoice + ws[2]);
        }

        /**
         * Log posterior per EM iteration for each initialisation ([init][iteration], the first entry at the
         * initial parameters); empty for a model built with {@link #of}. Non-decreasing up to rounding.
         */
        public double[][] logPosteriorTraces() {
            double[][] out = new double[traces.length][];
            for (int i = 0; i < traces.length; i++) {
                out[i] = traces[i].clone();
            }
            return out;
        }

        /** Index of the kept initialisation in {@link #logPosteriorTraces()} (-1 for {@link #of}). */
        public int bestInitialisation() {
            return best;
        }

        @Override
        public ChoiceFit fit() {
            return fit;
        }

        /** Emission P(right) per state for trial t, into {@code out}. */
        private void probRightPerState(ChoiceSession s, int t, double[] out) {
            double f = stimulusInput(s, t);
            int prev = previousChoice(s, t);
            for (int j = 0; j < k; j++) {
                out[j] = Activations.sigmoid(w[j][0] * f + w[j][1] * prev + w[j][2]);
            }
        }

        /**
         * The forward filter's one-step predictive P(y_t = R | y_&lt;t, inputs) = Σ_k P(z_t = k | y_&lt;t) σ(w_k · x_t)
         * for every trial (the filter conditions on past responses only).
         */
        @Override
        public double[] probRight(ChoiceSession s) {
            return forward(s, false);
        }

        /**
         * The model's prior on each trial: Σ_k P(z_t = k | y_&lt;t) σ(w_k · [0, c_{t-1}, 1]), the
         * predictive for a zero-contrast stimulus with the filter run on the real past trials
         * (exact, unlike the default, which would zero the past stimuli too).
         */
        @Override
        public double[] priorProbRight(ChoiceSession s) {
            return forward(s, true);
        }

        /** The forward filter over {@code s}, predicting each trial with its stimulus or with zero contrast. */
        private double[] forward(ChoiceSession s, boolean zeroContrast) {
            int n = s.length();
            double[] out = new double[n];
            double[] filt = new double[k];
            double[] pred = new double[k];
            double[] pr = new double[k];
            double[] pr0 = new double[k];
            for (int t = 0; t < n; t++) {
                if (t == 0) {
                    System.arraycopy(pi, 0, pred, 0, k);
                } else {
                    for (int j = 0; j < k; j++) {
                        double v = 0;
                        for (int i = 0; i < k; i++) {
                            v += filt[i] * a[i][j];
                        }
                        pred[j] = v;
                    }
                }
                probRightPerState(s, t, pr);
                if (zeroContrast) {
                    int prev = previousChoice(s, t);
                    for (int j = 0; j < k; j++) {
                        pr0[j] = stateProbRight(j, 0.0, prev);
                    }
                }
                double[] use = zeroContrast ? pr0 : pr;
                double p = 0;
                for (int j = 0; j < k; j++) {
                    p += pred[j] * use[j];
                }
                out[t] = Math.min(1.0, Math.max(0.0, p));
                int c = s.choiceAt(t);
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double e = c > 0 ? pr[j] : (c < 0 ? 1 - pr[j] : 1.0);
                    filt[j] = pred[j] * e;
                    sum += filt[j];
                }
                if (sum > 0) {
                    for (int j = 0; j < k; j++) {
                        filt[j] /= sum;
                    }
                } else {
                    System.arraycopy(pred, 0, filt, 0, k);
                }
            }
            return out;
        }

        /**
         * Smoothed state posteriors P(z_t = k | all responses of the session) [T][K] (forward–backward; uses
         * each trial's own choice, so for display, not for prediction).
         */
        public double[][] statePosteriors(ChoiceSession s) {
            int n = s.length();
            double[][] alpha = new double[n][k];
            double[][] em = new double[n][k];
            double[] scale = new double[n];
            double[] pr = new double[k];
            for (int t = 0; t < n; t++) {
                probRightPerState(s, t, pr);
                int c = s.choiceAt(t);
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    em[t][j] = c > 0 ? pr[j] : (c < 0 ? 1 - pr[j] : 1.0);
                    double p;
                    if (t == 0) {
                        p = pi[j];
                    } else {
                        p = 0;
                        for (int i = 0; i < k; i++) {
                            p += alpha[t - 1][i] * a[i][j];
                        }
                    }
                    alpha[t][j] = p * em[t][j];
                    sum += alpha[t][j];
                }
                scale[t] = sum;
                for (int j = 0; j < k; j++) {
                    alpha[t][j] /= sum;
                }
            }
            double[][] gamma = new double[n][k];
            double[] beta = new double[k];
            double[] next = new double[k];
            double[] tmp = new double[k];
            Arrays.fill(beta, 1.0);
            for (int t = n - 1; t >= 0; t--) {
                if (t < n - 1) {
                    for (int j = 0; j < k; j++) {
                        tmp[j] = em[t + 1][j] * beta[j] / scale[t + 1];
                    }
                    for (int i = 0; i < k; i++) {
                        double v = 0;
                        for (int j = 0; j < k; j++) {
                            v += a[i][j] * tmp[j];
                        }
                        next[i] = v;
                    }
                    System.arraycopy(next, 0, beta, 0, k);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    gamma[t][j] = alpha[t][j] * beta[j];
                    sum += gamma[t][j];
                }
                for (int j = 0; j < k; j++) {
                    gamma[t][j] /= sum;
                }
            }
            return gamma;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Training data, precomputed once per fit

    /**
     * The training trials, concatenated: per trial a code = pattern * 3 + (choice + 1), where a
     * pattern is one distinct input row (transformed stimulus, previous choice). IBL sessions have a
     * few dozen distinct rows, so emissions and the M-step work per pattern, not per trial.
     */
    private static final class Data {
        final int[] start;
        final int[] code;
        final int patterns;
        final double[] stim;
        final double[] prev;
        final int maxLength;
        final int nonEmptySessions;

        Data(List<ChoiceSession> sessions) {
            int total = 0;
            int maxLen = 0;
            int nonEmpty = 0;
            for (ChoiceSession s : sessions) {
                total += s.length();
                maxLen = Math.max(maxLen, s.length());
                nonEmpty += s.length() > 0 ? 1 : 0;
            }
            maxLength = maxLen;
            nonEmptySessions = nonEmpty;
            start = new int[sessions.size() + 1];
            double[] f = new double[total];
            int[] pc = new int[total];
            int[] y = new int[total];
            int n = 0;
            for (int i = 0; i < sessions.size(); i++) {
                ChoiceSession s = sessions.get(i);
                start[i] = n;
                for (int t = 0; t < s.length(); t++) {
                    f[n] = stimulusInput(s, t) + 0.0; // +0.0 folds -0.0 into 0.0
                    pc[n] = previousChoice(s, t);
                    y[n] = s.choiceAt(t);
                    n++;
                }
            }
            start[sessions.size()] = n;
            double[] uniq = f.clone();
            Arrays.sort(uniq);
            int u = 0;
            for (int i = 0; i < uniq.length; i++) {
                if (i == 0 || Double.compare(uniq[i], uniq[u - 1]) != 0) {
                    uniq[u++] = uniq[i];
                }
            }
            int[] map = new int[u * 3];
            Arrays.fill(map, -1);
            int p = 0;
            code = new int[total];
            double[] st = new double[Math.min(u * 3, Math.max(total, 1))];
            double[] pv = new double[st.length];
            for (int t = 0; t < total; t++) {
                int raw = Arrays.binarySearch(uniq, 0, u, f[t]) * 3 + pc[t] + 1;
                if (map[raw] < 0) {
                    map[raw] = p;
                    st[p] = f[t];
                    pv[p] = pc[t];
                    p++;
                }
                code[t] = map[raw] * 3 + y[t] + 1;
            }
            patterns = p;
            stim = Arrays.copyOf(st, p);
            prev = Arrays.copyOf(pv, p);
        }
    }

    /** One initialisation's result (states in fitting order). */
    private static final class Run {
        double[][] w;
        double[] a;
        double[] pi;
        double logLikelihood;
        double logPosterior;
        int iterations;
        boolean converged;
        boolean monotone = true;
        double[] trace;
    }

    /** EM on one data set for one K; owns its work arrays (one per fit call, so fits are thread-safe). */
    private static final class Engine {
        private static final int NEWTON_STEPS = 50;

        final Data d;
        final int k;
        final Options o;
        final double invVar;
        final double am1;
        final double[] alpha;
        final double[] scale; // 1 / (forward normaliser) per trial of the current session
        final double[] em;
        final double[] g;
        final double[] xi;
        final double[] pi0;
        final double[] beta;
        final double[] tmp;

        Engine(Data d, int k, Options o) {
            this.d = d;
            this.k = k;
            this.o = o;
            this.invVar = 1.0 / (o.priorSigma() * o.priorSigma());
            this.am1 = o.dirichletAlpha() - 1;
            alpha = new double[d.maxLength * k];
            scale = new double[d.maxLength];
            em = new double[d.patterns * 3 * k];
            g = new double[d.patterns * 3 * k];
            xi = new double[k * k];
            pi0 = new double[k];
            beta = new double[k];
            tmp = new double[k];
        }

        Run run(double[][] w0, double[] a0, double[] p0) {
            double[][] w = new double[k][];
            for (int s = 0; s < k; s++) {
                w[s] = w0[s].clone();
            }
            double[] a = a0.clone();
            double[] pi = p0.clone();
            double[] trace = new double[o.maxIterations() + 1];
            int n = 0;
            double prevLp = Double.NaN;
            double ll;
            double lp;
            boolean converged = false;
            boolean monotone = true;
            int iterations = 0;
            while (true) {
                ll = eStep(w, a, pi);
                lp = ll + logPrior(w, a, pi);
                trace[n++] = lp;
                if (n > 1) {
                    double gain = lp - prevLp;
                    if (gain < -1e-9 * Math.abs(prevLp)) {
                        monotone = false;
                    }
                    if (gain <= o.tolerance() * Math.abs(prevLp)) {
                        converged = true;
                        break;
                    }
                }
                if (iterations == o.maxIterations()) {
                    break;
                }
                mStep(w, a, pi);
                iterations++;
                prevLp = lp;
            }
            Run r = new Run();
            r.w = w;
            r.a = a;
            r.pi = pi;
            r.logLikelihood = ll;
            r.logPosterior = lp;
            r.iterations = iterations;
            r.converged = converged;
            r.monotone = monotone;
            r.trace = Arrays.copyOf(trace, n);
            return r;
        }

        double logPrior(double[][] w, double[] a, double[] pi) {
            double lp = 0;
            for (double[] ws : w) {
                for (double x : ws) {
                    lp -= 0.5 * invVar * x * x;
                }
            }
            if (am1 != 0) {
                if (k > 1) {
                    for (double x : a) {
                        lp += am1 * Math.log(x);
                    }
                }
                for (double x : pi) {
                    lp += am1 * Math.log(x);
                }
            }
            return lp;
        }

        /** Fills the emission table em[code * K + state] for the weights w. */
        void emissions(double[][] w) {
            for (int p = 0; p < d.patterns; p++) {
                int base = p * 3 * k;
                for (int s = 0; s < k; s++) {
                    double z = w[s][0] * d.stim[p] + w[s][1] * d.prev[p] + w[s][2];
                    em[base + s] = Activations.sigmoid(-z); // left
                    em[base + k + s] = 1.0; // no response
                    em[base + 2 * k + s] = Activations.sigmoid(z); // right
                }
            }
        }

        /**
         * Scaled forward–backward over all sessions; accumulates the expected counts (state
         * occupancy per code, transitions, initial states) and returns the log-likelihood.
         */
        double eStep(double[][] w, double[] a, double[] pi) {
            emissions(w);
            Arrays.fill(g, 0);
            Arrays.fill(xi, 0);
            Arrays.fill(pi0, 0);
            final int kk = k;
            final int[] code = d.code;
            double ll = 0;
            double product = 1.0;
            for (int sIdx = 0; sIdx + 1 < d.start.length; sIdx++) {
                int off = d.start[sIdx];
                int len = d.start[sIdx + 1] - off;
                if (len == 0) {
                    continue;
                }
                // forward
                for (int t = 0; t < len; t++) {
                    int e = code[off + t] * kk;
                    int at = t * kk;
                    double sum = 0;
                    if (t == 0) {
                        for (int j = 0; j < kk; j++) {
                            double v = pi[j] * em[e + j];
                            alpha[j] = v;
                            sum += v;
                        }
                    } else {
                        int ap = at - kk;
                        for (int j = 0; j < kk; j++) {
                            double v = 0;
                            for (int i = 0; i < kk; i++) {
                                v += alpha[ap + i] * a[i * kk + j];
                            }
                            v *= em[e + j];
                            alpha[at + j] = v;
                            sum += v;
                        }
                    }
                    double inv = 1.0 / sum;
                    for (int j = 0; j < kk; j++) {
                        alpha[at + j] *= inv;
                    }
                    scale[t] = inv;
                    // log-likelihood = Σ log(sum): multiply, and take the log only before underflow
                    product *= sum;
                    if (product < 1e-250) {
                        ll += Math.log(product);
                        product = 1.0;
                    }
                }
                // backward, accumulating occupancies and transitions
                Arrays.fill(beta, 1.0);
                accumulate(code[off + len - 1] * kk, (len - 1) * kk, len == 1);
                for (int t = len - 2; t >= 0; t--) {
                    int e = code[off + t + 1] * kk;
                    double inv = scale[t + 1];
                    for (int j = 0; j < kk; j++) {
                        tmp[j] = em[e + j] * beta[j] * inv;
                    }
                    int at = t * kk;
                    for (int i = 0; i < kk; i++) {
                        double ai = alpha[at + i];
                        int row = i * kk;
                        double v = 0;
                        for (int j = 0; j < kk; j++) {
                            double x = a[row + j] * tmp[j];
                            v += x;
                            xi[row + j] += ai * x;
                        }
                        beta[i] = v;
                    }
                    accumulate(code[off + t] * kk, at, t == 0);
                }
            }
            return ll + Math.log(product);
        }

        /** Adds the occupancy γ_t = α̂_t β̂_t (sums to 1 by construction of the scaling) of trial t. */
        private void accumulate(int gOff, int at, boolean first) {
            for (int j = 0; j < k; j++) {
                double gj = alpha[at + j] * beta[j];
                g[gOff + j] += gj;
                if (first) {
                    pi0[j] += gj;
                }
            }
        }

        /** M-step from the accumulated expectations: Dirichlet MAP for A and π, Newton for each state's GLM. */
        void mStep(double[][] w, double[] a, double[] pi) {
            if (k > 1) {
                for (int i = 0; i < k; i++) {
                    double rowSum = 0;
                    for (int j = 0; j < k; j++) {
                        rowSum += xi[i * k + j] + am1;
                    }
                    if (rowSum > 0) {
                        for (int j = 0; j < k; j++) {
                            a[i * k + j] = (xi[i * k + j] + am1) / rowSum;
                        }
                    }
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += pi0[j] + am1;
                }
                if (sum > 0) {
                    for (int j = 0; j < k; j++) {
                        pi[j] = (pi0[j] + am1) / sum;
                    }
                }
            }
            for (int s = 0; s < k; s++) {
                newton(s, w[s]);
            }
        }

        /** Expected log-likelihood of state s's GLM plus its log prior, at weights (w0, w1, w2). */
        private double glmObjective(int s, double w0, double w1, double w2) {
            double f = -0.5 * invVar * (w0 * w0 + w1 * w1 + w2 * w2);
            for (int p = 0; p < d.patterns; p++) {
                int base = p * 3 * k + s;
                double left = g[base];
                double right = g[base + 2 * k];
                if (left + right == 0) {
                    continue;
                }
                double z = w0 * d.stim[p] + w1 * d.prev[p] + w2;
                f += right * z - (left + right) * log1pExp(z);
            }
            return f;
        }

        /** Weighted MAP logistic regression for state s by Newton's method with backtracking, warm-started at w. */
        private void newton(int s, double[] w) {
            double obj = glmObjective(s, w[0], w[1], w[2]);
            for (int step = 0; step < NEWTON_STEPS; step++) {
                double g0 = -invVar * w[0];
                double g1 = -invVar * w[1];
                double g2 = -invVar * w[2];
                double h00 = invVar;
                double h01 = 0;
                double h02 = 0;
                double h11 = invVar;
                double h12 = 0;
                double h22 = invVar;
                for (int p = 0; p < d.patterns; p++) {
                    int base = p * 3 * k + s;
                    double left = g[base];
                    double right = g[base + 2 * k];
                    double nn = left + right;
                    if (nn == 0) {
                        continue;
                    }
                    double x0 = d.stim[p];
                    double x1 = d.prev[p];
                    double q = Activations.sigmoid(w[0] * x0 + w[1] * x1 + w[2]);
                    double r = right - nn * q;
                    g0 += r * x0;
                    g1 += r * x1;
                    g2 += r;
                    double c = nn * q * (1 - q);
                    h00 += c * x0 * x0;
                    h01 += c * x0 * x1;
                    h02 += c * x0;
                    h11 += c * x1 * x1;
                    h12 += c * x1;
                    h22 += c;
                }
                // solve H d = grad (H = negative Hessian, positive definite) by Cholesky
                double l00 = Math.sqrt(h00);
                double l10 = h01 / l00;
                double l20 = h02 / l00;
                double l11 = Math.sqrt(h11 - l10 * l10);
                double l21 = (h12 - l20 * l10) / l11;
                double l22 = Math.sqrt(h22 - l20 * l20 - l21 * l21);
                double y0 = g0 / l00;
                double y1 = (g1 - l10 * y0) / l11;
                double y2 = (g2 - l20 * y0 - l21 * y1) / l22;
                double d2 = y2 / l22;
                double d1 = (y1 - l21 * d2) / l11;
                double d0 = (y0 - l10 * d1 - l20 * d2) / l00;
                double decrement = g0 * d0 + g1 * d1 + g2 * d2;
                if (!(decrement > 1e-14 * (1 + Math.abs(obj)))) {
                    return;
                }
                double t = 1.0;
                boolean accepted = false;
                for (int half = 0; half < 40; half++) {
                    double n0 = w[0] + t * d0;
                    double n1 = w[1] + t * d1;
                    double n2 = w[2] + t * d2;
                    double o2 = glmObjective(s, n0, n1, n2);
                    if (o2 >= obj) {
                        boolean done = o2 - obj <= 1e-13 * (1 + Math.abs(obj));
                        w[0] = n0;
                        w[1] = n1;
                        w[2] = n2;
                        obj = o2;
                        accepted = true;
                        if (done) {
                            return;
                        }
                        break;
                    }
                    t *= 0.5;
                }
                if (!accepted) {
                    return;
                }
            }
        }
    }
}
