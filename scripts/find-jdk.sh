# Sourced by jloop.sh and bench/find-jdk.sh: finds a JDK by itself.
#   find_jdk MIN   prints the home of the newest JDK whose feature version is MIN or more, looking
#                  at JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, ~/.sdkman and ~/.jdks;
#                  fails (status 1, prints nothing) when there is none.

jdk_feature() { # the feature version of the JDK at $1 (a JAVA_HOME), or nothing if it is not a JDK
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  echo "${v#1.}"
}

find_jdk() {
  local min=$1 dir v best="" best_v=0
  for dir in "${JAVA_HOME:-}" \
             "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
             /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    v=$(jdk_feature "$dir")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best=$dir best_v=$v; fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
