# Sourced by the bench scripts: sets JAVA_HOME and PATH to the newest JDK >= 21 found in the usual
# places (JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks), as ../jloop.sh does;
# exits with status 2 and a message naming the script ($1) when there is none.
jdk_feature() { # feature version of the JDK at $1, or nothing if it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}//p'
}
pick_jdk() { # the newest JDK >= 21 among the usual places
  local dir v best="" best_v=0
  for dir in "${JAVA_HOME:-}" \
             "$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /none)")")")" \
             /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    v=$(jdk_feature "$dir")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$dir best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}
JAVA_HOME=$(pick_jdk) || { echo "$1: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 2; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
