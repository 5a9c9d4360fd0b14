#!/usr/bin/env bash
# Runs jloop's micro-benchmarks and their Python baselines in one go, on this machine:
#   1. CPython asyncio and uvloop (bench/python/micro.py), first half of their rounds;
#   2. JMH (bench/target/benchmarks.jar) over every loop provider on the class path;
#   3. CPython asyncio and uvloop again, second half (so drift hits both sides alike);
# then writes bench/target/bench-results.json (format in docs/benchmarks.md) and prints the
# scores with their ratios to asyncio and uvloop, by wall-clock time and by process CPU time
# (the steadier figure on a shared machine). Load averages are recorded at each step.
#
#   bench/run-micro.sh                  3 forks x 3 iterations of 1 s (after 3 warm-ups), ~20 min
#   bench/run-micro.sh -f 1 -i 2 -wi 1 --rounds 1 --only call_soon,sleep_zero_ping_pong
#
# Options (defaults in brackets):
#   -f N            JMH forks [3]                -i N        JMH measured iterations [3]
#   -wi N           JMH warm-up iterations [3]   -t SEC      seconds per iteration and round [1]
#   --rounds N      measured Python rounds in each of the two Python steps [3]
#   --only a,b      benchmarks by their snake_case names (call_soon, await_future, ...) [all]
#   --loops a,b     loop provider ids for JMH [every provider LoopIds finds]
#   --python PY     interpreter for CPython asyncio [python3]
#   --uvloop-python PY   interpreter that has uvloop (Debian: apt-get install python3-uvloop)
#                   [/usr/bin/python3]; uvloop is skipped with a message if it cannot import
#   --jvm-args "A B" extra flags for every JMH fork (JMH -jvmArgsAppend), e.g. "-XX:+UseSerialGC";
#                   the forks already get -Xms1g -Xmx1g -XX:+AlwaysPreTouch and the export
#   --no-build      reuse bench/target/benchmarks.jar instead of building it with Maven
#   --out DIR       where results go [bench/target]
#   -- ARGS         passed to JMH as they are (e.g. -- -prof gc)
# Needs a JDK >= 21 (found as jloop.sh finds one: JAVA_HOME, javac on PATH, /usr/lib/jvm, ...),
# Maven (unless --no-build) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
invocation="bench/run-micro.sh${*:+ $*}"

forks=3 iters=3 warmups=3 secs=1 rounds=3 only="" loops="" build=1
py=python3 uvpy=/usr/bin/python3 out="$here/target" jmh_extra=() jvm_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    -f) forks=$2; shift 2 ;;
    -i) iters=$2; shift 2 ;;
    -wi) warmups=$2; shift 2 ;;
    -t) secs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --loops) loops=$2; shift 2 ;;
    --python) py=$2; shift 2 ;;
    --uvloop-python) uvpy=$2; shift 2 ;;
    --jvm-args) jvm_args=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --out) out=$2; shift 2 ;;
    --) shift; jmh_extra=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-micro: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

. "$here/find-jdk.sh" run-micro
command -v "$py" >/dev/null || { echo "run-micro: '$py' not found (--python)" >&2; exit 2; }

jar="$here/target/benchmarks.jar"
if [ "$build" = 1 ]; then
  echo "== building $jar"
  (cd "$root" && mvn -B -ntp -q -Dstyle.color=never -pl bench -am -DskipTests package)
fi
[ -f "$jar" ] || { echo "run-micro: $jar is missing: run without --no-build" >&2; exit 2; }
[ -n "$loops" ] || loops=$(java -cp "$jar" dev.jloop.bench.LoopIds)

jmh_regex="" py_filter=""
if [ -n "$only" ]; then
  py_filter="^($(echo "$only" | tr ',' '|'))\$"
  jmh_regex="\\.($(echo "$only" | sed -E 's/_([a-z])/\U\1/g' | tr ',' '|'))\$"
fi

mkdir -p "$out"
rm -f "$out"/python-*.json "$out/jmh-result.json"
load() { cut -d' ' -f1-3 /proc/loadavg; }
meta=(--meta "command=$invocation" --meta "startedAt=$(date -u +%FT%TZ)"
      --meta "load.start=$(load)")

python_step() { # $1 = step number
  "$py" "$here/python/micro.py" --loop asyncio --rounds "$rounds" --time "$secs" \
    --filter "$py_filter" --out "$out/python-asyncio-$1.json"
  if [ -x "$uvpy" ] || command -v "$uvpy" >/dev/null; then
    "$uvpy" "$here/python/micro.py" --loop uvloop --rounds "$rounds" --time "$secs" \
      --filter "$py_filter" --out "$out/python-uvloop-$1.json"
  else
    echo "run-micro: skipping uvloop: interpreter '$uvpy' not found (--uvloop-python)" >&2
  fi
}

echo "== Python baselines, step 1 (load $(load))"
python_step 1
meta+=(--meta "load.jmh=$(load)")
echo "== JMH on loops [$loops]: $forks forks x $iters iterations of ${secs}s (load $(load)); log: $out/jmh.log"
ms="$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 }')ms"
java -jar "$jar" -f "$forks" -i "$iters" -wi "$warmups" -w "$ms" -r "$ms" \
  -p "loop=$loops" ${jvm_args:+-jvmArgsAppend "$jvm_args"} -prof dev.jloop.bench.CpuTimeProfiler -rf json -rff "$out/jmh-result.json" "${jmh_extra[@]}" ${jmh_regex:+"$jmh_regex"} \
  > "$out/jmh.log" 2>&1 || { tail -30 "$out/jmh.log" >&2; exit 1; }
grep -A100 '^Benchmark ' "$out/jmh.log" | grep -v '^Benchmark result' || true
echo "== Python baselines, step 2 (load $(load))"
python_step 2
meta+=(--meta "load.end=$(load)" --meta "finishedAt=$(date -u +%FT%TZ)")

echo "== results: $out/bench-results.json"
"$py" "$here/python/combine.py" --jmh "$out/jmh-result.json" --python "$out"/python-*.json \
  "${meta[@]}" --out "$out/bench-results.json"
