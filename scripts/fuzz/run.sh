#!/usr/bin/env bash
# Runs one fuzzer against throw-away PostgreSQL: `bash scripts/fuzz/run.sh api --cases 5000 --seed 42`.
set -euo pipefail
cd "$(dirname "$0")/../.."
eval "$(bash scripts/services.sh start)"
what="$1"
shift
node --expose-gc --import tsx "scripts/fuzz/$what.ts" "$@"
