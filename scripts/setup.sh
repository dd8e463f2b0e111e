#!/usr/bin/env bash
# Installs what the build needs on a fresh machine; quick when all is there.
#   the wasm32 target and rustfmt/clippy (rustup), binaryen 132 (npm, pinned by
#   tools/package-lock.json), and Debian packages: wabt's wasm-validate, a C
#   toolchain, pkg-config and the OpenSSL headers.
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

# Debian packages: wabt's wasm-validate; a C toolchain, pkg-config and the
# OpenSSL headers, which crates with C parts need (wasmer's runtime, ring,
# secp256k1, and openssl-sys under the deploy crate's gRPC client).
packages=()
command -v wasm-validate >/dev/null || packages+=(wabt)
command -v cc >/dev/null || packages+=(build-essential)
command -v pkg-config >/dev/null || packages+=(pkg-config)
{ command -v pkg-config >/dev/null && pkg-config --exists openssl; } || packages+=(libssl-dev)
if [ ${#packages[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
