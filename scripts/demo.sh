#!/usr/bin/env bash
# `make demo`: build an example guest, execute it, then (when available) prove and verify it.
set -euo pipefail
BUILD=${1:-build}
Z=$BUILD/bin/ziskc
echo "== ziskc demo =="
$Z --version
echo "(the guest SDK and the emulator are being built; see the issues)"
