#!/usr/bin/env bash
# Gateway overhead: the same small requests through tally gateway (SigV4 per user session, metering, SQLite ledger
# at the default sync, durable before done) versus straight to the emulator with a Bedrock API key, same run, same
# emulator, loopback, load from one `wrk` thread (apt; bench/lib/load.sh) on the same 2 cores:
#   1. the first seconds of a cold gateway at 1,000 requests per second (what the JIT warm-up looks like);
#   2. added latency p50/p99 at 1,000 requests per second spread evenly in time (non-streaming invoke), after a
#      warm-up, and the same through a second gateway whose usage sink commits nothing (the ledger's share);
#   3. where the gateway's time goes at 1,000 rps: per-stage medians and p99s from the gateway's own stamps;
#   4. streaming (invoke-with-response-stream): average time to the first response byte, added (from `hey`);
#   5. maximum throughput (32 connections, no rate limit), non-streaming.
#
# Usage: bench/gateway/run.sh [SECONDS_PER_RUN]   (default 10)
#   SECTIONS="paced stages" bench/gateway/run.sh 5   runs only those sections (cold paced stages streams max)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_RUN=${1:-10}
# shellcheck source=../lib/load.sh
. "$ROOT/bench/lib/load.sh"
SECTIONS=${SECTIONS:-cold paced stages streams max}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }

OUT=$(mktemp -d)
trap 'kill ${EMULATOR_PID:-} 2>/dev/null || true; rm -rf "$OUT"' EXIT
start_emulator "$OUT"
mkfifo "$OUT/control"
"$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    dev.tally.gateway.bench.BenchServer --upstream "$EMULATOR" \
    <"$OUT/control" >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER=$!
exec 3>"$OUT/control" # the server's commands (stage breakdown)
trap 'exec 3>&-; kill $SERVER $EMULATOR_PID 2>/dev/null || true; wait $SERVER $EMULATOR_PID 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 1 300); do
    [ "$(wc -l <"$OUT/server.out")" -ge 5 ] && break
    sleep 0.1
done
EMULATOR=$(sed -n 1p "$OUT/server.out")
GATEWAY=$(sed -n 2p "$OUT/server.out")
DIRECT_KEY=$(sed -n 3p "$OUT/server.out")
GATEWAY_KEY=$(sed -n 4p "$OUT/server.out")
NO_LEDGER=$(sed -n 5p "$OUT/server.out")
[ -n "$NO_LEDGER" ] || { echo "server did not start:"; cat "$OUT/server.err"; exit 1; }

machine

if ! want cold; then # warm up anyway (C2 still compiles the request path for a minute under this load)
    wrk_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" 15 10 1000 >/dev/null
    wrk_load "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" 5 10 1000 >/dev/null
    wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 5 10 1000 >/dev/null
fi
if want cold; then
echo "== cold gateway at 1,000 rps, first 15 s in 3 s slices (p50 / p99 ms)"
for i in 1 2 3 4 5; do
    r=$(wrk_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" 3 10 1000)
    echo "  slice $i: p50 $(ms p50 <<<"$r")  p99 $(ms p99 <<<"$r")  rps $(field rps <<<"$r")  non-2xx $(field non2xx <<<"$r")"
done
wrk_load "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" 5 10 1000 >/dev/null
wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 5 10 1000 >/dev/null
fi

if want paced; then
echo "== warm, 1,000 rps spread evenly over ten connections, ${SECONDS_PER_RUN}s each, 3 rounds (ms)"
for round in 1 2 3; do
    d=$(wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 1000)
    g=$(wrk_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 1000)
    n=$(wrk_load "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 1000)
    echo "  round $round: direct p50 $(ms p50 <<<"$d") p99 $(ms p99 <<<"$d") | gateway p50 $(ms p50 <<<"$g")" \
        "p90 $(ms p90 <<<"$g") p99 $(ms p99 <<<"$g") p99.9 $(ms p999 <<<"$g") | added p50" \
        "$(sub "$(ms p50 <<<"$g")" "$(ms p50 <<<"$d")") p99 $(sub "$(ms p99 <<<"$g")" "$(ms p99 <<<"$d")")" \
        "| gateway requests $(field requests <<<"$g") non-2xx $(field non2xx <<<"$g") socket errors $(field socket <<<"$g")"
    echo "           no-ledger gateway p50 $(ms p50 <<<"$n") p99 $(ms p99 <<<"$n")" \
        "(added p99 $(sub "$(ms p99 <<<"$n")" "$(ms p99 <<<"$d")")) | direct p99.9 $(ms p999 <<<"$d")"
done
fi

if want stages; then
echo "== where the gateway's time goes, 1,000 rps for ${SECONDS_PER_RUN}s (the gateway's own stamps, microseconds)"
echo "stages start" >&3
wrk_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 1000 >/dev/null
lines=$(wc -l <"$OUT/server.out")
echo "stages report" >&3
for _ in $(seq 1 100); do
    tail -n +"$((lines + 1))" "$OUT/server.out" | grep -qx end && break
    sleep 0.1
done
tail -n +"$((lines + 1))" "$OUT/server.out" | grep -vx end | sed 's/^/  /'
fi

if want streams; then
echo "== streams, 200 per second for ${SECONDS_PER_RUN}s: average time to first byte (resp wait)"
for round in 1 2 3; do
    d=$(hey_load "$EMULATOR" "$DIRECT_KEY" "$STREAM" "$SECONDS_PER_RUN" 10 20)
    g=$(hey_load "$GATEWAY" "$GATEWAY_KEY" "$STREAM" "$SECONDS_PER_RUN" 10 20)
    echo "  round $round: direct $(wait_ <<<"$d") ms | gateway $(wait_ <<<"$g") ms | gateway p99 total $(pct 99 <<<"$g") ms non-200 $(errors <<<"$g")"
done
fi

if want max; then
echo "== maximum throughput, 32 connections, ${SECONDS_PER_RUN}s (CPU per request from /proc: user + system)"
ticks() { cpu_ticks "/proc/$1"; } # 100 a second
per_req() { awk "BEGIN{printf \"%.0f\", ($2-$1)*10000/($3>0?$3:1)}"; } # microseconds
for round in 1 2 3; do
    e0=$(ticks $EMULATOR_PID)
    d=$(wrk_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" "$SECONDS_PER_RUN" 32)
    e1=$(ticks $EMULATOR_PID); g0=$(ticks $SERVER)
    g=$(wrk_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 32)
    e2=$(ticks $EMULATOR_PID); g1=$(ticks $SERVER)
    echo "  round $round: direct $(field rps <<<"$d") rps (emulator $(per_req $e0 $e1 "$(field requests <<<"$d")") us CPU/request)" \
        "| gateway $(field rps <<<"$g") rps (p99 $(ms p99 <<<"$g") ms, non-2xx $(field non2xx <<<"$g"); gateway" \
        "$(per_req $g0 $g1 "$(field requests <<<"$g")") us + emulator $(per_req $e1 $e2 "$(field requests <<<"$g")") us CPU/request)"
done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
