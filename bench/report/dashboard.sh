#!/usr/bin/env bash
# Dashboard benchmark (issue 16): the HTML page of `tally report FILE --format html` on the 20-million-row CUR 2.0
# Parquet file of bench/report/run.sh: how long the command takes against `--format json` of the same file (the named
# baseline, alternating, same run), how big the page is, and how long headless Chromium takes to open it (the page's
# own data-ready-ms: navigation start to the first view drawn, JSON parse and BigInt sums included).
#
#   bench/report/dashboard.sh [RUNS] [WORKDIR]      defaults: 3 runs, /tmp/tally-bench
set -euo pipefail
runs="${1:-3}"
work="${2:-/tmp/tally-bench}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$work"
cd "$root"
bin/tally --version >/dev/null
parquet="$work/cur-20m.parquet"
[ -f "$parquet" ] || { echo "generating $parquet"; bin/tally sample cur --rows 20000000 --seed 1 --out "$parquet"; }
page="$work/dashboard.html"
for i in $(seq "$runs"); do
  /usr/bin/time -f "json %e s %M KB" bin/tally report "$parquet" --format json --out "$work/report.json" 2>&1 | tail -1
  /usr/bin/time -f "html %e s %M KB" bin/tally report "$parquet" --format html --out "$page" 2>"$work/html.err"
  tail -1 "$work/html.err"
done
grep '^tally: warning: the HTML' "$work/html.err" || true
echo "page $(stat -c %s "$page") bytes"
for i in $(seq 5); do
  profile="$(mktemp -d)"
  start=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$profile" --dump-dom "file://$page" 2>/dev/null \
    | grep -o 'data-ready-ms="[0-9]*"' | tr '\n' ' '
  echo "chromium process $(echo "$(date +%s.%N) - $start" | bc) s"
  rm -rf "$profile"
done
