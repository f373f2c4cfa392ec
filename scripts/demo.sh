#!/usr/bin/env bash
# `npm run demo`: set up a fresh clone, build the package, then walk two flow logs through their
# lifecycle with the real `pulumi` CLI on this repo's Pulumi.yaml against the local emulator (scripts/demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pulumi_bin="$(bash scripts/bootstrap.sh | tail -n1)"
export PATH="$PWD/node_modules/.bin:$pulumi_bin:$PATH"
echo "== building the package (the provider host runs dist/, as in a user's project)"
node scripts/build.js
exec node -r ts-node/register/transpile-only scripts/demo.ts "$@"
