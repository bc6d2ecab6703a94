#!/usr/bin/env bash
# Emulator throughput: non-streaming invoke and streaming invoke-with-response-stream, bearer API key auth,
# 32 concurrent connections, against an emulator in a separate process on loopback; the baseline is the same
# Jetty server answering a constant body with no emulator logic (the HTTP floor). Three runs of each, medians.
#
# Usage: bench/emulator/run.sh [SECONDS_PER_RUN] [CONCURRENCY]     (defaults 10 and 32)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_RUN=${1:-10}
CONCURRENCY=${2:-32}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
cd "$ROOT"

# Compile only what the benchmark needs (the emulator and its reactor dependencies, with test classes),
# and write the classpath; no tests run, nothing is installed.
CP_FILE="$ROOT/emulator/target/bench.classpath"
./mvnw -q -pl emulator -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="$(cat "$CP_FILE"):$ROOT/emulator/target/classes:$ROOT/emulator/target/test-classes"

OUT=$(mktemp -d)
"$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$CP" dev.tally.emulator.bench.BenchServer >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 1 100); do
    [ "$(wc -l <"$OUT/server.out")" -ge 2 ] && break
    sleep 0.1
done
EMULATOR=$(sed -n 1p "$OUT/server.out")
BASELINE=$(sed -n 2p "$OUT/server.out")
[ -n "$BASELINE" ] || { echo "server did not start:"; cat "$OUT/server.err"; exit 1; }

echo "machine: $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p')"
echo "method: per case one unrecorded warm-up run, then 3 runs of ${SECONDS_PER_RUN}s (each after a 2s client warm-up), $CONCURRENCY virtual-thread clients on the same cores, median"
run() { # target mode client -> one JSON line
    "$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$CP" dev.tally.emulator.bench.LoadGenerator "$1" "$2" "$SECONDS_PER_RUN" "$CONCURRENCY" "$3"
}
median() { # field -> median of the three lines on stdin
    sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" | sort -n | sed -n 2p
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# raw = a minimal keep-alive socket client (cheap, leaves the cores to the server); jdk = java.net.http.HttpClient.
for case in "baseline invoke raw $BASELINE" "emulator invoke raw $EMULATOR" "emulator sigv4 raw $EMULATOR" "emulator stream raw $EMULATOR" "emulator invoke jdk $EMULATOR"; do
    set -- $case
    : >"$OUT/runs"
    # The server JIT-compiles its hot path under load: one unrecorded run first, so medians are steady state.
    WARMUP=1 run "$4" "$2" "$3" >/dev/null
    for _ in 1 2 3; do run "$4" "$2" "$3" | tee -a "$OUT/runs"; done
    printf '%-9s %-7s %-4s median: %8s req/s  %9s frames/s  %6s MB/s  p50 %s ms  p99 %s ms  errors %s\n' "$1" "$2" "$3" \
        "$(median requestsPerSecond <"$OUT/runs")" "$(median framesPerSecond <"$OUT/runs")" "$(median megabytesPerSecond <"$OUT/runs")" \
        "$(median p50Millis <"$OUT/runs")" "$(median p99Millis <"$OUT/runs")" "$(median errors <"$OUT/runs")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
