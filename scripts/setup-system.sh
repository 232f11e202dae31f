#!/usr/bin/env bash
# Installs the system pieces a clean Debian bookworm machine lacks, idempotently:
#  - Debian Chromium (for Playwright end-to-end tests and screenshots)
#  - the mediasoup-worker binary 3.8.x from Debian experimental, unpacked into
#    .cache/mediasoup-worker/ of this repository (mediasoup's own prebuilt download
#    needs GitHub, which these machines cannot reach), plus its runtime libraries.
# Usage: bash scripts/setup-system.sh [--no-chromium]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
WORKER_DIR="$CACHE/mediasoup-worker"
WORKER_BIN="$WORKER_DIR/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker"
want_chromium=1
[ "${1:-}" = "--no-chromium" ] && want_chromium=0

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

need_pkgs=()
for p in libsrtp2-1 libusrsctp2 libuv1; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ "$want_chromium" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  need_pkgs+=(chromium fonts-noto-cjk)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "[setup] apt-get install ${need_pkgs[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [ ! -x "$WORKER_BIN" ]; then
  echo "[setup] fetching mediasoup-worker from Debian experimental"
  mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/archives/partial"
  uri="$(grep -m1 -E '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' || true)"
  [ -n "$uri" ] || uri="$(grep -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' || true)"
  [ -n "$uri" ] || uri="http://deb.debian.org/debian"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri experimental main" >"$CACHE/apt/experimental.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$CACHE/apt/experimental.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$CACHE/apt/lists" -o "Dir::Cache::Archives=$CACHE/apt/archives"
    -o "Debug::NoLocking=1")
  apt-get "${APT_OPTS[@]}" update -qq >/dev/null
  (cd "$CACHE/apt" && apt-get "${APT_OPTS[@]}" download mediasoup-worker >/dev/null)
  deb="$(ls "$CACHE"/apt/mediasoup-worker_*.deb | head -1)"
  rm -rf "$WORKER_DIR" && mkdir -p "$WORKER_DIR"
  dpkg -x "$deb" "$WORKER_DIR"
fi
"$WORKER_BIN" --version >/dev/null 2>&1 || true
echo "[setup] mediasoup-worker: $WORKER_BIN"
