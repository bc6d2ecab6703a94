#!/usr/bin/env bash
# Governance overhead, same run, same emulator, loopback, load from one `wrk` thread (apt; bench/lib/load.sh) on the
# same 2 cores:
#   - direct to the emulator (baseline), a gateway on SQLite with nothing governed, a gateway on SQLite with budgets
#     (user, team, key; hard) and rate limits (rpm, tpm) on, and two replicas on one PostgreSQL with the same on,
#     each replica taking half the load from its own `wrk`;
#   1. added p50/p99 at 1,000 requests/s spread evenly in time (non-streaming invoke), after two minutes of
#      warm-up, 3 rounds, alternating;
#   2. maximum throughput (32 connections in all);
#   3. PostgreSQL transactions and statements per request during the two-replica runs (pg_stat_database,
#      pg_stat_statements), background work (lease renewal, revision polls) included.
# The two replicas share one JVM (the bench's), so they also share its CPU with the SQLite gateways at rest.
#
# Usage: bench/govern/run.sh [SECONDS_PER_RUN]   (default 10)
#        LINGER_MS=0 bench/govern/run.sh ...       (the PostgreSQL replicas' --ledger-linger; default the gateway's)
#        ROUNDS=5 WARMUP_CYCLES=1 bench/govern/run.sh ...   (paced rounds, default 3; warm-up cycles of 40 s, default 3)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_RUN=${1:-10}
ROUNDS=${ROUNDS:-3}
WARMUP_CYCLES=${WARMUP_CYCLES:-3}
# shellcheck source=../lib/load.sh
. "$ROOT/bench/lib/load.sh"

OUT=$(mktemp -d)
"$JAVA" -Xms768m -Xmx768m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$CP" \
    ${LINGER_MS:+-Dtally.bench.lingerMillis=$LINGER_MS} \
    dev.tally.gateway.bench.GovernBenchServer >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 1 600); do
    [ "$(wc -l <"$OUT/server.out")" -ge 9 ] && break
    sleep 0.1
done
mapfile -t L <"$OUT/server.out"
EMULATOR=${L[0]}; DIRECT_KEY=${L[1]}; PG_A=${L[2]}; PG_B=${L[3]}; SQL_GOV=${L[4]}; SQL_PLAIN=${L[5]}
PG_KEY=${L[6]}; SQL_KEY=${L[7]}; STATS=${L[8]:-}
[ -n "$STATS" ] || { echo "server did not start:"; cat "$OUT/server.err"; exit 1; }

load() { wrk_load "$1" "$2" "$INVOKE" "${@:3}"; } # base key seconds connections [rate]
stats() { curl -s "$STATS"; }
both() { awk "BEGIN{printf \"%.0f\", $1+$2}"; }

machine
# The gateways share this JVM's compiled code, and C2 is at work on it for about a minute under this load
# (bench/gateway's cold section shows that minute): the rounds measure after it.
echo "== warm-up: $WARMUP_CYCLES cycles of 10 s on each"
for _ in $(seq 1 "$WARMUP_CYCLES"); do
    load "$EMULATOR" "$DIRECT_KEY" 10 10 1000 >/dev/null
    load "$SQL_PLAIN" "$SQL_KEY" 10 10 1000 >/dev/null
    load "$SQL_GOV" "$SQL_KEY" 10 10 1000 >/dev/null
    load "$PG_A" "$PG_KEY" 10 5 500 >/dev/null & BG=$!; load "$PG_B" "$PG_KEY" 10 5 500 >/dev/null; wait $BG
done

