# Shared by bench/gateway/run.sh and bench/govern/run.sh (sourced, not run): the gateway module's test class path
# for the bench servers, and small non-streaming Bedrock calls driven by `hey` (apt) with what its report says.
# Needs ROOT (the clone) and JAVA_HOME set by the caller.

command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 1; }

# The class path of the gateway module with its test classes (the bench servers live there), compiled first.
gateway_bench_classpath() {
    local file="$ROOT/gateway/target/bench.classpath"
    (cd "$ROOT" && ./mvnw -q -pl gateway -am test-compile dependency:build-classpath -DskipTests \
        -Dmdep.outputFile="$file" -Dmdep.includeScope=test >/dev/null)
    echo "$(cat "$file"):$ROOT/gateway/target/classes:$ROOT/gateway/target/test-classes"
}

MODEL=us.anthropic.claude-haiku-4-5-20251001-v1:0
BODY='{"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hello"}]}'
INVOKE="/model/$MODEL/invoke"
STREAM="/model/$MODEL/invoke-with-response-stream"

# hey_load BASE KEY PATH SECONDS CONNECTIONS [QPS_PER_CONNECTION]: hey's whole report (-q unset: as fast as it goes).
hey_load() {
    hey -z "$4s" -c "$5" ${6:+-q "$6"} -m POST -T application/json -H "Authorization: Bearer $2" -d "$BODY" "$1$3" 2>&1
}
# From a hey report on stdin: a percentile in ms, requests per second, average time to the first byte in ms, the
# count of 200s and of everything else.
pct() { sed -n "s/^ *$1% in \([0-9.]*\) secs.*/\1/p" | awk '{printf "%.3f", $1*1000}'; }
rps() { sed -n 's/^ *Requests\/sec:\s*\([0-9.]*\).*/\1/p'; }
wait_() { sed -n 's/^ *resp wait:\s*\([0-9.]*\) secs.*/\1/p' | awk '{printf "%.3f", $1*1000}'; }
ok() { sed -n 's/^ *\[200\]\s*\([0-9]*\) responses.*/\1/p' | awk '{s+=$1} END {print s+0}'; }
errors() { grep -E '^\s+\[[0-9]+\]' | grep -v '\[200\]' | awk '{s+=$2} END {print s+0}'; }
sub() { awk "BEGIN{printf \"%.3f\", $1-$2}"; }

machine() {
    echo "machine: $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# hey_paced BASE KEY PATH SECONDS RATE: RATE requests per second spread evenly in time, as many independent clients
# send them, and one line per request on stdout: "<latency in seconds>,<status>". hey paces each connection with a
# ticker that all of one process's connections start together, so `hey -c 10 -q 100` sends bursts of ten requests
# at once every 10 ms: its p99 is the time the tenth request of a burst waits behind the other nine, not a
# request's latency at that rate. Here ten hey processes of one connection each (RATE/10 per second) start apart,
# so their ticks fall at different moments within the period.
hey_paced() {
    local dir i
    dir=$(mktemp -d)
    for i in 0 1 2 3 4 5 6 7 8 9; do
        hey -z "$4s" -c 1 -q "$(($5 / 10))" -o csv -m POST -T application/json -H "Authorization: Bearer $2" \
            -d "$BODY" "$1$3" >"$dir/$i.csv" 2>&1 &
        sleep "0.00$((1 + i % 9))"
    done
    wait
    # hey's CSV: response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
    awk -F, '$1 ~ /^[0-9.]+$/ {print $1 "," $7}' "$dir"/*.csv
    if [ -n "${HEY_DUMP:-}" ]; then mkdir -p "$HEY_DUMP" && cp -r "$dir" "$HEY_DUMP/"; fi
    rm -rf "$dir"
}
# From hey_paced's lines on stdin: a percentile of the latencies in ms, and the count of non-200 answers.
paced_pct() { awk -F, '{print $1}' | sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99.999)/100); if (i<1) i=1; if (i>NR) i=NR; printf "%.3f", a[i]*1000}'; }
paced_count() { wc -l | tr -d ' '; }
paced_errors() { awk -F, '$2 != 200' | wc -l | tr -d ' '; }
