#!/usr/bin/env bash
# Browser test of the HTML report: runs a small `iblrnn run`, opens report.html in headless
# Chromium, and checks that it loads with no console errors, that every figure renders with a
# non-zero size and that the numbers table is present; saves a screenshot of the top of the page.
# Usage: .ci/browser-test.sh [OUTPUT_DIR]   (default target/browser-test)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/browser-test}"
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-test: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q chromium >/dev/null
fi
rm -rf "$out/run"
./iblrnn run --steps 3000 --eval-blocks 100 --out "$out/run" > "$out/run.log" 2>&1 || { cat "$out/run.log"; exit 1; }
report="$(cd "$out/run" && pwd)/report.html"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars)
profile="$(mktemp -d)"
chromium "${flags[@]}" --user-data-dir="$profile" --enable-logging=stderr --v=0 --virtual-time-budget=10000 \
  --dump-dom "file://$report" > "$out/dom.html" 2> "$out/chromium.log" || true
rm -rf "$profile"
fail=0
figures=$(grep -o 'data-figures="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*' || echo 0)
empty=$(grep -o 'data-empty-figures="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*' || echo missing)
numbers=$(grep -o 'data-numbers="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*' || echo 0)
echo "browser-test: $figures figures, $empty with zero size, $numbers rows in the numbers table"
[ "$figures" -ge 10 ] || { echo "browser-test: expected at least 10 figures"; fail=1; }
[ "$empty" = "0" ] || { echo "browser-test: some figures render with zero size"; fail=1; }
[ "$numbers" -ge 5 ] || { echo "browser-test: the numbers table is missing"; fail=1; }
if grep -E 'CONSOLE|Uncaught' "$out/chromium.log" | grep -iE 'error|uncaught' >/dev/null; then
  echo "browser-test: console errors:"; grep -E 'CONSOLE|Uncaught' "$out/chromium.log"; fail=1
fi
profile="$(mktemp -d)"
chromium "${flags[@]}" --user-data-dir="$profile" --window-size=1280,1400 \
  --screenshot="$out/report-top.png" "file://$report" > /dev/null 2>&1 || true
rm -rf "$profile"
[ -s "$out/report-top.png" ] && echo "browser-test: screenshot $out/report-top.png" || { echo "browser-test: no screenshot"; fail=1; }
[ "$fail" = 0 ] && echo "browser-test: passed" || echo "browser-test: FAILED"
exit "$fail"
