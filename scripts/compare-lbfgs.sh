#!/usr/bin/env bash
# Train the flights-delay model with RMSProp and with spark.ml's L-BFGS on the prepared
# flights (run scripts/prepare-data.sh first) and print test AUC, log-loss and seconds of both.
# Extra arguments go to io.github.sparkrmsprop.jobs.CompareWithLbfgs, e.g. --lbfgs-max-iter 50.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$REPO_ROOT/scripts/run-job.sh" "$REPO_ROOT/jobs/compare-lbfgs.conf" "$@"
