#!/usr/bin/env bash
# The production launcher's first two minutes: `bin/tally gateway` (its AOT cache, SerialGC, the full JIT, the access
# log to a file) in front of the bench's emulator, warmed first in a JVM of its own. Load from one `wrk` thread
# (apt; bench/lib/load.sh) at 1,000 requests per second spread evenly over ten connections:
#   - 10 s of warm-up load from the start, in two 5 s slices;
#   - then ROUNDS rounds of 10 s through the gateway, each followed by 5 s straight to the emulator (the round's
#     baseline): added p50 / p99, and the CPU the gateway's JIT compiler threads (C1, C2) took during the round
#     against the whole gateway's, from /proc.
# TALLY_JAVA_OPTS reaches the gateway's JVM (bin/tally), to try JIT settings.
#
# Usage: bench/gateway/warmup.sh [ROUNDS]   (default 6)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-6}
# shellcheck source=../lib/load.sh
. "$ROOT/bench/lib/load.sh"
bin/tally --version >/dev/null # builds the jar and its caches when stale

OUT=$(mktemp -d)
trap 'kill ${EMULATOR_PID:-} ${GATEWAY_PID:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$OUT"' EXIT
start_emulator "$OUT"
DIRECT_KEY=bench-direct-key
machine
wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 20 10 1000 >/dev/null
KEY=$(bin/tally keys create --ledger "$OUT/ledger.db" --user bench --team perf 2>/dev/null)

START=$(date +%s.%N)
# exec: the gateway's JVM is this pid, so /proc reads its threads.
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    bash -c 'exec "$@"' - bin/tally gateway --port 0 --upstream "$EMULATOR" --ledger "$OUT/ledger.db" \
    --role-arn arn:aws:iam::123456789012:role/tally-dev >"$OUT/gateway.out" 2>"$OUT/access.log" &
GATEWAY_PID=$!
for _ in $(seq 1 600); do
    [ -s "$OUT/gateway.out" ] && break
    sleep 0.05
done
GATEWAY=$(sed -n 1p "$OUT/gateway.out")
[ -n "$GATEWAY" ] || { echo "gateway did not start:"; head -5 "$OUT/access.log"; exit 1; }
since() { awk -v f="${1:-%.0f}" "BEGIN{printf f, $(date +%s.%N) - $START}"; }
jit_ticks() {
    local t=0 task
    for task in /proc/$GATEWAY_PID/task/*; do
        case "$(cat "$task/comm")" in C1* | C2*) t=$((t + $(cpu_ticks "$task"))) ;; esac
    done
    echo "$t"
}
HZ=$(getconf CLK_TCK)
echo "listening after $(since %.2f) s ${TALLY_JAVA_OPTS:+(TALLY_JAVA_OPTS=$TALLY_JAVA_OPTS)}"
echo "== warm-up at 1,000 rps (ms)"
for _ in 1 2; do
    s=$(since)
    r=$(wrk_load "$GATEWAY" "$KEY" "$INVOKE" 5 10 1000)
    echo "  from ${s}s: p50 $(ms p50 <<<"$r") p99 $(ms p99 <<<"$r") non-2xx $(field non2xx <<<"$r")"
done
echo "== rounds of 10 s through the gateway, each then 5 s direct (ms; CPU in ms during the gateway's round)"
for round in $(seq 1 "$ROUNDS"); do
    s=$(since)
    j0=$(jit_ticks)
    c0=$(cpu_ticks "/proc/$GATEWAY_PID")
    g=$(wrk_load "$GATEWAY" "$KEY" "$INVOKE" 10 10 1000)
    j1=$(jit_ticks)
    c1=$(cpu_ticks "/proc/$GATEWAY_PID")
    d=$(wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 5 10 1000)
    echo "  round $round from ${s}s: gateway p50 $(ms p50 <<<"$g") p99 $(ms p99 <<<"$g") p99.9 $(ms p999 <<<"$g")" \
        "| direct p50 $(ms p50 <<<"$d") p99 $(ms p99 <<<"$d")" \
        "| added p50 $(sub "$(ms p50 <<<"$g")" "$(ms p50 <<<"$d")") p99 $(sub "$(ms p99 <<<"$g")" "$(ms p99 <<<"$d")")" \
        "| non-2xx $(field non2xx <<<"$g") | CPU: JIT $(( (j1 - j0) * 1000 / HZ )) of $(( (c1 - c0) * 1000 / HZ ))"
done
