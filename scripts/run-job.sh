#!/usr/bin/env bash
# Run a ready-made job of jobs/ through scripts/spark-submit.sh.
#
#   scripts/run-job.sh jobs/NAME.conf [more job options]
#
# A job file holds the job's options, one or more per line, in picocli's argument-file
# format (# starts a comment line; quote values with spaces). It is handed to the job as
# @jobs/NAME.conf, so the job reads it itself; options given after it on this command line
# override the file's (the last value of an option wins), e.g. --overwrite or --iterations 10.
# Lines of the form
#   #submit OPTION [VALUE]     are spark-submit options, e.g. #submit --driver-memory 6g
#   #class NAME                name the main class (default io.github.sparkrmsprop.jobs.TrainModel)
# Runs from the repository root, so the relative paths of a job file work from any directory.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  [[ $# -ge 1 ]] && exit 0
  exit 2
fi

job_file="$1"
shift
if [[ "$job_file" != /* ]]; then
  job_file="$(cd "$(dirname "$job_file")" && pwd)/$(basename "$job_file")"
fi
if [[ ! -f "$job_file" ]]; then
  echo "[run-job] no such job file: $job_file" >&2
  exit 2
fi

main_class="io.github.sparkrmsprop.jobs.TrainModel"
submit_options=()
while IFS= read -r line; do
  case "$line" in
    "#submit "*) read -r -a words <<<"${line#\#submit }"; submit_options+=("${words[@]}") ;;
    "#class "*) main_class="$(echo "${line#\#class }" | tr -d '[:space:]')" ;;
  esac
done <"$job_file"
[[ "$main_class" == *.* ]] || main_class="io.github.sparkrmsprop.jobs.$main_class"

cd "$REPO_ROOT"
echo "[run-job] $main_class @${job_file#"$REPO_ROOT"/} $*" >&2
exec "$REPO_ROOT/scripts/spark-submit.sh" "${submit_options[@]}" --class "$main_class" \
  "$REPO_ROOT"/target/spark-rmsprop_2.13-*.jar "@$job_file" "$@"
