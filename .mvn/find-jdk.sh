# Sourced by mvnw, ./lab and .ci/run (POSIX sh). If JAVA_HOME (or the java on PATH) is
# older than 21, look for a JDK >= 21 in the standard install locations and export it.
# Nothing is changed when a suitable JDK is already selected.
netlab_java_major() { # $1 = JDK home; prints the feature version from its `release` file
  [ -r "$1/release" ] || return 1
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$_v" ] && printf '%s\n' "$_v"
}
netlab_find_jdk() {
  _netlab_major=0
  if [ -n "${JAVA_HOME-}" ]; then
    _m=$(netlab_java_major "$JAVA_HOME" || echo 0)
    _netlab_major=${_m:-0}
    [ "${_m:-0}" -ge 21 ] && return 0
  elif command -v java >/dev/null 2>&1; then
    _home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
    _m=$(netlab_java_major "$_home" || echo 0)
    _netlab_major=${_m:-0}
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
    _netlab_major=$_bestv
  fi
  return 0
}
netlab_find_jdk
# Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about in four lines at every
# run; JDK 23+ knows the switch that allows it quietly (older JDKs would refuse the option).
if [ "${_netlab_major:-0}" -ge 23 ]; then
  case " ${MAVEN_OPTS-} " in
    *--sun-misc-unsafe-memory-access=*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
