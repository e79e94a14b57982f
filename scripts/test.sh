#!/usr/bin/env bash
# The one test command: installs what it needs (scripts/setup.sh), then runs every check
# CI runs. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup"
./scripts/setup.sh

# Differential tests compare against the JavaScript libraries installed by setup.sh; with
# this set they fail (rather than skip) if those libraries are missing.
export FLUX_DIFFERENTIAL=1

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (every crate, unit + integration + doc tests)"
cargo test --workspace

# Wallets and dApps run these in browsers; secp256k1's C code needs clang for wasm32.
step "wasm32 build of the browser crates"
CC_wasm32_unknown_unknown=clang AR_wasm32_unknown_unknown=llvm-ar \
  cargo build --target wasm32-unknown-unknown \
  -p flux-primitives -p flux-tx -p flux-consensus -p flux-zelid -p flux-client

step "fuzz targets build and run over their seed corpus"
./scripts/fuzz-smoke.sh

step "benchmarks build"
cargo bench --workspace --no-run

echo
echo "all checks passed"
