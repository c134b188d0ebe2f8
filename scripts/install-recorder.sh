#!/usr/bin/env bash
# What the embedded (local) recorder needs from the system: GStreamer's gst-launch-1.0 with the
# elements recorder/pipeline.ts uses, and gst-discoverer-1.0 to read the finished file's duration.
# A no-op (and offline) when they are there; otherwise installs the Debian/Ubuntu packages with
# apt (as root, or through sudo without a password prompt) or says what to install and exits 1.
set -euo pipefail

say() { echo "[recorder] $*"; }

# gstreamer1.0-tools: gst-launch-1.0, gst-inspect-1.0
# gstreamer1.0-plugins-base: rawvideoparse/rawaudioparse, opusenc, audioconvert
# gstreamer1.0-plugins-good: mp4mux; gstreamer1.0-plugins-bad: h264parse; -ugly: x264enc
# gstreamer1.0-plugins-base-apps: gst-discoverer-1.0
PACKAGES=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-plugins-base-apps)
ELEMENTS=(fdsrc rawvideoparse rawaudioparse x264enc h264parse opusenc audioconvert mp4mux filesink)

ready() {
  command -v gst-launch-1.0 >/dev/null && command -v gst-discoverer-1.0 >/dev/null || return 1
  local e
  for e in "${ELEMENTS[@]}"; do gst-inspect-1.0 --exists "$e" || return 1; done
}

if ready; then
  say "GStreamer ready"
  exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    say "recording is unavailable: GStreamer is missing. Install it with:"
    say "  sudo apt-get install ${PACKAGES[*]}"
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null; then
  say "recording is unavailable: GStreamer is missing and this is not a Debian/Ubuntu system;"
  say "install gst-launch-1.0, gst-discoverer-1.0 and the base, good, bad and ugly plugins"
  exit 1
fi
say "installing ${PACKAGES[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}"
ready || {
  say "recording is unavailable: GStreamer still lacks one of: ${ELEMENTS[*]}"
  exit 1
}
say "GStreamer ready"
