package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.nn.Cell;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.junit.jupiter.api.Test;

/**
 * FixedPointFinder on hand-built tanh RNNs with known answers (FixedPointFinder's test idea: known
 * fixed points matched in both directions), Jacobians against finite differences, and failure
 * reported as data.
 */
class FixedPointFinderTest {
    /**
     * Central difference step for the Jacobian check: truncation ~ h^2 |F'''| ~ 1e-12, round-off
     * ~ 1e-16 / h ~ 1e-10.
     */
    private static final double FD_STEP = 1e-6;
    /**
     * Jacobian vs central differences: |a - n| &lt;= JACOBIAN_REL max(JACOBIAN_FLOOR, |a| + |n|).
     * The difference quotient's round-off, ~1e-16 / FD_STEP ~ 1e-10 absolute, dominates entries
     * of saturated units (~1e-5), hence the floor. Measured worst of the metric: 5.3e-8.
     */
    private static final double JACOBIAN_REL = 1e-6;
    private static final double JACOBIAN_FLOOR = 1e-3;
    /**
     * Found vs true fixed point, Euclidean: converged points have ||F(h) - h|| &lt;= 1.4e-10 and
     * the residual Jacobian at the bistable points is well conditioned (singular values &gt;= 0.8).
     */
    private static final double POINT_MATCH = 1e-8;
    /** Two rounding-level evaluations of the same tanh step (Math.tanh vs the kernel's tanh). */
    private static final double STEP_VS_KERNEL = 1e-13;

    private static final double[] NO_INPUT = {0, 0, 0};

    /** A model with H hidden units and W_hh = w, all other parameters zero. */
    static RecurrentModel model(int h) {
        return new RecurrentModel(new ModelConfig("rnn", 3, h, 2));
    }

