#!/usr/bin/env bash
# Builds livekit-server from its Go module into .data/bin once and reuses it after.
# Exit 0 with the binary in place, or non-zero with one line saying what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="v1.13.5"
BIN_DIR="$PWD/.data/bin"
BIN="$BIN_DIR/livekit-server"

if [[ -x "$BIN" ]] && "$BIN" --version 2>/dev/null | grep -q "${VERSION#v}"; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "livekit-server is not installed and Go is not available to build it: install Go 1.24+ or set LIVEKIT_URL/LIVEKIT_API_KEY/LIVEKIT_API_SECRET" >&2
  exit 1
fi
mkdir -p "$BIN_DIR"
echo "Building livekit-server $VERSION with $(go version | cut -d' ' -f3) (first run only, a few minutes)…" >&2
TMP_BIN="$(mktemp -d)"
if ! GOBIN="$TMP_BIN" GOFLAGS=-mod=mod go install "github.com/livekit/livekit-server/cmd/server@$VERSION" >&2; then
  echo "building livekit-server $VERSION failed (see the go output above)" >&2
  exit 1
fi
mv "$TMP_BIN/server" "$BIN"
rm -rf "$TMP_BIN"
echo "livekit-server $VERSION installed at $BIN" >&2
