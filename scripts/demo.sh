#!/usr/bin/env bash
# One command for a fresh machine: set up, build the web apps, start everything on the
# embedded defaults (PGlite database in .data/, simulated robot base, no cloud keys).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
npm run -s build
exec npm run -s start
