#!/usr/bin/env bash
# Makes the provider plugin's tarball for `pulumi plugin install resource azure-flowlogs <version> --file
# <tarball>`: the package from an `npm pack` tarball with its production dependencies (npm install
# --global into a staging folder: from npm's cache when offline), and at the top the launcher the engine
# runs. Node.js 22 or newer must be on PATH where the plugin runs. Prints the tarball's path.
# Usage: bash scripts/plugin-tarball.sh PACKAGE_TGZ OUT_DIR
set -euo pipefail
package_tgz="$(realpath "$1")"
out_dir="$(mkdir -p "$2" && realpath "$2")"
version="$(tar -xzOf "$package_tgz" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).version')"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
npm install --global --prefix "$staging" --omit=dev --no-audit --no-fund --prefer-offline "$package_tgz" >&2
plugin="$staging/lib/node_modules/pulumi-azure-flowlogs"
cat >"$plugin/pulumi-resource-azure-flowlogs" <<'LAUNCHER'
#!/bin/sh
# The engine runs this file from the installed plugin's folder; the package beside it does the work.
exec node "$(dirname "$0")/bin/pulumi-resource-azure-flowlogs" "$@"
LAUNCHER
chmod 755 "$plugin/pulumi-resource-azure-flowlogs"
tarball="$out_dir/pulumi-resource-azure-flowlogs-v$version-$(node -p 'process.platform')-$(node -p 'process.arch === "x64" ? "amd64" : process.arch').tar.gz"
tar -czf "$tarball" -C "$plugin" .
echo "$tarball"
