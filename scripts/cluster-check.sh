#!/usr/bin/env bash
# End-to-end check of TrainModel on a real standalone cluster on this machine (127.0.0.1):
#
#   scripts/cluster-check.sh [ITERATIONS]      # default 300
#
# 1. starts a Master and 2 Workers (1 core, 2 GiB each) with scripts/cluster.sh in
#    target/cluster-check;
# 2. trains multinomial logistic regression on datasets/digits.libsvm (4/5 of the rows;
#    the other 1/5 is the --test file, so no random split depends on row order) locally
#    (local[2]) and on the cluster, both with --partitions 2, and requires the two
#    metrics.json to agree: same lossHistory length, every loss and finalLoss within 1e-9;
# 3. runs the cluster job again and SIGKILLs one executor JVM a few seconds into training;
#    Spark must retry the lost tasks on the executor the Worker relaunches, and the job must
#    finish with the same losses within 1e-9;
# 4. stops everything by PID: the driver (if still running), then the Workers and the
#    Master (scripts/cluster.sh stop).
# Prints PASS or FAIL for each check and exits 1 when one failed. Takes a few minutes, so it
# is not part of .ci/run. Needs port 7077 free (no other cluster.sh cluster running).
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$REPO_ROOT/target/cluster-check"
ITERATIONS="${1:-300}"
MASTER_URL="spark://127.0.0.1:7077"
TOLERANCE=1e-9
MAIN=io.github.sparkrmsprop.jobs.TrainModel

log() { echo "[cluster-check] $(date +%T) $*" >&2; }
results=()
failed=0
record() {  # record NAME STATUS DETAIL
  results+=("$2  $1: $3")
  [[ "$2" == PASS ]] || failed=1
  log "$2 $1: $3"
}

driver_pid=""
cleanup() {
  if [[ -n "$driver_pid" ]] && kill -0 "$driver_pid" 2>/dev/null; then
    log "stopping the driver (PID $driver_pid)"
    kill "$driver_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$driver_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$driver_pid" 2>/dev/null || true
  fi
  "$REPO_ROOT/scripts/cluster.sh" stop "$DIR"
}

if (exec 3<>/dev/tcp/127.0.0.1/7077) 2>/dev/null; then
  log "port 7077 is in use: another cluster is running; stop it first"
  exit 1
fi

rm -rf "$DIR"
mkdir -p "$DIR/data" "$DIR/out"
# Every fifth row to the test file, the others to the training file.
awk -v train="$DIR/data/train.libsvm" -v test="$DIR/data/test.libsvm" \
  '{ print > (NR % 5 == 0 ? test : train) }' "$REPO_ROOT/datasets/digits.libsvm"

# Build the jar now, so the timed runs below do not include Maven.
(cd "$REPO_ROOT" && mvn -B -q -DskipTests package >&2) || { log "build failed"; exit 1; }
JAR="$(ls "$REPO_ROOT"/target/spark-rmsprop_2.13-*.jar | grep -v -e sources -e javadoc \
  -e tests | head -1)"

job_args() {  # job_args OUTPUT
  echo --train "$DIR/data/train.libsvm" --test "$DIR/data/test.libsvm" --num-features 64 \
    --num-classes 10 --partitions 2 --iterations "$ITERATIONS" --step-size 0.05 \
    --reg-param 0.0001 --convergence-tol 0 --log-every 25 --output "$1"
}

cluster_conf=(--master "$MASTER_URL" --driver-memory 1g
  --conf spark.executor.memory=1g
  --conf spark.scheduler.minRegisteredResourcesRatio=1.0
  --conf spark.scheduler.maxRegisteredResourcesWaitingTime=120s)

# Runs the job in the background; sets driver_pid.
start_job() {  # start_job NAME SUBMIT-OPTIONS...
  local name="$1"
  shift
  # shellcheck disable=SC2046
  "$REPO_ROOT/scripts/spark-submit.sh" "$@" --class "$MAIN" "$JAR" \
    $(job_args "$DIR/out/$name") >"$DIR/$name.out" 2>"$DIR/$name.log" &
  driver_pid=$!
}

