package org.iblrnn.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.iblrnn.math.Arrays2;
import org.iblrnn.nn.RecurrentModel;

/**
 * Fixed points, slow points and line attractors of a tanh RNN under a constant input x, after
 * Sussillo and Barak (2013) and Golub and Sussillo's FixedPointFinder (JOSS 2018).
 *
 * <p>The map is one network step F(h) = tanh(W_hh h + W_ih x + b_ih + b_hh) (PyTorch
 * {@code nn.RNN} parameters {@code core.*} of {@link RecurrentModel}). {@link #find} runs the
 * pipeline of FixedPointFinder's {@code find_fixed_points}:
 * <ol>
 *   <li>from every start, minimise q(h) = 0.5 ||F(h) - h||^2 by Levenberg-Marquardt on the residual
 *       r(h) = F(h) - h with the analytic Jacobian J_r = diag(1 - F(h)^2) W_hh - I
 *       ({@link FixedPointConfig} gives the stopping rules);</li>
 *   <li>keep final states with q &lt;= slowQ (q above tolQ: slow points);</li>
 *   <li>merge states closer than dedupDistance, lowest q first;</li>
 *   <li>drop distance outliers (distance to the starts' centroid over outlierDistanceScale times the
 *       starts' mean distance to it);</li>
 *   <li>Jacobian dF/dh = diag(1 - F(h*)^2) W_hh at each point, its eigenvalues (sorted by modulus)
 *       and the stable / unstable / saddle / marginal classification;</li>
 *   <li>the line-attractor test ({@link #lineAttractor}).</li>
 * </ol>
 * This differs from the paper's code (reference-spec 5.10: SGD with momentum on the mean of
 * ||F(h) - h|| for a fixed 500 iterations, "stable" meaning every |Re lambda| &lt; 1 plus a
 * residual quantile); {@link FixedPoints#realPartStable} gives the eigenvalue half of that test.
 *
 * <p>Cells. The formulas above are the tanh RNN's ("rnn", analytic fast path). For a GRU or an
 * LSTM, F is the cell's own step on its carried state under constant input and the Jacobians are
 * the kernel's exact backward step ({@link FixedPointSystem}); every state argument and result
 * then has N = carried-state entries: H for the GRU, and 2H for the LSTM, whose fixed points live
 * in the space of (h, c) (h first), while the PCA and decoding analyses use h alone.
 *
 * <p>Everything here is deterministic and pure: the model and theta are read, never modified.
 */
public final class FixedPointFinder {
    private FixedPointFinder() {
    }

