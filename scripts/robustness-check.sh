#!/bin/bash
# Issue 15's robustness checks against the built jar (./iblrnn builds it): bad input, two writers,
# unreadable checkpoints, stale stage caches, leftover temporaries, and a kill -9 series.
# Prints one line per case and the totals of the "Done means" table. About 2 minutes on 2 cores.
# Usage: scripts/robustness-check.sh [MICE_FOLDER]   (default ../shared/data/ibl-mice-2020)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/target/iblrnn.jar
[ -f "$JAR" ] || { echo "build first: ./iblrnn --version" >&2; exit 2; }
MICE=$(cd "${1:-$ROOT/../shared/data/ibl-mice-2020}" 2>/dev/null && pwd) || { echo "no mouse data" >&2; exit 2; }
J="java -jar $JAR"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
T="--hidden 4 --blocks-per-session 1 --block-min 2 --block-max 3 --block-p 0.5 --quiet --checkpoint-every 10"
tot=0; ref2=0; zero_bad=0; harmed=0; stale=0
fp() { (cd "$1" && find . -type f ! -name .lock -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }
case_() { # name expected_rc rc harmed(0/1) err
  tot=$((tot+1)); [ "$3" = 2 ] && ref2=$((ref2+1)); [ "$2" != 0 ] && [ "$3" = 0 ] && zero_bad=$((zero_bad+1))
  harmed=$((harmed+$4)); printf "%-38s rc=%s want=%s harmed=%s | %s\n" "$1" "$3" "$2" "$4" "$(echo "$5" | grep -v 'WARNING: Using incubator' | head -1 | cut -c1-170)"; }
$J train --steps 30 $T --out base >/dev/null 2>&1
$J train --steps 30 ${T/--hidden 4/--hidden 5} --out h5 >/dev/null 2>&1
# 1 two writers
cp -r base two; rm -rf two; $J train --steps 300000 --seed 3 $T --out two >/dev/null 2>&1 & P=$!
while [ ! -f two/checkpoints/checkpoint-000000.json ] && kill -0 $P 2>/dev/null; do sleep 0.05; done
e=$($J train --steps 300000 --seed 4 $T --out two 2>&1); r=$?; case_ "second train, same folder" 2 $r 0 "$e"
e=$($J evaluate --run two --blocks 3 --agents rnn 2>&1 >/dev/null); r=$?; case_ "evaluate while training" 2 $r 0 "$e"
e=$($J run --steps 300000 --hidden 4 --out two 2>&1 >/dev/null); r=$?; case_ "run while training (other config)" 2 $r 0 "$e"
kill -9 $P; wait $P 2>/dev/null
h=$(python3 -c "import json;print(json.load(open('two/config.json'))['train']['seed'])"); hc=$(python3 -c "import json,glob;f=sorted(glob.glob('two/checkpoints/*.json'))[-1];print(json.load(open(f))['config']['seed'])")
[ "$h" = "$hc" ] && hh=0 || hh=1; e=$($J evaluate --run two --blocks 3 --agents rnn 2>&1 >/dev/null); r=$?; case_ "evaluate after kill -9 of holder" 0 $r $hh "$e"
# 2 resume with no checkpoint reading back
for kind in truncate shapes hash format; do
  rm -rf r; cp -r base r
  for j in r/checkpoints/*.json; do n=${j%.json}.npz
    case $kind in truncate) head -c 200 $n > $n.x; mv $n.x $n;;
      shapes) cp h5/checkpoints/$(basename $n) $n;;
      hash) sed -i 's/"parametersSha256" : "\(.\)/"parametersSha256" : "0\1/' $j;;
      format) sed -i 's/"formatVersion" : 1/"formatVersion" : 2/' $j;; esac; done
  b=$(fp r); e=$($J train --resume r --quiet 2>&1); rc=$?; a=$(fp r); [ "$a" = "$b" ] && hh=0 || hh=1
  case_ "resume, every checkpoint $kind" 2 $rc $hh "$e"
done
# 3 newest corrupt -> said
rm -rf c; cp -r base c; n=c/checkpoints/checkpoint-000029.npz; head -c 300 $n > $n.x; mv $n.x $n
for cmd in "evaluate --blocks 3 --agents rnn" "analyze --blocks 10 --no-fixed-points" "distill --blocks 10"; do
  e=$($J $cmd --run c 2>&1 >/dev/null); r=$?; s=$(echo "$e" | grep -c "skipped newer"); case_ "${cmd%% *} newest corrupt (warns=$s)" 0 $r 0 "$e"; done
# 5 exit 0 on garbage
rm -rf e5; cp -r base e5; $J evaluate --run e5 --blocks 3 --agents rnn >/dev/null 2>&1; b=$(fp e5)
e=$($J evaluate --run e5 --agents , 2>&1); r=$?; a=$(fp e5); [ "$a" = "$b" ] && hh=0 || hh=1; case_ "evaluate --agents ," 2 $r $hh "$e"
printf 'trial_num,session_num,stim_probability_left,contrast,position,response_choice,trial_correct,reaction_time\n' > hdr.csv
printf 'trial_num,session_num,stim_probability_left,contrast,position,response_choice,trial_correct,reaction_time\nx,y,z\n1,1,0.5,1e308,-35,-1,1,0.5\n1,1,0.5,NaN,-35,-1,1,0.5\n' > garb.csv
for f in hdr.csv garb.csv; do e=$($J compare --run e5 --blocks 3 --mice $f 2>&1 >/dev/null); r=$?; [ -d e5/compare ] && hh=1 || hh=0; case_ "compare --mice $f" 2 $r $hh "$e"; done
e=$($J sweep --jobs 0 --dry-run --out sw 2>&1); r=$?; [ -e sw ] && hh=1 || hh=0; case_ "sweep --jobs 0 --dry-run" 2 $r $hh "$e"
e=$($J train --steps 99999999999 --out big 2>&1); r=$?; [ -e big ] && hh=1 || hh=0; case_ "train --steps 99999999999" 2 $r $hh "$e"
e=$($J run --steps 99999999999 --out big 2>&1 >/dev/null); r=$?; [ -e big ] && hh=1 || hh=0; case_ "run --steps 99999999999" 2 $r $hh "$e"
# 7 validation before work
mkdir -p EMPTY; s0=$(date +%s); e=$($J distill --run e5 --blocks 10 --two-unit-run EMPTY 2>&1 >/dev/null); r=$?; [ -d e5/distill ] && hh=1 || hh=0; case_ "distill --two-unit-run EMPTY ($(( $(date +%s)-s0 ))s)" 2 $r $hh "$e"
e=$($J run --threads 0 --out t0 2>&1 >/dev/null); r=$?; [ -e t0 ] && hh=1 || hh=0; case_ "run --threads 0" 2 $r $hh "$e"
i0=$(stat -c %i base/metrics.csv); e=$($J train --steps 30 $T --out base 2>&1 >/dev/null); r=$?; [ "$(stat -c %i base/metrics.csv)" = "$i0" ] && hh=0 || hh=1; case_ "train again on a finished run" 0 $r $hh "$e"
# 8 messages
mkdir -p sdir; e=$($J sweep --file sdir --dry-run --out sw2 2>&1); r=$?; case_ "sweep --file DIR" 2 $r 0 "$e"
rm -rf f8; cp -r base f8; echo x > f8/eval; e=$($J evaluate --run f8 --blocks 3 --agents rnn 2>&1 >/dev/null); r=$?; case_ "eval/ is a file" 2 $r 0 "$e"
rm -rf f9; cp -r base f9; rm -rf f9/checkpoints; echo x > f9/checkpoints; b=$(fp f9); e=$($J train --resume f9 --quiet 2>&1); r=$?; [ "$(fp f9)" = "$b" ] && hh=0 || hh=1; case_ "checkpoints/ is a file" 2 $r $hh "$e"
rm -rf u8; cp -r base u8; printf '\xff\xfe\n' >> u8/metrics.csv; e=$($J train --resume u8 --quiet 2>&1); r=$?; case_ "non-UTF-8 metrics.csv (resume)" 0 $r 0 "$e"
# 9 temporaries
rm -rf t9; cp -r base t9; mkdir -p t9/eval/rnn; touch t9/checkpoints/.checkpoint-000030.npz.1.tmp t9/eval/rnn/.hidden.npy.2.tmp
e=$($J train --resume t9 --quiet 2>&1); r=$?; left=$(find t9 -name '.*.tmp' | wc -l); case_ "leftover .tmp cleaned (left=$left)" 0 $r 0 "$e"
echo "TOTAL cases=$tot exit2=$ref2 exit0_on_bad=$zero_bad harmed=$harmed"
BAD_TOTAL="cases=$tot exit2=$ref2 exit0_on_bad=$zero_bad harmed=$harmed"
# stale stage caches
mkdir -p other; for f in $(ls $MICE | head -5); do ln -s $MICE/$f other/$f; done
R="--steps 20 --hidden 4 --eval-blocks 12 --threads 1 --out S"
stale=0; n=0
chk() { n=$((n+1)); got=$(grep -E "^  $1 " log | awk '{print $2}'); [ "$got" = "$2" ] || { [ "$2" = done ] && stale=$((stale+1)); }; echo "$3: $1 -> $got (want $2)"; }
$J run $R --mice $MICE > log 2>&1 & P=$!
while [ ! -f S/eval/summary.json ] && kill -0 $P 2>/dev/null; do sleep 0.01; done; kill -9 $P; wait $P 2>/dev/null
echo "killed after eval/summary.json; figures then: $(ls S/eval/figures 2>/dev/null | grep -c svg)"
$J run $R --mice $MICE > log 2>&1; chk evaluate done "after kill"; echo "report figures: $(grep -o '<svg' S/report.html | wc -l)"
$J run $R --mice $MICE > log 2>&1; for s in evaluate analyze distill compare; do chk $s cached "same inputs"; done
$J run $R --mice other > log 2>&1; chk compare done "--mice other"; echo "  mice in summary: $(python3 -c "import json;print(json.load(open('S/compare/summary.json'))['mice']['mice'])")"
$J run ${R/--eval-blocks 12/--eval-blocks 13} --mice other > log 2>&1; for s in evaluate analyze distill compare; do chk $s done "blocks 12->13"; done
$J evaluate --run S --blocks 13 --agents rnn >/dev/null 2>&1; $J run ${R/--eval-blocks 12/--eval-blocks 13} --mice other > log 2>&1; chk evaluate done "after a hand-run evaluate with other agents"
echo "STALE cases=$n stale_reused=$stale"
# kill -9 series
A="--steps 6000 --hidden 8 --checkpoint-every 250 --metrics-every 50 --threads 1 --quiet"
/usr/bin/time -f "uninterrupted %es" $J train $A --out full >/dev/null
$J train $A --out killed >/dev/null 2>&1 & P=$!; sleep 0.7; kill -9 $P; wait $P 2>/dev/null
kills=1; ds=(0.5 0.8 1.1 0.6 0.9 1.3 0.55 0.75 1.0 0.65 0.85 1.2 0.7 0.95 0.6 1.05 0.8 0.9 0.7 1.15 0.6 0.85 1.0)
for d in "${ds[@]}"; do
  $J train $A --out killed >/dev/null 2>&1 & P=$!; sleep $d; kill -9 $P 2>/dev/null && kills=$((kills+1)); wait $P 2>/dev/null
done
$J train $A --out killed > fin.log 2>&1; echo "final rc=$? kills=$kills"
tmp=$(find killed -name '.*.tmp' | wc -l); echo "tmp files left after final start: $tmp"
same=0; diff=0; for f in full/checkpoints/*.npz; do cmp -s $f killed/checkpoints/$(basename $f) && same=$((same+1)) || diff=$((diff+1)); done
echo "npz identical=$same different=$diff"
cut -d, -f1-8 full/metrics.csv > a; cut -d, -f1-8 killed/metrics.csv > b; cmp -s a b && echo "metrics identical (without wall time)" || echo "metrics DIFFER"
echo "TOTAL bad input: $BAD_TOTAL"
echo "TOTAL stale: cases=$n stale_reused=$stale"
