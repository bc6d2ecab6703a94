#!/usr/bin/env bash
# Tag keys from Parquet dictionaries through maintained libraries (issue 11): this tree against a baseline tree
# (the commit before, hand-written Thrift and Snappy), both built, interleaved round by round, whole processes.
#   keys   ParquetDictionary.mapKeys on the 20M-row file in a fresh JVM (bin/tally's flags): first call, thread CPU ms
#   big    bin/tally report <20M-row CUR 2.0 Parquet> --by tag:project,model --format json
#   small  bin/tally report <small CUR 2.0 Parquet> --by tag:project,model --format json
#   focus  bin/tally report <FOCUS sample CSV> --all-services --by service --format json   (start-up only)
#
#   bench/report/keys.sh BASELINE_TREE [RUNS] [BIG] [SMALL]
#     defaults: 7 runs, /tmp/tally-bench/cur-20m.parquet, /tmp/tally-bench/cur-small.parquet (generated if missing)
set -euo pipefail
base="$(cd "$1" && pwd)"
runs="${2:-7}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
big="${3:-/tmp/tally-bench/cur-20m.parquet}"
small="${4:-/tmp/tally-bench/cur-small.parquet}"
focus="$root/../shared/data/focus-1.0-sample.csv"
cd "$root"
. bin/lib/java.sh
java_bin="$(find_java)"
"$base/bin/tally" --version >/dev/null
bin/tally --version >/dev/null
[ -f "$big" ] || { echo "no $big (bench/report/run.sh generates it)" >&2; exit 2; }
[ -f "$small" ] || bin/tally sample cur --rows 20000 --seed 1 --out "$small" 2>/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tree in base new; do
  t="$root"; [ "$tree" = base ] && t="$base"
  mkdir -p "$work/$tree"
  "$(dirname "$java_bin")/javac" -d "$work/$tree" -cp "$t/cli/target/tally.jar" bench/report/MapKeysBench.java
done
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
keys() { # tree: the first mapKeys call's thread CPU milliseconds in a fresh JVM
  local t="$root"; [ "$1" = base ] && t="$base"
  "$java_bin" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC \
    -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$t/cli/target/tally.jar:$work/$1" MapKeysBench "$big" |
    awk '{split($1, first, "/"); print first[1]}'
}
out="$work/times"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  for tree in base new; do
    t="$root"; [ "$tree" = base ] && t="$base"
    echo "$tree keys $(keys "$tree")" >>"$out"
    echo "$tree small $(ms "$t/bin/tally" report "$small" --by tag:project,model --format json)" >>"$out"
    echo "$tree focus $(ms "$t/bin/tally" report "$focus" --all-services --by service --format json)" >>"$out"
    echo "$tree big $(ms "$t/bin/tally" report "$big" --by tag:project,model --format json)" >>"$out"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$base/bin/tally" report "$big" --by tag:project,model --format json >"$work/base.json"
bin/tally report "$big" --by tag:project,model --format json >"$work/new.json"
cmp -s "$work/base.json" "$work/new.json" && echo "same JSON from both trees" || echo "JSON DIFFERS"
python3 - "$out" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for case in ("keys", "small", "focus", "big"):
    b = [int(r[2]) for r in rows if r[0] == "base" and r[1] == case]
    n = [int(r[2]) for r in rows if r[0] == "new" and r[1] == case]
    print(f"{case:6} baseline {statistics.median(b):6.0f} ms  new {statistics.median(n):6.0f} ms"
          f"  ratio {statistics.median(n) / statistics.median(b):.3f}  (baseline {min(b)}-{max(b)}, new {min(n)}-{max(n)})")
PY
