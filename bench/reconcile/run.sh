#!/usr/bin/env bash
# Reconcile benchmark (issue 14): a month of a 500-person organisation, 5 million ledger events against the matching
# CUR 2.0 export (Generate.java writes both with the ledger's and cur's own writers), as whole processes:
# `tally reconcile --ledger L --cur CUR` against the baseline `tally report --ledger L CUR` over the same two inputs,
# alternating, in the same run. Target: reconcile at most 1.5x the report's time.
#
#   bench/reconcile/run.sh [RUNS] [WORKDIR] [EVENTS] [USERS]     defaults: 5 runs, /tmp/tally-bench-reconcile, 5000000, 500
#
# Prints each run, then medians, the ratio and peak memory (maximum resident set size, from GNU time).
set -euo pipefail
runs="${1:-5}"
work="${2:-/tmp/tally-bench-reconcile}"
events="${3:-5000000}"
users="${4:-500}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$work"
cd "$root"
. bin/lib/java.sh
java_bin="$(find_java)"
export JAVA_HOME="$(dirname "$(dirname "$java_bin")")"
bin/tally --version >/dev/null   # builds cli/target/tally.jar and its lib/ if stale
# A snapshot of the build, run with bin/tally's flags for short commands (C1 only, serial GC, DuckDB's unpacked
# native library; no AOT cache, for both commands alike), so that a build in the tree during a long run (other
# work, the final verify) cannot change or break the jar under a running measurement.
dist="$work/dist"
rm -rf "$dist" && mkdir -p "$dist" && cp -r cli/target/tally.jar cli/target/lib cli/target/native "$dist/"
cp="$dist/tally.jar:$dist/lib/*"
tally=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData
  -Xlog:disable -Xlog:all=error:stderr -Djava.library.path="$dist/native/linux_amd64" -jar "$dist/tally.jar")
data="$work/org-$events-$users"
if [ ! -f "$data/done" ]; then
  rm -rf "$data"
  echo "generating $events events for $users users into $data"
  /usr/bin/time -f "generated in %e s" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Djava.library.path="$dist/native/linux_amd64" -cp "$cp" bench/reconcile/Generate.java "$data" "$events" "$users"
  touch "$data/done"
fi
ledger="$data/ledger.db"
cur="$data/cur"

measure() { # label command... ; appends "label seconds kilobytes" to $work/times
  local label="$1"; shift
  local rc=0
  /usr/bin/time -o "$work/one" -f "%e %M" "$@" >"$work/out-$label" 2>"$work/err-$label" || rc=$?
  echo "$label $(cat "$work/one" | tail -n1) exit=$rc" | tee -a "$work/times"
}

: >"$work/times"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
echo "inputs: $(du -h "$ledger" | cut -f1) ledger, $(du -sh "$cur" | cut -f1) CUR 2.0 Parquet"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  measure report "${tally[@]}" report --ledger "$ledger" "$cur"
  measure reconcile "${tally[@]}" reconcile --ledger "$ledger" --cur "$cur"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reconcile's verdict: $(tail -n1 "$work/out-reconcile")"

python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]
rows = [l.split() for l in open(f"{work}/times")]
def med(label, i):
    return statistics.median(float(r[i]) for r in rows if r[0] == label)
report, reconcile = med("report", 1), med("reconcile", 1)
print(f"median seconds: report {report:.2f}, reconcile {reconcile:.2f}; ratio reconcile/report {reconcile / report:.2f} (target <= 1.5)")
print(f"median peak RSS: report {med('report', 2) / 1024:.0f} MiB, reconcile {med('reconcile', 2) / 1024:.0f} MiB")
PY
