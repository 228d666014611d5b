#!/usr/bin/env python3
"""Cross-check iblrnn's outputs with an independent NumPy forward pass.

Usage: python3 scripts/check_numpy_forward.py runs/paper

Loads the newest checkpoint (.npz, PyTorch names) of the run, replays the network's evaluation
inputs from eval/rnn/steps.csv through h = tanh(W_ih x + b_ih + W_hh h + b_hh) and the softmax
readout in NumPy, and compares with eval/rnn/hidden.npy and the recorded P(right).
"""
import glob
import sys

import numpy as np

run = sys.argv[1] if len(sys.argv) > 1 else "runs/paper"
ckpt = sorted(glob.glob(f"{run}/checkpoints/checkpoint-*.npz"))[-1]
p = np.load(ckpt)
steps = np.genfromtxt(f"{run}/eval/rnn/steps.csv", delimiter=",", names=True)
hidden = np.load(f"{run}/eval/rnn/hidden.npy")
x = np.stack([steps["left_obs"], steps["right_obs"], steps["prev_reward"]], axis=1)
h = np.zeros(p["core.weight_hh_l0"].shape[0])
out = np.empty_like(hidden)
pr = np.empty(len(x))
for t in range(len(x)):
    h = np.tanh(p["core.weight_ih_l0"] @ x[t] + p["core.bias_ih_l0"] + p["core.weight_hh_l0"] @ h + p["core.bias_hh_l0"])
    z = p["readout.weight"] @ h + p["readout.bias"]
    e = np.exp(z - z.max())
    pr[t] = e[1] / e.sum()
    out[t] = h
dh = np.abs(out - hidden).max()
dp = np.abs(pr - steps["p_right"]).max()
print(f"{ckpt}: {len(x)} steps, max |h_numpy - h_iblrnn| = {dh:.3g}, max |p_numpy - p_iblrnn| = {dp:.3g}")
sys.exit(0 if dh < 1e-9 and dp < 1e-9 else 1)
