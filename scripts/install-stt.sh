#!/usr/bin/env bash
# Installs the local speech recognizer (PocketSphinx 5, en-US model inside its wheel) into a venv
# under $DATA_DIR once; later runs find the marker and exit at once, offline.
# Exit 0 with the venv in place, or non-zero with one line saying what is missing.
# With --print-python, prints the venv's python path on stdout (and nothing else).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="5.1.1"
DATA="${DATA_DIR:-.data}"
[[ "$DATA" = /* ]] || DATA="$PWD/$DATA"
VENV="$DATA/stt-venv"
PY="$VENV/bin/python"
# Written last: a venv without it is a half-made one from an interrupted run.
MARKER="$VENV/.pocketsphinx-$VERSION"

install() {
  if ! command -v python3 >/dev/null 2>&1; then
    echo "PocketSphinx needs Python 3.8+ (python3 not found): install it or set GLADIA_API_KEY" >&2
    return 1
  fi
  echo "Installing PocketSphinx $VERSION into $VENV (first run only)…" >&2
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV" >&2; then
    echo "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
    return 1
  fi
  if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: \
    "pocketsphinx==$VERSION" >&2; then
    echo "pip install pocketsphinx==$VERSION failed (see above)" >&2
    return 1
  fi
  "$PY" -c "import pocketsphinx; pocketsphinx.Decoder()" >&2 || {
    echo "PocketSphinx $VERSION does not load from $VENV" >&2
    return 1
  }
  touch "$MARKER"
  echo "PocketSphinx $VERSION installed in $VENV" >&2
}

if [[ ! -f "$MARKER" || ! -x "$PY" ]]; then
  mkdir -p "$DATA"
  # Parallel test files and the start script may all arrive here at once: one installs, the rest wait.
  exec 9>"$DATA/stt-venv.lock"
  flock 9
  [[ -f "$MARKER" && -x "$PY" ]] || install
fi
[[ "${1:-}" == "--print-python" ]] && echo "$PY"
exit 0
