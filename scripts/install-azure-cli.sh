#!/usr/bin/env bash
# Installs Debian's azure-cli when `az` is absent: tests/emulator/azure-cli.test.ts drives the emulator
# with Microsoft's own CLI as an independent client. Idempotent and quiet; needs root (CI runs as root).
set -euo pipefail
command -v az >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -qq azure-cli >/dev/null
command -v az >/dev/null
