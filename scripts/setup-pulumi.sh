#!/usr/bin/env bash
# Makes a `pulumi` CLI available without any download but the Go module proxy.
# Uses the one on PATH when it is new enough, otherwise builds it from the Go module
# github.com/pulumi/pulumi/pkg/v3 into a cache outside the repo (seconds on a second run).
# Prints the directory to put first on PATH as its last line of stdout.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.274.1}"
MIN_VERSION="3.181.0"
CACHE_DIR="${PULUMI_FLOWLOGS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-flowlogs}"
BIN_DIR="$CACHE_DIR/pulumi-$PULUMI_VERSION/bin"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "[setup-pulumi] $*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

install_dynamic_provider_launcher() {
  # The engine looks for `pulumi-resource-pulumi-nodejs` next to `pulumi` or on PATH to
  # host dynamic providers; we start the one shipped in @pulumi/pulumi with Node 24.
  local launcher="$1/pulumi-resource-pulumi-nodejs"
  cat >"$launcher" <<'LAUNCHER'
#!/usr/bin/env bash
set -euo pipefail
project="${PULUMI_FLOWLOGS_ROOT:-}"
if [ -z "$project" ]; then
  dir="$PWD"
  while [ "$dir" != "/" ] && [ ! -d "$dir/node_modules/@pulumi/pulumi" ]; do dir="$(dirname "$dir")"; done
  project="$dir"
fi
entry="$project/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"
node="$project/node_modules/.bin/node"
if [ ! -f "$entry" ]; then
  echo "pulumi-resource-pulumi-nodejs: cannot find $entry (set PULUMI_FLOWLOGS_ROOT to the project root and run npm ci)" >&2
  exit 1
fi
[ -x "$node" ] || node="$(command -v node)"
exec "$node" "$entry" "$@"
LAUNCHER
  chmod +x "$launcher"
}

existing="$(command -v pulumi || true)"
if [ -n "$existing" ] && [ "$existing" != "$BIN_DIR/pulumi" ]; then
  have="$("$existing" version 2>/dev/null | sed 's/^v//')"
  if version_at_least "${have%%-*}" "$MIN_VERSION"; then
    log "using pulumi $have from $existing"
    dir="$(dirname "$existing")"
    [ -x "$dir/pulumi-resource-pulumi-nodejs" ] || { dir="$CACHE_DIR/launcher"; mkdir -p "$dir"; }
    install_dynamic_provider_launcher "$dir"
    echo "$dir"
    exit 0
  fi
  log "pulumi $have on PATH is older than $MIN_VERSION; building $PULUMI_VERSION"
fi

if [ -x "$BIN_DIR/pulumi" ]; then
  log "using cached pulumi $("$BIN_DIR/pulumi" version) from $BIN_DIR"
  install_dynamic_provider_launcher "$BIN_DIR"
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
log "building pulumi $PULUMI_VERSION from the Go module proxy (first run: several minutes)"
build_dir="$CACHE_DIR/build-$PULUMI_VERSION"
rm -rf "$build_dir" && mkdir -p "$build_dir" "$BIN_DIR"
cd "$build_dir"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

go mod init pulumi-cli-build >/dev/null 2>&1
log "resolving github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION"
pkg_gomod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
# pkg's own go.mod carries replace directives that `go install pkg@version` refuses; copy
# the non-local ones so our throwaway main module resolves the same dependency graph.
go mod edit -json "$pkg_gomod" | node -e '
  const mod = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const r of mod.Replace || []) {
    if (r.New.Path.startsWith(".") || r.New.Path.startsWith("/")) continue;
    const from = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
    const to = r.New.Version ? `${r.New.Path}@${r.New.Version}` : r.New.Path;
    console.log(`-replace=${from}=${to}`);
  }' | xargs -r go mod edit
go mod edit -require="github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
log "downloading modules"
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" 2>&1 | sed 's/^/[setup-pulumi]   /' >&2
log "compiling (go build -v lists packages as they finish)"
go build -v -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
  -o "$BIN_DIR/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi 2>&1 |
  awk '{ n++; if (n % 50 == 0) printf "[setup-pulumi]   %d packages compiled (%s)\n", n, $0 > "/dev/stderr" } END { printf "[setup-pulumi]   %d packages compiled\n", n > "/dev/stderr" }'
[ -x "$BIN_DIR/pulumi" ] || { log "build failed"; exit 1; }
rm -rf "$build_dir"
install_dynamic_provider_launcher "$BIN_DIR"
log "installed pulumi $("$BIN_DIR/pulumi" version) at $BIN_DIR"
echo "$BIN_DIR"
