package org.iblrnn.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import org.iblrnn.math.Arrays2;
import org.iblrnn.math.Checks;

/**
 * Linear decoding of a binary label (e.g. block side) from states (e.g. hidden states or PCA
 * coordinates) with L2-regularised logistic regression, evaluated on a held-out test part.
 *
 * <p>Two kinds of split (paper section 3.2.1, reference spec section 5.3):
 * <ul>
 *   <li>{@link SplitKind#RANDOM}: the paper's split, a uniformly random {@code testFraction} of
 *       rows (ceil(testFraction * T) of them) is held out. Neighbouring time steps are strongly
 *       correlated, so test rows have near-copies in the training part and the test accuracy is
 *       optimistic.</li>
 *   <li>{@link SplitKind#BLOCKED}: whole groups (one id per row, e.g. the block index) are held
 *       out: the groups, in increasing id order, are shuffled and moved to the test part one by
 *       one until it holds at least testFraction * T rows (at least one group stays in
 *       training). No group has rows on both sides.</li>
 * </ul>
 *
 * <p>Regularisation: the penalty grid is in per-row units alpha, i.e. the objective is
 * mean log-loss + (alpha / 2) ||w||^2, so the {@link LogisticRegression} penalty is
 * lambda = alpha * (rows fitted). With more than one grid value alpha is chosen by k-fold
 * cross-validation on the training part only, minimising the mean held-out log-loss (ties go to
 * the larger alpha); the folds are blocked by group for the blocked split and random rows for the
 * random split. The final model is refitted on the whole training part with the chosen alpha.
 * Fits along the grid are warm-started from the next larger alpha.
 *
 * <p>Randomness: every draw comes from the supplied generator, in this order: blocked split,
 * blocked CV folds, random split, random CV folds. Same generator state, same result.
 */
public final class Decoding {
    private Decoding() {
    }

    /** How the held-out rows are chosen. */
    public enum SplitKind {
        /** Whole groups (e.g. blocks) held out. */
        BLOCKED,
        /** Random rows held out (the paper's split). */
        RANDOM
    }

    /**
     * Decoding settings.
     *
     * @param testFraction  fraction of rows held out, in (0, 1)
     * @param folds         cross-validation folds, &gt;= 2 (unused when the grid has one value)
     * @param penaltyGrid   per-row L2 strengths alpha, each &gt;= 0, at least one
     * @param intercept     whether the classifier has an intercept (the reference code has none)
     * @param maxIterations Newton iterations per fit
     * @param tolerance     Newton step tolerance
     */
    public record Config(double testFraction, int folds, List<Double> penaltyGrid, boolean intercept,
                         int maxIterations, double tolerance) {
        public Config {
            Checks.openProbability(testFraction, "testFraction");
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, got " + folds);
            }
            penaltyGrid = List.copyOf(penaltyGrid);
            if (penaltyGrid.isEmpty()) {
                throw new IllegalArgumentException("penaltyGrid must have at least 1 value, got 0");
            }
            for (double a : penaltyGrid) {
                Checks.nonNegative(a, "penaltyGrid value");
            }
            Checks.positive(maxIterations, "maxIterations");
            Checks.positive(tolerance, "tolerance");
        }

        /**
         * 33% test, 5 folds, alpha in {1e-5, 1e-4, ..., 1e-1}, intercept, 100 iterations, 1e-9.
         * (For 250k rows x 50 units the CV costs about a minute per split kind.)
         */
        public static Config defaults() {
            return new Config(0.33, 5, List.of(1e-5, 1e-4, 1e-3, 1e-2, 1e-1), true, 100, 1e-9);
        }

        /** The reference code's classifier: 33% test, no penalty, no intercept. */
        public static Config reference() {
            return new Config(0.33, 5, List.of(0.0), false, 100, 1e-9);
        }

        public Config withTestFraction(double f) {
            return new Config(f, folds, penaltyGrid, intercept, maxIterations, tolerance);
        }

