#!/usr/bin/env bash
# Proves that a broken REQUIRED rule fails an implementer's build: copies examples/minimal-loop
# to a temporary directory, breaks its ready queue (call_soon callbacks run last-in first-out),
# runs `mvn test` on the copy for the callbacks area and the fuzz area's REQUIRED scenario, and
# succeeds only if that build FAILS with callbacks.fifo reported FAILED and fuzz.required-rules
# FAILED with a shrunk counterexample (not a compile error, not a timeout).
# The example itself is never modified.
#
#   examples/check-minimal-mutant.sh [extra Maven arguments...]
#
# Needs the jloop artifacts installed (run examples/run-minimal.sh first) and a JDK 21+.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jloop-minimal-mutant.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cp -r "$root/examples/minimal-loop/pom.xml" "$root/examples/minimal-loop/src" "$work/"
loop_java="$work/src/main/java/dev/jloop/examples/minimal/MinimalEventLoop.java"
# The deliberate bug: new callbacks go to the front of the ready queue.
sed -i 's/^\(      \)ready\.add(h);$/\1ready.addFirst(h);/' "$loop_java"
if cmp -s "$loop_java" "$root/examples/minimal-loop/src/main/java/dev/jloop/examples/minimal/MinimalEventLoop.java"; then
  echo "check-minimal-mutant: the mutation did not apply (MinimalEventLoop.enqueue changed?)" >&2
  exit 2
fi

log="$work/mvn.log"
set +e
(cd "$work" && mvn -B -ntp -Dstyle.color=never test -Djloop.tck.areas=callbacks,fuzz \
  '-Djloop.tck.scenarios=callbacks.*,fuzz.required-rules' "$@") >"$log" 2>&1
status=$?
set -e
results="$work/target/jloop-tck/results.json"
if [ "$status" -eq 0 ]; then
  echo "check-minimal-mutant: FAIL: the TCK let a LIFO call_soon pass (mvn test exited 0)" >&2
  tail -40 "$log" >&2
  exit 1
fi
# The verdict of a scenario (its outcome and its message's first line), read from the TCK's
# results file (docs/tck-results.md).
verdict() {
  python3 - "$results" "$1" <<'PY' 2>/dev/null || true
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["loop"] == "minimal" and r["scenario"] == sys.argv[2]:
        print(r["outcome"], r["message"].splitlines()[0] if r["message"] else "")
PY
}
fifo=$(verdict callbacks.fifo)
if [ "${fifo%% *}" != "FAILED" ]; then
  echo "check-minimal-mutant: FAIL: mvn test failed ($status), but callbacks.fifo was '${fifo:-not reported}'" >&2
  tail -40 "$log" >&2
  exit 1
fi
fuzz=$(verdict fuzz.required-rules)
if [ "${fuzz%% *}" != "FAILED" ] || [[ "$fuzz" != *"shrunk to "* ]]; then
  echo "check-minimal-mutant: FAIL: fuzz.required-rules was '${fuzz:-not reported}', not FAILED with a shrunk program" >&2
  tail -40 "$log" >&2
  exit 1
fi
grep -E '^\[ERROR\] Tests run:' "$log" | tail -1
echo "check-minimal-mutant: OK: the broken loop failed the build (mvn exit $status)"
echo "  callbacks.fifo: $fifo"
echo "  fuzz.required-rules: $fuzz"
