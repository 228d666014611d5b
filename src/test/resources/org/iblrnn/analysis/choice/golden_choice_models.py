#!/usr/bin/env python3
"""Golden values for the choice models of org.iblrnn.analysis.choice, from an independent
implementation (numpy + scipy), for GoldenChoiceModelsTest.

Regenerate (from this folder):

    python3 golden_choice_models.py

which reads golden-mouse.csv and (over)writes golden-choice-models.csv beside this script.
Made with Python 3.11.7, numpy 2.4.6, scipy 1.17.1 (about two minutes on one CPU).

Fixture: golden-mouse.csv is the first 6 sessions of mouse NYU-01 (the header and the first 4,534
data rows of /work/shared/data/ibl-mice-2020/NYU-01.csv.gz, unchanged): 4,534 trials, 58 of them
without a response, 11 zero-contrast trials whose position is written -0.0 (stimulus on the left),
so the fixture exercises no-response handling and the sign of zero.

Definitions (written from the model documentation, not from the Java code paths):
  * session = run of equal session_num in file order; trials in file order;
  * stimulus side = sign of position INCLUDING the sign of zero (-0.0 -> left = -1, else +1);
  * signed contrast c = side * contrast; choice = response_choice (-1 left, +1 right, 0 none);
  * block P(right) = 1 - stim_probability_left (0.5 / 0.2 / 0.8); opening = leading 0.5 trials.
Every model is P(right) = lo + (1 - lo - hi) * sigmoid(bias + w * tanh(k c) / tanh(k) + sum_j b_j x_j)
with lo, hi in [0, 0.5), k in [0.05, 50], fitted by maximum likelihood over responded trials of ALL
6 sessions (no cross-validation), with L-BFGS-B on the natural parameters under bounds and an
analytic gradient, from 30 random starts per model (plus, for the kernels, a profile over the decay
as a check of the global maximum). Regressors:
  * psychometric:     none;
  * action-kernel:    x_t = 2 p_t - 1, p = 0.5 at each session start, after trial t
                      p <- a p + (1 - a) [choice_t == +1], unchanged after a no-response;
  * stimulus-kernel:  the same with the true side of every trial instead of the choice;
  * history-glm:      prev_choice = c_{t-1} (0 at a session's first trial and after a no-response),
                      prev_choice_x_reward = c_{t-1} * (+1 if c_{t-1} == side_{t-1} else -1);
  * bayes-prior:      x_t = 2 P_t - 1, P_t = P(side_t = R | sides of the biased trials before t) from a
                      hidden semi-Markov model over (block side, run length) for the IBL block law
                      (floor of Exp(mean 60) truncated to [20, 100]: pmf ~ q^(l-20)(1-q), l = 20..99,
                      q = exp(-1/60)), concordance 0.8, the first block's side equally likely, started
                      at the session's first biased trial and fed the true side of every trial; 0.5
                      (x = 0) in the opening. It is computed here as a forward algorithm with an explicit
                      198 x 198 transition matrix.
Output golden-choice-models.csv, long form: model,quantity,value with quantities log_likelihood
(natural log, summed over responded trials), responses, each fitted parameter by its Java name,
and for bayes-prior x_0..x_9 = the regressor on the first 10 biased trials of session 1.
"""
import csv
import math
import os
import sys

import numpy as np
import scipy
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "golden-mouse.csv")
OUTPUT = os.path.join(HERE, "golden-choice-models.csv")

K_MIN, K_MAX = 0.05, 50.0
LAPSE_MAX = 0.5 - 1e-9
RESTARTS = 30
SEED = 20240611
CONCORDANCE = 0.8


