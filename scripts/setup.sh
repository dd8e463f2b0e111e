#!/usr/bin/env bash
# Installs what the build needs on a fresh machine; quick when all is there.
#   the wasm32 target and rustfmt/clippy (rustup), binaryen 132 (npm, pinned by
#   tools/package-lock.json) and wabt's wasm-validate (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v rustup >/dev/null; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! command -v wasm-validate >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wabt >/dev/null
fi
