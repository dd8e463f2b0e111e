#!/usr/bin/env bash
# Fuzzes every entry point of the four contracts with libFuzzer (issue 13):
#   scripts/fuzz.sh [seconds-per-target]   (default 60)
# Installs cargo-fuzz if missing; builds in fuzz/target (outside the workspace)
# without a sanitizer: the contracts are safe Rust, so what the fuzzers look for
# is a panic or an abort, which libFuzzer sees without one (and the build takes
# less of CI's time). Each target first replays the committed seeds
# (fuzz/corpus, made from docs/messages.md by `cargo run --bin gen-corpus` in
# fuzz/) and the kept crash inputs (fuzz/regressions), then fuzzes. A crash
# fails the script; copy its input (fuzz/artifacts/<target>/crash-*) to
# fuzz/regressions/<target>/ so every later run replays it (`cargo test` in
# fuzz/ replays seeds and regressions without libFuzzer too).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
unset CARGO_TARGET_DIR   # the fuzz crate keeps its own target dir
export RUSTC_BOOTSTRAP=1 # cargo-fuzz needs -Z flags; the stable toolchain accepts them so

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
start=$(date +%s)
for target in escrow governance distributor identity; do
  # One target at a time: the crate's other binary (gen-corpus) does not link
  # libFuzzer, so a build of every binary fails without a sanitizer runtime.
  cargo fuzz build --sanitizer none "$target"
  echo "== fuzz build of $target: $(( $(date +%s) - start ))s"
  mkdir -p "corpus/$target"
  run=$(mktemp -d)   # new finds go here, not into the committed seed dir
  echo "== fuzz $target for ${seconds}s"
  mkdir -p "regressions/$target"
  cargo fuzz run --sanitizer none "$target" "$run" "corpus/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1
  rm -rf "$run"
done
echo "== fuzz total: $(( $(date +%s) - start ))s, 0 crashes"
