#!/usr/bin/env bash
# Installs what the test suite needs, only what is missing: a no-op (and offline) on a machine
# that already has everything, so scripts/test.sh can always call it.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[deps] $*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# --- apt packages -----------------------------------------------------------------------------
# postgresql: the real server for integration tests (scripts/services.sh runs a private cluster)
# redis-server: rate limits and cross-instance signals
# chromium: the browser playwright-core drives in e2e tests
# festival, festvox-us-slt-hts, festvox-ru, sox: real speech WAVs (English, Russian) for caption
# tests (tests/support/speech.ts)
# python3-venv: the venv scripts/install-stt.sh puts PocketSphinx in
# gstreamer1.0-*: the local recorder's encoder (tools, base, good, bad, ugly: see
# scripts/install-recorder.sh), gst-discoverer-1.0 (-base-apps) for the finished file's duration,
# and -libav (avdec_h264) for the tests that decode recordings back to check sound and picture
# stress-ng: CPU contention, bounded by its --timeout, for the stress e2e and bench:call
APT_PACKAGES=(postgresql redis-server chromium festival festvox-us-slt-hts festvox-ru sox python3-venv
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-plugins-base-apps gstreamer1.0-libav stress-ng)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  say "installing apt packages: ${missing[*]}"
  # update only here: package lists are needed to install, not to confirm what is there
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  say "apt packages present: ${APT_PACKAGES[*]}"
fi

# --- LiveKit server ---------------------------------------------------------------------------
# Built from its Go module once and cached in .data/bin (a no-op when that version is there).
bash scripts/install-livekit.sh
say "livekit-server ready: $(.data/bin/livekit-server --version)"

# --- fault proxy -------------------------------------------------------------------------------
# Toxiproxy between the browsers and the ws server in the stress e2e (tests/e2e/stress-call.test.ts).
bash scripts/install-toxiproxy.sh
say "toxiproxy-server ready"

# --- local speech recognizer ---------------------------------------------------------------------
# Whisper (tiny.en and the multilingual base, which the Russian tests need) and PocketSphinx in a
# venv under $DATA_DIR (a no-op when they are there).
STT_LOCAL_MODELS="${STT_LOCAL_MODELS:-tiny.en,base}" bash scripts/install-stt.sh
say "local speech recognizers ready (Whisper ${STT_LOCAL_MODELS:-tiny.en,base}, PocketSphinx)"

# --- node modules -------------------------------------------------------------------------------
# npm rewrites node_modules/.package-lock.json on every install, so it dates the install itself.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing node modules (npm ci)"
  npm ci --no-audit --no-fund
else
  say "node modules up to date"
fi
