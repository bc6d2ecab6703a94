#!/usr/bin/env bash
# Gateway overhead: the same small requests through tally gateway (SigV4 per user session, metering, SQLite ledger
# at the default sync, durable before done) versus straight to the emulator with a Bedrock API key, same run, same
# emulator, loopback, load from `hey` (apt) on the same 2 cores.
#   1. added latency p50/p99 at a fixed 1,000 requests per second (non-streaming invoke), after a warm-up, and the
#      same through a second gateway whose usage sink commits nothing (the ledger's share);
#   2. the first seconds of a cold gateway at that rate (what the JIT warm-up looks like);
#   3. streaming (invoke-with-response-stream): average time to the first response byte, added;
#   4. maximum throughput (32 connections, no rate limit), non-streaming;
#   5. where the gateway's time goes at 1,000 rps: per-stage medians and p99s from the gateway's own stamps.
#
# Usage: bench/gateway/run.sh [SECONDS_PER_RUN]   (default 10)
#   SECTIONS="paced stages" bench/gateway/run.sh 5   runs only those sections (cold warm paced stages streams max)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_RUN=${1:-10}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
cd "$ROOT"
# shellcheck source=../lib/hey.sh
. "$ROOT/bench/lib/hey.sh"
CP=$(gateway_bench_classpath)
SECTIONS=${SECTIONS:-cold warm paced stages streams max}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }

OUT=$(mktemp -d)
# The emulator in a JVM of its own, as Bedrock is another machine in production: in one JVM the two Jetty servers
# shared compiled code, and each switch between direct and gateway load sent the JIT back to recompiling both.
"$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$CP" \
    dev.tally.gateway.bench.BenchServer emulator >"$OUT/emulator.out" 2>"$OUT/emulator.err" &
EMULATOR_PID=$!
trap 'kill $EMULATOR_PID 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 1 300); do
    [ -s "$OUT/emulator.out" ] && break
    sleep 0.1
done
mkfifo "$OUT/control"
"$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    dev.tally.gateway.bench.BenchServer --upstream "$(sed -n 1p "$OUT/emulator.out")" \
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

if ! want cold; then # warm up anyway: the JIT needs most of 15 s under this load
    hey_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" 15 10 100 >/dev/null
    hey_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 5 10 100 >/dev/null
fi
if want cold; then
echo "== cold gateway at 1,000 rps, first 15 s in 3 s slices (p50 / p99 ms)"
for i in 1 2 3 4 5; do
    r=$(hey_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" 3 10 100)
    echo "  slice $i: p50 $(pct 50 <<<"$r")  p99 $(pct 99 <<<"$r")  rps $(rps <<<"$r")  non-200 $(errors <<<"$r")"
done
hey_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" 5 10 100 >/dev/null
hey_load "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" 5 10 100 >/dev/null
fi

if want warm; then
echo "== warm, 1,000 rps for ${SECONDS_PER_RUN}s each, alternating, 3 rounds"
for round in 1 2 3; do
    d=$(hey_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 100)
    g=$(hey_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 100)
    dp50=$(pct 50 <<<"$d"); dp99=$(pct 99 <<<"$d"); gp50=$(pct 50 <<<"$g"); gp99=$(pct 99 <<<"$g")
    n=$(hey_load "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 100)
    echo "  round $round: direct p50 $dp50 p99 $dp99 | gateway p50 $gp50 p99 $gp99 | added p50 $(awk "BEGIN{printf \"%.3f\", $gp50-$dp50}") p99 $(awk "BEGIN{printf \"%.3f\", $gp99-$dp99}") ms | gateway rps $(rps <<<"$g") non-200 $(errors <<<"$g") | no-ledger gateway p50 $(pct 50 <<<"$n") p99 $(pct 99 <<<"$n")"
done
fi

if want paced; then
echo "== warm, 1,000 rps paced: ten connections of 100 rps whose ticks fall apart (hey_paced), ${SECONDS_PER_RUN}s each, 3 rounds"
for round in 1 2 3; do
    d=$(hey_paced "$EMULATOR" "$DIRECT_KEY" "$INVOKE" "$SECONDS_PER_RUN" 1000)
    g=$(hey_paced "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 1000)
    dp50=$(paced_pct 50 <<<"$d"); dp99=$(paced_pct 99 <<<"$d"); gp50=$(paced_pct 50 <<<"$g"); gp99=$(paced_pct 99 <<<"$g")
    echo "  round $round: direct p50 $dp50 p99 $dp99 | gateway p50 $gp50 p90 $(paced_pct 90 <<<"$g") p99 $gp99" \
        "p99.9 $(paced_pct 99.9 <<<"$g") | added p50 $(sub "$gp50" "$dp50") p99 $(sub "$gp99" "$dp99") ms" \
        "| gateway requests $(paced_count <<<"$g") non-200 $(paced_errors <<<"$g")"
    n=$(hey_paced "$NO_LEDGER" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 1000)
    echo "           no-ledger gateway p50 $(paced_pct 50 <<<"$n") p90 $(paced_pct 90 <<<"$n") p99 $(paced_pct 99 <<<"$n")" \
        "p99.9 $(paced_pct 99.9 <<<"$n") | direct p99.9 $(paced_pct 99.9 <<<"$d")"
done
fi

if want stages; then
echo "== where the gateway's time goes, 1,000 rps for ${SECONDS_PER_RUN}s (the gateway's own stamps, microseconds)"
echo "stages start" >&3
hey_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 10 100 >/dev/null
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
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; } # clock ticks, 100 a second
ok() { grep -E '^\s+\[200\]' | awk '{s+=$2} END {print s+0}'; }
per_req() { awk "BEGIN{printf \"%.0f\", ($2-$1)*10000/($3>0?$3:1)}"; } # microseconds
for round in 1 2 3; do
    e0=$(ticks $EMULATOR_PID)
    d=$(hey_load "$EMULATOR" "$DIRECT_KEY" "$INVOKE" "$SECONDS_PER_RUN" 32)
    e1=$(ticks $EMULATOR_PID); g0=$(ticks $SERVER)
    g=$(hey_load "$GATEWAY" "$GATEWAY_KEY" "$INVOKE" "$SECONDS_PER_RUN" 32)
    e2=$(ticks $EMULATOR_PID); g1=$(ticks $SERVER)
    echo "  round $round: direct $(rps <<<"$d") rps (emulator $(per_req $e0 $e1 "$(ok <<<"$d")") us CPU/request)" \
        "| gateway $(rps <<<"$g") rps (p99 $(pct 99 <<<"$g") ms, non-200 $(errors <<<"$g"); gateway" \
        "$(per_req $g0 $g1 "$(ok <<<"$g")") us + emulator $(per_req $e1 $e2 "$(ok <<<"$g")") us CPU/request)"
done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
