package org.iblrnn.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianObserver;
import org.iblrnn.agents.BlockModel;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.iblrnn.analysis.dynamics.FixedPointFinder;
import org.iblrnn.analysis.dynamics.FixedPoints;

/**
 * {@link Representation#analyse} on GRU and LSTM networks: finite numbers on h, vector fields and
 * fixed points in the carried-state space (2H for the LSTM) that are fixed points of the network's
 * own step, the documented lift of plane points to (h, c), and the candidate recurrent weights.
 */
class RepresentationCellsTest {
    static final int H = 6;

    record Run(RecurrentModel model, double[] theta, double[][] carried, Representation.Result result) {
    }

    /** A fixed network of the cell, strong readout and recurrence, on 30 short blocks. */
    static Run analyse(String cell) {
        RecurrentModel model = new RecurrentModel(new ModelConfig(cell, 3, H, 2));
        double[] theta = model.initialise(new SplittableRandom(21));
        int whh = model.layout().block("core.weight_hh_l0").offset();
        int whhSize = model.layout().block("core.weight_hh_l0").size();
        for (int i = whh; i < whh + whhSize; i++) {
            theta[i] *= 3.0;
        }
        int w = model.layout().block("readout.weight").offset();
        for (int i = w; i < theta.length; i++) {
            theta[i] *= 20.0;
        }
        TaskConfig task = TaskConfig.paper().withBlocksPerSession(30)
                .withBlockLengths(new BlockLengths.TruncatedGeometric(0.2, 3, 6));
        Session session = Session.sample(task, new SplittableRandom(5));
        AgentRunner.Result rnn = AgentRunner.run(new RnnAgent(model, theta), session, true);
        ObserverTrace obs = new BayesianObserver(task, BayesianObserver.Variant.EXACT, BlockModel.MARKOV)
                .observe(session, rnn.trials().observations());
        Representation.Result r = Representation.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs,
                new Representation.Options(1000, 5, true), new SplittableRandom(9));
        return new Run(model, theta, RnnAgent.carriedStates(model, theta, rnn.steps()), r);
    }

    private static void assertFinite(double v, String what) {
        assertTrue(Double.isFinite(v), what + " = " + v);
    }

    private static void assertFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            assertFinite(v[i], what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "lstm"})
    void numbersAreFiniteAndFixedPointsLiveInTheCarriedSpace(String cell) {
        Run run = analyse(cell);
        Representation.Result r = run.result();
        int carried = cell.equals("lstm") ? 2 * H : H;
        assertEquals(H, r.pca().mean().length, "PCA on h");
        assertEquals(H, r.stimulusReadout().length);
        assertEquals(H, r.blockReadout().length);
        assertFinite(r.pca().cumulativeRatio()[1], "variance in 2 PCs");
        assertFinite(r.stimulusFractionInPlane(), "stimulus readout in plane");
        assertFinite(r.decodeFull().blocked().testAccuracy(), "full decoding");
        assertFinite(r.decodePlane().random().testAccuracy(), "plane decoding");
        assertFinite(r.angleFullDegrees(), "angle");
        assertFinite(r.obsStimulus().slope(), "observation slope s");
        assertFinite(r.obsBlock().slope(), "observation slope b");
        assertFinite(r.feedbackBlock().slope(), "feedback slope b");
        assertFinite(r.observerScale(), "observer scale");
        assertFinite(r.stimulusBelief(), "s");
        assertFinite(r.blockBelief(), "b");
        assertEquals(6, r.fields().size());
        int points = 0;
        for (Representation.Field f : r.fields()) {
            assertTrue(f.x().length > 0, f.condition());
            assertFinite(f.dx(), f.condition() + " dx");
            assertFinite(f.dy(), f.condition() + " dy");
            FixedPoints fp = f.fixedPoints();
            assertEquals(fp.size(), f.fixedPointsPlane().length);
            for (int k = 0; k < fp.size(); k++) {
                double[] x = fp.state(k);
                assertEquals(carried, x.length, "fixed points have the carried state's size");
                double[] fx = FixedPointFinder.step(run.model(), run.theta(), f.input(), x);
                double d = 0;
                for (int i = 0; i < x.length; i++) {
                    d += (fx[i] - x[i]) * (fx[i] - x[i]);
                }
                if (fp.converged()[k]) {
                    assertTrue(Math.sqrt(d) < 1e-3, f.condition() + ": |F(x*) - x*| = " + Math.sqrt(d));
                }
                double[] p = r.plane().project(Arrays.copyOf(x, H));
                assertArrayEquals(p, f.fixedPointsPlane()[k], 1e-12, "plane position = projection of h");
                points += fp.converged()[k] ? 1 : 0;
            }
            assertEquals(carried, fp.search().starts()[0].length, "starts in the carried space");
        }
        assertTrue(points > 0, "some converged fixed points to check");
    }

    @Test
    void lstmVectorFieldIsTheNetworksStepFromTheLiftedGridPoints() {
        Run run = analyse("lstm");
        Representation.Result r = run.result();
        Representation.Field f = r.fields().get(2);
        double[][] starts = f.fixedPoints().search().starts();
        // the starts are the grid points, lifted: h by the PCA reconstruction, c by the affine fit
        double[][] p2 = new double[starts.length][];
        for (int m = 0; m < starts.length; m++) {
            p2[m] = new double[] {f.x()[m], f.y()[m]};
        }
        double[][] hLift = r.plane().reconstruct(p2);
        double[][] expected = Representation.liftToCarried(r.planeCoordinates(), run.carried(), p2, hLift);
        for (int m = 0; m < starts.length; m++) {
            assertArrayEquals(expected[m], starts[m], 0.0, "start " + m);
            double[] next = FixedPointFinder.step(run.model(), run.theta(), f.input(), starts[m]);
            double[] np = r.plane().project(Arrays.copyOf(next, H));
            assertEquals(np[0] - f.x()[m], f.dx()[m], 1e-12);
            assertEquals(np[1] - f.y()[m], f.dy()[m], 1e-12);
        }
    }

    @Test
    void liftFitsTheCellStateByLeastSquaresOnThePlaneCoordinates() {
        // c = a + B p exactly, plus noise orthogonal to (1, p): the fit recovers a and B
        SplittableRandom rng = new SplittableRandom(4);
        int t = 400;
        int hid = 3;
        double[][] coords = new double[t][2];
        double[][] carried = new double[t][2 * hid];
        double[] a = {0.3, -0.2, 0.1};
        double[][] b = {{0.5, -1.0}, {0.0, 2.0}, {-0.7, 0.25}};
        for (int r = 0; r < t; r++) {
            coords[r][0] = rng.nextGaussian();
            coords[r][1] = rng.nextGaussian() + 0.5 * coords[r][0];
            for (int j = 0; j < hid; j++) {
                carried[r][j] = rng.nextGaussian();
                carried[r][hid + j] = a[j] + b[j][0] * coords[r][0] + b[j][1] * coords[r][1];
            }
        }
        double[][] p2 = {{0, 0}, {1, -2}, {3.5, 0.25}};
        double[][] hLift = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] out = Representation.liftToCarried(coords, carried, p2, hLift);
        for (int m = 0; m < p2.length; m++) {
            assertArrayEquals(hLift[m], Arrays.copyOf(out[m], hid), 0.0, "h part is the plane reconstruction");
            for (int j = 0; j < hid; j++) {
                assertEquals(a[j] + b[j][0] * p2[m][0] + b[j][1] * p2[m][1], out[m][hid + j], 1e-10);
            }
        }
        // without extra carried entries (rnn, gru) the reconstruction itself
        double[][] hOnly = new double[t][];
        for (int r = 0; r < t; r++) {
            hOnly[r] = Arrays.copyOf(carried[r], hid);
        }
        assertSame(hLift, Representation.liftToCarried(coords, hOnly, p2, hLift));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void recurrentWeightsAreTheCandidateBlock(String cell) {
        RecurrentModel model = new RecurrentModel(new ModelConfig(cell, 3, 4, 2));
        double[] theta = model.initialise(new SplittableRandom(1));
        int off = model.layout().block("core.weight_hh_l0").offset();
        int row0 = cell.equals("rnn") ? 0 : 8;
        double[][] w = Representation.recurrentWeights(model, theta);
        assertEquals(4, w.length);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(theta[off + (row0 + i) * 4 + j], w[i][j]);
            }
        }
    }
}
