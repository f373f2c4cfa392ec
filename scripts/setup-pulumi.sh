#!/usr/bin/env bash
# Makes the Pulumi CLI and the two helpers a Node.js program needs available without any download but
# the Go module proxy:
#   pulumi                         the one on PATH when new enough, else built from github.com/pulumi/pulumi/pkg/v3
#   pulumi-language-nodejs         runs a Pulumi.yaml project (`pulumi up` in a pipeline); the proxy refuses it
#                                  as a module of its own, so it is built from the sdk/v3 module that still holds it
#   pulumi-resource-pulumi-nodejs  hosts dynamic providers; Pulumi's own launcher script, from the sdk module
#   pulumi-language-yaml           runs a YAML program (the plugin's other-language tests); built from
#                                  github.com/pulumi/pulumi-yaml at $YAML_VERSION
#   pulumi-analyzer-policy         starts a Node.js policy pack (policy/analyzer runs it); Pulumi's launcher
#                                  script from sdk/v3@$LANGUAGE_HOST_SDK_VERSION, the last release that ships it,
#                                  since that language host cannot start policy packs itself
# Everything goes into a cache outside the repo and never into an existing Pulumi installation. Prints,
# as its last line of stdout, the directory to put first on PATH: our own CLI's, with the helpers beside
# it (where the CLI looks for them first), or, beside an existing CLI, one holding only what it lacks.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.274.1}"
MIN_VERSION="3.181.0"
# The last sdk/v3 release whose module still contains nodejs/cmd/pulumi-language-nodejs.
LANGUAGE_HOST_SDK_VERSION="v3.68.0"
YAML_VERSION="${YAML_VERSION:-v1.25.0}"
CACHE_DIR="${PULUMI_FLOWLOGS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-flowlogs}"
EXTRAS_DIR="$CACHE_DIR/bin"

log() { echo "[setup-pulumi] $*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# Finds a command on PATH, ignoring the directories this script manages.
ambient() {
  PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v "^$CACHE_DIR/" | paste -sd: -)" command -v "$1" || true
}

# go_build MODULE VERSION PACKAGE OUTPUT [LDFLAGS]: builds one command of a module in a throwaway main
# module, copying the module's non-local replace directives (which `go install pkg@version` refuses).
go_build() {
  local module="$1" version="$2" package="$3" output="$4" ldflags="${5:-}"
  command -v go >/dev/null || { log "no Go toolchain to build $package"; exit 1; }
  local build_dir="$CACHE_DIR/build-$(basename "$output")-$version"
  rm -rf "$build_dir" && mkdir -p "$build_dir" "$(dirname "$output")"
  (
    cd "$build_dir"
    export GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
    go mod init throwaway-build >/dev/null 2>&1
    log "resolving $module@$version"
    local gomod
    gomod="$(go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
    go mod edit -json "$gomod" | node -e '
      const mod = JSON.parse(require("fs").readFileSync(0, "utf8"));
      for (const r of mod.Replace || []) {
        if (r.New.Path.startsWith(".") || r.New.Path.startsWith("/")) continue;
        const from = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
        const to = r.New.Version ? `${r.New.Path}@${r.New.Version}` : r.New.Path;
        console.log(`-replace=${from}=${to}`);
      }' | xargs -r go mod edit
    go mod edit -require="$module@$version"
    log "downloading modules for $package"
    go get "$package@$version" 2>&1 | sed 's/^/[setup-pulumi]   /' >&2
    log "compiling $package (go build -v lists packages as they finish)"
    go build -v -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$output" "$package" 2>&1 |
      awk '{ n++; if (n % 50 == 0) printf "[setup-pulumi]   %d packages compiled (%s)\n", n, $0 > "/dev/stderr" } END { printf "[setup-pulumi]   %d packages compiled\n", n > "/dev/stderr" }'
  )
  [ -x "$output" ] || { log "building $package failed"; exit 1; }
  rm -rf "$build_dir"
}

