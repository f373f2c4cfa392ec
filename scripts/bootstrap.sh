#!/usr/bin/env bash
# Brings a fresh clone to a runnable state: npm packages from the lockfile (Node 24 comes with them)
# and a `pulumi` CLI. Prints the directory holding `pulumi` as its last line of stdout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
bash scripts/setup-pulumi.sh | tail -n1
