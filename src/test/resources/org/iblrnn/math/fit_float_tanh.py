"""Fits the polynomial of the float32 tanh of org.iblrnn.math.ScalarFloatSimd / VectorFloatSimd.

The kernels compute, for t = |x| < 9 (|x| >= 9 gives 1 with x's sign, tanh 9 = 1 - 3.05e-8):

    tanh t = E / (E + 2),   E = expm1(2t) = 2^(n+1) p(r) + (2^n - 1),
    n = round(2t / ln 2),   r = t - n (ln 2)/2 in [-0.1733, 0.1733],
    p(r) = expm1(2r) / 2 = r + r^2 h(r),   h(r) = H0 + H1 r + H2 r^2 + H3 r^3 + H4 r^4.

This script fits h, of degree 4, minimising the maximum relative error of p over |r| <= 0.1735
(a little more than ln 2 / 4, for the rounding of n): a linear minimax problem, solved exactly on
a dense grid as a linear programme (scipy's HiGHS), against expm1 evaluated with mpmath at 40
digits. The coefficients are then rounded to float32 one at a time, lowest degree first,
refitting the ones not yet rounded after each rounding (a greedy form of "fpminimax").

Run with python3 (numpy, scipy, mpmath); takes a few seconds. It prints the float64 minimax
error, the error with the float32 coefficients (evaluated exactly), and the Java constants.
Results (numpy 2.4, scipy 1.17): 1.33e-8 and 1.38e-8 relative, i.e. about 0.25 float ulp; the
float32 evaluation error of the whole tanh (at most 2.6 ulps, 9e-8 absolute) was measured
by an exhaustive Java check over every float in [0, 9.5] when the constants were chosen; the
unit test FloatSimdTest re-checks a dense sample (1e-7 absolute, 2e-7 relative below 1/2).
"""
import mpmath as mp
import numpy as np
from scipy.optimize import linprog

mp.mp.dps = 40
R = 0.1735
DEG = 4

r = np.linspace(-R, R, 8001)
r = r[r != 0]
p = np.array([float(mp.expm1(2 * mp.mpf(float(v))) / 2) for v in r])
h_target = (p - r) / r ** 2  # the h that makes p exact
weight = r ** 2 / np.abs(p)  # relative error of p = weight * (h - h_target)
V = np.vander(r, DEG + 1, increasing=True)


def minimax(fixed):
    """Minimax h with the coefficients in `fixed` (index -> value) held; returns (error, coefs)."""
    free = [i for i in range(DEG + 1) if i not in fixed]
    base = sum((V[:, i] * val for i, val in fixed.items()), np.zeros_like(r))
    rhs = weight * (h_target - base)
    A = weight[:, None] * V[:, free]
    m = len(free)
    ones = np.ones((len(r), 1))
    # minimise d subject to -d <= A c - rhs <= d
    res = linprog(np.r_[np.zeros(m), 1.0],
                  A_ub=np.vstack([np.hstack([A, -ones]), np.hstack([-A, -ones])]),
                  b_ub=np.r_[rhs, -rhs], bounds=[(None, None)] * (m + 1), method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    c = np.zeros(DEG + 1)
    for i, val in fixed.items():
        c[i] = val
    c[free] = res.x[:m]
    return error(c), c


def error(c):
    return np.max(np.abs(weight * (V @ c - h_target)))


def main():
    err, c = minimax({})
    print("float64 minimax relative error of p: %.3e" % err)
    fixed = {}
    for i in range(DEG + 1):
        fixed[i] = float(np.float32(c[i]))
        if len(fixed) <= DEG:
            err, c = minimax(fixed)
    cs = np.array([fixed[i] for i in range(DEG + 1)])
    print("float32 coefficients, relative error of p: %.3e" % error(cs))
    for i in range(DEG + 1):
        f = np.float32(cs[i])
        print("    static final float H%d = %s; // %sf" % (i, float(f).hex().replace("0000000p", "p") + "f", f))


if __name__ == "__main__":
    main()