    static double[] theta(RecurrentModel m, double[][] whh) {
        double[] theta = new double[m.layout().size()];
        int off = m.layout().block("core.weight_hh_l0").offset();
        int n = whh.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                theta[off + i * n + j] = whh[i][j];
            }
        }
        return theta;
    }

    /** The positive root of h = tanh(2 h), by bisection on (0.5, 1). */
    static double bistableRoot() {
        double lo = 0.5;
        double hi = 1.0;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (Math.tanh(2 * mid) - mid > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static double[][] grid(int k, double lo, double hi) {
        double[][] out = new double[k * k][];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[a * k + b] = new double[] {lo + (hi - lo) * a / (k - 1), lo + (hi - lo) * b / (k - 1)};
            }
        }
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double rel(double a, double n) {
        return Math.abs(a - n) / Math.max(JACOBIAN_FLOOR, Math.abs(a) + Math.abs(n));
    }

    @Test
    void jacobiansMatchCentralDifferencesOnRandomNets() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + trial % 5;
            RecurrentModel m = model(n);
            double[] theta = m.initialise(rng);
            for (int i = 0; i < theta.length; i++) {
                theta[i] *= 4; // leave the near-linear regime
            }
            double[] x = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = rng.nextDouble(-1, 1);
            }
            double[][] j = FixedPointFinder.jacobian(m, theta, x, h);
            double[][] jx = FixedPointFinder.inputJacobian(m, theta, x, h);
            for (int c = 0; c < n; c++) {
                double[] hp = h.clone();
                double[] hm = h.clone();
                hp[c] += FD_STEP;
                hm[c] -= FD_STEP;
                double[] fp = FixedPointFinder.step(m, theta, x, hp);
                double[] fm = FixedPointFinder.step(m, theta, x, hm);
                for (int r = 0; r < n; r++) {
                    double num = (fp[r] - fm[r]) / (2 * FD_STEP);
                    assertTrue(rel(j[r][c], num) < JACOBIAN_REL,
                            "dF" + r + "/dh" + c + ": " + j[r][c] + " vs " + num);
                }
            }
            for (int c = 0; c < 3; c++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[c] += FD_STEP;
                xm[c] -= FD_STEP;
                double[] fp = FixedPointFinder.step(m, theta, xp, h);
                double[] fm = FixedPointFinder.step(m, theta, xm, h);
                for (int r = 0; r < n; r++) {
                    double num = (fp[r] - fm[r]) / (2 * FD_STEP);
                    assertTrue(rel(jx[r][c], num) < JACOBIAN_REL,
                            "dF" + r + "/dx" + c + ": " + jx[r][c] + " vs " + num);
                }
            }
        }
    }

    @Test
    void stepEqualsTheModelsOwnKernelStep() {
        RecurrentModel m = model(7);
        double[] theta = m.initialise(new SplittableRandom(3));
        double[] x = {0.2, 1.2, -0.05};
        double[] h = new double[7];
        for (int i = 0; i < 7; i++) {
            h[i] = Math.sin(i + 1.0);
        }
        Cell.Kernel k = m.cell().newKernel();
        k.load(theta, 0);
        double[] expected = new double[7];
        k.forward(x, h, expected);
        assertArrayEquals(expected, FixedPointFinder.step(m, theta, x, h), STEP_VS_KERNEL);
        double[][] both = FixedPointFinder.stepAll(m, theta, x, new double[][] {h, h});
        assertArrayEquals(expected, both[1], STEP_VS_KERNEL);
    }

    @Test
    void bistablePairHasNineKnownFixedPointsFoundAndClassified() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        double hs = bistableRoot();
        double[] coords = {-hs, 0, hs};
        double[][] truth = new double[9][];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                truth[a * 3 + b] = new double[] {coords[a], coords[b]};
            }
        }
        FixedPointConfig cfg = FixedPointConfig.defaults();
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, grid(9, -1, 1), cfg);

        assertEquals(81, fps.search().size());
        assertEquals(81, fps.search().convergedCount());
        assertEquals(0, fps.rejectedCount());
        assertEquals(0, fps.outlierCount());
        assertEquals(9, fps.size());
        double[][] found = fps.states();
        for (double[] t : truth) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] f : found) {
                best = Math.min(best, dist(t, f));
            }
            assertTrue(best < POINT_MATCH, "true point " + t[0] + "," + t[1] + " not found: " + best);
        }
        double lambdaStable = 2 * (1 - hs * hs);
        for (int k = 0; k < fps.size(); k++) {
            double[] f = found[k];
            int zeros = 0;
            for (double v : f) {
                assertTrue(Math.abs(v) < POINT_MATCH || Math.abs(Math.abs(v) - hs) < POINT_MATCH,
                        "found point " + f[0] + "," + f[1] + " is not a true point");
                zeros += Math.abs(v) < POINT_MATCH ? 1 : 0;
            }
            FixedPoints.Stability expected = switch (zeros) {
                case 0 -> FixedPoints.Stability.STABLE;
                case 1 -> FixedPoints.Stability.SADDLE;
                default -> FixedPoints.Stability.UNSTABLE;
            };
            assertEquals(expected, fps.stability()[k], "point " + f[0] + "," + f[1]);
            assertTrue(fps.converged()[k]);
            assertTrue(fps.q()[k] <= cfg.tolQ());
            // eigenvalues: 2 (1 - h_i^2) per coordinate, sorted by modulus
            double[] re = fps.eigenvaluesRe()[k];
            double[] expectedEig = new double[2];
            for (int i = 0; i < 2; i++) {
                expectedEig[i] = zeros == 0 || Math.abs(f[i]) > 0.5 ? lambdaStable : 2.0;
            }
            java.util.Arrays.sort(expectedEig);
            assertEquals(expectedEig[1], re[0], 1e-9);
            assertEquals(expectedEig[0], re[1], 1e-9);
            assertArrayEquals(new double[2], fps.eigenvaluesIm()[k], 0.0);
        }
        assertEquals(4, fps.count(FixedPoints.Stability.STABLE));
        assertEquals(4, fps.count(FixedPoints.Stability.SADDLE));
        assertEquals(1, fps.count(FixedPoints.Stability.UNSTABLE));
        int total = 0;
        for (int c : fps.startCounts()) {
            total += c;
        }
        assertEquals(81, total);
        assertFalse(fps.lineAttractor().detected());
        assertEquals(0, fps.lineAttractor().numberOfPoints());
        // the stable points are stable by the reference code's |Re lambda| < 1 rule too
        for (int k : fps.indicesOf(FixedPoints.Stability.STABLE)) {
            assertTrue(fps.realPartStable(k));
        }
    }

    @Test
    void nearLinearNetworkWithUnitEigenvalueIsALineAttractor() {
        double theta0 = Math.PI / 6;
        double c = Math.cos(theta0);
        double s = Math.sin(theta0);
        // W = R diag(1, 0.3) R^T: eigenvalue 1 along (c, s), 0.3 along (-s, c)
        double[][] w = {
            {c * c + 0.3 * s * s, (1 - 0.3) * c * s},
            {(1 - 0.3) * c * s, s * s + 0.3 * c * c}};
        RecurrentModel m = model(2);
        double[] theta = theta(m, w);
        // stop on entering the slow region (speed ||F(h) - h|| <= 1.4e-4), as FixedPointFinder does
        FixedPointConfig cfg = FixedPointConfig.defaults().withTolQ(1e-8);
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, grid(7, -0.5, 0.5), cfg);

        FixedPoints.LineAttractor line = fps.lineAttractor();
        assertTrue(line.detected(), line.toString());
        assertTrue(line.numberOfPoints() >= 3);
        double[] d = line.direction();
        assertEquals(1.0, Math.abs(d[0] * c + d[1] * s), 1e-3, "direction " + d[0] + "," + d[1]);
        assertTrue(line.explainedVariance() > 0.99);
        assertTrue(line.meanAlignment() > 0.99);
        for (double v : line.slowEigenvalues()) {
            assertTrue(v > 0.95 && v <= 1.0, "slow eigenvalue " + v);
        }
        assertTrue(line.extent() > 0.05, "extent " + line.extent());
        // the same analysis with every point re-tested agrees
        assertEquals(line.detected(), FixedPointFinder.lineAttractor(fps, cfg).detected());
        // a stricter extent requirement rejects it
        assertFalse(FixedPointFinder.lineAttractor(fps, cfg.withLineMinExtent(10)).detected());

        // at the origin the spectrum is exactly that of W: {1, 0.3}, so it is marginal
        double[][] j0 = FixedPointFinder.jacobian(m, theta, NO_INPUT, new double[2]);
        JacobianSpectrum spec = JacobianSpectrum.of(j0);
        assertEquals(1.0, spec.re()[0], 1e-12);
        assertEquals(0.3, spec.re()[1], 1e-12);
        assertEquals(FixedPoints.Stability.MARGINAL, FixedPointFinder.classify(spec, 1e-3));
    }

    @Test
    void bistableNetworkIsNotALineAttractorEvenWhenSearchStopsEarly() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, grid(7, -1, 1),
                FixedPointConfig.defaults().withTolQ(1e-8));
        assertFalse(fps.lineAttractor().detected());
    }

    @Test
    void nonConvergenceIsReportedAsData() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPointConfig cfg = FixedPointConfig.defaults().withMaxIterations(1);
        double[][] starts = {{0.5, 0.7}, {-0.3, 0.2}, {0.1, -0.9}};
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, starts, cfg);
        FixedPoints.Search search = fps.search();
        assertEquals(0, search.convergedCount());
        assertEquals(3, search.count(FixedPoints.Outcome.MAX_ITERATIONS));
        assertEquals(1, search.maxIterationsUsed());
        int rejected = 0;
        for (int i = 0; i < 3; i++) {
            assertEquals(1, search.iterations()[i]);
            assertTrue(search.q()[i] > cfg.tolQ());
            boolean kept = search.q()[i] <= cfg.slowQ();
            assertEquals(kept, search.pointIndex()[i] >= 0);
            rejected += kept ? 0 : 1;
        }
        assertEquals(rejected, fps.rejectedCount());
        for (int k = 0; k < fps.size(); k++) {
            assertTrue(fps.isSlow(k));
        }
        // a start exactly at a fixed point converges with no step at all
        FixedPoints exact = FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0, 0}}, cfg);
        assertEquals(FixedPoints.Outcome.CONVERGED, exact.search().outcomes()[0]);
        assertEquals(0, exact.search().iterations()[0]);
        assertEquals(FixedPoints.Stability.UNSTABLE, exact.stability()[0]);
    }

    @Test
    void slowPointsAreKeptAndHighResidualStatesDropped() {
        // a few iterations on the slowly converging line-attractor valley stop above tolQ
        double[][] w = {{1, 0}, {0, 0.3}};
        RecurrentModel m = model(2);
        double[] theta = theta(m, w);
        FixedPointConfig cfg = FixedPointConfig.defaults().withMaxIterations(4);
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0.6, 0.1}, {-0.5, 0.0}}, cfg);
        assertEquals(2, fps.size());
        for (int k = 0; k < 2; k++) {
            assertTrue(fps.isSlow(k));
            assertTrue(fps.q()[k] > cfg.tolQ() && fps.q()[k] <= cfg.slowQ(), "q " + fps.q()[k]);
        }
        FixedPoints strict = FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0.6, 0.1}, {-0.5, 0.0}},
                cfg.withSlowQ(1e-19));
        assertEquals(0, strict.size());
        assertEquals(2, strict.rejectedCount());
        assertArrayEquals(new int[] {-1, -1}, strict.search().pointIndex());
    }

    @Test
    void distanceOutliersAreDropped() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        double[][] starts = grid(9, -1, 1);
        // starts' mean distance to their centroid (the origin) is ~0.77; the stable corners lie at
        // 1.354 and the saddles at 0.957, so a scale of 1.5 drops exactly the four corners
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, starts,
                FixedPointConfig.defaults().withOutlierDistanceScale(1.5));
        assertEquals(4, fps.outlierCount());
        assertEquals(5, fps.size());
        assertEquals(0, fps.count(FixedPoints.Stability.STABLE));
        for (int i = 0; i < starts.length; i++) {
            boolean corner = Math.abs(starts[i][0]) > 0.3 && Math.abs(starts[i][1]) > 0.3;
            if (corner) {
                assertEquals(-1, fps.search().pointIndex()[i]);
            }
        }
    }

    @Test
    void basinsOfTheBistablePairAreTheQuadrants() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPointConfig cfg = FixedPointConfig.defaults();
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, grid(9, -1, 1), cfg);
        double[][] states = grid(8, -0.9, 0.9); // no state on an axis
        FixedPoints.Basins basins = FixedPointFinder.basins(m, theta, NO_INPUT, fps, states, cfg);
        assertEquals(4, basins.pointIndices().length);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, basins.fractions(), 0.0);
        assertEquals(0.0, basins.uncapturedFraction());
        for (int i = 0; i < states.length; i++) {
            double[] p = fps.state(basins.assignment()[i]);
            assertTrue(Math.signum(p[0]) == Math.signum(states[i][0])
                    && Math.signum(p[1]) == Math.signum(states[i][1]));
            assertTrue(basins.steps()[i] >= 1 && basins.steps()[i] < cfg.basinMaxSteps());
        }
    }

    @Test
    void projectionOntoABasis() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPoints fps = FixedPointFinder.find(m, theta, NO_INPUT, grid(9, -1, 1), FixedPointConfig.defaults());
        double[][] identity = fps.project(new double[][] {{1, 0}, {0, 1}}, new double[2]);
        double[][] states = fps.states();
        for (int k = 0; k < fps.size(); k++) {
            assertArrayEquals(states[k], identity[k], 0.0);
        }
        double r = Math.sqrt(0.5);
        double[][] rotated = fps.project(new double[][] {{r, r}}, new double[] {1, 0});
        for (int k = 0; k < fps.size(); k++) {
            assertEquals(r * (states[k][0] - 1) + r * states[k][1], rotated[k][0], 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> fps.project(new double[][] {{1, 0, 0}}, new double[2]));
    }

    @Test
    void resultsAreDeterministicAndDefensivelyCopied() {
        RecurrentModel m = model(5);
        double[] theta = m.initialise(new SplittableRandom(5));
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 6;
        }
        double[] thetaCopy = theta.clone();
        double[] x = {1.2, 0.2, -0.05};
        double[][] starts = new double[30][5];
        SplittableRandom rng = new SplittableRandom(9);
        for (double[] st : starts) {
            for (int i = 0; i < 5; i++) {
                st[i] = rng.nextDouble(-1, 1);
            }
        }
        FixedPoints a = FixedPointFinder.find(m, theta, x, starts, FixedPointConfig.defaults());
        FixedPoints b = FixedPointFinder.find(m, theta, x, starts, FixedPointConfig.defaults());
        assertArrayEquals(thetaCopy, theta, 0.0);
        assertTrue(a.size() >= 1);
        assertArrayEquals(a.q(), b.q(), 0.0);
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.state(k), b.state(k), 0.0);
        }
        a.states()[0][0] = 99;
        a.search().q()[0] = 99;
        assertTrue(a.state(0)[0] != 99);
        assertTrue(a.search().q()[0] != 99);
        // every unique point really is (nearly) fixed and its Jacobian matches jacobian()
        for (int k = 0; k < a.size(); k++) {
            assertTrue(FixedPointFinder.q(m, theta, x, a.state(k)) <= FixedPointConfig.defaults().slowQ());
            double[][] j = FixedPointFinder.jacobian(m, theta, x, a.state(k));
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(j[i], a.jacobian(k)[i], 0.0);
            }
        }
    }

    @Test
    void sampledStartsAreDrawnFromTheStatesAndReproducible() {
        double[][] states = {{0, 0}, {1, 1}, {2, 2}};
        FixedPointConfig cfg = FixedPointConfig.defaults().withNumStarts(50);
        double[][] a = FixedPointFinder.sampleStarts(states, cfg, new SplittableRandom(1));
        double[][] b = FixedPointFinder.sampleStarts(states, cfg, new SplittableRandom(1));
        assertEquals(50, a.length);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
            assertEquals(a[i][0], a[i][1], 0.0);
            assertEquals(Math.rint(a[i][0]), a[i][0], 0.0);
        }
        double[][] noisy = FixedPointFinder.sampleStarts(states, cfg.withStartNoise(0.1), new SplittableRandom(1));
        assertTrue(noisy[0][0] != noisy[0][1]);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirValues() {
        RecurrentModel m = model(2);
        double[] theta = theta(m, new double[][] {{2, 0}, {0, 2}});
        FixedPointConfig cfg = FixedPointConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.find(m, theta, new double[] {0, 0}, grid(3, -1, 1), cfg));
        assertTrue(e.getMessage().contains("input must have length 3, got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0, 0, 0}}, cfg));
        assertTrue(e.getMessage().contains("starts[0] must have length 2, got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.find(m, theta, NO_INPUT, new double[][] {{0, Double.NaN}}, cfg));
        assertTrue(e.getMessage().contains("starts[0][1] must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.find(m, theta, NO_INPUT, new double[0][], cfg));
        assertTrue(e.getMessage().contains("starts must hold at least one state"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointFinder.jacobian(m, new double[3], NO_INPUT, new double[2]));
        assertTrue(e.getMessage().contains("parameter vector must have length"), e.getMessage());
    }
}
