package org.iblrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.GradCheck;
import org.iblrnn.testsupport.Tolerances;

/** Gradient-check routines shared by the nn and train tests. */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** A random small net: PyTorch-default init scaled by 2 so that tanh is well into its nonlinearity. */
    public static double[] randomTheta(RecurrentModel m, SplittableRandom rng, double gain) {
        double[] theta = m.initialise(rng);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= gain;
        }
        return theta;
    }

    /**
     * Checks every parameter of every block with the five-point stencil, and with the plain
     * h = 1e-5 central difference where the derivative is large enough for it; returns the
     * five-point results per block.
     */
    public static List<GradCheck.Result> checkAllBlocks(RecurrentModel m, double[] theta, OpenLoop seq, Loss loss,
                                                 double scale, int[] subset) {
        Tape tape = m.newTape(4);
        double[] g = seq.gradient(tape, theta, loss, scale);
        GradCheck.Objective f = th -> seq.loss(tape, th, loss, scale);
        List<GradCheck.Result> results = new ArrayList<>();
        for (ParamBlock b : m.layout().blocks()) {
            GradCheck.Result r = GradCheck.Result.empty();
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                if (subset != null && !contains(subset, i)) {
                    continue;
                }
                final int idx = i;
                final double a = g[i];
                final double five = GradCheck.fivePointDifference(f, theta, i, Tolerances.FD_STEP_FIVE_POINT);
                final double e5 = GradCheck.relativeError(a, five);
                assertTrue(e5 < Tolerances.GRAD_CHECK_REL, () -> b.name() + " index " + (idx - b.offset()) + " ("
                        + loss + "): analytic " + a + " vs five-point " + five + ", error " + e5);
                final double central = GradCheck.centralDifference(f, theta, i, Tolerances.FD_STEP_CENTRAL);
                if (Math.abs(a) + Math.abs(central) >= Tolerances.CENTRAL_MIN_MAGNITUDE) {
                    final double ec = GradCheck.relativeError(a, central);
                    assertTrue(ec < Tolerances.GRAD_CHECK_REL_CENTRAL, () -> b.name() + " index " + (idx - b.offset())
                            + " (" + loss + "): analytic " + a + " vs central " + central + ", error " + ec);
                }
                r = r.merge(new GradCheck.Result(e5, i, g[i], five, 1, g[i] != 0.0 ? 1 : 0));
            }
            results.add(r);
        }
        return results;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asserts that the tape's BPTT equals the naive reference BPTT: for every parameter,
     * |a - r| <= BPTT_VS_REFERENCE * max(|a| + |r|, 1e-4 * max_j |r_j|, 1e-8). The norm-wise floor
     * keeps components that are tiny sums of large terms (whose last bits depend on summation
     * order) from dominating; loss values must agree to 1e-13.
     */
    public static void assertMatchesReference(RecurrentModel m, double[] theta, OpenLoop seq, Loss loss, double scale) {
        Tape tape = m.newTape(4);
        ReferenceRnn ref = new ReferenceRnn(m.config());
        double[] g = seq.gradient(tape, theta, loss, scale);
        double[] gr = ref.gradient(theta, seq, loss, scale);
        double max = 0;
        for (double v : gr) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0, "reference gradient is all zero");
        for (int i = 0; i < g.length; i++) {
            double denom = Math.max(1e-8, Math.max(Math.abs(g[i]) + Math.abs(gr[i]), 1e-4 * max));
            double e = Math.abs(g[i] - gr[i]) / denom;
            int idx = i;
            assertTrue(e < Tolerances.BPTT_VS_REFERENCE, () -> m.layout().blockOf(idx).name() + " flat index " + idx
                    + ": tape " + g[idx] + " vs reference " + gr[idx] + ", error " + e);
        }
        double l = seq.loss(tape, theta, loss, scale);
        double lr = ref.loss(theta, seq, loss, scale);
        assertEquals(lr, l, 1e-13 * Math.max(1, Math.abs(lr)));
        // backward() returns the same loss as loss(), up to summation order (it sums backwards)
        seq.run(tape, theta, false);
        assertEquals(l, tape.backward(loss, scale, new double[theta.length]), 1e-14 * Math.max(1, Math.abs(l)));
    }
}
