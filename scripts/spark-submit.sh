#!/usr/bin/env bash
# Run a Spark application of this repository, with or without a Spark installation.
#
#   scripts/spark-submit.sh [spark-submit options] <app jar> [app arguments]
#
# - Builds target/spark-rmsprop_2.13-*.jar first (mvn -q -DskipTests package) when it is
#   missing or older than src/ or pom.xml. An argument that is still the unexpanded pattern
#   .../target/spark-rmsprop_2.13-*.jar (no jar existed when the shell expanded it) is replaced
#   by the jar just built, so the same command works in a fresh clone.
# - Uses `spark-submit` when it is on PATH. Otherwise starts
#   `java <Spark's Java 17 --add-opens list> -cp <Maven classpath> SparkSubmit "$@"`, where the
#   classpath holds the compile and provided dependencies (Spark itself) plus our jar. The
#   classpath is cached in target/spark-submit.classpath and recomputed when pom.xml is newer;
#   the --add-opens list is read from the spark.java17.opens property of pom.xml.
# - When no --master is given, or it is local[...] or a standalone master on 127.0.0.1 or
#   localhost, binds the driver to the loopback address: exports SPARK_LOCAL_IP=127.0.0.1
#   (unless set) and adds --conf spark.driver.host and spark.driver.bindAddress with it.
# - Without spark-submit, the driver JVM gets -Xmx from --driver-memory, else from
#   $SPARK_DRIVER_MEMORY, else 4g; extra JVM options may be given in $JAVA_OPTS. Logging uses
#   scripts/log4j2.properties (Spark at WARN, this project at INFO) unless $JAVA_OPTS names
#   another log4j configuration.
#
# Works from any directory: paths are resolved from this script's location.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$REPO_ROOT/target"
CLASSPATH_CACHE="$TARGET/spark-submit.classpath"

log() { echo "[spark-submit.sh] $*" >&2; }

find_jar() {
  local jar
  for jar in "$TARGET"/spark-rmsprop_2.13-*.jar; do
    case "$jar" in
      *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
      *) [[ -f "$jar" ]] && echo "$jar" && return 0 ;;
    esac
  done
  return 1
}

# Build the jar when it is missing or stale.
jar="$(find_jar || true)"
if [[ -z "$jar" ]] \
    || [[ -n "$(find "$REPO_ROOT/src" "$REPO_ROOT/pom.xml" -newer "$jar" -print -quit)" ]]; then
  log "building the jar (mvn -q -DskipTests package)"
  (cd "$REPO_ROOT" && mvn -B -q -DskipTests package >&2)
  jar="$(find_jar)"
fi

# Let the still unexpanded jar pattern name the jar just built.
args=()
for arg in "$@"; do
  if [[ "$arg" == *"target/spark-rmsprop_2.13-*.jar" && ! -e "$arg" ]]; then
    arg="$jar"
  fi
  args+=("$arg")
done
set -- "${args[@]}"

# Find the master and the driver memory among the spark-submit options, which end at the
# first argument that is not an option or an option's value (the application jar).
master=""
driver_memory="${SPARK_DRIVER_MEMORY:-4g}"
args=("$@")
i=0
while ((i < ${#args[@]})); do
  arg="${args[i]}"
  case "$arg" in
    --master) master="${args[i + 1]:-}"; i=$((i + 2)) ;;
    --master=*) master="${arg#--master=}"; i=$((i + 1)) ;;
    --driver-memory) driver_memory="${args[i + 1]:-}"; i=$((i + 2)) ;;
    --driver-memory=*) driver_memory="${arg#--driver-memory=}"; i=$((i + 1)) ;;
    --verbose | -v | --help | -h | --version | --supervise) i=$((i + 1)) ;;
    --*=*) i=$((i + 1)) ;;
    -*) i=$((i + 2)) ;;
    *) break ;;
  esac
done

# This machine's Spark traffic stays on the loopback address: always for a local master and
# for a standalone master on this host (scripts/cluster.sh), unless SPARK_LOCAL_IP says
# otherwise.
loopback=()
if [[ -z "$master" || "$master" == local* || "$master" == spark://127.* \
      || "$master" == spark://localhost* ]]; then
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  loopback=(--conf "spark.driver.host=$SPARK_LOCAL_IP"
    --conf "spark.driver.bindAddress=$SPARK_LOCAL_IP")
fi

if command -v spark-submit >/dev/null 2>&1; then
  exec spark-submit "${loopback[@]}" "$@"
fi

# No Spark installation: use Spark's jars from the local Maven repository.
if [[ ! -s "$CLASSPATH_CACHE" || "$REPO_ROOT/pom.xml" -nt "$CLASSPATH_CACHE" ]]; then
  log "computing the Maven classpath (compile and provided scopes)"
  mkdir -p "$TARGET"
  (cd "$REPO_ROOT" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile="$CLASSPATH_CACHE.tmp" >&2)
  mv "$CLASSPATH_CACHE.tmp" "$CLASSPATH_CACHE"
fi

# The text between <spark.java17.opens> and its closing tag, one option per word.
read -r -a java_opens <<<"$(sed -n '/<spark.java17.opens>/,/<\/spark.java17.opens>/p' \
  "$REPO_ROOT/pom.xml" | sed -e 's/<[^>]*>//g' | tr -s ' \n' ' ')"
if ((${#java_opens[@]} == 0)); then
  log "no spark.java17.opens property found in $REPO_ROOT/pom.xml"
  exit 1
fi

read -r -a extra_opts <<<"${JAVA_OPTS:-}"
if [[ "${JAVA_OPTS:-}" != *log4j.configurationFile* ]]; then
  extra_opts+=("-Dlog4j.configurationFile=$REPO_ROOT/scripts/log4j2.properties")
fi

java_bin="java"
[[ -n "${JAVA_HOME:-}" ]] && java_bin="$JAVA_HOME/bin/java"

exec "$java_bin" "-Xmx$driver_memory" "${java_opens[@]}" "${extra_opts[@]}" \
  -cp "$(cat "$CLASSPATH_CACHE"):$jar" org.apache.spark.deploy.SparkSubmit \
  "${loopback[@]}" "$@"