# The directory of the sdk/v3 module at a version, downloaded through the proxy.
sdk_module_dir() {
  (cd "$CACHE_DIR" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" go mod download -json "github.com/pulumi/pulumi/sdk/v3@$1" |
    sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
}

# 1. pulumi
pulumi="$(ambient pulumi)"
if [ -n "$pulumi" ] && version_at_least "$("$pulumi" version | sed 's/^v//; s/-.*//')" "$MIN_VERSION"; then
  log "using pulumi $("$pulumi" version) from $pulumi"
  installation="$(dirname "$pulumi")"
  path_dir="$EXTRAS_DIR"
else
  [ -n "$pulumi" ] && log "pulumi on PATH ($pulumi) is older than $MIN_VERSION"
  pulumi="$CACHE_DIR/pulumi-$PULUMI_VERSION/bin/pulumi"
  installation=""
  if [ ! -x "$pulumi" ]; then
    log "building pulumi $PULUMI_VERSION from the Go module proxy (first run: several minutes)"
    go_build github.com/pulumi/pulumi/pkg/v3 "$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$pulumi" \
      "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
  fi
  log "using pulumi $("$pulumi" version) built at $pulumi"
  path_dir="$(dirname "$pulumi")"
fi
mkdir -p "$path_dir"
# link NAME TARGET: put TARGET on PATH as NAME (TARGET empty: take NAME off again, if we put it there).
link() { if [ -n "$2" ]; then ln -sfn "$2" "$path_dir/$1"; elif [ -L "$path_dir/$1" ]; then rm -f "$path_dir/$1"; fi; }

# Helpers the CLI finds next to itself or on PATH: an existing installation's own win; ours fill the gaps.
provided() { [ -n "$installation" ] && { [ -x "$installation/$1" ] || [ -n "$(ambient "$1")" ]; }; }

# 2. the Node.js language host
if provided pulumi-language-nodejs; then
  log "using the installation's pulumi-language-nodejs"
  link pulumi-language-nodejs ""
else
  host="$CACHE_DIR/language-nodejs-$LANGUAGE_HOST_SDK_VERSION/pulumi-language-nodejs"
  if [ ! -x "$host" ]; then
    log "building pulumi-language-nodejs from sdk/v3@$LANGUAGE_HOST_SDK_VERSION"
    go_build github.com/pulumi/pulumi/sdk/v3 "$LANGUAGE_HOST_SDK_VERSION" \
      github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$host" \
      "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGUAGE_HOST_SDK_VERSION"
  fi
  link pulumi-language-nodejs "$host"
fi

# 3. the dynamic-provider launcher (a shell script that starts @pulumi/pulumi's host with `node` on PATH)
if provided pulumi-resource-pulumi-nodejs; then
  log "using the installation's pulumi-resource-pulumi-nodejs"
  link pulumi-resource-pulumi-nodejs ""
else
  # Copied afresh each time (Go's module cache makes it quick), so an older launcher never lingers.
  launcher="$CACHE_DIR/launchers-$PULUMI_VERSION/pulumi-resource-pulumi-nodejs"
  mkdir -p "$(dirname "$launcher")"
  cp "$(sdk_module_dir "$PULUMI_VERSION")/nodejs/dist/pulumi-resource-pulumi-nodejs" "$launcher"
  chmod 755 "$launcher"
  link pulumi-resource-pulumi-nodejs "$launcher"
fi

# 4. the policy-pack launcher (a shell script that starts @pulumi/pulumi's run-policy-pack with `node`)
if provided pulumi-analyzer-policy; then
  log "using the installation's pulumi-analyzer-policy"
  link pulumi-analyzer-policy ""
else
  analyzer="$CACHE_DIR/launchers-$LANGUAGE_HOST_SDK_VERSION/pulumi-analyzer-policy"
  mkdir -p "$(dirname "$analyzer")"
  cp "$(sdk_module_dir "$LANGUAGE_HOST_SDK_VERSION")/nodejs/dist/pulumi-analyzer-policy" "$analyzer"
  chmod 755 "$analyzer"
  link pulumi-analyzer-policy "$analyzer"
fi

# 5. the YAML language host (Pulumi.yaml programs with `runtime: yaml`)
if provided pulumi-language-yaml; then
  log "using the installation's pulumi-language-yaml"
  link pulumi-language-yaml ""
else
  yaml_host="$CACHE_DIR/language-yaml-$YAML_VERSION/pulumi-language-yaml"
  if [ ! -x "$yaml_host" ]; then
    log "building pulumi-language-yaml $YAML_VERSION from the Go module proxy (first run: several minutes)"
    go_build github.com/pulumi/pulumi-yaml "$YAML_VERSION" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "$yaml_host" \
      "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION"
  fi
  link pulumi-language-yaml "$yaml_host"
fi

echo "$path_dir"
