package org.iblrnn.testsupport;

/**
 * Named numerical tolerances for the tests, each with the measurement or argument behind it.
 * Relative errors use |a - b| / max(floor, |a| + |b|) unless stated otherwise.
 */
public final class Tolerances {
    private Tolerances() {
    }

    // ---- math.Activations -------------------------------------------------------------------

    /**
     * tanh for |x| < 1/16 (odd Taylor polynomial) vs Math.tanh, in ulps of the exact result.
     * Measured: at most 2 ulps over 3e6 random points and a dense grid.
     */
    /**
     * Absolute error of the RNN kernel's vectorised tanh ({@code Activations.tanhInPlace}):
     * measured 6.2e-15 over [-30, 30]; values computed through the kernel differ from a
     * {@code Math.tanh} reference by up to this much per unit (times the downstream weights).
     */
    public static final double KERNEL_TANH_ABS = 1e-14;

    public static final double TANH_ULPS_SMALL = 4;

    /**
     * tanh for 1/16 <= |x| < 1/2, relative error. The 1 - 2/(exp(2|x|) + 1) branch cancels about
     * five bits just above 1/16; measured worst 3.33e-15 (29 ulps) at x = 0.0626.
     */
    public static final double TANH_REL_CANCELLING = 4e-15;

    /** tanh for |x| >= 1/2, in ulps. Measured: at most 3 ulps (at 0.55), 1 ulp above |x| = 1. */
    public static final double TANH_ULPS_LARGE = 4;

    /** sigmoid vs the textbook formulas where they do not overflow: a few roundings, in ulps. */
    public static final double SIGMOID_ULPS = 4;

    // ---- gradients --------------------------------------------------------------------------

    /**
     * Relative step of the fourth-order (five-point) central difference used by the gradient
     * checks: h = 1e-3 * max(1, |theta_i|). Truncation error O(h^4) ~ 1e-12, round-off
     * ~ 1e-16 / h ~ 1e-13, the best balance measured among 3e-4, 1e-3, 3e-3.
     */
    public static final double FD_STEP_FIVE_POINT = 1e-3;

    /**
     * Gradient check with the five-point stencil, metric |a - n| / max(1e-8, |a| + |n|).
     * Measured worst in the test cases: 3.2e-8 (small nets), 2.9e-9 (closed-loop H = 4) and
     * 1.9e-7 over all 2852 parameters of the H = 50 closed-loop session (T = 96); 8.1e-7 over all
     * parameters of 1800 random small nets (the worst entries have |g| ~ 2e-7, where round-off
     * dominates). A wrong derivative gives errors of order 1e-2..1.
     */
    public static final double GRAD_CHECK_REL = 1e-6;

    /** Relative step of the plain central difference (the textbook check): 1e-5. */
    public static final double FD_STEP_CENTRAL = 1e-5;

    /**
     * Gradient check with the plain central difference at h = 1e-5, for entries with
     * |a| + |n| >= {@link #CENTRAL_MIN_MAGNITUDE}. Measured worst there: 3.1e-8 (small nets),
     * 2.3e-8 (H = 4 session), 1.9e-7 (H = 50 session).
     */
    public static final double GRAD_CHECK_REL_CENTRAL = 1e-6;

    /**
     * Below this magnitude the h = 1e-5 central difference is round-off limited (~1e-16 / h
     * ~ 5e-12 absolute): unfiltered it measured up to 9.6e-6 relative on the H = 50 session
     * (|g| = 3e-7) and 6.3e-6 on random small nets. Such entries are held to the five-point
     * check only.
     */
    public static final double CENTRAL_MIN_MAGNITUDE = 1e-4;

    /**
     * Tape BPTT vs the naive reference BPTT (ReferenceRnn), metric
     * |a - r| / max(1e-8, |a| + |r|, 1e-4 max_j |r_j|): the same math with another summation order
     * and Math.tanh instead of Activations.tanh (up to 29 ulps apart). Measured worst 1.7e-12
     * (small nets), 1.3e-13 (H = 50 session). With the plain per-entry metric the worst was
     * 3.1e-11, on an entry of 8e-7 summed from terms of ~0.1.
     */
    public static final double BPTT_VS_REFERENCE = 1e-10;

    // ---- training ---------------------------------------------------------------------------

    /**
     * One SGD step of the Trainer vs the same step assembled by hand from per-session tapes,
     * relative to the update size. Identical arithmetic in the same order would give 0; the
     * bound allows a different but exact-in-exact-arithmetic normalisation order.
     */
    public static final double BATCH_VS_SESSIONS_REL = 1e-12;

    /** Optimiser steps vs hand-written PyTorch formulas: a handful of roundings on O(1) values. */
    public static final double OPTIMIZER_ABS = 1e-15;
}
