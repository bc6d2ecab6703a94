# Shared by bench/gateway/run.sh, bench/gateway/warmup.sh and bench/govern/run.sh (sourced, not run): the gateway
# module's test class path for the bench servers, and small Bedrock calls driven by a load generator on the same 2
# cores, with what its report says. Needs ROOT (the clone); sourcing it selects JDK 25 (JAVA_HOME unless set, and
# JAVA), moves to ROOT and compiles the bench servers into CP, the class path every bench script here starts them
# with.
#
# The load comes from `wrk` (apt), one thread: it costs about 50 us of CPU per request here. `hey` is kept only for
# what wrk does not report, a stream's time to its first byte: paced at 1,000 requests per second as ten processes it
# cost 350-380 us of CPU per request, more than the gateway and the emulator together, on the cores they share
# (docs/benchmarks.md, "The load generator's share").

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
cd "$ROOT"

# The class path of the gateway module with its test classes (the bench servers live there), compiled first.
gateway_bench_classpath() {
    local file="$ROOT/gateway/target/bench.classpath"
    (cd "$ROOT" && ./mvnw -q -pl gateway -am test-compile dependency:build-classpath -DskipTests \
        -Dmdep.outputFile="$file" -Dmdep.includeScope=test >/dev/null)
    echo "$(cat "$file"):$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes"
}
CP=$(gateway_bench_classpath)

MODEL=us.anthropic.claude-haiku-4-5-20251001-v1:0
BODY='{"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hello"}]}'
INVOKE="/model/$MODEL/invoke"
STREAM="/model/$MODEL/invoke-with-response-stream"

# wrk_load BASE KEY PATH SECONDS CONNECTIONS [RATE]: one wrk thread over CONNECTIONS connections, RATE requests per
# second in all spread evenly in time (bench/lib/invoke.lua), or as fast as they go without RATE; one line:
# "requests N non2xx N socket N rps R p50 US p90 US p99 US p999 US max US".
# A run that reports nothing (wrk could not start, or the script failed) stops the benchmark with wrk's own words
# rather than letting zeros pass for latencies.
wrk_load() {
    local out
    out=$(WRK_KEY=$2 WRK_BODY=$BODY WRK_RATE=${6:-} wrk -t1 -c"$5" -d"$4s" -s "$ROOT/bench/lib/invoke.lua" "$1$3" 2>&1)
    grep '^requests ' <<<"$out" || { echo "wrk against $1$3 reported nothing: $(tr '\n' ' ' <<<"$out")" >&2; return 1; }
}
# From wrk_load's line on stdin: a latency (p50, p90, p99, p999, max) in ms, or another field as it is.
ms() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) printf "%.3f", $(i + 1) / 1000}'; }
field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}'; }
sub() { awk "BEGIN{printf \"%.3f\", $1-$2}"; }

# hey_load BASE KEY PATH SECONDS CONNECTIONS [QPS_PER_CONNECTION]: hey's whole report, for streams' time to the
# first byte ("resp wait", which wrk does not measure).
hey_load() {
    command -v hey >/dev/null || { echo "needs hey (apt-get install hey)" >&2; return 1; }
    hey -z "$4s" -c "$5" ${6:+-q "$6"} -m POST -T application/json -H "Authorization: Bearer $2" -d "$BODY" "$1$3" 2>&1
}
# From a hey report on stdin: a percentile in ms, the average time to the first byte in ms, the count of non-200s.
pct() { sed -n "s/^ *$1% in \([0-9.]*\) secs.*/\1/p" | awk '{printf "%.3f", $1*1000}'; }
wait_() { sed -n 's/^ *resp wait:\s*\([0-9.]*\) secs.*/\1/p' | awk '{printf "%.3f", $1*1000}'; }
errors() { grep -E '^\s+\[[0-9]+\]' | grep -v '\[200\]' | awk '{s+=$2} END {print s+0}'; }

# start_emulator DIR: the benches' emulator (BenchServer, with the direct path's Bedrock API key) in a JVM of its own,
# as Bedrock is another machine in production: in one JVM with a gateway the two Jetty servers shared compiled code,
# and each switch between direct and gateway load sent the JIT back to recompiling both. Sets EMULATOR_PID and
# EMULATOR (its URL); its output goes to DIR.
start_emulator() {
    "$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$CP" \
        dev.tally.gateway.bench.BenchServer emulator >"$1/emulator.out" 2>"$1/emulator.err" &
    EMULATOR_PID=$!
    for _ in $(seq 1 300); do
        [ -s "$1/emulator.out" ] && break
        kill -0 "$EMULATOR_PID" 2>/dev/null || break # it ended: no point waiting
        sleep 0.1
    done
    EMULATOR=$(sed -n 1p "$1/emulator.out")
    [ -n "$EMULATOR" ] || { echo "emulator did not start: $(head -2 "$1/emulator.err" | tr "\n" " ")" >&2; return 1; }
}

# cpu_ticks /proc/PID[/task/TID]: the user and system CPU a process (or one of its threads) has used, in clock ticks
# (getconf CLK_TCK of them a second).
cpu_ticks() { awk '{print $14 + $15}' "$1/stat"; }

machine() {
    echo "machine: $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
