#!/usr/bin/env bash
# From nothing to a trained flights-delay model in one command:
#   1. scripts/prepare-data.sh: fetch the 3 million flights and build the train/test split
#      (skipped when already done);
#   2. scripts/run-job.sh jobs/flights-delay.conf --overwrite: train logistic regression with
#      RMSProp on the earliest 80% of the days and evaluate it on the later 20%.
# Prints the test AUC and log-loss; the model, metrics.json and loss-curve.png are in
# out/flights-delay (replaced at each run). Extra arguments go to the training job, e.g.
# --iterations 100.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$REPO_ROOT/scripts/prepare-data.sh"
exec "$REPO_ROOT/scripts/run-job.sh" "$REPO_ROOT/jobs/flights-delay.conf" --overwrite "$@"
