#!/usr/bin/env bash
# Builds Shopify's toxiproxy-server (the fault proxy of the stress e2e) from its Go module into
# .data/bin once and reuses it after. Exit 0 with the binary in place, or non-zero with one line
# saying what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="v2.5.0"
BIN_DIR="$PWD/.data/bin"
BIN="$BIN_DIR/toxiproxy-server"

# `go install` leaves its -version at "git": the module version is in the build info instead.
if [[ -x "$BIN" ]] && { ! command -v go >/dev/null 2>&1 ||
  go version -m "$BIN" | grep -Eq "^[[:space:]]+mod[[:space:]]+github.com/Shopify/toxiproxy/v2[[:space:]]+$VERSION"; }; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "toxiproxy-server is not installed and Go is not available to build it: install Go 1.24+" >&2
  exit 1
fi
mkdir -p "$BIN_DIR"
echo "Building toxiproxy-server $VERSION with $(go version | cut -d' ' -f3) (first run only)…" >&2
TMP_BIN="$(mktemp -d)"
if ! GOBIN="$TMP_BIN" GOFLAGS=-mod=mod go install "github.com/Shopify/toxiproxy/v2/cmd/server@$VERSION" >&2; then
  echo "building toxiproxy-server $VERSION failed (see the go output above)" >&2
  exit 1
fi
mv "$TMP_BIN/server" "$BIN"
rm -rf "$TMP_BIN"
echo "toxiproxy-server $VERSION installed at $BIN" >&2
