#!/usr/bin/env bash
# Benchmark of the gateway's ledger alone (docs/benchmarks.md, section "Ledger"): events per second through
# Ledger.record with group commit, SyncMode NORMAL and FULL, against a naive writer (one transaction per event)
# on the same schema and settings, interleaved round by round; and the time Ledger.open takes.
# Usage: bench/ledger/run.sh [ROUNDS] [EVENTS] [CALLERS] (defaults 5, 200000, 64). Writes under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"; events="${2:-200000}"; callers="${3:-64}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
bin/tally --version >/dev/null   # builds cli/target/tally.jar and its lib/ (the ledger and sqlite-jdbc) if stale
cp="cli/target/tally.jar:cli/target/lib/*"
work="$(mktemp -d /tmp/tally-bench-ledger-classes.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -d "$work" -cp "$cp" bench/ledger/LedgerBench.java
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$work:$cp" LedgerBench "$rounds" "$events" "$callers"
