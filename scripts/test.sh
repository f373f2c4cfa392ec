#!/usr/bin/env bash
# The one test command (`npm test`; `npm run test:only -- FILES` skips the static checks and runs FILES): typecheck, lint, a fresh build packed as users get it, then every
# test layer through mocha, with Node 24 and the real `pulumi` CLI (set up by setup-pulumi.sh) first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pulumi_bin="$(bash scripts/bootstrap.sh | tail -n1)"
bash scripts/install-azure-cli.sh # tests/emulator/azure-cli.test.ts drives the emulator with `az`
export PATH="$PWD/node_modules/.bin:$pulumi_bin:$PATH"

if [ "${1:-}" != "--no-static" ]; then
  echo "== typecheck"; npx --no-install tsc --noEmit -p .
  echo "== lint"; npx --no-install biome check .
else
  shift
fi
echo "== build and pack (the tests' provider host and the consumer layer run what users install)"
pack_dir="$PWD/.pulumi-test/pack"
rm -rf "$pack_dir" && mkdir -p "$pack_dir"
FLOWLOGS_TARBALL="$pack_dir/$(npm pack --silent --pack-destination "$pack_dir" | tail -n1)"
export FLOWLOGS_TARBALL
echo "   $FLOWLOGS_TARBALL ($(du -k "$FLOWLOGS_TARBALL" | cut -f1) KB)"
echo "== pulumi $(pulumi version) at $(command -v pulumi), language host $(readlink -f "$(command -v pulumi-language-nodejs)"), node $(node --version)"
echo "== tests"
# Test files given as arguments run alone; none given means every layer.
[ "$#" -gt 0 ] || set -- "tests/**/*.test.ts"
exec npx --no-install mocha "$@"
