#!/usr/bin/env bash
# Run the RMSProp fast-path benchmark (io.github.sparkrmsprop.jobs.bench.Benchmark) through
# scripts/spark-submit.sh, on local[*] by default.
#
#   scripts/benchmark.sh [Benchmark options]
#
# Examples (see docs/BENCHMARK.md for the runs recorded there):
#   scripts/benchmark.sh --data flights --train datasets/prepared/flights/train \
#     --test datasets/prepared/flights/test --output target/benchmark/flights
#   scripts/benchmark.sh --data clicks --rows 2000000 --output target/benchmark/clicks
#
# Writes benchmark.md, benchmark.csv and benchmark.png into --output. The driver gets
# $SPARK_DRIVER_MEMORY (default here 10g: the data is cached three times, as rows for MLlib,
# as CSR arrays for RMSProp and as a DataFrame for spark.ml's L-BFGS). The memory measurement
# starts one extra JVM per model size with -Xmx4g.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_DRIVER_MEMORY="${SPARK_DRIVER_MEMORY:-10g}"

exec "$REPO_ROOT/scripts/spark-submit.sh" --master "${SPARK_MASTER:-local[*]}" \
  --conf spark.ui.enabled=false \
  --class io.github.sparkrmsprop.jobs.bench.Benchmark \
  "$REPO_ROOT"/target/spark-rmsprop_2.13-*.jar "$@"
