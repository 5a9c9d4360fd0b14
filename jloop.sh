#!/usr/bin/env bash
# jloop's entry point for newcomers and CI.
#   ./jloop.sh main   the main job: the TCK (fuzz area included) on every bundled loop, then the matrix site
#   ./jloop.sh test   every test of every module, and the TCK from the example implementer project
# Finds a JDK >= 21 by itself (JAVA_HOME, then `java` on PATH, then the usual install folders)
# and fails with a clear message when there is none.
set -euo pipefail
cd "$(dirname "$0")"

need=21

. scripts/find-jdk.sh
if ! JDK=$(find_jdk "$need"); then
  echo "jloop: no JDK $need or newer found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "jloop: install one (e.g. 'apt-get install openjdk-21-jdk') or point JAVA_HOME at it." >&2
  exit 2
fi
export JAVA_HOME="$JDK"
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || { echo "jloop: Maven (mvn) is not on PATH: apt-get install maven" >&2; exit 2; }

MVN=(mvn -B -ntp -Dstyle.color=never)
case "${1:-}" in
  main)
    shift
    # 1. Build and install every module (the example below depends on the installed artifacts).
    "${MVN[@]}" -q -DskipTests install "$@"
    # 2. The TCK on the reference loop (continuation backend), run from property-tests so that
    #    jloop-fuzz is on the class path and adds the fuzz area; results in property-tests/target.
    "${MVN[@]}" -q -pl property-tests surefire:test@default-test -Dtest=ReferenceLoopTckWithFuzzTest \
      -Dsurefire.failIfNoSpecifiedTests=false "$@"
    # 3. The TCK, fuzz area included, on the bundled minimal loop, an independent project
    #    (examples/minimal-loop) that has jloop-tck and jloop-fuzz as test dependencies.
    examples/run-minimal.sh --no-install -q "$@"
    # 4. The matrix site from both results files, with the newest committed benchmark results of
    #    each suite (docs/data/bench-<suite>-<date>.json, measured earlier by bench/run-all.sh; the
    #    page says when and how); prints the site's path and a summary table.
    bench=""
    for suite in micro echo; do
      newest=""
      for f in docs/data/bench-"$suite"-*.json; do
        if [ -f "$f" ]; then newest=$f; fi   # the glob sorts by name, so by date: the last is newest
      done
      if [ -n "$newest" ]; then bench="$bench --bench $PWD/$newest"; fi
    done
    rm -rf target/matrix-site
    "${MVN[@]}" -q -pl matrix-report exec:java -Dexec.args="--out $PWD/target/matrix-site$bench \
      $PWD/property-tests/target/jloop-tck/results.json \
      $PWD/examples/minimal-loop/target/jloop-tck/results.json" "$@"
    ;;
  test)
    shift
    # Every module's tests, then install the artifacts and run the TCK from an implementer's
    # project (examples/minimal-loop), and check that a broken REQUIRED rule fails such a build.
    "${MVN[@]}" install "$@"
    examples/check-minimal-mutant.sh "$@"
    examples/run-minimal.sh --no-install "$@"
    ;;
  *)
    echo "usage: ./jloop.sh main|test [extra Maven arguments]" >&2
    exit 2
    ;;
esac
