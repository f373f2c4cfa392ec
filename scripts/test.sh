#!/usr/bin/env bash
# The one test command (`npm test`): typecheck, lint, then every test layer through mocha,
# with the real `pulumi` CLI (built once by setup-pulumi.sh) first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${1:-}" != "--no-static" ]; then
  echo "== typecheck"; npx --no-install tsc --noEmit -p .
  echo "== lint"; npx --no-install biome check .
else
  shift
fi
echo "== pulumi CLI"
pulumi_bin="$(bash scripts/setup-pulumi.sh | tail -n1)"
export PATH="$pulumi_bin:$PATH"
echo "pulumi $(pulumi version) at $(command -v pulumi)"
echo "== tests"
exec npx --no-install mocha "$@"
