#!/usr/bin/env bash
# Spark benchmark (issue 15): `tally report FILE --by tag:project,model --format json` as a whole process, on
# DuckDB (--engine duckdb, the named baseline) and on Spark in local mode (--engine spark, a child JVM with
# local[*]), alternating, on the same generated CUR 2.0 Parquet files of each size, in the same run. Checks that
# both engines print identical JSON, then prints medians, the Spark/DuckDB ratio and the cost per million rows.
#
#   bench/spark/run.sh [RUNS] [WORKDIR] [SIZES]   defaults: 3 runs, /tmp/tally-bench, "5 20 80" (millions of rows)
#
# Each line of WORKDIR/spark-times: rows (M), engine, wall s, max RSS KiB, user s, system s, then the load average.
#
# Files are generated once (`tally sample cur --seed 1`; the 20M file is the one bench/report uses). Needs the
# spark module packaged (bin/tally's build does it) or SPARK_HOME.
set -euo pipefail
runs="${1:-3}"
work="${2:-/tmp/tally-bench}"
sizes="${3:-5 20 80}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$work"
cd "$root"
bin/tally --version >/dev/null

: >"$work/spark-times"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
# Inputs first, so a run that cannot have them ends before any timing: about 75 MB of Parquet per million rows
# (the 80M file is about 6 GB), with 2 GB to spare for Spark's shuffle files and the outputs.
for m in $sizes; do
  file="$work/cur-${m}m.parquet"
  [ -f "$file" ] && continue
  need=$((m * 75 + 2048))
  free=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
  if [ "$free" -lt "$need" ]; then
    echo "bench/spark: $file needs about $need MB free in $work, which has $free MB" >&2
    exit 1
  fi
  echo "generating $file"
  /usr/bin/time -f "generated ${m}M Parquet in %e s" bin/tally sample cur --rows "${m}000000" --seed 1 --out "$file"
done
# The Spark child's AOT cache (docs/spark.md) is recorded by the first --engine spark report on a machine and used by
# every later one: made here on a small input, so no timed run pays for it and every timed run starts from it.
[ -f "$work/cur-warmup.parquet" ] || bin/tally sample cur --rows 10000 --seed 1 --out "$work/cur-warmup.parquet"
/usr/bin/time -f "Spark's first report (AOT cache recorded if absent) in %e s" \
  bin/tally report "$work/cur-warmup.parquet" --format json --engine spark >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in $sizes; do
  file="$work/cur-${m}m.parquet"
  for i in $(seq "$runs"); do
    for engine in duckdb spark; do
      /usr/bin/time -o "$work/one" -f "%e %M %U %S" bin/tally report "$file" --by tag:project,model --format json --engine "$engine" \
        >"$work/out-$engine-$m" 2>"$work/err-$engine-$m"
      # The 1-minute load average after each run: other builds share this machine's cores.
      echo "$m $engine $(cat "$work/one") load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/spark-times"
    done
    cmp -s "$work/out-duckdb-$m" "$work/out-spark-$m" || { echo "DIFFERENT RESULTS at ${m}M rows" >&2; exit 1; }
  done
  echo "${m}M: identical JSON on both engines ($(wc -c <"$work/out-duckdb-$m") bytes)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/spark-times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
sizes = sorted({int(r[0]) for r in rows})
# Wall time on a shared machine follows the load; CPU time (user + system of the process tree) much less: both.
print(f"{'rows':>6} {'duckdb s':>9} {'spark s':>8} {'ratio':>6} {'duckdb s/M':>10} {'spark s/M':>9} {'spark RSS MiB':>13}"
      f" {'duckdb cpu':>10} {'spark cpu':>9} {'cpu ratio':>9}")
def median(m, engine, field):
    return statistics.median(float(r[field]) for r in rows if int(r[0]) == m and r[1] == engine)
def cpu(m, engine):
    return statistics.median(float(r[4]) + float(r[5]) for r in rows if int(r[0]) == m and r[1] == engine)
for m in sizes:
    d = median(m, "duckdb", 2)
    s = median(m, "spark", 2)
    rss = max(int(r[3]) for r in rows if int(r[0]) == m and r[1] == "spark") / 1024
    dc, sc = cpu(m, "duckdb"), cpu(m, "spark")
    print(f"{m:>5}M {d:>9.2f} {s:>8.2f} {s/d:>5.2f}x {d/m:>10.3f} {s/m:>9.3f} {rss:>13.0f} {dc:>10.2f} {sc:>9.2f} {sc/dc:>8.2f}x")
PY