        public Config withFolds(int k) {
            return new Config(testFraction, k, penaltyGrid, intercept, maxIterations, tolerance);
        }

        public Config withPenaltyGrid(List<Double> g) {
            return new Config(testFraction, folds, g, intercept, maxIterations, tolerance);
        }

        public Config withIntercept(boolean i) {
            return new Config(testFraction, folds, penaltyGrid, i, maxIterations, tolerance);
        }

        LogisticRegression.Config logistic(double lambda) {
            return new LogisticRegression.Config(lambda, intercept, maxIterations, tolerance);
        }
    }

    /**
     * A train/test partition of row indices, both sorted ascending, disjoint, covering all rows.
     *
     * @param train training rows
     * @param test  held-out rows
     */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    /**
     * The outcome of one split kind.
     *
     * @param kind           the split kind
     * @param trainRows      rows in the training part
     * @param testRows       rows in the test part
     * @param trainAccuracy  accuracy of the final fit on its training rows
     * @param testAccuracy   accuracy on the held-out rows
     * @param chosenPenalty  the chosen per-row alpha
     * @param chosenLambda   the lambda of the final fit (alpha * trainRows)
     * @param penaltyGrid    the grid, in evaluation order (descending)
     * @param cvLogLoss      mean held-out log-loss per grid value (empty without CV)
     * @param cvAccuracy     mean held-out accuracy per grid value (empty without CV)
     * @param fit            the final fit; its coefficients are the readout direction
     * @param converged      whether the final fit and every CV fit converged
     * @param reason         the first convergence failure, or ""
     */
    public record SplitResult(SplitKind kind, int trainRows, int testRows, double trainAccuracy,
                              double testAccuracy, double chosenPenalty, double chosenLambda, double[] penaltyGrid,
                              double[] cvLogLoss, double[] cvAccuracy, LogisticRegression.Fit fit, boolean converged,
                              String reason) {
        public SplitResult {
            penaltyGrid = penaltyGrid.clone();
            cvLogLoss = cvLogLoss.clone();
            cvAccuracy = cvAccuracy.clone();
        }

        @Override
        public double[] penaltyGrid() {
            return penaltyGrid.clone();
        }

        @Override
        public double[] cvLogLoss() {
            return cvLogLoss.clone();
        }

        @Override
        public double[] cvAccuracy() {
            return cvAccuracy.clone();
        }

        /** The classifier coefficients (readout direction, unnormalised), length N. */
        public double[] coefficients() {
            return fit.coefficients();
        }
    }

    /**
     * Results for both split kinds.
     *
     * @param blocked whole groups held out
     * @param random  random rows held out (the paper's protocol)
     */
    public record Result(SplitResult blocked, SplitResult random) {
    }

    /**
     * Decodes {@code labels} from {@code x} under both split kinds.
     *
     * @param x      states, shape [T][N], finite
     * @param labels labels in {0, 1}, length T
     * @param groups group id per row (e.g. block index), length T, at least 2 distinct values
     * @param config settings
     * @param rng    source of every random choice
     */
    public static Result decode(double[][] x, int[] labels, int[] groups, Config config, RandomGenerator rng) {
        Arrays2.requireMatrix(x, "x");
        LogisticRegression.checkLabels(labels, x.length);
        checkGroups(groups, x.length);
        Split blockedSplit = blockedSplit(groups, config.testFraction(), rng);
        SplitResult blocked = evaluate(x, labels, blockedSplit, groups, SplitKind.BLOCKED, config, rng);
        Split randomSplit = randomSplit(x.length, config.testFraction(), rng);
        SplitResult random = evaluate(x, labels, randomSplit, null, SplitKind.RANDOM, config, rng);
        return new Result(blocked, random);
    }

    /**
     * Fits and evaluates one given split.
     *
     * @param cvGroups group id per row of x for group-blocked CV folds, or null for random folds
     */
    public static SplitResult evaluate(double[][] x, int[] labels, Split split, int[] cvGroups, SplitKind kind,
                                       Config config, RandomGenerator rng) {
        Arrays2.requireMatrix(x, "x");
        LogisticRegression.checkLabels(labels, x.length);
        int[] train = split.train();
        int[] test = split.test();
        checkSplit(train, test, x.length);
        if (cvGroups != null) {
            checkGroups(cvGroups, x.length);
        }
        double[] grid = config.penaltyGrid().stream().mapToDouble(Double::doubleValue).distinct().toArray();
        Arrays.sort(grid);
        reverse(grid);
        boolean converged = true;
        String reason = "";
        double chosen = grid[0];
        double[] cvLoss = new double[0];
        double[] cvAcc = new double[0];
        if (grid.length > 1) {
            int[] fold = cvGroups == null ? randomFolds(train.length, config.folds(), rng)
                    : groupFolds(train, cvGroups, config.folds(), rng);
            int k = 0;
            for (int f : fold) {
                k = Math.max(k, f + 1);
            }
            cvLoss = new double[grid.length];
            cvAcc = new double[grid.length];
            for (int f = 0; f < k; f++) {
                List<Integer> in = new ArrayList<>();
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < train.length; i++) {
                    (fold[i] == f ? out : in).add(train[i]);
                }
                int[] inRows = in.stream().mapToInt(Integer::intValue).toArray();
                int[] outRows = out.stream().mapToInt(Integer::intValue).toArray();
                double[][] xi = rows(x, inRows);
                int[] yi = rows(labels, inRows);
                double[][] xo = rows(x, outRows);
                int[] yo = rows(labels, outRows);
                double[] start = null;
                for (int g = 0; g < grid.length; g++) {
                    LogisticRegression.Fit fit = LogisticRegression.fit(xi, yi, config.logistic(grid[g] * xi.length),
                            start);
                    if (!fit.converged() && converged) {
                        converged = false;
                        reason = "CV fold " + f + ", alpha " + grid[g] + ": " + fit.reason();
                    }
                    start = LogisticRegression.parameters(fit);
                    cvLoss[g] += meanLogLoss(fit, xo, yo) / k;
                    cvAcc[g] += fit.accuracy(xo, yo) / k;
                }
            }
            int best = 0;
            for (int g = 1; g < grid.length; g++) {
                if (cvLoss[g] < cvLoss[best]) {
                    best = g;
                }
            }
            chosen = grid[best];
        }
        double[][] xTrain = rows(x, train);
        int[] yTrain = rows(labels, train);
        double lambda = chosen * xTrain.length;
        LogisticRegression.Fit fit = LogisticRegression.fit(xTrain, yTrain, config.logistic(lambda));
        if (!fit.converged() && converged) {
            converged = false;
            reason = "final fit: " + fit.reason();
        }
        double trainAcc = fit.accuracy(xTrain, yTrain);
        double testAcc = fit.accuracy(rows(x, test), rows(labels, test));
        return new SplitResult(kind, train.length, test.length, trainAcc, testAcc, chosen, lambda, grid, cvLoss,
                cvAcc, fit, converged, reason);
    }

    /**
     * Random-row split: ceil(testFraction * rows) rows, uniformly at random, are held out.
     *
     * @param rows         T &gt;= 2
     * @param testFraction in (0, 1)
     */
    public static Split randomSplit(int rows, double testFraction, RandomGenerator rng) {
        Checks.openProbability(testFraction, "testFraction");
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be >= 2, got " + rows);
        }
        int nTest = Math.min(rows - 1, Math.max(1, (int) Math.ceil(testFraction * rows - 1e-9)));
        int[] perm = permutation(rows, rng);
        int[] test = Arrays.copyOf(perm, nTest);
        int[] train = Arrays.copyOfRange(perm, nTest, rows);
        Arrays.sort(test);
        Arrays.sort(train);
        return new Split(train, test);
    }

    /**
     * Group-blocked split: distinct groups in increasing id order are shuffled and moved to the
     * test part until it holds at least testFraction * T rows; at least one group stays in
     * training.
     *
     * @param groups group id per row, length T, at least 2 distinct values
     */
    public static Split blockedSplit(int[] groups, double testFraction, RandomGenerator rng) {
        Checks.openProbability(testFraction, "testFraction");
        checkGroups(groups, groups == null ? 0 : groups.length);
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        for (int g : groups) {
            sizes.merge(g, 1, Integer::sum);
        }
        int[] ids = sizes.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] perm = permutation(ids.length, rng);
        double target = testFraction * groups.length;
        java.util.Set<Integer> testGroups = new java.util.HashSet<>();
        int testRows = 0;
        for (int i = 0; i < ids.length - 1 && testRows < target; i++) {
            int g = ids[perm[i]];
            testGroups.add(g);
            testRows += sizes.get(g);
        }
        int[] test = new int[testRows];
        int[] train = new int[groups.length - testRows];
        int a = 0;
        int b = 0;
        for (int t = 0; t < groups.length; t++) {
            if (testGroups.contains(groups[t])) {
                test[a++] = t;
            } else {
                train[b++] = t;
            }
        }
        return new Split(train, test);
    }

    /** Fold id per training row: a random permutation dealt round-robin into k folds. */
    static int[] randomFolds(int n, int k, RandomGenerator rng) {
        if (n < k) {
            throw new IllegalArgumentException("training rows must be >= folds (" + k + "), got " + n);
        }
        int[] perm = permutation(n, rng);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[perm[i]] = i % k;
        }
        return fold;
    }

    /**
     * Fold id per training row, whole groups per fold: the distinct groups of the training rows
     * (increasing id order) are shuffled and each is given to the fold with the fewest rows so far
     * (lowest fold index on ties).
     */
    static int[] groupFolds(int[] trainRows, int[] groups, int k, RandomGenerator rng) {
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        for (int r : trainRows) {
            sizes.merge(groups[r], 1, Integer::sum);
        }
        if (sizes.size() < k) {
            throw new IllegalArgumentException("distinct groups in the training part must be >= folds (" + k
                    + "), got " + sizes.size());
        }
        int[] ids = sizes.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] perm = permutation(ids.length, rng);
        java.util.Map<Integer, Integer> foldOf = new java.util.HashMap<>();
        int[] load = new int[k];
        for (int i = 0; i < ids.length; i++) {
            int g = ids[perm[i]];
            int f = 0;
            for (int j = 1; j < k; j++) {
                if (load[j] < load[f]) {
                    f = j;
                }
            }
            foldOf.put(g, f);
            load[f] += sizes.get(g);
        }
        int[] fold = new int[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            fold[i] = foldOf.get(groups[trainRows[i]]);
        }
        return fold;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates, drawing n - 1 integers). */
    static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double meanLogLoss(LogisticRegression.Fit fit, double[][] x, int[] y) {
        if (x.length == 0) {
            return 0;
        }
        double s = 0;
        for (int t = 0; t < x.length; t++) {
            double z = fit.logit(x[t]);
            s += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[t] * z;
        }
        return s / x.length;
    }

    private static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    private static int[] rows(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void checkGroups(int[] groups, int rows) {
        if (groups == null || groups.length != rows) {
            throw new IllegalArgumentException("groups must have length " + rows + ", got "
                    + (groups == null ? "null" : groups.length));
        }
        for (int g : groups) {
            if (g != groups[0]) {
                return;
            }
        }
        throw new IllegalArgumentException("groups must have at least 2 distinct values, got 1");
    }

    private static void checkSplit(int[] train, int[] test, int rows) {
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException("split must have non-empty train and test parts, got " + train.length
                    + " and " + test.length + " rows");
        }
        boolean[] seen = new boolean[rows];
        for (int[] part : new int[][] {train, test}) {
            for (int r : part) {
                if (r < 0 || r >= rows || seen[r]) {
                    throw new IllegalArgumentException("split rows must be distinct indices in [0, " + rows + "), got "
                            + r);
                }
                seen[r] = true;
            }
        }
    }
}
