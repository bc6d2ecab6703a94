#!/usr/bin/env bash
# Spark settings against each other (issue 15's per-row work): `tally report FILE --by tag:project,model --format
# json --engine spark` with each VARIANT in turn, alternating, RUNS rounds; prints wall and CPU (user + system of the
# process tree) per run with the load average, and the outputs' checksums (all must be equal).
#
#   bench/spark/variants.sh RUNS FILE 'ENV|ARGS' ...
#
# A variant is environment assignments and extra report arguments around a '|': the first is the baseline.
#   bench/spark/variants.sh 2 /tmp/tally-bench/cur-5m.parquet '|' \
#     '|--spark-conf spark.sql.icu.caseMappings.enabled=false' 'JAVA_TOOL_OPTIONS=-XX:-DontCompileHugeMethods|'
# TREE=/path/to/another/build runs that tree's bin/tally (a copy, so editing sources does not rebuild mid-run).
set -euo pipefail
runs="$1"
file="$2"
shift 2
out="$(mktemp -d)"
cd "${TREE:-$(cd "$(dirname "$0")/../.." && pwd)}"
for i in $(seq "$runs"); do
  n=0
  for v in "$@"; do
    n=$((n + 1))
    env_part="${v%%|*}"
    args_part="${v#*|}"
    # shellcheck disable=SC2086 # the variant's words are meant to split
    /usr/bin/time -o "$out/time" -f "%e %U %S" env $env_part bin/tally report "$file" --by tag:project,model \
      --format json --engine spark $args_part >"$out/out-$n.json" 2>"$out/err-$n"
    read -r wall user sys <"$out/time"
    echo "round $i [$v] wall $wall s cpu $(echo "$user + $sys" | bc) s load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
md5sum "$out"/out-*.json
