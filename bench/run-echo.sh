#!/usr/bin/env bash
# Runs the echo macro-benchmark on this machine (format and method: docs/benchmarks.md):
# every echo server (jloop protocol/streams/TLS, raw NIO, Netty NIO and epoll, CPython asyncio
# and uvloop, each also with TLS) in its own process on loopback, one at a time, over interleaved rounds, loaded by a
# single-threaded NIO client in another process; then memory per idle connection. Writes
# bench/target/echo-results.json and prints the table with same-run ratios.
#
#   bench/run-echo.sh                   6 rounds x 14 servers x 6 configurations, ~1.75 h
#   bench/run-echo.sh --smoke           one short round of each server, ~2 min (what CI runs)
#   bench/run-echo.sh --rounds 3 --connections 4 --sizes 1024 --servers jloop-protocol,raw-nio
#   bench/run-echo.sh --help            every option
#
# Script options (the rest go to dev.jloop.bench.echo.EchoHarness):
#   --no-build   reuse the build (bench/target/classes and bench/target/echo-classpath.txt)
# Needs a JDK >= 21 (found like ../jloop.sh does: JAVA_HOME, javac on PATH, /usr/lib/jvm, ...),
# Maven (unless --no-build), python3 for asyncio and /usr/bin/python3 with Debian's
# python3-uvloop for uvloop (each skipped with a message when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

build=1 args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; help=1; args+=("--help") ;;
    *) args+=("$a") ;;
  esac
done

. "$here/find-jdk.sh" run-echo

cpfile="$here/target/echo-classpath.txt"
if [ "$build" = 1 ] && [ -z "${help:-}" ]; then
  echo "== building the bench module and its class path"
  (cd "$root" && mvn -B -ntp -q -Dstyle.color=never -pl bench -am -DskipTests package \
     dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime)
fi
if [ -n "${help:-}" ] && [ ! -f "$cpfile" ]; then exit 0; fi
[ -f "$cpfile" ] || { echo "run-echo: $cpfile is missing: run without --no-build" >&2; exit 2; }
# Servers and clients start from a copy of this module's classes and of the project's own jars,
# so a rebuild during a run cannot pull them from under it.
snap="$here/target/echo-run"
rm -rf "$snap" && mkdir -p "$snap/lib" && cp -r "$here/target/classes" "$snap/classes"
cp_run="$snap/classes"
IFS=: read -r -a entries < "$cpfile" || true  # no newline at the end
for e in "${entries[@]}"; do
  case "$e" in
    "$root"/*) cp "$e" "$snap/lib/" && e="$snap/lib/$(basename "$e")" ;;
  esac
  cp_run="$cp_run:$e"
done
cd "$root"
exec java -cp "$cp_run" dev.jloop.bench.echo.EchoHarness "${args[@]}"
