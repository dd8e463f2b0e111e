#!/usr/bin/env bash
# The main job: for every contract under contracts/, build the wasm, optimize and
# lower it to MVP opcodes with binaryen, write artifacts/<crate>.wasm and
# artifacts/checksums.txt, validate each artifact with the CosmWasm VM's own
# checks and with wabt (MVP only: runs on CosmWasm 2.x chains too), then run
# the artifacts in the VM and print the gas report (kept in docs/gas-report.md)
# and the fairness report (docs/fairness-report.md).
#
#   --artifacts-only        stop after building and validating
#   --verify-reproducible   build a second time from a clean wasm target dir and
#                           require byte-identical artifacts
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Cargo writes where CARGO_TARGET_DIR points (default: target/ here); the wasm
# is read from there. Made absolute so the yardstick's own workspace shares it.
target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

artifacts_only=false
verify=false
for arg in "$@"; do
  case "$arg" in
    --artifacts-only) artifacts_only=true ;;
    --verify-reproducible) verify=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

scripts/setup.sh

packages=()
for manifest in contracts/*/Cargo.toml; do
  dir=$(dirname "$manifest")
  packages+=("fairgrid-$(basename "$dir")")
done

artifact_files() {
  for pkg in "${packages[@]}"; do echo "${pkg//-/_}.wasm"; done
  echo cw20_base.wasm
}

build() {
  # Paths are remapped so the artifact does not depend on where the checkout is.
  # v0 symbol names keep generic arguments in the linked wasm's name section,
  # which the gas report reads to say where a missed artifact's bytes go.
  local cargo_home=${CARGO_HOME:-$HOME/.cargo}
  local flags="-C symbol-mangling-version=v0 --remap-path-prefix=$root=/fairgrid --remap-path-prefix=$cargo_home=/cargo"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    cargo build --release --locked --lib --target wasm32-unknown-unknown \
    $(printf -- '-p %s ' "${packages[@]}")
  # cw20-base with its entry points, the gas report's yardstick (own workspace).
  CARGO_TARGET_DIR="$target_dir" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    cargo build --release --locked --lib --target wasm32-unknown-unknown \
    --manifest-path tools/cw20-yardstick/Cargo.toml -p cw20-base
  mkdir -p artifacts
  for file in $(artifact_files); do
    # Fairgrid's contracts optimize for size (VM gas is a small part of the
    # SDK gas, bytes on chain are not); the yardstick keeps the usual -Os.
    local level=-Oz
    [ "$file" = cw20_base.wasm ] && level=-Os
    tools/node_modules/.bin/wasm-opt "$level" --signext-lowering --llvm-memory-copy-fill-lowering \
      --strip-debug --strip-producers \
      "$target_dir/wasm32-unknown-unknown/release/$file" -o "artifacts/$file"
  done
  (cd artifacts && sha256sum -- *.wasm > checksums.txt)
}

build

if $verify; then
  cp artifacts/checksums.txt /tmp/fairgrid-checksums.first
  for pkg in "${packages[@]}"; do
    cargo clean --release --target wasm32-unknown-unknown -p "$pkg" 2>/dev/null
  done
  build
  if ! diff -u /tmp/fairgrid-checksums.first artifacts/checksums.txt; then
    echo "artifacts differ between two builds" >&2
    exit 1
  fi
  echo "reproducible: two builds gave byte-identical artifacts"
fi

echo "artifact                                  bytes  sha256"
for file in $(artifact_files); do
  wasm-validate --disable-bulk-memory --disable-reference-types --disable-sign-extension \
    "artifacts/$file"
  printf '%-40s %7d  %s\n' "$file" "$(stat -c %s "artifacts/$file")" \
    "$(grep " $file\$" artifacts/checksums.txt | cut -c1-16)…"
done
echo "wabt: every artifact is MVP wasm (no bulk memory, reference types or sign-ext)"

cargo run --quiet --locked -p fairgrid-vm -- check artifacts/*.wasm

if ! $artifacts_only; then
  # The report is deterministic for given artifacts; CI checks the committed copy.
  cargo run --quiet --locked -p fairgrid-vm -- report | tee docs/gas-report.md
  # The fairness report: the 1,000-holder set through the real contracts on
  # cw-multi-test (docs/fairness-report.md and its SVG plots; CI checks them too).
  cargo run --quiet --locked -p fairgrid-fairness -- docs
  sed -n '/^## Concentration, no splitting/,/^## Targets/p' docs/fairness-report.md | sed '$d'
fi
