# Shared by every script in scripts/: sourced, never run. Defines:
#   SMRLAB_ROOT                  the repository root
#   jdk_feature JAVA             the feature release of a java launcher (17, 25), asked of the JVM itself
#   jdk_version JAVA             its full runtime version (17.0.15+6-Debian-1deb12u1)
#   smrlab_build WHO MODULE...   build MODULE... (and what they depend on) if anything is out of date
#   smrlab_built SINCE MODULE... record that MODULE... were built from the sources as of file SINCE's time
#                                (scripts/test, after its own full build)
#
# smrlab_build: "never run stale code". Maven decides what to rebuild (incremental compile, shading),
# but even an up-to-date Maven reactor costs 5-25 s on two cores, so one cheap pre-check comes first:
# a module is built when its artifact is missing, or when a file or folder under src/main of it or
# of a module it depends on (read from the poms), or one of those poms or the parent pom, is newer
# than the stamp this helper left after its last successful build of that module. A folder's time
# changes when a file in it is added or removed, so a deleted source is seen too. The check costs
# about 15 ms; only the stale modules go to Maven (mvn -pl STALE -am package). When it builds, it says
# so on stderr (WHO: building ...). Builds are serialized with flock, so two scripts started
# together do not run Maven over one another. SMRLAB_MVN_FLAGS adds Maven options (e.g. -o).
SMRLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# java.specification.version is "17", "25" (or "1.8" on JDK 8): no version string to parse.
jdk_feature() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
  v=${v#1.}
  case "$v" in ''|*[!0-9]*) return 1 ;; esac
  printf '%s\n' "$v"
}

jdk_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | head -1
}

# The file each module's build produces (what the scripts run).
smrlab_artifact() {
  case "$1" in
    bench) echo "$SMRLAB_ROOT/bench/target/benchmarks.jar" ;;
    reports) echo "$SMRLAB_ROOT/reports/target/reports.jar" ;;
    litmus) echo "$SMRLAB_ROOT/litmus/target/jcstress.jar" ;;
    *) ls "$SMRLAB_ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -e '-sources.jar$' -e '-tests.jar$' | head -1 ;;
  esac
}

# The smrlab modules MODULE depends on, itself included, read from the poms (one dependency a line,
# as every module's pom writes them): what its build takes its sources from.
smrlab_closure() {
  local m=$1 d
  echo "$m"
  for d in $(sed -n 's:.*<groupId>org.smrlab</groupId><artifactId>\([^<]*\)</artifactId>.*:\1:p' "$SMRLAB_ROOT/$m/pom.xml"); do
    smrlab_closure "$d"
  done
}

smrlab_stamp() {
  echo "$SMRLAB_ROOT/target/build-stamps/$1"
}

# Whether MODULE needs building: its artifact or stamp missing, or a source or pom of it or of a module
# it depends on newer than its stamp.
smrlab_stale() {
  local m=$1 stamp a dirs=()
  stamp=$(smrlab_stamp "$m")
  a=$(smrlab_artifact "$m")
  [ -f "$stamp" ] && [ -n "$a" ] && [ -f "$a" ] || return 0
  for d in $(smrlab_closure "$m" | sort -u); do
    dirs+=("$SMRLAB_ROOT/$d/src/main" "$SMRLAB_ROOT/$d/pom.xml")
  done
  [ -n "$(find "${dirs[@]}" "$SMRLAB_ROOT/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

smrlab_stale_of() {
  local m
  for m in "$@"; do
    if smrlab_stale "$m"; then echo "$m"; fi
  done
}

smrlab_built() {
  local since=$1 m; shift
  mkdir -p "$SMRLAB_ROOT/target/build-stamps"
  for m in "$@"; do
    cp -p "$since" "$(smrlab_stamp "$m")"
  done
}

smrlab_build() {
  local who=$1; shift
  local stamps stale
  stamps="$SMRLAB_ROOT/target/build-stamps"
  stale=$(smrlab_stale_of "$@")
  [ -n "$stale" ] || return 0
  mkdir -p "$stamps"
  (
    flock 9
    stale=$(smrlab_stale_of "$@") # another script may have built them while this one waited
    [ -n "$stale" ] || exit 0
    # shellcheck disable=SC2086 # a list of modules
    echo "$who: building" $stale "(sources changed since the last build, or a jar is missing)" >&2
    local started="$stamps/.started.$$"
    touch "$started" # an edit made during the build is newer than the stamp: the next run builds again
    # shellcheck disable=SC2086 # SMRLAB_MVN_FLAGS is a list of options
    (cd "$SMRLAB_ROOT" && mvn -q -B -pl "$(echo $stale | tr ' ' ,)" -am package -Dmaven.test.skip=true ${SMRLAB_MVN_FLAGS:-}) >&2 \
      || { rm -f "$started"; echo "$who: the build failed" >&2; exit 1; }
    # shellcheck disable=SC2086
    smrlab_built "$started" $stale
    rm -f "$started"
  ) 9>"$stamps/.lock"
}
