#!/usr/bin/env bash
# Gateway at scale, on a real `bin/tally gateway` process (its RSS, threads and open files read from /proc):
#   1. IDENTITIES distinct users (keys, each its own identity), one request each, twice: exactly one AssumeRole per
#      identity (the emulator's own count), and the gateway's RSS with every identity's session cached;
#   2. REQUESTS requests of every kind (invoke, stream read whole, stream cut by the client), after a warm-up of a
#      tenth of that: threads, file descriptors and RSS before and after (a leak grows with the requests).
#
# Usage: bench/gateway/scale.sh [IDENTITIES] [REQUESTS]   (defaults 10000 and 100000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IDENTITIES=${1:-10000}
REQUESTS=${2:-100000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
cd "$ROOT"

bin/tally --version >/dev/null # builds the jar when stale
CP_FILE="$ROOT/gateway/target/bench.classpath"
./mvnw -q -pl gateway -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="$(cat "$CP_FILE"):$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes"
JVM=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.tally.gateway.bench.ScaleBench)
bench() { "${JVM[@]}" "$@"; }

OUT=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$OUT"' EXIT

# Started directly (not through the function, whose subshell would be the pid), so the trap stops this JVM.
"${JVM[@]}" emulator >"$OUT/emulator.out" 2>"$OUT/emulator.err" &
PIDS+=($!)
for _ in $(seq 1 300); do [ -s "$OUT/emulator.out" ] && break; sleep 0.1; done
EMULATOR=$(sed -n 1p "$OUT/emulator.out")
[ -n "$EMULATOR" ] || { echo "emulator did not start:"; cat "$OUT/emulator.err"; exit 1; }

echo "machine: $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
bench keys "$OUT/ledger.db" "$IDENTITIES" "$OUT/keys"
echo "created $IDENTITIES keys in $(($(date +%s) - t0)) s"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
GATEWAY="http://127.0.0.1:$PORT"
# The gateway's own credentials (those that call AssumeRole): the emulator's built-in IAM user.
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    bin/tally gateway --port "$PORT" --upstream "$EMULATOR" --ledger "$OUT/ledger.db" \
    --role-arn arn:aws:iam::123456789012:role/tally-dev >/dev/null 2>"$OUT/gateway.err" &
GW=$!
PIDS+=($GW)
for _ in $(seq 1 300); do curl -fs "$GATEWAY/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$GATEWAY/healthz" >/dev/null || { echo "gateway did not start:"; cat "$OUT/gateway.err"; exit 1; }
# bin/tally execs java: the gateway's pid is the script's.
status() { # label
    local rss threads fds
    rss=$(awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$GW/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$GW/status")
    fds=$(find "/proc/$GW/fd" -mindepth 1 | wc -l)
    echo "  $1: RSS $rss MiB, threads $threads, open files $fds"
}
assume_roles() { curl -fs "$EMULATOR/_emulator/calls" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"].get("sts:AssumeRole", 0))'; }

echo "== $IDENTITIES identities, one request each, twice"
status "started"
t0=$(date +%s)
ok=$(bench each "$GATEWAY" "$OUT/keys")
echo "  first round: $ok of $IDENTITIES answered 200 in $(($(date +%s) - t0)) s; AssumeRole calls so far: $(assume_roles)"
status "every identity cached"
t0=$(date +%s)
ok=$(bench each "$GATEWAY" "$OUT/keys")
echo "  second round: $ok of $IDENTITIES answered 200 in $(($(date +%s) - t0)) s; AssumeRole calls so far: $(assume_roles)"
status "after the second round"

echo "== $REQUESTS requests of every kind (one key), after a warm-up of $((REQUESTS / 10))"
bench mixed "$GATEWAY" "$OUT/keys" $((REQUESTS / 10)) | sed 's/^/  warm-up: /'
sleep 2
status "before"
t0=$(date +%s)
bench mixed "$GATEWAY" "$OUT/keys" "$REQUESTS" | sed 's/^/  run: /'
echo "  $REQUESTS requests in $(($(date +%s) - t0)) s"
sleep 2
status "after"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
