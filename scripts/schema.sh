#!/usr/bin/env bash
# Regenerates schema/<crate>/<crate>.json for every contract from the shared message
# types. With --check, fails when the committed schema/ is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p schema
for manifest in contracts/*/Cargo.toml; do
  dir=$(dirname "$manifest")
  pkg="fairgrid-$(basename "$dir")"
  [ -f "$dir/examples/schema.rs" ] || { echo "$dir has no examples/schema.rs" >&2; exit 1; }
  mkdir -p "schema/$pkg"
  cargo run --quiet --locked -p "$pkg" --example schema -- "schema/$pkg/$pkg.json"
done
if [ "${1:-}" = "--check" ]; then
  if [ -n "$(git status --porcelain -- schema)" ]; then
    git status --short -- schema
    git diff --stat -- schema
    echo "schema/ is stale: run scripts/schema.sh and commit the result" >&2
    exit 1
  fi
  echo "schema/ is up to date"
fi