    /**
     * One network step under constant input: F(h).
     *
     * @param model the network (any cell)
     * @param theta flat parameters, length {@code model.layout().size()}; not modified
     * @param input constant input x, shape [I]
     * @param h     carried state, shape [N] (N = H; 2H for an LSTM: h then c)
     * @return F(h), shape [N]
     */
    public static double[] step(RecurrentModel model, double[] theta, double[] input, double[] h) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        sys.checkState(h, "h");
        double[] out = new double[sys.n];
        sys.stepInto(h, out);
        return out;
    }

    /**
     * F applied to each row of {@code h} (one step of a vector field).
     *
     * @param h hidden states, shape [M][N]
     * @return F(h_m), shape [M][N]
     */
    public static double[][] stepAll(RecurrentModel model, double[] theta, double[] input, double[][] h) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        double[][] out = new double[h.length][sys.n];
        for (int m = 0; m < h.length; m++) {
            sys.checkState(h[m], "h[" + m + "]");
            sys.stepInto(h[m], out[m]);
        }
        return out;
    }

    /** q(h) = 0.5 ||F(h) - h||^2 for one state h of shape [N]. */
    public static double q(RecurrentModel model, double[] theta, double[] input, double[] h) {
        double[] f = step(model, theta, input, h);
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double e = f[i] - h[i];
            s += e * e;
        }
        return 0.5 * s;
    }

    /**
     * The recurrent Jacobian dF/dh (tanh RNN: diag(1 - F(h)^2) W_hh).
     *
     * @param h hidden state, shape [N]
     * @return dF_i/dh_j, shape [N][N]
     */
    public static double[][] jacobian(RecurrentModel model, double[] theta, double[] input, double[] h) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        sys.checkState(h, "h");
        double[] f = new double[sys.n];
        sys.stepInto(h, f);
        double[][] j = new double[sys.n][sys.n];
        sys.jacobianInto(h, f, j);
        return j;
    }

    /**
     * The input Jacobian dF/dx (tanh RNN: diag(1 - F(h)^2) W_ih).
     *
     * @param h hidden state, shape [N]
     * @return dF_i/dx_j, shape [N][I]
     */
    public static double[][] inputJacobian(RecurrentModel model, double[] theta, double[] input, double[] h) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        sys.checkState(h, "h");
        double[] f = new double[sys.n];
        sys.stepInto(h, f);
        return sys.inputJacobian(h, f);
    }

    /**
     * Draws {@code cfg.numStarts()} starts from a set of states (e.g. hidden states visited in a
     * session), uniformly with replacement, plus N(0, startNoise^2) noise per entry.
     *
     * @param states candidate states, shape [M][N], M &gt;= 1; not modified
     * @param rng    source of the draws
     * @return starts, shape [numStarts][N]
     */
    public static double[][] sampleStarts(double[][] states, FixedPointConfig cfg, RandomGenerator rng) {
        if (states == null || states.length == 0) {
            throw new IllegalArgumentException("states must hold at least one state, got "
                    + (states == null ? "null" : "0"));
        }
        int n = states[0].length;
        for (int m = 0; m < states.length; m++) {
            if (states[m].length != n) {
                throw new IllegalArgumentException("states[" + m + "] must have length " + n + ", got "
                        + states[m].length);
            }
        }
        double[][] out = new double[cfg.numStarts()][n];
        for (int s = 0; s < out.length; s++) {
            double[] src = states[rng.nextInt(states.length)];
            for (int i = 0; i < n; i++) {
                out[s][i] = src[i] + (cfg.startNoise() > 0 ? cfg.startNoise() * rng.nextGaussian() : 0.0);
            }
        }
        return out;
    }

    /**
     * Finds the fixed and slow points of F from the given starts (see the class documentation).
     *
     * @param model  the network (any cell; see the class documentation for the state space)
     * @param theta  flat parameters; not modified
     * @param input  constant input x, shape [I], e.g. (oL, oR, reward); not modified
     * @param starts initial states, shape [S][N], S &gt;= 1, finite; not modified
     * @param cfg    hyperparameters
     * @return unique points with their spectra, per-start diagnostics and the line-attractor test;
     *         non-convergence is reported there, never thrown
     */
    public static FixedPoints find(RecurrentModel model, double[] theta, double[] input, double[][] starts,
                                   FixedPointConfig cfg) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        if (cfg == null) {
            throw new IllegalArgumentException("cfg must be given");
        }
        if (starts == null || starts.length == 0) {
            throw new IllegalArgumentException("starts must hold at least one state, got "
                    + (starts == null ? "null" : "0"));
        }
        for (int s = 0; s < starts.length; s++) {
            sys.checkState(starts[s], "starts[" + s + "]");
        }
        FixedPoints.Search raw = optimise(sys, starts, cfg);
        double[][] finals = raw.finalStates();
        double[] qs = raw.q();

        // keep q <= slowQ, merge within dedupDistance (lowest q first), drop distance outliers
        int[] cluster = new int[starts.length];
        List<Integer> reps = deduplicate(finals, qs, cfg, cluster);
        int rejected = 0;
        for (int c : cluster) {
            rejected += c < 0 ? 1 : 0;
        }
        int[] newIndex = outlierFreeIndex(finals, reps, starts, cfg);
        int[] pointIndex = new int[starts.length];
        for (int s = 0; s < starts.length; s++) {
            pointIndex[s] = cluster[s] < 0 ? -1 : newIndex[cluster[s]];
        }
        int k = 0;
        for (int idx : newIndex) {
            k += idx >= 0 ? 1 : 0;
        }

        // Jacobians, spectra, classification
        int n = sys.n;
        double[][] states = new double[k][];
        double[] qk = new double[k];
        boolean[] conv = new boolean[k];
        FixedPoints.Stability[] stab = new FixedPoints.Stability[k];
        double[][] eigRe = new double[k][];
        double[][] eigIm = new double[k][];
        double[][][] jac = new double[k][n][n];
        JacobianSpectrum[] spectra = new JacobianSpectrum[k];
        int[] counts = new int[k];
        double[] f = new double[n];
        for (int c = 0; c < reps.size(); c++) {
            int idx = newIndex[c];
            if (idx < 0) {
                continue;
            }
            int s = reps.get(c);
            states[idx] = finals[s];
            qk[idx] = qs[s];
            conv[idx] = qs[s] <= cfg.tolQ();
            sys.stepInto(states[idx], f);
            sys.jacobianInto(states[idx], f, jac[idx]);
            spectra[idx] = JacobianSpectrum.of(jac[idx]);
            eigRe[idx] = spectra[idx].re();
            eigIm[idx] = spectra[idx].im();
            stab[idx] = classify(spectra[idx], cfg.marginalTol());
        }
        for (int s = 0; s < starts.length; s++) {
            if (pointIndex[s] >= 0) {
                counts[pointIndex[s]]++;
            }
        }
        FixedPoints.Search search = new FixedPoints.Search(starts, finals, raw.oneStepImages(), qs,
                raw.iterations(), raw.outcomes(), pointIndex);
        int outliers = reps.size() - k;
        return new FixedPoints(input, states, qk, conv, stab, eigRe, eigIm, jac, counts, search, rejected,
                outliers, FixedPointLines.detect(states, spectra, cfg));
    }

    /** Runs the optimiser from every start; pointIndex is left all -1. */
    private static FixedPoints.Search optimise(FixedPointSystem sys, double[][] starts, FixedPointConfig cfg) {
        int numStarts = starts.length;
        FixedPointSolver solver = new FixedPointSolver(sys, cfg);
        double[][] finals = new double[numStarts][];
        double[][] images = new double[numStarts][sys.n];
        double[] qs = new double[numStarts];
        int[] iters = new int[numStarts];
        FixedPoints.Outcome[] outcomes = new FixedPoints.Outcome[numStarts];
        for (int s = 0; s < numStarts; s++) {
            sys.stepInto(starts[s], images[s]);
            FixedPointSolver.Result r = solver.solve(starts[s]);
            finals[s] = r.h();
            qs[s] = r.q();
            iters[s] = r.iterations();
            outcomes[s] = r.outcome();
        }
        int[] none = new int[numStarts];
        Arrays.fill(none, -1);
        return new FixedPoints.Search(starts, finals, images, qs, iters, outcomes, none);
    }

    /**
     * Greedy clustering of the final states with finite q &lt;= slowQ in order of increasing q (ties by
     * start index): a state joins the first representative within dedupDistance, else it becomes
     * one. Writes each start's cluster (or -1 if not kept) into {@code cluster}; returns the
     * representatives' start indices.
     */
    private static List<Integer> deduplicate(double[][] finals, double[] qs, FixedPointConfig cfg, int[] cluster) {
        List<Integer> kept = new ArrayList<>();
        for (int s = 0; s < finals.length; s++) {
            if (Double.isFinite(qs[s]) && qs[s] <= cfg.slowQ() && allFinite(finals[s])) {
                kept.add(s);
            }
        }
        kept.sort((a, b) -> {
            int c = Double.compare(qs[a], qs[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        Arrays.fill(cluster, -1);
        List<Integer> reps = new ArrayList<>();
        for (int s : kept) {
            int found = -1;
            for (int c = 0; c < reps.size() && found < 0; c++) {
                if (Arrays2.distance(finals[s], finals[reps.get(c)]) <= cfg.dedupDistance()) {
                    found = c;
                }
            }
            if (found < 0) {
                reps.add(s);
                found = reps.size() - 1;
            }
            cluster[s] = found;
        }
        return reps;
    }

    /**
     * FixedPointFinder's distance-outlier rule: a representative is an outlier if its distance to
     * the centroid of the starts exceeds outlierDistanceScale times the starts' mean distance to that
     * centroid (no outliers when the starts have no spread). Returns, per representative, its index
     * among the survivors or -1.
     */
    private static int[] outlierFreeIndex(double[][] finals, List<Integer> reps, double[][] starts,
                                          FixedPointConfig cfg) {
        int n = starts[0].length;
        int numStarts = starts.length;
        double[] centroid = new double[n];
        for (double[] st : starts) {
            for (int i = 0; i < n; i++) {
                centroid[i] += st[i] / numStarts;
            }
        }
        double spread = 0;
        for (double[] st : starts) {
            spread += Arrays2.distance(st, centroid) / numStarts;
        }
        int[] newIndex = new int[reps.size()];
        int k = 0;
        for (int c = 0; c < reps.size(); c++) {
            boolean outlier = spread > 0
                    && Arrays2.distance(finals[reps.get(c)], centroid) > cfg.outlierDistanceScale() * spread;
            newIndex[c] = outlier ? -1 : k++;
        }
        return newIndex;
    }

    /**
     * Classifies a point by the moduli of its eigenvalues: MARGINAL if |max |lambda| - 1| &lt;= tol,
     * else STABLE if max |lambda| &lt; 1, UNSTABLE if min |lambda| &gt; 1, else SADDLE; UNKNOWN if the
     * decomposition failed.
     */
    static FixedPoints.Stability classify(JacobianSpectrum spec, double marginalTol) {
        if (!spec.ok()) {
            return FixedPoints.Stability.UNKNOWN;
        }
        int n = spec.re().length;
        double max = spec.modulus(0);
        double min = spec.modulus(n - 1);
        if (Math.abs(max - 1) <= marginalTol) {
            return FixedPoints.Stability.MARGINAL;
        }
        if (max < 1) {
            return FixedPoints.Stability.STABLE;
        }
        if (min > 1) {
            return FixedPoints.Stability.UNSTABLE;
        }
        return FixedPoints.Stability.SADDLE;
    }

    /**
     * The line-attractor test on a set of found points with the thresholds of {@code cfg} (see
     * {@link FixedPointConfig}): candidates have exactly one eigenvalue of dF/dh within lineEigenTol
     * of 1; their first principal direction must explain lineMinExplained of their spread, span at
     * least lineMinExtent, and the candidates' eigenvectors for that eigenvalue must align with it
     * (mean |cos| &gt;= lineMinAlignment); at least lineMinPoints candidates are needed.
     */
    public static FixedPoints.LineAttractor lineAttractor(FixedPoints points, FixedPointConfig cfg) {
        JacobianSpectrum[] spectra = new JacobianSpectrum[points.size()];
        for (int k = 0; k < spectra.length; k++) {
            spectra[k] = JacobianSpectrum.of(points.jacobian(k));
        }
        return FixedPointLines.detect(points.states(), spectra, cfg);
    }

    /**
     * Basins of attraction of the STABLE points of {@code points} under forward iteration of F: each
     * state is stepped at most basinMaxSteps times and is captured by the first stable point it
     * comes within dedupDistance of (nearest if several). This is the direct definition, not the
     * reference code's Lyapunov-bound estimate (reference-spec 5.11).
     *
     * @param points result of {@link #find} for the same model, theta and input
     * @param states initial states, shape [M][N]; not modified
     */
    public static FixedPoints.Basins basins(RecurrentModel model, double[] theta, double[] input,
                                            FixedPoints points, double[][] states, FixedPointConfig cfg) {
        FixedPointSystem sys = FixedPointSystem.of(model, theta, input);
        int[] stable = points.indicesOf(FixedPoints.Stability.STABLE);
        double[][] targets = new double[stable.length][];
        for (int p = 0; p < stable.length; p++) {
            targets[p] = points.state(stable[p]);
        }
        int[] assignment = new int[states.length];
        int[] steps = new int[states.length];
        int[] captured = new int[stable.length];
        double[] h = new double[sys.n];
        double[] next = new double[sys.n];
        for (int m = 0; m < states.length; m++) {
            sys.checkState(states[m], "states[" + m + "]");
            System.arraycopy(states[m], 0, h, 0, sys.n);
            assignment[m] = -1;
            steps[m] = cfg.basinMaxSteps();
            for (int t = 1; t <= cfg.basinMaxSteps() && assignment[m] < 0 && stable.length > 0; t++) {
                sys.stepInto(h, next);
                double[] tmp = h;
                h = next;
                next = tmp;
                double best = cfg.dedupDistance();
                for (int p = 0; p < stable.length; p++) {
                    double d = Arrays2.distance(h, targets[p]);
                    if (d <= best) {
                        best = d;
                        assignment[m] = stable[p];
                    }
                }
                if (assignment[m] >= 0) {
                    steps[m] = t;
                    for (int p = 0; p < stable.length; p++) {
                        if (stable[p] == assignment[m]) {
                            captured[p]++;
                        }
                    }
                }
            }
        }
        double[] fractions = new double[stable.length];
        for (int p = 0; p < stable.length; p++) {
            fractions[p] = states.length == 0 ? 0 : (double) captured[p] / states.length;
        }
        return new FixedPoints.Basins(stable, fractions, assignment, steps);
    }


    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
