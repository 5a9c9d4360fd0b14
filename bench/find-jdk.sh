# Sourced by the bench scripts: sets JAVA_HOME and PATH to the newest JDK >= 21 that
# ../scripts/find-jdk.sh finds (as ../jloop.sh does: JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt,
# ~/.sdkman, ~/.jdks); exits with status 2 and a message naming the script ($1) when there is none.
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/find-jdk.sh"
JAVA_HOME=$(find_jdk 21) || { echo "$1: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 2; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
