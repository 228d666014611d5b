#!/usr/bin/env bash
# The sweep through a real SLURM: starts the single-node cluster of .ci/slurm-cluster.sh, submits a
# small sweep (4 seeds x 200 training steps, every stage on a 20-block evaluation session) with
# `iblrnn sweep --executor slurm`, waits for it with `iblrnn sweep status --wait`, aggregates it and
# checks the results: every unit done, one row per network in results.csv, mean +- sd over the 4
# networks in aggregate.csv, the aggregate report and figures written. Then checks that a unit
# that fails is reported with its log while the others finish.
# Usage (as root, Debian 12): .ci/sweep-slurm-test.sh [OUTPUT_DIR]   (default target/sweep-slurm-test)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/sweep-slurm-test}"
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

bash .ci/slurm-cluster.sh start
# the jar the array tasks run (the launcher builds it when missing or stale)
./iblrnn --version

fail() { echo "sweep-slurm-test: FAILED: $*" >&2; exit 1; }

sweep="$out/sweep"
./iblrnn sweep --seeds 1..4 --steps 200 --eval-blocks 20 --out "$sweep" --executor slurm --name ci \
  --time 0:20:00 --sbatch-option=--comment=iblrnn-ci | tee "$out/submit.log"
grep -q "submitted submit-000-00.sbatch as SLURM job" "$out/submit.log" || fail "no submission"
rc=0
./iblrnn sweep status --out "$sweep" --wait --timeout 1200 --poll 3 | tee "$out/status.log" || rc=$?
if [ "$rc" != 0 ]; then
  for f in "$sweep"/logs/*; do echo "----- $f"; tail -n 20 "$f"; done
  fail "sweep status exit code $rc"
fi
grep -q "16 done, 0 running, 0 failed, 0 blocked, 0 pending" "$out/status.log" || fail "not every unit done"

./iblrnn aggregate --sweep "$sweep" | tee "$out/aggregate.log"
[ "$(wc -l < "$sweep/results.csv")" = 5 ] || fail "results.csv should have a header and 4 networks"
[ -s "$sweep/aggregate/report.html" ] || fail "no aggregate report"
grep -q "across-rnn-h50-prob" "$sweep/aggregate/report.html" || fail "no across-networks table in the report"
ls "$sweep"/aggregate/figures/sweep-headline-numbers.svg >/dev/null || fail "no figure"
# n = 4 for the fraction correct of the one configuration
awk -F, '$2=="fractionCorrect" && $10!=4 {exit 1}' "$sweep/aggregate/aggregate.csv" || fail "n != 4 in aggregate.csv"

# a failing unit: a run folder holding another configuration makes seed 2's train unit fail;
# seed 1 must still finish, seed 2's other units are blocked, and status names the log
bad="$out/sweep-bad"
mkdir -p "$bad/runs/rnn-h50-prob"
./iblrnn train --out "$bad/runs/rnn-h50-prob/seed-2" --seed 99 --steps 2 --quiet --threads 1 > /dev/null
printf '{"seeds":"1..2","steps":50,"evalBlocks":10,"stages":["train","evaluate"],"name":"bad"}\n' > "$out/bad.json"
# the folder exists already: make it a sweep folder first (dry run), then put the clash back
rm -rf "$bad.keep" && mv "$bad/runs/rnn-h50-prob/seed-2" "$bad.keep" && rm -rf "$bad"
./iblrnn sweep --file "$out/bad.json" --out "$bad" --dry-run > /dev/null
mkdir -p "$bad/runs/rnn-h50-prob" && mv "$bad.keep" "$bad/runs/rnn-h50-prob/seed-2"
./iblrnn sweep --out "$bad" --file "$out/bad.json" --executor slurm > /dev/null
rc=0
./iblrnn sweep status --out "$bad" --wait --timeout 600 --poll 3 | tee "$out/status-bad.log" || rc=$?
[ "$rc" = 1 ] || fail "status of a sweep with a failed unit should exit 1, got $rc"
grep -q "2 done, 0 running, 1 failed, 1 blocked" "$out/status-bad.log" || fail "expected 2 done, 1 failed, 1 blocked"
grep -q "FAILED  rnn-h50-prob.s2.train .*another configuration.*log .*rnn-h50-prob.s2.train.log" "$out/status-bad.log" \
  || fail "status does not name the failed unit's reason and log"
echo "sweep-slurm-test: passed"
