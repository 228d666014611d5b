package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.iblrnn.math.Activations;

/**
 * The family of choice models built on the psychometric core with two lapses:
 * <pre>
 *   P(right)_t = lo + (1 - lo - hi) σ(η_t),   η_t = bias + w f_k(c_t) + Σ_j β_j x_tj(α)
 * </pre>
 * with f_k the compressive {@link ContrastTransform} (k fitted), lapses lo = P(right) for a strong
 * left stimulus and hi = P(left) for a strong right one, both in [0, 0.5), and model-specific
 * regressors x_tj computed from the session's history before trial t, possibly through nonlinear
 * parameters α (a kernel's decay, a filter's hazard). Subclasses supply the regressors and, for
 * nonlinear ones, their derivatives in α; this class fits everything by maximum likelihood (BFGS
 * on unconstrained parameters: lo = 0.5 u² / (1 + u²), k = k_min + (k_max - k_min) σ(v), α through each
 * model's own map). The start: the core of the stimulus-only fit (best of twelve starts) or a
 * generic core, prior weights at 1, and the nonlinear parameters on the model's grid — the best
 * of these points by the objective there; one BFGS run follows. Checked against an independent
 * scipy fit of real mouse sessions (GoldenChoiceModelsTest).
 *
 * <p>Models whose regressors have no free parameter are fitted on compressed rows (identical
 * (contrast, regressors, choice) rows merged with a count), which gives the same optimum.
 */
public abstract class LapsePsychometric implements ChoiceModel {
    static final int BIAS = 0;
    static final int WEIGHT = 1;
    static final int K = 2;
    static final int LO = 3;
    static final int HI = 4;
    static final int CORE = 5;

    /** A generic core start (unconstrained): bias 0, w 3, k 5, lapses 0.05. */
    private static final double[] GENERIC_CORE = {0, 3, logit((5 - ContrastTransform.K_MIN)
            / (ContrastTransform.K_MAX - ContrastTransform.K_MIN)), lapseRaw(0.05), lapseRaw(0.05)};

    private final String name;

    protected LapsePsychometric(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Names of the regressors x_j, which also name their weights β_j (snake_case). */
    protected abstract List<String> regressorNames();

    /** Names of the nonlinear parameters α_m on their natural scale (none by default). */
    protected List<String> nonlinearNames() {
        return List.of();
    }

    /** Starting points of the unconstrained α, each of length M (one empty start by default). */
    protected List<double[]> nonlinearStarts() {
        return List.of(new double[0]);
    }

    /** Starting points of one nonlinear parameter: each natural value mapped to its unconstrained value. */
    protected static List<double[]> grid(java.util.function.DoubleUnaryOperator toRaw, double... natural) {
        List<double[]> out = new ArrayList<>();
        for (double v : natural) {
            out.add(new double[] {toRaw.applyAsDouble(v)});
        }
        return out;
    }

    /** Natural value of α_m from its unconstrained value (e.g. a decay σ(raw)). */
    protected double natural(int m, double raw) {
        throw new IllegalStateException(name + " has no nonlinear parameter " + m);
    }

    /**
     * Fills the regressors of every trial of {@code s}: {@code x[j][t]} from the history before t,
     * and, when {@code dx} is not null, {@code dx[j][m][t]} = ∂x[j][t] / ∂α_m (unconstrained α).
     */
    protected abstract void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx);

