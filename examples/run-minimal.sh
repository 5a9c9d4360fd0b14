#!/usr/bin/env bash
# Runs the jloop TCK against examples/minimal-loop the way a loop implementer would: install
# jloop's artifacts into the local Maven repository, then `mvn test` in the example, an
# independent project that depends on the installed jloop-api, jloop-tck and jloop-fuzz only
# (jloop-fuzz adds the TCK's fuzz area).
#
#   examples/run-minimal.sh [--no-install] [extra Maven arguments...]
#
# --no-install  skip `mvn -DskipTests install` at the root (the caller installed already)
# Extra arguments go to both Maven runs, e.g. -Djloop.tck.timeoutScale=3 or
# -Dmaven.repo.local=/tmp/m2 (a private local repository).
# Results: examples/minimal-loop/target/jloop-tck/results.json (the matrix's "minimal" column).
# Needs JAVA_HOME (or java on the PATH) at 21 or newer; ./jloop.sh finds one and exports it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

install=1
if [ "${1:-}" = "--no-install" ]; then
  install=0
  shift
fi

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
spec=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ -z "$spec" ] || [ "${spec#1.}" -lt 21 ]; then
  echo "run-minimal: needs a JDK 21 or newer (found '${spec:-none}' at $java_bin); set JAVA_HOME or use ./jloop.sh" >&2
  exit 2
fi

MVN=(mvn -B -ntp -Dstyle.color=never)
if [ "$install" = 1 ]; then
  (cd "$root" && "${MVN[@]}" -q -DskipTests install "$@")
fi
cd "$root/examples/minimal-loop"
"${MVN[@]}" test "$@"
# The build passed; show the verdicts per outcome, and check that what the loop lacks was
# reported as not implemented, naming the method, rather than silently passing or failing.
python3 - "$root/examples/minimal-loop/target/jloop-tck/results.json" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
results = doc["results"]
counts = collections.Counter(r["outcome"] for r in results)
print("run-minimal: TCK verdicts for loop `minimal`:", dict(sorted(counts.items())))
for r in results:
    if r["outcome"] == "NOT_IMPLEMENTED":
        print("  not implemented:", r["scenario"], "-", r["message"])
        if "does not implement" not in (r["message"] or ""):
            sys.exit("run-minimal: a NOT_IMPLEMENTED verdict does not name the method: %s" % r)
# jloop-fuzz is a test dependency of the example: a whole-catalog run must include its fuzz area.
fuzz = [r for r in results if r["scenario"].startswith("fuzz.")]
if not fuzz and len(results) == doc["tck"]["scenarioCount"]:
    sys.exit("run-minimal: no fuzz scenario ran: is jloop-fuzz on the example's test class path?")
for r in fuzz:
    lines = (r["message"] or "").splitlines()
    print("  %s: %s %s" % (r["scenario"], r["outcome"], lines[0] if lines else ""))
slow = [r for r in results if r["scenario"] == "bad-input.slow-callback-duration"]
if slow and slow[0]["outcome"] != "NOT_IMPLEMENTED":
    sys.exit("run-minimal: the loop leaves setSlowCallbackDuration out, yet its scenario was %s" % slow[0]["outcome"])
print("run-minimal: results in", sys.argv[1])
PY
