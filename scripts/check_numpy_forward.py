#!/usr/bin/env python3
"""Cross-check iblrnn's outputs with an independent NumPy forward pass.

Usage: python3 scripts/check_numpy_forward.py runs/paper

Loads the newest checkpoint (.npz, PyTorch names) of the run, replays the network's evaluation
inputs from eval/rnn/steps.csv through h = tanh(W_ih x + b_ih + W_hh h + b_hh) (or PyTorch's
nn.GRU / nn.LSTM equations for a --cell gru / lstm run, read from config.json) and the softmax
readout in NumPy, and compares with eval/rnn/hidden.npy (h), eval/rnn/cell.npy (an LSTM's c) and
the recorded P(right).
"""
import glob
import json
import sys

import numpy as np

run = sys.argv[1] if len(sys.argv) > 1 else "runs/paper"
ckpt = sorted(glob.glob(f"{run}/checkpoints/checkpoint-*.npz"))[-1]
p = np.load(ckpt)
steps = np.genfromtxt(f"{run}/eval/rnn/steps.csv", delimiter=",", names=True)
hidden = np.load(f"{run}/eval/rnn/hidden.npy")
with open(f"{run}/config.json") as f:
    cell = json.load(f)["train"]["model"].get("cell", "rnn")
x = np.stack([steps["left_obs"], steps["right_obs"], steps["prev_reward"]], axis=1)
wih, whh, bih, bhh = (p[f"core.{k}_l0"] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))
H = hidden.shape[1]
h = np.zeros(H)
c = np.zeros(H)
out = np.empty_like(hidden)
cells = np.empty_like(hidden)
pr = np.empty(len(x))


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


for t in range(len(x)):
    if cell == "rnn":
        h = np.tanh(wih @ x[t] + bih + whh @ h + bhh)
    elif cell == "gru":  # gate rows (r | z | n)
        gi = wih @ x[t] + bih
        gh = whh @ h + bhh
        r = sigmoid(gi[:H] + gh[:H])
        zg = sigmoid(gi[H:2 * H] + gh[H:2 * H])
        n = np.tanh(gi[2 * H:] + r * gh[2 * H:])
        h = (1 - zg) * n + zg * h
    else:  # lstm, gate rows (i | f | g | o)
        a = wih @ x[t] + bih + whh @ h + bhh
        c = sigmoid(a[H:2 * H]) * c + sigmoid(a[:H]) * np.tanh(a[2 * H:3 * H])
        h = sigmoid(a[3 * H:]) * np.tanh(c)
    z = p["readout.weight"] @ h + p["readout.bias"]
    e = np.exp(z - z.max())
    pr[t] = e[1] / e.sum()
    out[t] = h
    cells[t] = c
dh = np.abs(out - hidden).max()
dp = np.abs(pr - steps["p_right"]).max()
dc = np.abs(cells - np.load(f"{run}/eval/rnn/cell.npy")).max() if cell == "lstm" else 0.0
print(f"{ckpt} ({cell}): {len(x)} steps, max |h_numpy - h_iblrnn| = {dh:.3g}, max |p_numpy - p_iblrnn| = {dp:.3g}"
      + (f", max |c_numpy - c_iblrnn| = {dc:.3g}" if cell == "lstm" else ""))
sys.exit(0 if dh < 1e-9 and dp < 1e-9 and dc < 1e-9 else 1)