    @Override
    public FittedChoiceModel fit(List<ChoiceSession> train, long seed) {
        ChoiceModel.requireResponses(train, name);
        int j = regressorNames().size();
        int m = nonlinearNames().size();
        Data data = m == 0 ? compressed(train, j) : null;
        Objective f = new Objective(train, data, j, m);
        // cores to start from: the stimulus-only fit, and a generic one (w 3, k 5, lapses 0.05), since a
        // history term can move the lapses to another basin than the stimulus-only fit's
        Bfgs.Result coreFit = new Psychometric().coreFit(train);
        List<double[]> cores = j == 0 ? List.of(coreFit.x()) : List.of(coreFit.x(), GENERIC_CORE);
        List<double[]> starts = nonlinearStarts();
        double[] start = null;
        double startValue = Double.NaN;
        double[] scratch = new double[CORE + j + m];
        for (double[] core : cores) {
            for (double[] alphaStart : starts) {
                // the cheapest multi-start: the best starting point by its objective, then one BFGS run
                double[] candidate = new double[CORE + j + m];
                System.arraycopy(core, 0, candidate, 0, CORE);
                for (int a = 0; a < j; a++) {
                    candidate[CORE + a] = 1.0;
                }
                System.arraycopy(alphaStart, 0, candidate, CORE + j, m);
                double v = cores.size() * starts.size() == 1 ? 0 : f.valueAndGradient(candidate, scratch);
                if (start == null || v < startValue) {
                    start = candidate;
                    startValue = v;
                }
            }
        }
        Bfgs.Result best = Bfgs.minimise(f, start);
        int iterations = coreFit.iterations() + best.iterations();
        double[] theta = best.x();
        double trials = data != null ? data.total : countResponses(train);
        double ll = -best.value() * trials;
        List<String> names = new ArrayList<>(List.of("bias", "contrast_weight", "contrast_k", "lapse_low",
                "lapse_high"));
        names.addAll(regressorNames());
        names.addAll(nonlinearNames());
        double[] values = new double[theta.length];
        values[BIAS] = theta[BIAS];
        values[WEIGHT] = theta[WEIGHT];
        values[K] = kOf(theta[K]);
        values[LO] = lapseOf(theta[LO]);
        values[HI] = lapseOf(theta[HI]);
        System.arraycopy(theta, CORE, values, CORE, j);
        for (int a = 0; a < m; a++) {
            values[CORE + j + a] = natural(a, theta[CORE + j + a]);
        }
        String note = best.note();
        if (starts.size() > 1) {
            note = "started from the best of " + starts.size() + " grid points" + (note.isEmpty() ? "" : "; " + note);
        }
        ChoiceFit fit = new ChoiceFit(name, names, values, ll, ll, iterations, best.converged(), note);
        return new Fitted(theta, fit, j, m);
    }

    /**
     * The stimulus-only fit on compressed rows (nearly free), the best of twelve starts (lapses 0.01
     * and 0.1 × compression k 1, 5 and 20 × weight 3 and 6), converged tightly: the core's likelihood
     * can have two peaks (NYU-01's first six sessions: a lapse of 0.02 with a steep curve, 0.0145
     * nats above a lapse of 0.009 with a shallower one). Its parameters start every model.
     */
    final Bfgs.Result coreFit(List<ChoiceSession> train) {
        Objective f = new Objective(train, compressed(train, 0), 0, 0);
        int iterations = 0;
        Bfgs.Result best = null;
        for (double[] g : CORE_STARTS) {
            double[] start = new double[CORE];
            start[WEIGHT] = g[2];
            start[K] = logit((g[1] - ContrastTransform.K_MIN) / (ContrastTransform.K_MAX - ContrastTransform.K_MIN));
            start[LO] = lapseRaw(g[0]);
            start[HI] = lapseRaw(g[0]);
            Bfgs.Result r = Bfgs.minimise(f, start, 3000, 1e-11);
            iterations += r.iterations();
            if (best == null || r.value() < best.value()) {
                best = r;
            }
        }
        return new Bfgs.Result(best.x(), best.value(), iterations, best.converged(), best.note());
    }

    /** The core fit's starting grid: (lapse, compression k, weight). */
    private static final double[][] CORE_STARTS = coreStarts();

    private static double[][] coreStarts() {
        List<double[]> g = new ArrayList<>();
        for (double lapse : new double[] {0.01, 0.1}) {
            for (double k : new double[] {1, 5, 20}) {
                for (double w : new double[] {3, 6}) {
                    g.add(new double[] {lapse, k, w});
                }
            }
        }
        return g.toArray(double[][]::new);
    }

    /**
     * The fitting objective at unconstrained parameters {@code theta} (mean negative log-likelihood
     * per response), its gradient written into {@code grad}: for gradient checks.
     */
    final double objective(List<ChoiceSession> train, double[] theta, double[] grad) {
        int j = regressorNames().size();
        int m = nonlinearNames().size();
        return new Objective(train, m == 0 ? compressed(train, j) : null, j, m).valueAndGradient(theta, grad);
    }

    private static int countResponses(List<ChoiceSession> sessions) {
        int k = 0;
        for (ChoiceSession s : sessions) {
            k += s.responses();
        }
        return k;
    }

    static double kOf(double raw) {
        return ContrastTransform.K_MIN + (ContrastTransform.K_MAX - ContrastTransform.K_MIN) * Activations.sigmoid(raw);
    }

    /**
     * A lapse from its unconstrained value u: 0.5 u² / (1 + u²), in [0, 0.5). Unlike 0.5 σ(u) it
     * reaches 0 at a finite point (u = 0) where the objective stays curved, so an optimiser that
     * visits a lapse of 0 can leave it again (with σ it runs off to u → -∞, where every gradient
     * vanishes: NYU-01's action kernel stopped 0.44 nats short that way).
     */
    static double lapseOf(double raw) {
        double u2 = raw * raw;
        return 0.5 * u2 / (1 + u2);
    }

    /** d lapse / du. */
    static double lapseDerivative(double raw) {
        double d = 1 + raw * raw;
        return raw / (d * d);
    }

