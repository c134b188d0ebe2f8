#!/usr/bin/env bash
# The quick start: `./scripts/start.sh` on a fresh checkout installs, builds when needed and runs
# Rooms. With no .env it uses the embedded defaults (PostgreSQL under .data/, generated secrets).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# npm rewrites node_modules/.package-lock.json on every install, so it dates the install itself.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[start] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# next build wipes .next first, so a missing BUILD_ID also covers a build that failed halfway.
inputs=()
for p in src drizzle public package-lock.json package.json next.config.ts tsconfig.json postcss.config.mjs; do
  [[ -e "$p" ]] && inputs+=("$p")
done
if [[ ! -f .next/BUILD_ID ]]; then
  reason="no build yet"
elif changed="$(find "${inputs[@]}" -newer .next/BUILD_ID -print -quit)" && [[ -n "$changed" ]]; then
  reason="$changed changed"
else
  reason=""
fi
if [[ -n "$reason" ]]; then
  echo "[start] building ($reason)"
  npx --no-install next build
fi

# The local media server for video calls; without it the app still runs and says what is missing.
if [[ -z "${LIVEKIT_URL:-}" ]] && ! grep -qs '^LIVEKIT_URL=.' .env; then
  bash scripts/install-livekit.sh || echo "[start] continuing without a local media server (see above)"
fi

# Live captions on the embedded defaults: the local speech recognizer, unless Gladia (or no
# provider) is configured. Without it the app still runs and captions say they are unavailable.
# Never fails (set -e): a fresh clone has no .env at all.
env_value() {
  if [[ -n "${!1:-}" ]]; then
    echo "${!1}"
  elif [[ -f .env ]]; then
    sed -n "s/^$1=//p" .env | tail -n 1
  fi
}
if [[ -z "$(env_value GLADIA_API_KEY)" && ! "$(env_value STT_PROVIDER)" =~ ^(none|null|gladia)$ && -f scripts/install-stt.sh ]]; then
  data_dir="$(env_value DATA_DIR)"
  # STT_LOCAL_MODELS: which Whisper models (default tiny.en; tiny.en,base adds the multilingual one).
  DATA_DIR="${data_dir:-.data}" STT_LOCAL_MODELS="$(env_value STT_LOCAL_MODELS)" bash scripts/install-stt.sh ||
    echo "[start] continuing without the local speech recognizer (see above)"
fi

# The embedded recorder (RECORDER=local, the default) records calls with GStreamer. Without it the
# app still runs and the Record button says recording is unavailable.
if [[ "$(env_value RECORDER)" != "egress" ]]; then
  bash scripts/install-recorder.sh || echo "[start] continuing without call recording (see above)"
fi

exec npm start
