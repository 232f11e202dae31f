#!/usr/bin/env bash
# Installs the system pieces a clean Debian bookworm machine lacks, idempotently:
#  - Debian Chromium (for Playwright end-to-end tests and screenshots)
#  - the media path (mediasoup's own prebuilt worker download needs GitHub, which these
#    machines cannot reach):
#    1. the mediasoup 3.12.16 worker (WebRtcServer: one UDP + one TCP port per worker), built by
#       scripts/build-mediasoup-worker.sh from its npm tarball with Debian libraries and cached
#       outside the clone (reused when present; about 6 minutes of compiling on 2 cores when not);
#    2. if that build fails (or TELEKIOSK_MEDIASOUP_BUILD=0): the FALLBACK, Debian's
#       mediasoup-worker 3.8.4 from experimental, unpacked into .cache/mediasoup-worker/ of this
#       repository (a port range per worker).
#    The chosen binary's path is written to .cache/mediasoup-worker-bin (scripts/setup.sh
#    passes it to `npm ci` as MEDIASOUP_WORKER_BIN; the orchestrator uses it by default) and a
#    line saying which media path is in use to .cache/mediasoup-worker-bin.txt.
# Usage: bash scripts/setup-system.sh [--no-chromium]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
WORKER_DIR="$CACHE/mediasoup-worker"
WORKER_BIN="$WORKER_DIR/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker"
CHOSEN="$CACHE/mediasoup-worker-bin"
want_chromium=1
[ "${1:-}" = "--no-chromium" ] && want_chromium=0
mkdir -p "$CACHE"

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
# The local cluster (`npm run cluster`, cluster tests and benchmark): HAProxy and Redis from Debian.
if [ "$want_chromium" = 1 ]; then
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need_pkgs+=(haproxy)
  command -v redis-server >/dev/null 2>&1 || need_pkgs+=(redis-server)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "[setup] apt-get install ${need_pkgs[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# 1. mediasoup 3.12.16 (built or cached).
built=""
if [ "${TELEKIOSK_MEDIASOUP_BUILD:-1}" != 0 ]; then
  build_log="$CACHE/build-mediasoup-worker.log"
  echo "[setup] mediasoup 3.12.16 worker: reusing the cached build or building it (about 6 min of compiling on 2 cores the first time; log: $build_log)"
  if built="$(bash "$ROOT/scripts/build-mediasoup-worker.sh" 2> >(tee "$build_log" | sed 's/^/[setup]   /' >&2))" && [ -x "$built" ]; then
    :
  else
    built=""
    echo "[setup] the mediasoup 3.12.16 worker build FAILED (see $build_log); falling back to Debian's 3.8.4 worker" >&2
  fi
else
  echo "[setup] TELEKIOSK_MEDIASOUP_BUILD=0: not building the mediasoup 3.12.16 worker"
fi

if [ -n "$built" ]; then
  echo "$built" >"$CHOSEN"
  echo "media path: mediasoup 3.12.16, WebRtcServer (one UDP + one TCP port per worker: RTC_PORT+i); worker $built" >"$CHOSEN.txt"
  echo "[setup] $(cat "$CHOSEN.txt")"
  exit 0
fi

# 2. Fallback: Debian's mediasoup-worker 3.8.4.
if [ ! -x "$WORKER_BIN" ]; then
  echo "[setup] fetching mediasoup-worker 3.8.4 from Debian experimental"
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
echo "$WORKER_BIN" >"$CHOSEN"
echo "media path: FALLBACK mediasoup 3.8.4 (Debian worker, no WebRtcServer: each transport takes a port from RTC_MIN_PORT-RTC_MAX_PORT); worker $WORKER_BIN" >"$CHOSEN.txt"
echo "[setup] $(cat "$CHOSEN.txt")"