    /** The unconstrained value of a lapse in [0, 0.5) (the positive root). */
    static double lapseRaw(double lapse) {
        return Math.sqrt(2 * lapse / (1 - 2 * lapse));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Rows for fitting: signed-contrast level, regressors, choice ±1 and a count. */
    private static final class Data {
        final double[] levels;
        final int[] level;
        final double[][] x;
        final int[] choice;
        final double[] count;
        final double total;

        Data(double[] levels, int[] level, double[][] x, int[] choice, double[] count) {
            this.levels = levels;
            this.level = level;
            this.x = x;
            this.choice = choice;
            this.count = count;
            double t = 0;
            for (double c : count) {
                t += c;
            }
            this.total = t;
        }
    }

    /** Merges identical responded rows of fixed-regressor models. */
    private Data compressed(List<ChoiceSession> train, int j) {
        Levels lv = new Levels();
        Map<Key, double[]> rows = new LinkedHashMap<>();
        List<Key> order = new ArrayList<>();
        for (ChoiceSession s : train) {
            int n = s.length();
            double[][] x = new double[j][n];
            regressors(s, new double[0], x, null);
            for (int t = 0; t < n; t++) {
                int c = s.choiceAt(t);
                if (c == 0) {
                    continue;
                }
                long[] bits = new long[j + 2];
                bits[0] = lv.index(s.signedContrast(t));
                bits[1] = c;
                for (int a = 0; a < j; a++) {
                    bits[2 + a] = Double.doubleToLongBits(x[a][t] == 0 ? 0.0 : x[a][t]);
                }
                Key key = new Key(bits);
                double[] cnt = rows.get(key);
                if (cnt == null) {
                    rows.put(key, new double[] {1});
                    order.add(key);
                } else {
                    cnt[0]++;
                }
            }
        }
        int r = order.size();
        int[] level = new int[r];
        int[] choice = new int[r];
        double[] count = new double[r];
        double[][] x = new double[j][r];
        for (int i = 0; i < r; i++) {
            long[] b = order.get(i).bits;
            level[i] = (int) b[0];
            choice[i] = (int) b[1];
            count[i] = rows.get(order.get(i))[0];
            for (int a = 0; a < j; a++) {
                x[a][i] = Double.longBitsToDouble(b[2 + a]);
            }
        }
        return new Data(lv.values(), level, x, choice, count);
    }

    private record Key(long[] bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }

    /** Distinct signed contrasts, in order of appearance. */
    private static final class Levels {
        private double[] values = new double[16];
        private int n;

        int index(double c) {
            for (int i = 0; i < n; i++) {
                if (values[i] == c) {
                    return i;
                }
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n] = c;
            return n++;
        }

        double[] values() {
            return Arrays.copyOf(values, n);
        }
    }

    /** Mean negative log-likelihood per response and its gradient in the unconstrained parameters. */
    private final class Objective implements Bfgs.Objective {
        private final List<ChoiceSession> sessions;
        private final Data data;
        private final int j;
        private final int m;
        private final double total;
        /** Per session (nonlinear models): signed-contrast level, choice and count (0 = no response) per trial. */
        private final double[] levels;
        private final int[][] level;
        private final int[][] choice;
        private final double[][] count;
        private double[][] x = new double[0][];
        private double[][][] dx = new double[0][][];

        Objective(List<ChoiceSession> sessions, Data data, int j, int m) {
            this.sessions = sessions;
            this.data = data;
            this.j = j;
            this.m = m;
            this.total = data != null ? data.total : countResponses(sessions);
            if (data != null) {
                levels = null;
                level = null;
                choice = null;
                count = null;
                return;
            }
            Levels lv = new Levels();
            int ns = sessions.size();
            level = new int[ns][];
            choice = new int[ns][];
            count = new double[ns][];
            for (int i = 0; i < ns; i++) {
                ChoiceSession s = sessions.get(i);
                int n = s.length();
                level[i] = new int[n];
                choice[i] = s.choice();
                count[i] = new double[n];
                for (int t = 0; t < n; t++) {
                    level[i][t] = lv.index(s.signedContrast(t));
                    count[i][t] = choice[i][t] == 0 ? 0 : 1;
                }
            }
            levels = lv.values();
        }

        @Override
        public double valueAndGradient(double[] theta, double[] grad) {
            Arrays.fill(grad, 0.0);
            double ll;
            if (data != null) {
                ll = accumulate(theta, grad, data.levels, data.level, data.x, null, data.choice, data.count,
                        data.level.length);
            } else {
                ll = 0;
                double[] alpha = Arrays.copyOfRange(theta, CORE + j, CORE + j + m);
                for (int i = 0; i < sessions.size(); i++) {
                    ChoiceSession s = sessions.get(i);
                    int n = s.length();
                    ensure(n);
                    regressors(s, alpha, x, dx);
                    ll += accumulate(theta, grad, levels, level[i], x, dx, choice[i], count[i], n);
                }
            }
            double inv = 1.0 / total;
            for (int i = 0; i < grad.length; i++) {
                grad[i] = -grad[i] * inv;
            }
            return -ll * inv;
        }

        private void ensure(int n) {
            if (x.length != j || (j > 0 && x[0].length < n)) {
                x = new double[j][n];
                dx = new double[j][m][n];
            }
        }

        private double accumulate(double[] theta, double[] grad, double[] levels, int[] level, double[][] xs,
                                  double[][][] dxs, int[] choice, double[] count, int rows) {
            double bias = theta[BIAS];
            double w = theta[WEIGHT];
            double sk = Activations.sigmoid(theta[K]);
            double k = ContrastTransform.K_MIN + (ContrastTransform.K_MAX - ContrastTransform.K_MIN) * sk;
            double dkRaw = (ContrastTransform.K_MAX - ContrastTransform.K_MIN) * sk * (1 - sk);
            double lo = lapseOf(theta[LO]);
            double hi = lapseOf(theta[HI]);
            double dLo = lapseDerivative(theta[LO]);
            double dHi = lapseDerivative(theta[HI]);
            double span = 1 - lo - hi;
            int nl = levels.length;
            double[] f = new double[nl];
            double[] fk = new double[nl];
            for (int i = 0; i < nl; i++) {
                f[i] = ContrastTransform.value(levels[i], k);
                fk[i] = ContrastTransform.derivativeK(levels[i], k) * dkRaw;
            }
            double ll = 0;
            double gB = 0;
            double gW = 0;
            double gK = 0;
            double gLo = 0;
            double gHi = 0;
            double[] gBeta = new double[j];
            double[] gAlpha = new double[m];
            for (int r = 0; r < rows; r++) {
                double cnt = count[r];
                if (cnt == 0) {
                    continue;
                }
                int l = level[r];
                double eta = bias + w * f[l];
                for (int a = 0; a < j; a++) {
                    eta += theta[CORE + a] * xs[a][r];
                }
                double s = Activations.sigmoid(eta);
                double p = lo + span * s;
                boolean right = choice[r] > 0;
                double q = right ? p : 1 - p;
                if (q < 1e-300) {
                    q = 1e-300;
                }
                ll += cnt * Math.log(q);
                double g = (right ? cnt : -cnt) / q; // d ll / d p
                double ge = g * span * s * (1 - s);
                gB += ge;
                gW += ge * f[l];
                gK += ge * w * fk[l];
                gLo += g * (1 - s) * dLo;
                gHi -= g * s * dHi;
                for (int a = 0; a < j; a++) {
                    gBeta[a] += ge * xs[a][r];
                }
                if (dxs != null) {
                    for (int b = 0; b < m; b++) {
                        double d = 0;
                        for (int a = 0; a < j; a++) {
                            d += theta[CORE + a] * dxs[a][b][r];
                        }
                        gAlpha[b] += ge * d;
                    }
                }
            }
            grad[BIAS] += gB;
            grad[WEIGHT] += gW;
            grad[K] += gK;
            grad[LO] += gLo;
            grad[HI] += gHi;
            for (int a = 0; a < j; a++) {
                grad[CORE + a] += gBeta[a];
            }
            for (int b = 0; b < m; b++) {
                grad[CORE + j + b] += gAlpha[b];
            }
            return ll;
        }
    }

    /** The fitted model: predictions from the fitted unconstrained parameters. */
    private final class Fitted implements FittedChoiceModel {
        private final double[] theta;
        private final ChoiceFit fit;
        private final int j;
        private final int m;

        Fitted(double[] theta, ChoiceFit fit, int j, int m) {
            this.theta = theta.clone();
            this.fit = fit;
            this.j = j;
            this.m = m;
        }

        @Override
        public double[] probRight(ChoiceSession s) {
            int n = s.length();
            double[][] x = new double[j][n];
            regressors(s, Arrays.copyOfRange(theta, CORE + j, CORE + j + m), x, null);
            double k = kOf(theta[K]);
            double lo = lapseOf(theta[LO]);
            double hi = lapseOf(theta[HI]);
            double[] p = new double[n];
            for (int t = 0; t < n; t++) {
                double eta = theta[BIAS] + theta[WEIGHT] * ContrastTransform.value(s.signedContrast(t), k);
                for (int a = 0; a < j; a++) {
                    eta += theta[CORE + a] * x[a][t];
                }
                p[t] = lo + (1 - lo - hi) * Activations.sigmoid(eta);
            }
            return p;
        }

        @Override
        public ChoiceFit fit() {
            return fit;
        }
    }
}
