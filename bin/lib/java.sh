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
# Looks where people install JDKs, in this order: TALLY_JAVA_HOME, JAVA_HOME, the system folders (Linux's
# /usr/lib/jvm, macOS's /Library/Java/JavaVirtualMachines; TALLY_JDK_DIRS replaces them, for tests), SDKMAN
# (SDKMAN_DIR, else ~/.sdkman), asdf (ASDF_DATA_DIR, else ~/.asdf), then java on PATH. Each candidate's version
# is read from its release file, so a JDK 21 in JAVA_HOME does not stop the search.
locate_java() {
  local candidates=() c dir
  [ -n "${TALLY_JAVA_HOME:-}" ] && candidates+=("$TALLY_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for dir in ${TALLY_JDK_DIRS:-/usr/lib/jvm /Library/Java/JavaVirtualMachines}; do
    candidates+=("$dir"/*/bin/java "$dir"/*/Contents/Home/bin/java)
  done
  candidates+=("${SDKMAN_DIR:-$HOME/.sdkman}"/candidates/java/*/bin/java)
  candidates+=("${ASDF_DATA_DIR:-$HOME/.asdf}"/installs/java/*/bin/java)
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
