#!/usr/bin/env bash
# What Flyway would cost Ledger.open (docs/gateway.md, "Migrations"): in fresh JVMs, alternating, RUNS times,
# Flyway 13.12.2 migrating the ledger's V1 on a new SQLite file and then the same file again, against
# Ledger.open (Tally's own runner, which also opens the writer and sets the pragmas) doing the same.
# Usage: bench/ledger/flyway/run.sh [RUNS] (default 7). Needs cli/target (bin/tally builds it).
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs="${1:-7}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
bin/tally --version >/dev/null
./mvnw -B -q -f bench/ledger/flyway/pom.xml package dependency:copy-dependencies -DoutputDirectory=target/lib
# Flyway migrates the ledger's own V1 (its default location, classpath:db/migration): no second copy to drift.
mkdir -p bench/ledger/flyway/target/classes/db/migration
cp ledger/src/main/resources/dev/tally/ledger/migrate/V1__usage_events_and_keys.sql \
  bench/ledger/flyway/target/classes/db/migration/
work="$(mktemp -d /tmp/tally-bench-flyway.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp="cli/target/tally.jar:cli/target/lib/*"
"$JAVA_HOME/bin/javac" -d "$work" -cp "$cp" bench/ledger/LedgerStartup.java
fly="bench/ledger/flyway/target/classes:bench/ledger/flyway/target/lib/*"
for ((i = 1; i <= runs; i++)); do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$fly" FlywayStartup
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$work:$cp" LedgerStartup
done
