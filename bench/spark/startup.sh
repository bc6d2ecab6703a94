#!/usr/bin/env bash
# Start-up with and without the Spark engine in the build (issue 15): the commands that must not start slower,
# this tree against a baseline tree (the commit before --engine), interleaved round by round, whole processes.
#   small  bin/tally report <FOCUS sample> --all-services --by service --format json   (DuckDB)
#   creds  bin/tally creds --version        (the creds JVM path, with its AOT cache)
#   help   bin/tally --version              (picocli with every command registered)
#
#   bench/spark/startup.sh BASELINE_TREE [RUNS]     (default 21 runs; both trees built with bin/tally)
set -euo pipefail
base="$(cd "$1" && pwd)"
runs="${2:-21}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
focus="$root/../shared/data/focus-1.0-sample.csv"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$base/bin/tally" --version >/dev/null
"$root/bin/tally" --version >/dev/null
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for i in $(seq "$runs"); do
  for tree in base new; do
    t="$root"; [ "$tree" = base ] && t="$base"
    echo "$tree small $(ms "$t/bin/tally" report "$focus" --all-services --by service --format json)" >>"$out"
    echo "$tree creds $(ms "$t/bin/tally" creds --version)" >>"$out"
    echo "$tree help $(ms "$t/bin/tally" --version)" >>"$out"
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for case in ("small", "creds", "help"):
    b = statistics.median(int(r[2]) for r in rows if r[0] == "base" and r[1] == case)
    n = statistics.median(int(r[2]) for r in rows if r[0] == "new" and r[1] == case)
    print(f"{case:6} baseline {b:5.0f} ms   with --engine {n:5.0f} ms   ratio {n/b:.3f}")
PY
