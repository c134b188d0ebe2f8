#!/usr/bin/env bash
# The one test command (`npm test`): installs what is missing, starts throw-away PostgreSQL and
# Redis, then runs every check. All checks run even after one fails, so a single run shows every
# problem; the exit status is non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

section() { printf '\n==================== %s ====================\n' "$*"; }

section "install test dependencies"
bash scripts/install-test-deps.sh

section "start services"
eval "$(bash scripts/services.sh start)"
echo "TEST_DATABASE_URL=$TEST_DATABASE_URL"
echo "TEST_REDIS_URL=$TEST_REDIS_URL"
stop_services() {
  if [[ "${KEEP_SERVICES:-}" == 1 ]]; then
    echo "KEEP_SERVICES=1: leaving PostgreSQL and Redis running (scripts/services.sh stop)"
  else
    section "stop services"
    bash scripts/services.sh stop
  fi
}
trap stop_services EXIT
# Without these, bash skips the EXIT trap when interrupted and the services outlive the run.
trap 'exit 130' INT
trap 'exit 143' TERM

results=()
failed=0
check() {
  local name="$1"
  shift
  section "$name"
  local start=$SECONDS
  if "$@"; then
    results+=("ok    $name ($((SECONDS - start))s)")
  else
    results+=("FAIL  $name ($((SECONDS - start))s)")
    failed=1
  fi
}

check "prettier" npx --no-install prettier --check .
if [[ -f eslint.config.mjs ]]; then
  check "eslint" npx --no-install eslint . --max-warnings=0
fi
check "typecheck" npx --no-install tsc --noEmit
check "migrations match schema" npm run --silent db:check
# Separate runs: a failing e2e globalSetup (build, server start) must not hide unit/integration results.
REPORTS="$(mktemp -d -t rooms-vitest-XXXXXX)"
vitest_runs=0
vitest_project() {
  npx --no-install vitest run "$@" --reporter=default --reporter=json --outputFile.json="$REPORTS/run-$((++vitest_runs)).json"
}
check "unit + integration tests" vitest_project --project unit --project integration
# e2e's globalSetup builds Next when src/ changed and starts it with LiveKit and an OIDC provider
check "end-to-end tests (Chromium)" vitest_project --project e2e

section "summary"
printf '%s\n' "${results[@]}"
# What failed and why, then one plain closing line with the test counts, whatever happened above.
node scripts/vitest-summary.mjs "$REPORTS"
exit "$failed"

