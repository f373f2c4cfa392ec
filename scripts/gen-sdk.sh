#!/usr/bin/env bash
# Generates the Python and C# SDKs of the provider plugin with Pulumi's own code generators, from the schema
# `pulumi package get-schema` prints from the built plugin (run `npm run build` first; `npm run gen-sdk`
# does both). `pulumi package gen-sdk` would call the language hosts pulumi-language-python and
# pulumi-language-dotnet, which the Go module proxy does not serve, so scripts/gen-sdk/ calls the same
# generators as Go packages:
#   python  github.com/pulumi/pulumi/pkg/v3/codegen/python at the CLI's version (go.mod)
#   dotnet  github.com/pulumi/pulumi/pkg/v3/codegen/dotnet at v3.225.1 (go.dotnet.mod), the last release
#           carrying it; it has moved to pulumi-dotnet's language host since, unchanged
# The generators are built once into the cache beside the CLI (a few minutes cold, keyed by their
# sources), never into the repo.
#   scripts/gen-sdk.sh [OUT_DIR]    writes OUT_DIR/python and OUT_DIR/dotnet (default: sdk/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(realpath -m "${1:-sdk}")"
CACHE_DIR="${PULUMI_FLOWLOGS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-flowlogs}"

log() { echo "[gen-sdk] $*" >&2; }

[ -f dist/plugin/main.js ] || { log "no built plugin in dist/: run npm run build first"; exit 1; }
pulumi_bin="$(bash scripts/setup-pulumi.sh | tail -n1)"
export PATH="$pulumi_bin:$PATH" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

# generator LANGUAGE MODFILE: the path of the generator for LANGUAGE, built if its sources changed.
generator() {
  local language="$1" modfile="$2" sources key binary
  sources=(scripts/gen-sdk/*.go "scripts/gen-sdk/$modfile" "scripts/gen-sdk/${modfile%.mod}.sum")
  key="$(cat "${sources[@]}" | sha256sum | cut -c1-16)"
  binary="$CACHE_DIR/gen-sdk-$language-$key/gen-sdk"
  if [ ! -x "$binary" ]; then
    log "building the $language generator (first run: a few minutes)"
    (cd scripts/gen-sdk && go build -modfile="$modfile" -tags "$language" -trimpath -o "$binary" .)
  fi
  echo "$binary"
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
PULUMI_HOME="$scratch/home" PULUMI_SKIP_UPDATE_CHECK=true \
  pulumi package get-schema "$PWD/bin/pulumi-resource-azure-flowlogs" >"$scratch/schema.json"

"$(generator python go.mod)" "$scratch/schema.json" "$out/python"
"$(generator dotnet go.dotnet.mod)" "$scratch/schema.json" "$out/dotnet"
# The project embeds version.txt, which Pulumi's provider builds write beside it.
node -p 'require("./package.json").version' >"$out/dotnet/version.txt"
log "wrote $out/python and $out/dotnet"
