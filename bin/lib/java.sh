# Sourced by bin/tally and bin/test: prints the path of a java binary of version 25 or newer.
# The JDK's release file says its version without starting a JVM (about 100 ms saved per run).
java_major() {
  local home release
  home="$(dirname "$(dirname "$(readlink -f "$1")")")"
  release="$home/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
  fi
}

find_java() {
  local candidates=()
  [ -n "${TALLY_JAVA_HOME:-}" ] && candidates+=("$TALLY_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/java-2[5-9]*/bin/java)
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local c major
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major="$(java_major "$c")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  echo "tally: JDK 25 or newer not found (set TALLY_JAVA_HOME or JAVA_HOME to it)" >&2
  return 1
}
