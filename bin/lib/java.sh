# Sourced by bin/tally and bin/test: finds a java binary of version 25 or newer.
# Plain bash, no subshells or child processes on the usual path: bin/tally creds runs before every AWS client
# starts, and each fork costs milliseconds there. The JDK's release file says its version without starting a JVM.

# Sets JAVA_MAJOR to the major version of the java binary $1 (empty if unknown).
java_major() {
  local bin="$1" home line
  JAVA_MAJOR=""
  [ -L "$bin" ] && bin="$(readlink -f "$bin")"
  home="${bin%/bin/java}"
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*)
          line="${line#JAVA_VERSION=}"
          line="${line#\"}"
          JAVA_MAJOR="${line%%[!0-9]*}"
          return 0
          ;;
      esac
    done < "$home/release"
  fi
  JAVA_MAJOR="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)"
  JAVA_MAJOR="${JAVA_MAJOR%%.*}"
}

# Sets JAVA_BIN to a java binary of version 25 or newer; says why on stderr and fails if there is none.
locate_java() {
  local candidates=() c
  [ -n "${TALLY_JAVA_HOME:-}" ] && candidates+=("$TALLY_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/java-2[5-9]*/bin/java)
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    java_major "$c"
    if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 25 ] 2>/dev/null; then
      JAVA_BIN="$c"
      return 0
    fi
  done
  if c="$(command -v java 2>/dev/null)"; then
    java_major "$c"
    if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 25 ] 2>/dev/null; then
      JAVA_BIN="$c"
      return 0
    fi
  fi
  echo "tally: JDK 25 or newer not found (set TALLY_JAVA_HOME or JAVA_HOME to it)" >&2
  return 1
}

# Prints the path of a java binary of version 25 or newer (for scripts that want it on stdout).
find_java() {
  locate_java && echo "$JAVA_BIN"
}
