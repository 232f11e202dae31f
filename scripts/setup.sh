#!/usr/bin/env bash
# Sets up a fresh clone: system pieces (Chromium, the mediasoup worker: 3.12.16 built and cached,
# or Debian's 3.8.4 as the fallback) and npm dependencies.
# Idempotent; safe to run again. Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-system.sh
# The worker setup-system.sh chose (mediasoup 3.12.16 build, or Debian's 3.8.4 fallback). With
# MEDIASOUP_WORKER_BIN set, mediasoup's postinstall skips its GitHub download (npm >= 11.19 skips
# it anyway: root package.json denies mediasoup's install scripts in `allowScripts`).
MEDIASOUP_WORKER_BIN="$(cat .cache/mediasoup-worker-bin)"
export MEDIASOUP_WORKER_BIN
# The Electron binary download needs GitHub; the kiosk renderer runs in a browser without it.
# On a machine with internet: node node_modules/electron/install.js
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "[setup] node_modules up to date"
fi
echo "[setup] $(cat .cache/mediasoup-worker-bin.txt)"
