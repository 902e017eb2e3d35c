#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, on 127.0.0.1 only: one Master and N
# Workers, each its own JVM, started from the Spark jars Maven resolved for this project.
#
#   scripts/cluster.sh start [DIR] [WORKERS]   # default DIR target/cluster, WORKERS 2
#   scripts/cluster.sh stop  [DIR]             # stops Workers, then the Master, by PID
#   scripts/cluster.sh status [DIR]
#
# DIR holds everything of the run: spark-home/jars (links to the Maven-resolved Spark jars,
# which is all a SPARK_HOME needs here), pids/, logs/, tmp/ (java.io.tmpdir and
# spark.local.dir of every JVM) and work/ (executors' working directories). The Master
# listens on spark://127.0.0.1:7077 (web UI 8080, REST server off); Workers use 1 core and
# 2 GiB each. Submit with
#   scripts/spark-submit.sh --master spark://127.0.0.1:7077 --class ... target/...jar ...
# Every JVM gets Spark's Java 17 --add-opens list (executors get it from Spark itself).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
DIR="$(mkdir -p "${2:-$REPO_ROOT/target/cluster}" && cd "${2:-$REPO_ROOT/target/cluster}" \
  && pwd)"
WORKERS="${3:-2}"
MASTER_PORT=7077
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

log() { echo "[cluster.sh] $*" >&2; }

classpath() {
  local cache="$REPO_ROOT/target/spark-submit.classpath"
  if [[ ! -s "$cache" || "$REPO_ROOT/pom.xml" -nt "$cache" ]]; then
    log "computing the Maven classpath (compile and provided scopes)"
    mkdir -p "$REPO_ROOT/target"
    (cd "$REPO_ROOT" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=compile \
      -Dmdep.outputFile="$cache.tmp" >&2)
    mv "$cache.tmp" "$cache"
  fi
  cat "$cache"
}

java_opens() {
  sed -n '/<spark.java17.opens>/,/<\/spark.java17.opens>/p' "$REPO_ROOT/pom.xml" \
    | sed -e 's/<[^>]*>//g' | tr -s ' \n' ' '
}

# spark-home/jars: one link per jar of the classpath.
make_spark_home() {
  local jars="$DIR/spark-home/jars"
  rm -rf "$DIR/spark-home"
  mkdir -p "$jars"
  local cp
  cp="$(classpath)"
  IFS=':' read -r -a entries <<<"$cp"
  for entry in "${entries[@]}"; do
    [[ "$entry" == *.jar ]] && ln -sf "$entry" "$jars/"
  done
  log "SPARK_HOME $DIR/spark-home with $(ls "$jars" | wc -l) jars"
}

start_jvm() {
  local name="$1"
  shift
  local -a opens
  read -r -a opens <<<"$(java_opens)"
  nohup java -Xmx512m "${opens[@]}" -Djava.io.tmpdir="$DIR/tmp" \
    -Dspark.local.dir="$DIR/tmp" -Dspark.master.rest.enabled=false \
    -Dlog4j.configurationFile="$REPO_ROOT/scripts/log4j2.properties" \
    -cp "$DIR/spark-home/jars/*" "$@" >"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/pids/$name.pid"
}

wait_for_log() {
  local file="$1" pattern="$2" seconds="$3"
  for _ in $(seq 1 "$((seconds * 2))"); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.5
  done
  log "timed out after ${seconds}s waiting for '$pattern' in $file"
  tail -20 "$file" >&2 || true
  return 1
}

start() {
  if [[ -f "$DIR/pids/master.pid" ]] && kill -0 "$(cat "$DIR/pids/master.pid")" 2>/dev/null
  then
    log "already running (master PID $(cat "$DIR/pids/master.pid")); stop it first"
    exit 1
  fi
  mkdir -p "$DIR/pids" "$DIR/logs" "$DIR/tmp" "$DIR/work"
  make_spark_home
  export SPARK_HOME="$DIR/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  export SPARK_LOG_DIR="$DIR/logs"
  local began=$SECONDS
  start_jvm master org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port 8080
  # The log config keeps Spark at WARN, so poll the port rather than the log.
  for _ in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$MASTER_PORT") 2>/dev/null && break
    sleep 0.5
  done
  for n in $(seq 1 "$WORKERS"); do
    start_jvm "worker-$n" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 1 --memory 2g --work-dir "$DIR/work/worker-$n" \
      --webui-port "$((8080 + n))" "$MASTER_URL"
  done
  sleep 3
  for n in $(seq 1 "$WORKERS"); do
    kill -0 "$(cat "$DIR/pids/worker-$n.pid")" || { log "worker $n died"; \
      tail -20 "$DIR/logs/worker-$n.log" >&2; exit 1; }
  done
  log "master $MASTER_URL and $WORKERS workers started in $((SECONDS - began)) s (logs: $DIR/logs)"
}

stop() {
  local names=()
  for f in "$DIR"/pids/worker-*.pid; do [[ -f "$f" ]] && names+=("$(basename "$f" .pid)"); done
  names+=(master)
  for name in "${names[@]}"; do
    local pidfile="$DIR/pids/$name.pid"
    [[ -f "$pidfile" ]] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name (PID $pid)"
    fi
    rm -f "$pidfile"
  done
}

status() {
  for f in "$DIR"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    local pid
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$f" .pid) running (PID $pid)"
    else echo "$(basename "$f" .pid) dead (PID $pid)"; fi
  done
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [DIR] [WORKERS]" >&2; exit 2 ;;
esac
