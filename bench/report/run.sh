#!/usr/bin/env bash
# Report benchmark (issue 2): `tally report FILE --by tag:project,model --format json` as a whole process,
# against the hand-written query of ../shared/bench/report-baseline.sql run through DuckDB's JDBC driver in a
# minimal program (BaselineQuery.java), on the same 20-million-row CUR 2.0 Parquet file, alternating, in the
# same run. Also: rows per second of `tally report` on 5 million rows of CUR 2.0 CSV.gz.
#
#   bench/report/run.sh [RUNS] [WORKDIR]      defaults: 5 runs, /tmp/tally-bench
#
# Prints each run, then medians, the ratio and peak memory (maximum resident set size, from GNU time).
set -euo pipefail
runs="${1:-5}"
work="${2:-/tmp/tally-bench}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="$root/../shared"
mkdir -p "$work"
cd "$root"
. bin/lib/java.sh
java_bin="$(find_java)"
export JAVA_HOME="$(dirname "$(dirname "$java_bin")")"
bin/tally --version >/dev/null

parquet="$work/cur-20m.parquet"
csvgz="$work/cur-5m.csv.gz"
[ -f "$parquet" ] || { echo "generating $parquet"; /usr/bin/time -f "generated 20M Parquet in %e s" bin/tally sample cur --rows 20000000 --seed 1 --out "$parquet"; }
[ -f "$csvgz" ] || { echo "generating $csvgz"; /usr/bin/time -f "generated 5M CSV.gz in %e s" bin/tally sample cur --rows 5000000 --seed 2 --out "$csvgz"; }

# The baseline uses DuckDB's driver jar as published (it unpacks its native library on every start, as any
# program using the driver does). Tally's build ships the driver without the library and the library unpacked;
# "baseline-unpacked" runs the baseline program that way too, to show the query engines side by side.
version="$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)"
duck="${M2_REPO:-$HOME/.m2/repository}/org/duckdb/duckdb_jdbc/$version/duckdb_jdbc-$version.jar"
[ -f "$duck" ] || { echo "no DuckDB driver jar at $duck (set M2_REPO to your Maven repository)" >&2; exit 2; }
slim="cli/target/lib/duckdb_jdbc-$version.jar"
native="cli/target/native/linux_amd64"
mkdir -p "$work/classes"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$duck" bench/report/BaselineQuery.java

measure() { # label command... ; appends "label seconds kilobytes" to $work/times
  local label="$1"; shift
  /usr/bin/time -o "$work/one" -f "%e %M" "$@" >"$work/out-$label" 2>"$work/err-$label"
  echo "$label $(cat "$work/one")" | tee -a "$work/times"
}

: >"$work/times"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  measure baseline "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$duck:$work/classes" BaselineQuery "$shared/bench/report-baseline.sql" "$parquet"
  measure tally bin/tally report "$parquet" --by tag:project,model --format json
  measure baseline-unpacked "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djava.library.path="$native" -cp "$slim:$work/classes" \
    BaselineQuery "$shared/bench/report-baseline.sql" "$parquet"
done
for i in $(seq "$runs"); do
  measure csvgz bin/tally report "$csvgz" --by tag:project,model --format json
done

python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
rows = [l.split() for l in open(f"{work}/times")]
def med(label, i): return statistics.median(float(r[i]) for r in rows if r[0] == label)
b, t, c, u = med("baseline", 1), med("tally", 1), med("csvgz", 1), med("baseline-unpacked", 1)
print(f"median wall: baseline {b:.2f} s, tally {t:.2f} s, ratio {t / b:.2f}x (target <= 1.3x)")
print(f"baseline with the native library unpacked as Tally ships it: {u:.2f} s, tally / that {t / u:.2f}x")
print(f"peak RSS: baseline {med('baseline', 2) / 1024:.0f} MiB, tally {med('tally', 2) / 1024:.0f} MiB (target < 2048 MiB)")
print(f"CSV.gz: 5,000,000 rows in {c:.2f} s = {5e6 / c:,.0f} rows/s")
base = sum(float(l.split('\t')[2]) for l in open(f"{work}/out-baseline") if l.strip())
tally = json.load(open(f"{work}/out-tally"))
print(f"check: baseline total {base:.6f}, tally total {tally['total']:.6f}")
PY
