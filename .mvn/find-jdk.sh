# Sourced by mvnw, ./lab and .ci/run (POSIX sh). If JAVA_HOME (or the java on PATH) is
# older than 21, look for a JDK >= 21 in the standard install locations and export it.
# Nothing is changed when a suitable JDK is already selected.
netlab_java_major() { # $1 = JDK home; prints the feature version from its `release` file
  [ -r "$1/release" ] || return 1
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$_v" ] && printf '%s\n' "$_v"
}
netlab_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    _m=$(netlab_java_major "$JAVA_HOME" || echo 0)
    [ "${_m:-0}" -ge 21 ] && return 0
  elif command -v java >/dev/null 2>&1; then
    _home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
    _m=$(netlab_java_major "$_home" || echo 0)
    [ "${_m:-0}" -ge 21 ] && return 0
  fi
  _best=""; _bestv=0
  case $- in *f*) _netlab_noglob=1; set +f ;; *) _netlab_noglob=0 ;; esac
  for _d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$_d/bin/javac" ] || continue
    _v=$(netlab_java_major "$_d" || echo 0)
    if [ "${_v:-0}" -ge 21 ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d; _bestv=$_v; fi
  done
  [ "$_netlab_noglob" = 1 ] && set -f
  if [ -n "$_best" ]; then
    JAVA_HOME=$_best; export JAVA_HOME
  fi
  return 0
}
netlab_find_jdk