echo "== 1,000 rps spread evenly in time, ${SECONDS_PER_RUN}s each, $ROUNDS rounds (ms; added = minus direct's of the round;"
echo "   PostgreSQL: two replicas at 500 rps each, at once)"
for round in $(seq 1 "$ROUNDS"); do
    d=$(load "$EMULATOR" "$DIRECT_KEY" "$SECONDS_PER_RUN" 10 1000)
    p=$(load "$SQL_PLAIN" "$SQL_KEY" "$SECONDS_PER_RUN" 10 1000)
    s=$(load "$SQL_GOV" "$SQL_KEY" "$SECONDS_PER_RUN" 10 1000)
    before=$(stats)
    load "$PG_A" "$PG_KEY" "$SECONDS_PER_RUN" 5 500 >"$OUT/a.txt" & BG=$!; load "$PG_B" "$PG_KEY" "$SECONDS_PER_RUN" 5 500 >"$OUT/b.txt"; wait $BG
    after=$(stats)
    a=$(cat "$OUT/a.txt"); b=$(cat "$OUT/b.txt")
    n=$(( $(field requests <<<"$a") + $(field requests <<<"$b") ))
    tx=$(( $(cut -d' ' -f1 <<<"$after") - $(cut -d' ' -f1 <<<"$before") ))
    st=$(( $(cut -d' ' -f2 <<<"$after") - $(cut -d' ' -f2 <<<"$before") ))
    dp50=$(ms p50 <<<"$d"); dp99=$(ms p99 <<<"$d")
    echo "  round $round: direct p50 $dp50 p99 $dp99" \
        "| SQLite governed p50 $(ms p50 <<<"$s") p99 $(ms p99 <<<"$s") (added p50 $(sub "$(ms p50 <<<"$s")" "$dp50") p99 $(sub "$(ms p99 <<<"$s")" "$dp99"), non-2xx $(field non2xx <<<"$s"))" \
        "| SQLite ungoverned p50 $(ms p50 <<<"$p") p99 $(ms p99 <<<"$p") (added p99 $(sub "$(ms p99 <<<"$p")" "$dp99"))" \
        "| PostgreSQL A p99 $(ms p99 <<<"$a") B p99 $(ms p99 <<<"$b") (added $(sub "$(ms p99 <<<"$a")" "$dp99") / $(sub "$(ms p99 <<<"$b")" "$dp99"), non-2xx $(( $(field non2xx <<<"$a") + $(field non2xx <<<"$b") )))" \
        "| PostgreSQL: $n requests, $tx transactions ($(awk "BEGIN{printf \"%.3f\", $tx/$n}")/request), $st statements ($(awk "BEGIN{printf \"%.3f\", $st/$n}")/request)"
done

echo "== maximum throughput, 32 connections in all, ${SECONDS_PER_RUN}s"
for round in 1 2 3; do
    p=$(load "$SQL_PLAIN" "$SQL_KEY" "$SECONDS_PER_RUN" 32)
    s=$(load "$SQL_GOV" "$SQL_KEY" "$SECONDS_PER_RUN" 32)
    before=$(stats)
    load "$PG_A" "$PG_KEY" "$SECONDS_PER_RUN" 16 >"$OUT/a.txt" & BG=$!; load "$PG_B" "$PG_KEY" "$SECONDS_PER_RUN" 16 >"$OUT/b.txt"; wait $BG
    after=$(stats)
    a=$(cat "$OUT/a.txt"); b=$(cat "$OUT/b.txt")
    n=$(( $(field requests <<<"$a") + $(field requests <<<"$b") ))
    tx=$(( $(cut -d' ' -f1 <<<"$after") - $(cut -d' ' -f1 <<<"$before") ))
    echo "  round $round: SQLite ungoverned $(field rps <<<"$p") rps | SQLite governed $(field rps <<<"$s") rps" \
        "(non-2xx $(field non2xx <<<"$s")) | PostgreSQL two replicas $(both "$(field rps <<<"$a")" "$(field rps <<<"$b")") rps" \
        "($tx transactions for $n requests: $(awk "BEGIN{printf \"%.3f\", $tx/$n}")/request, non-2xx $(( $(field non2xx <<<"$a") + $(field non2xx <<<"$b") )))"
done
echo "== PostgreSQL statements over the whole run (pg_stat_statements; every PostgreSQL request is one usage event)"
curl -s "${STATS%/stats}/top"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
