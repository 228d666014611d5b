package org.iblrnn.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iblrnn.nn.RecurrentModel;

/**
 * Basins of attraction under one constant input by forward iteration, the direct definition
 * (reference-spec 5.11 estimates them from a Lyapunov bound instead; see {@link LyapunovBasin}).
 *
 * <ol>
 *   <li>The STABLE points of a {@link FixedPoints} result are merged into distinct
 *       <i>attractors</i>: greedy, in the finder's order (lowest q first), a point joins the first
 *       attractor within {@link Options#mergeDistance()} of its representative. A finder run with a
 *       loose tolQ (the analysis uses 1e-8) stops each start anywhere with ||F(h) - h|| &lt;= 1.4e-4,
 *       which near a point with slow eigenvalue lambda is up to 1.4e-4 / (1 - lambda) away from it
 *       (0.006 for lambda = 0.975), so one attractor is often reported as several "unique" points
 *       1e-3 to 1e-2 apart; 0.05 state units merges those and nothing else on the paper network
 *       (distinct attractors there are more than 2 apart).</li>
 *   <li>Each start state is iterated under F for at most {@link Options#maxSteps()} steps and
 *       assigned to the first stable point it comes within {@link Options#captureDistance()} of
 *       ({@link FixedPointFinder#basins} with dedupDistance = captureDistance), hence to that point's
 *       attractor; a state captured by none is <i>uncaptured</i> (-1).</li>
 * </ol>
 * Attractors are ordered by their first plane coordinate (left to right in a PC1/PC2 plot).
 * Pure and deterministic; the model and theta are not modified.
 */
public final class Basins {
    private Basins() {
    }

    /**
     * @param mergeDistance   stable points closer than this (state units) are one attractor (default 0.05)
     * @param captureDistance a state within this distance of a stable point is captured (default 0.05)
     * @param maxSteps        forward steps per state before giving up (default 1000)
     */
    public record Options(double mergeDistance, double captureDistance, int maxSteps) {
        public Options {
            if (!(mergeDistance > 0) || !Double.isFinite(mergeDistance)) {
                throw new IllegalArgumentException("mergeDistance must be a finite number > 0, got " + mergeDistance);
            }
            if (!(captureDistance > 0) || !Double.isFinite(captureDistance)) {
                throw new IllegalArgumentException("captureDistance must be a finite number > 0, got "
                        + captureDistance);
            }
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
        }

        public static Options defaults() {
            return new Options(0.05, 0.05, 1000);
        }
    }

    /**
     * A distinct attractor.
     *
     * @param state      its representative (the merged stable point with the lowest q), shape [N]
     * @param plane      the representative's plane coordinates, shape [D]
     * @param members    indices of the merged stable points among the finder's unique points
     * @param maxModulus largest eigenvalue modulus of dF/dh at the representative
     */
    public record Attractor(double[] state, double[] plane, int[] members, double maxModulus) {
        public Attractor {
            state = state.clone();
            plane = plane.clone();
            members = members.clone();
        }

        @Override
        public double[] state() {
            return state.clone();
        }

        @Override
        public double[] plane() {
            return plane.clone();
        }

        @Override
        public int[] members() {
            return members.clone();
        }
    }

    /**
     * Where each start state goes.
     *
     * @param attractors  the distinct attractors, ordered by first plane coordinate
     * @param assignment  per start, the index into {@code attractors}, or -1 if uncaptured, shape [M]
     * @param steps       per start, forward steps until capture (maxSteps if never), shape [M]
     * @param fractions   fraction of the starts captured by each attractor, shape [A]
     * @param uncaptured  fraction of the starts captured by none
     */
    public record Result(List<Attractor> attractors, int[] assignment, int[] steps, double[] fractions,
                         double uncaptured) {
        public Result {
            attractors = List.copyOf(attractors);
            assignment = assignment.clone();
            steps = steps.clone();
            fractions = fractions.clone();
        }

        @Override
        public int[] assignment() {
            return assignment.clone();
        }

        @Override
        public int[] steps() {
            return steps.clone();
        }

        @Override
        public double[] fractions() {
            return fractions.clone();
        }

        /** Number of starts M. */
        public int size() {
            return assignment.length;
        }
    }

