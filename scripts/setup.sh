#!/usr/bin/env bash
# Sets up a fresh clone: system pieces (Chromium, mediasoup-worker) and npm dependencies.
# Idempotent; safe to run again. Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-system.sh
MEDIASOUP_WORKER_BIN="$(find "$PWD/.cache/mediasoup-worker" -type f -name mediasoup-worker | head -1)"
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
