#!/usr/bin/env bash
# Runs one benchmark script against throw-away PostgreSQL/Redis: `bash scripts/bench.sh token`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/install-test-deps.sh >/dev/null
eval "$(bash scripts/services.sh start)"
node --import tsx "scripts/bench/$1.ts"
