#!/usr/bin/env bash
# Compare SGD, AdaGrad, RMSProp and Adam on a committed dataset and draw the two-weight
# contour picture, with the jobs' defaults:
#
#   scripts/compare.sh [OUTPUT_DIR]          # default target/compare
#
# Writes OUTPUT_DIR/curves (compare-iterations.png, compare-seconds.png, compare.csv,
# compare.md) from datasets/heart_scale and OUTPUT_DIR/contour (contour.png,
# contour-paths.csv) from features 1 and 2 of datasets/breast_cancer.libsvm, replacing
# earlier results. Runs through scripts/spark-submit.sh (local Spark on 127.0.0.1 unless a
# --master is configured there); see docs/COMPARE.md for the options.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$REPO_ROOT/target/compare}"
JAR="$REPO_ROOT/target/spark-rmsprop_2.13-*.jar"

cd "$REPO_ROOT"
scripts/spark-submit.sh --class io.github.sparkrmsprop.jobs.CompareOptimizers "$JAR" \
  --input datasets/heart_scale --output "$OUT/curves" --overwrite
scripts/spark-submit.sh --class io.github.sparkrmsprop.jobs.LossContourPlot "$JAR" \
  --input datasets/breast_cancer.libsvm --features 1,2 \
  --feature-names "mean radius,mean texture" --output "$OUT/contour" --overwrite