    /**
     * The distinct attractors of a fixed-point result (step 1 of the class documentation).
     *
     * @param points the finder's result
     * @param basis  plane basis, rows of length D_h &lt;= N (the first D_h state entries are projected,
     *               e.g. h of an LSTM's (h, c)), shape [D][D_h]
     * @param mean   plane centre, shape [D_h]
     */
    public static List<Attractor> attractors(FixedPoints points, double[][] basis, double[] mean, Options options) {
        int[] stable = points.indicesOf(FixedPoints.Stability.STABLE);
        double[][] states = new double[stable.length][];
        for (int p = 0; p < stable.length; p++) {
            states[p] = points.state(stable[p]);
        }
        int[] label = FixedPointLines.mergeLabels(states, options.mergeDistance());
        int groups = 0;
        for (int l : label) {
            groups = Math.max(groups, l + 1);
        }
        List<Attractor> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<Integer> members = new ArrayList<>();
            int rep = -1;
            for (int p = 0; p < stable.length; p++) {
                if (label[p] == g) {
                    members.add(stable[p]);
                    rep = rep < 0 ? p : rep;
                }
            }
            double[] s = states[rep];
            out.add(new Attractor(s, projectHead(s, basis, mean), members.stream().mapToInt(Integer::intValue).toArray(),
                    points.maxModulus(stable[rep])));
        }
        out.sort((a, b) -> Double.compare(a.plane()[0], b.plane()[0]));
        return out;
    }

    /**
     * Basins of the attractors of {@code points} for the given start states.
     *
     * @param model  the network
     * @param theta  flat parameters; not modified
     * @param input  the constant input of {@code points}, shape [I]
     * @param points the finder's result for that input
     * @param basis  plane basis (see {@link #attractors})
     * @param mean   plane centre
     * @param starts start states, shape [M][N]; not modified
     */
    public static Result compute(RecurrentModel model, double[] theta, double[] input, FixedPoints points,
                                 double[][] basis, double[] mean, double[][] starts, Options options) {
        List<Attractor> attractors = attractors(points, basis, mean, options);
        int m = starts.length;
        int[] assignment = new int[m];
        int[] steps = new int[m];
        Arrays.fill(assignment, -1);
        Arrays.fill(steps, options.maxSteps());
        double[] fractions = new double[attractors.size()];
        if (m == 0 || attractors.isEmpty()) {
            return new Result(attractors, assignment, steps, fractions, m == 0 ? 0 : 1);
        }
        FixedPointConfig cfg = FixedPointConfig.defaults().withDedupDistance(options.captureDistance())
                .withBasinMaxSteps(options.maxSteps());
        FixedPoints.Basins raw = FixedPointFinder.basins(model, theta, input, points, starts, cfg);
        int[] pointToAttractor = new int[points.size()];
        Arrays.fill(pointToAttractor, -1);
        for (int a = 0; a < attractors.size(); a++) {
            for (int k : attractors.get(a).members()) {
                pointToAttractor[k] = a;
            }
        }
        int[] rawAssignment = raw.assignment();
        int[] rawSteps = raw.steps();
        int uncaptured = 0;
        int[] counts = new int[attractors.size()];
        for (int s = 0; s < m; s++) {
            int k = rawAssignment[s];
            assignment[s] = k < 0 ? -1 : pointToAttractor[k];
            steps[s] = rawSteps[s];
            if (assignment[s] < 0) {
                uncaptured++;
            } else {
                counts[assignment[s]]++;
            }
        }
        for (int a = 0; a < counts.length; a++) {
            fractions[a] = (double) counts[a] / m;
        }
        return new Result(attractors, assignment, steps, fractions, (double) uncaptured / m);
    }

    /** Plane coordinates of the first mean.length entries of a state. */
    static double[] projectHead(double[] state, double[][] basis, double[] mean) {
        double[] out = new double[basis.length];
        for (int d = 0; d < basis.length; d++) {
            double s = 0;
            for (int i = 0; i < mean.length; i++) {
                s += (state[i] - mean[i]) * basis[d][i];
            }
            out[d] = s;
        }
        return out;
    }
}