wait_job() {  # wait_job NAME; returns the job's exit code
  local code=0
  wait "$driver_pid" || code=$?
  driver_pid=""
  cat "$DIR/$1.out" >&2
  [[ $code -eq 0 ]] || { log "$1 exited $code; last lines of $DIR/$1.log:"; \
    tail -15 "$DIR/$1.log" >&2; }
  return $code
}

# Compares two metrics.json; prints the largest difference.
compare() {  # compare A B
  /usr/bin/python3 - "$1/metrics.json" "$2/metrics.json" "$TOLERANCE" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
tol = float(sys.argv[3])
ha, hb = a["lossHistory"], b["lossHistory"]
if len(ha) != len(hb):
    print(f"lossHistory lengths differ: {len(ha)} vs {len(hb)}")
    sys.exit(1)
diff = max(abs(x - y) for x, y in zip(ha, hb))
final = abs(a["finalLoss"] - b["finalLoss"])
print(f"{len(ha)} losses, largest difference {diff:.3g}, finalLoss {a['finalLoss']:.12f} vs "
      f"{b['finalLoss']:.12f} (difference {final:.3g})")
sys.exit(0 if diff <= tol and final <= tol else 1)
EOF
}

# Executor JVMs of this cluster only: their working directory is under $DIR/work.
our_executors() {
  local pid
  for pid in $(pgrep -f CoarseGrainedExecutorBackend); do
    [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$DIR/work/"* ]] && echo "$pid"
  done
}

trap cleanup EXIT
"$REPO_ROOT/scripts/cluster.sh" start "$DIR" 2 || { record cluster FAIL "did not start"; \
  exit 1; }

log "local run (local[2], $ITERATIONS iterations)"
start_job local --master 'local[2]' --driver-memory 1g
if wait_job local; then record "local run" PASS "exit 0"; else record "local run" FAIL \
  "non-zero exit"; fi

log "cluster run ($MASTER_URL, 2 executors)"
start_job cluster "${cluster_conf[@]}"
if wait_job cluster; then
  record "cluster run" PASS "exit 0"
  if detail="$(compare "$DIR/out/local" "$DIR/out/cluster")"; then
    record "cluster equals local" PASS "$detail"
  else
    record "cluster equals local" FAIL "$detail"
  fi
else
  record "cluster run" FAIL "non-zero exit"
fi

log "cluster run with one executor killed during training"
start_job killed "${cluster_conf[@]}"
victim=""
for _ in $(seq 1 240); do
  if grep -q "Iteration 1:" "$DIR/killed.log" 2>/dev/null; then
    sleep 3
    victim="$(our_executors | head -1)"
    break
  fi
  kill -0 "$driver_pid" 2>/dev/null || break
  sleep 0.5
done
if [[ -n "$victim" ]] && kill -0 "$driver_pid" 2>/dev/null; then
  last="$(grep -o 'Iteration [0-9]*' "$DIR/killed.log" | tail -1)"
  kill -9 "$victim"
  log "SIGKILLed executor PID $victim (driver's last progress line: $last)"
  record "executor killed" PASS "PID $victim, after $last"
else
  record "executor killed" FAIL "no executor of ours found while the job ran"
fi
if wait_job killed; then
  record "job survives a lost executor" PASS "exit 0"
  if detail="$(compare "$DIR/out/local" "$DIR/out/killed")"; then
    record "after the kill, equals local" PASS "$detail"
  else
    record "after the kill, equals local" FAIL "$detail"
  fi
else
  record "job survives a lost executor" FAIL "non-zero exit"
fi
lost="$(grep -c -i -e "lost executor" -e "ExecutorLostFailure" "$DIR/killed.log" || true)"
log "driver log lines about the lost executor: $lost"
grep -i -e "lost executor" -e "ExecutorLostFailure" "$DIR/killed.log" | head -3 >&2

echo
echo "cluster-check summary ($ITERATIONS iterations of digits, tolerance $TOLERANCE):"
printf '  %s\n' "${results[@]}"
if [[ $failed -eq 0 ]]; then echo "PASS"; else echo "FAIL"; fi
exit $failed
