#!/usr/bin/env bash
# `npm run demo`: set up a fresh clone, then walk a flow log through its lifecycle against the local
# Azure emulator with the real Pulumi engine (see scripts/demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pulumi_bin="$(bash scripts/bootstrap.sh | tail -n1)"
export PATH="$PWD/node_modules/.bin:$pulumi_bin:$PATH"
exec node -r ts-node/register/transpile-only scripts/demo.ts "$@"
