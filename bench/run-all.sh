#!/usr/bin/env bash
# Runs issue #8's whole benchmark suite on this machine and charts it:
#   1. the micro-benchmarks, bench/run-micro.sh -> bench/target/bench-results.json
#   2. the echo benchmark,   bench/run-echo.sh  -> bench/target/echo-results.json
#   3. the matrix site with both on its benchmark page -> bench/target/site/bench.html, with the
#      TCK results of the last `./jloop.sh main` (if there are none, the reference loop's TCK runs
#      first, about a minute)
# Each suite prints its table with the same-run ratios; docs/benchmarks.md and
# docs/echo-benchmark.md describe them.
#
#   bench/run-all.sh              everything at the defaults: micro ~20 min + echo ~1.75 h
#   bench/run-all.sh --quick      ~25 min: JMH 1 fork x (2 warm-up + 3) x 1 s, Python 2 x (1 + 2)
#                                 rounds; echo 3 rounds of every server at C=4,16 x 1 and 100 KiB,
#                                 2 s each, memory with 2,000 idle connections
#   bench/run-all.sh --smoke      ~8 min: one short pass of everything; checks the harnesses, the
#                                 numbers mean nothing
#   bench/run-all.sh --dry-run --quick    print the commands only
#
# Options:
#   --quick | --smoke       the shorter modes above (default: the full suite)
#   --micro "ARGS"          more options for run-micro.sh, after the mode's (a later one wins),
#                           e.g. --micro "--only call_soon,sleep_zero_ping_pong"
#   --echo "ARGS"           more options for run-echo.sh, e.g. --echo "--rounds 6 --duration 4"
#   --suites micro,echo     which suites run [both]; the site charts the ones that ran
#   --python PY             CPython for asyncio, both suites [python3]
#   --uvloop-python PY      the interpreter with uvloop, both suites [/usr/bin/python3]
#   --no-build              reuse the builds of an earlier run
#   --site DIR              where the site goes [bench/target/site]
#   --dry-run               print what would run, run nothing
# Exit status: 0 when every suite succeeded and the site was written, 1 when a suite or the site
# failed (the rest still runs), 2 on a bad command line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

mode=full micro_extra="" echo_extra="" suites="micro,echo" common=() build=1 dry=0
site="$here/target/site"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --smoke) mode=smoke; shift ;;
    --micro) micro_extra=$2; shift 2 ;;
    --echo) echo_extra=$2; shift 2 ;;
    --suites) suites=$2; shift 2 ;;
    --python|--uvloop-python) common+=("$1" "$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    --site) site=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-all: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
for s in ${suites//,/ }; do
  case "$s" in micro|echo) ;; *) echo "run-all: unknown suite '$s' (micro, echo)" >&2; exit 2 ;; esac
done
has() { [[ ",$suites," == *",$1,"* ]]; }

case "$mode" in
  full)  micro_mode=() echo_mode=() ;;
  quick) micro_mode=(-f 1 -wi 2 -i 3 --rounds 2)
         echo_mode=(--rounds 3 --duration 2 --warmup 0.5 --server-warmup 6 --sizes 1024,102400
                    --memory-connections 2000) ;;
  smoke) micro_mode=(-f 1 -wi 1 -i 1 -t 0.2 --rounds 1)
         echo_mode=(--smoke) ;;
esac
read -r -a micro_more <<< "$micro_extra" || true
read -r -a echo_more <<< "$echo_extra" || true
nobuild=()
[ "$build" = 1 ] || nobuild=(--no-build)
micro_cmd=("$here/run-micro.sh" "${micro_mode[@]}" "${common[@]}" "${nobuild[@]}" "${micro_more[@]}")
echo_cmd=("$here/run-echo.sh" "${echo_mode[@]}" "${common[@]}" "${nobuild[@]}" "${echo_more[@]}")
micro_json="$here/target/bench-results.json"
echo_json="$here/target/echo-results.json"

run() { # prints the command, then runs it unless this is a dry run
  echo "+ ${*/#$root\//}"
  [ "$dry" = 1 ] || "$@"
}

if [ "$dry" = 0 ]; then
  . "$here/find-jdk.sh" run-all
  command -v mvn >/dev/null || { echo "run-all: Maven (mvn) is not on PATH" >&2; exit 2; }
fi
cd "$root"
mvn=(mvn -B -ntp -q -Dstyle.color=never)
echo "== building matrix-report (for the site at the end)"
[ "$build" = 0 ] || run "${mvn[@]}" -pl matrix-report -DskipTests package
tck=()
for f in property-tests/target/jloop-tck/results.json examples/minimal-loop/target/jloop-tck/results.json; do
  if [ -f "$f" ]; then tck+=("$root/$f"); fi   # what ./jloop.sh main leaves
done
if [ ${#tck[@]} = 0 ] && [ -f tck-engine/target/jloop-tck/results.json ]; then
  tck=("$root/tck-engine/target/jloop-tck/results.json")   # an earlier run of this script
fi
if [ ${#tck[@]} = 0 ]; then
  echo "== no TCK results yet (./jloop.sh main leaves them): the reference loop's TCK (without the"
  echo "   fuzz area), for the site"
  run "${mvn[@]}" -pl tck-engine -am test -Dtest=ReferenceLoopTckTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Djloop.tests.virtual.skip=true
  tck=("$root/tck-engine/target/jloop-tck/results.json")
fi

status=0 bench=()
if has micro; then
  echo "== micro-benchmarks ($mode)"
  [ "$dry" = 1 ] || rm -f "$micro_json"
  run "${micro_cmd[@]}" || status=1
  if [ -f "$micro_json" ] || [ "$dry" = 1 ]; then bench+=(--bench "$micro_json"); fi
fi
if has echo; then
  echo "== echo benchmark ($mode)"
  [ "$dry" = 1 ] || rm -f "$echo_json"
  run "${echo_cmd[@]}" || status=1
  if [ -f "$echo_json" ] || [ "$dry" = 1 ]; then bench+=(--bench "$echo_json"); fi
fi
if [ ${#bench[@]} = 0 ]; then
  echo "run-all: no results to chart" >&2
  exit 1
fi
echo "== the matrix site with the benchmark page"
jar=$(ls matrix-report/target/jloop-matrix-*-cli.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ] && [ "$dry" = 0 ]; then
  echo "run-all: matrix-report's jar is missing: run without --no-build" >&2
  exit 1
fi
run java -jar "${jar:-matrix-report/target/jloop-matrix-VERSION-cli.jar}" --out "$site" \
  "${bench[@]}" "${tck[@]}" || status=1
if [ "$status" = 0 ] && [ "$dry" = 0 ]; then echo "benchmark page: $site/bench.html"; fi
exit "$status"