# ----------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------
def load_sessions(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append(r)
    sessions = []
    cur_key, cur = None, None
    for r in rows:
        key = r["session_num"]
        if key != cur_key:
            cur = {"contrast": [], "side": [], "choice": [], "pleft": []}
            sessions.append(cur)
            cur_key = key
        pos = float(r["position"])
        cur["contrast"].append(float(r["contrast"]))
        cur["side"].append(-1 if math.copysign(1.0, pos) < 0 else 1)
        cur["choice"].append(int(float(r["response_choice"])))
        cur["pleft"].append(float(r["stim_probability_left"]))
    out = []
    for s in sessions:
        contrast = np.array(s["contrast"])
        side = np.array(s["side"], dtype=int)
        choice = np.array(s["choice"], dtype=int)
        pleft = np.array(s["pleft"])
        block_right = np.where(np.isclose(pleft, 0.5), 0.5, np.where(np.isclose(pleft, 0.8), 0.2, 0.8))
        assert np.all(np.isclose(pleft, 0.5) | np.isclose(pleft, 0.8) | np.isclose(pleft, 0.2))
        opening = 0
        while opening < len(pleft) and np.isclose(pleft[opening], 0.5):
            opening += 1
        out.append(dict(contrast=contrast, side=side, choice=choice, signed=side * contrast,
                        block_right=block_right, opening=opening, n=len(side)))
    return out


# ----------------------------------------------------------------------------------------------
# regressors
# ----------------------------------------------------------------------------------------------
def kernel(y, a):
    """x_t = 2 p_t - 1 and dx_t/da for p_{t+1} = a p_t + (1 - a) [y_t > 0], y_t = 0 skips."""
    n = len(y)
    x = np.empty(n)
    dx = np.empty(n)
    p, dp = 0.5, 0.0
    for t in range(n):
        x[t] = 2 * p - 1
        dx[t] = 2 * dp
        if y[t] != 0:
            target = 1.0 if y[t] > 0 else 0.0
            # d/da [a p + (1 - a) target] = p + a dp - target
            dp = p + a * dp - target
            p = a * p + (1 - a) * target
    return x, dx


def history(s):
    ch, side = s["choice"], s["side"]
    n = s["n"]
    x1 = np.zeros(n)
    x2 = np.zeros(n)
    for t in range(1, n):
        c = ch[t - 1]
        if c != 0:
            x1[t] = c
            x2[t] = c if c == side[t - 1] else -c
    return x1, x2


def ibl_block_pmf():
    q = math.exp(-1.0 / 60.0)
    lengths = np.arange(20, 100)
    w = q ** (lengths - 20) * (1 - q)
    pmf = np.zeros(100)  # index = length; lengths 1..99 possible in the state space
    pmf[lengths] = w / w.sum()
    return pmf


def hsmm_transition(pmf, rmax=99):
    """Transition over states (side b in {L=0, R=1}, run length r = 1..rmax) -> index b * rmax + r - 1."""
    surv = np.array([pmf[r:].sum() for r in range(len(pmf))])  # S(r) = P(L >= r)
    n = 2 * rmax
    T = np.zeros((n, n))
    for b in range(2):
        for r in range(1, rmax + 1):
            i = b * rmax + r - 1
            if surv[r] <= 0:
                h = 1.0
            else:
                h = pmf[r] / surv[r]
            # block ends after its r-th trial: the next block has the other side, run length 1
            T[i, (1 - b) * rmax] += h
            if r < rmax:
                T[i, b * rmax + r] += 1 - h
            else:
                assert h == 1.0 or abs(1 - h) < 1e-12
    return T


def bayes_prior(s, T, c=CONCORDANCE, rmax=99):
    n = s["n"]
    P = np.full(n, 0.5)
    emit_right = np.concatenate([np.full(rmax, 1 - c), np.full(rmax, c)])  # P(side = R | state)
    pi = np.zeros(2 * rmax)
    pi[0] = 0.5
    pi[rmax] = 0.5
    for t in range(s["opening"], n):
        P[t] = float(pi @ emit_right)
        lik = emit_right if s["side"][t] > 0 else 1 - emit_right
        post = pi * lik
        post /= post.sum()
        pi = post @ T
        pi /= pi.sum()
    return 2 * P - 1


# ----------------------------------------------------------------------------------------------
# likelihood
# ----------------------------------------------------------------------------------------------
def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


class Problem:
    """Stacked responded trials of all sessions; regressors(theta_nl) -> (X, dX list)."""

    def __init__(self, sessions, n_beta, n_nl, regressors):
        self.sessions = sessions
        self.n_beta = n_beta
        self.n_nl = n_nl
        self.regressors = regressors
        mask = np.concatenate([s["choice"] != 0 for s in sessions])
        self.mask = mask
        self.c = np.concatenate([s["signed"] for s in sessions])[mask]
        self.y = (np.concatenate([s["choice"] for s in sessions])[mask] > 0).astype(float)
        self.responses = int(mask.sum())
        self._fixed = regressors(None) if n_nl == 0 else None

    def design(self, nl):
        if self.n_nl == 0:
            return self._fixed
        X, dX = self.regressors(nl)
        return X, dX

    def negll(self, theta):
        bias, w, k, lo, hi = theta[:5]
        beta = theta[5:5 + self.n_beta]
        nl = theta[5 + self.n_beta:]
        X, dX = self.design(nl)
        X = X[:, self.mask] if X.size else np.zeros((0, self.responses))
        tk = math.tanh(k)
        tkc = np.tanh(k * self.c)
        f = tkc / tk
        dfdk = (self.c * (1 - tkc ** 2) * tk - tkc * (1 - tk ** 2)) / tk ** 2
        eta = bias + w * f + (beta @ X if self.n_beta else 0.0)
        sg = sigmoid(eta)
        span = 1 - lo - hi
        p = lo + span * sg
        q = np.where(self.y > 0, p, 1 - p)
        q = np.maximum(q, 1e-300)
        ll = np.sum(np.log(q))
        g = np.where(self.y > 0, 1.0, -1.0) / q  # d ll / d p
        ge = g * span * sg * (1 - sg)
        grad = np.zeros_like(theta)
        grad[0] = ge.sum()
        grad[1] = (ge * f).sum()
        grad[2] = (ge * w * dfdk).sum()
        grad[3] = (g * (1 - sg)).sum()
        grad[4] = (-g * sg).sum()
        if self.n_beta:
            grad[5:5 + self.n_beta] = X @ ge
        for m in range(self.n_nl):
            d = sum(beta[j] * dX[j][m][self.mask] for j in range(self.n_beta))
            grad[5 + self.n_beta + m] = (ge * d).sum()
        return -ll, -grad

    def bounds(self):
        b = [(None, None), (None, None), (K_MIN, K_MAX), (0.0, LAPSE_MAX), (0.0, LAPSE_MAX)]
        b += [(None, None)] * self.n_beta
        b += [(0.0, 1.0)] * self.n_nl
        return b

    def random_start(self, rng):
        th = [rng.uniform(-1, 1), rng.uniform(0.5, 8), math.exp(rng.uniform(math.log(0.1), math.log(30))),
              rng.uniform(0, 0.3), rng.uniform(0, 0.3)]
        th += list(rng.uniform(-2, 3, self.n_beta))
        th += list(rng.uniform(0.05, 0.99, self.n_nl))
        return np.array(th)

    def minimise(self, start, fixed_nl=None):
        bounds = self.bounds()
        if fixed_nl is not None:
            bounds = bounds[:5 + self.n_beta] + [(v, v) for v in fixed_nl]
            start = np.concatenate([start[:5 + self.n_beta], fixed_nl])
        r = minimize(self.negll, start, jac=True, method="L-BFGS-B", bounds=bounds,
                     options=dict(maxiter=20000, maxfun=50000, ftol=1e-15, gtol=1e-9, maxcor=30))
        # polish: restart once from the optimum (L-BFGS-B's memory can stop it a little short)
        r2 = minimize(self.negll, r.x, jac=True, method="L-BFGS-B", bounds=bounds,
                      options=dict(maxiter=20000, maxfun=50000, ftol=1e-15, gtol=1e-10, maxcor=30))
        return r2 if r2.fun <= r.fun else r


def fit(problem, rng, restarts=RESTARTS, decay_profile=False):
    best = None
    values = []
    for _ in range(restarts):
        r = problem.minimise(problem.random_start(rng))
        values.append(-r.fun)
        if best is None or r.fun < best.fun:
            best = r
    if decay_profile:
        # check of the global maximum: the profile likelihood over a grid of decays, each point fitted
        # from several starts; the best point then starts one more free fit
        for a in np.concatenate([np.linspace(0.02, 0.98, 49), [0.99, 0.995, 0.999]]):
            for _ in range(3):
                r = problem.minimise(problem.random_start(rng), fixed_nl=np.array([a]))
                if r.fun < best.fun - 1e-9:
                    rr = problem.minimise(r.x)
                    best = rr if rr.fun < r.fun else r
    values = np.sort(values)[::-1]
    near = int(np.sum(values > -best.fun - 1e-4))
    print(f"  best ll {-best.fun:.6f}; {near}/{restarts} random starts within 1e-4 nats; "
          f"spread of the starts' maxima {values[0] - values[-1]:.3g}", file=sys.stderr)
    return best


def main():
    sessions = load_sessions(FIXTURE)
    print(f"{len(sessions)} sessions, {sum(s['n'] for s in sessions)} trials, openings "
          f"{[s['opening'] for s in sessions]}", file=sys.stderr)
    T = hsmm_transition(ibl_block_pmf())
    bayes_x = [bayes_prior(s, T) for s in sessions]
    hist = [history(s) for s in sessions]

    def fixed(cols):
        return lambda nl: (np.array([np.concatenate([c[j] for c in cols]) for j in range(len(cols[0]))]), None)

    def kernel_regressors(use_choice):
        def reg(nl):
            a = float(nl[0])
            xs, dxs = [], []
            for s in sessions:
                x, dx = kernel(s["choice"] if use_choice else s["side"], a)
                xs.append(x)
                dxs.append(dx)
            return np.array([np.concatenate(xs)]), [[np.concatenate(dxs)]]
        return reg

    models = [
        ("psychometric", Problem(sessions, 0, 0, lambda nl: (np.zeros((0, sum(s["n"] for s in sessions))), None)),
         [], [], False),
        ("action-kernel", Problem(sessions, 1, 1, kernel_regressors(True)), ["prior_weight"], ["decay"], True),
        ("stimulus-kernel", Problem(sessions, 1, 1, kernel_regressors(False)), ["prior_weight"], ["decay"], True),
        ("history-glm", Problem(sessions, 2, 0, fixed(hist)), ["prev_choice", "prev_choice_x_reward"], [], False),
        ("bayes-prior", Problem(sessions, 1, 0, fixed([(x,) for x in bayes_x])), ["prior_weight"], [], False),
    ]
    rng = np.random.default_rng(SEED)
    rows = []
    for name, problem, beta_names, nl_names, profile in models:
        print(name, file=sys.stderr)
        r = fit(problem, rng, decay_profile=profile)
        names = ["bias", "contrast_weight", "contrast_k", "lapse_low", "lapse_high"] + beta_names + nl_names
        rows.append((name, "log_likelihood", float(-r.fun)))
        rows.append((name, "responses", problem.responses))
        for q, v in zip(names, r.x):
            rows.append((name, q, float(v)))
        if name == "bayes-prior":
            s0 = sessions[0]
            for i in range(10):
                rows.append((name, f"x_{i}", float(bayes_x[0][s0["opening"] + i])))
        print("  " + ", ".join(f"{q}={v:.6g}" for q, v in zip(names, r.x)), file=sys.stderr)
    with open(OUTPUT, "w", newline="") as f:
        f.write(f"# made by golden_choice_models.py (python {sys.version.split()[0]}, numpy {np.__version__}, "
                f"scipy {scipy.__version__}) from golden-mouse.csv\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "quantity", "value"])
        for name, q, v in rows:
            w.writerow([name, q, repr(v) if isinstance(v, float) else v])
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
