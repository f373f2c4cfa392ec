#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, each printing its figures and ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pulumi_bin="$(bash scripts/bootstrap.sh | tail -n1)"
export PATH="$PWD/node_modules/.bin:$pulumi_bin:$PATH"
echo "== building the package (the provider host runs dist/)"
node scripts/build.js
for bench in bench/*.bench.ts; do
  echo "== $bench"
  node -r ts-node/register/transpile-only "$bench"
done
