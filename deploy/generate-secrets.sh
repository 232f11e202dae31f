#!/usr/bin/env bash
# Fills the empty secrets of an env file (default deploy/compose/.env, created from
# deploy/.env.example) with random values; existing values are kept. Usage:
#   bash deploy/generate-secrets.sh [path/to/.env]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="${1:-$HERE/compose/.env}"
[ -f "$ENV_FILE" ] || cp "$HERE/.env.example" "$ENV_FILE"
chmod 600 "$ENV_FILE"
for key in POSTGRES_PASSWORD TURN_SECRET METRICS_TOKEN; do
  if grep -qE "^$key=$" "$ENV_FILE"; then
    value="$(openssl rand -hex 32)"
    sed -i "s|^$key=$|$key=$value|" "$ENV_FILE"
    echo "generated $key"
  fi
done
echo "secrets in $ENV_FILE (mode 600); keep it out of version control"
