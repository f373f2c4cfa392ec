#!/usr/bin/env bash
# The one test command (`npm test`): typecheck, lint, then every test layer through mocha,
# with Node 24 and the real `pulumi` CLI (built once by setup-pulumi.sh) first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pulumi_bin="$(bash scripts/bootstrap.sh | tail -n1)"
export PATH="$PWD/node_modules/.bin:$pulumi_bin:$PATH"

if [ "${1:-}" != "--no-static" ]; then
  echo "== typecheck"; npx --no-install tsc --noEmit -p .
  echo "== lint"; npx --no-install biome check .
else
  shift
fi
echo "== pulumi $(pulumi version) at $(command -v pulumi), node $(node --version)"
echo "== tests"
exec npx --no-install mocha "$@"
