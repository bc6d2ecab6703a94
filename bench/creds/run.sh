#!/usr/bin/env bash
# Benchmark of `tally creds` (docs/benchmarks.md, section "Creds"): whole-process wall time, medians over RUNS,
# all measured in the same run, interleaved round by round so that background load hits every case alike:
#   warm      bin/tally creds with a cached credential (what every client start pays)
#   cold      bin/tally creds with an empty cache: one AssumeRole against the local emulator
#   baseline  aws sts assume-role with the same tags against the same endpoint
# Usage: bench/creds/run.sh [RUNS] (default 21). Needs the AWS CLI (`aws`) on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-21}"
work="$(mktemp -d /tmp/tally-bench-creds.XXXXXX)"
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

bin/tally --version >/dev/null   # builds the jar and its AOT caches on first use
bin/tally emulator >"$work/endpoint" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$work/endpoint" ] && break; sleep 0.1; done
endpoint="$(head -1 "$work/endpoint")"

mkdir -p "$work/home" "$work/repo/bench-repo/.git"
cat >"$work/credentials" <<CREDS
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
CREDS
export HOME="$work/home" AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_CONFIG_FILE="$work/config"
export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 USER=bench XDG_CACHE_HOME="$work/cache"
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
cd "$work/repo/bench-repo"
role=arn:aws:iam::123456789012:role/tally-dev
tally="$OLDPWD/bin/tally"

ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

"$tally" creds --role-arn "$role" >/dev/null   # the warm runs' cached credential
: >"$work/warm"; : >"$work/cold"; : >"$work/baseline"
for ((i = 1; i <= runs; i++)); do
  s=$(date +%s%N); "$tally" creds --role-arn "$role" >"$work/out"; e=$(date +%s%N)
  grep -q '"Version":1' "$work/out" || { echo "warm run printed no credentials" >&2; exit 1; }
  ms "$s" "$e" >>"$work/warm"

  rm -rf "$work/cold-cache"
  s=$(date +%s%N); XDG_CACHE_HOME="$work/cold-cache" "$tally" creds --role-arn "$role" >"$work/out"; e=$(date +%s%N)
  grep -q '"Version":1' "$work/out" || { echo "cold run printed no credentials" >&2; exit 1; }
  ms "$s" "$e" >>"$work/cold"

  s=$(date +%s%N)
  aws sts assume-role --role-arn "$role" --role-session-name "cc-bench-repo-$(date +%s)" \
    --tags Key=Project,Value=bench-repo Key=User,Value=bench --output json >"$work/out"
  e=$(date +%s%N)
  grep -q '"AccessKeyId"' "$work/out" || { echo "baseline printed no credentials" >&2; exit 1; }
  ms "$s" "$e" >>"$work/baseline"
done

warm=$(median <"$work/warm"); cold=$(median <"$work/cold"); base=$(median <"$work/baseline")
calls=$(curl -s "$endpoint/_emulator/calls" | grep -o '"sts:AssumeRole":[0-9]*' || true)
echo "runs: $runs each, interleaved; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm     median ${warm} ms   (all: $(tr '\n' ' ' <"$work/warm"))"
echo "cold     median ${cold} ms   (all: $(tr '\n' ' ' <"$work/cold"))"
echo "baseline median ${base} ms   (all: $(tr '\n' ' ' <"$work/baseline"))"
awk -v w="$warm" -v c="$cold" -v b="$base" 'BEGIN {printf "baseline / warm = %.1fx, baseline / cold = %.1fx\n", b / w, b / c}'
echo "emulator saw $calls (1 + $runs cold + $runs baseline expected)"
