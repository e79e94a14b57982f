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

# wasm-bindgen-cli takes about 13 minutes of CPU to build where it is missing: start the
# wasm tools' installation now, at low priority, so it overlaps the Rust checks below.
mkdir -p target
# Its own process group, so that an early failure below stops it too.
setsid nice -n 10 ./scripts/wasm.sh --tools >target/wasm-tools.log 2>&1 &
wasm_tools=$!
trap 'kill -- -"$wasm_tools" 2>/dev/null || true' EXIT

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo doc without warnings (broken intra-doc links, missing docs)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

step "cargo test (every crate, unit + integration + doc tests)"
cargo test --workspace

# Wallets and dApps run these in browsers; secp256k1's C code needs clang for wasm32.
step "wasm32 build of the browser crates"
CC_wasm32_unknown_unknown=clang AR_wasm32_unknown_unknown=llvm-ar \
  cargo build --target wasm32-unknown-unknown \
  -p flux-primitives -p flux-tx -p flux-consensus -p flux-zelid -p flux-client

# The npm package (flux-wasm): built, size-checked, and tested in Node and headless Chromium.
# The first run on a machine installs wasm-bindgen-cli (about 13 minutes) and Chromium.
step "npm package flux-wasm: build (scripts/wasm.sh)"
wait "$wasm_tools" || { cat target/wasm-tools.log; exit 1; }
./scripts/wasm.sh

step "flux-wasm and the libraries on wasm32: Node, headless Chromium, npm tarball (scripts/wasm-test.sh)"
./scripts/wasm-test.sh

step "fuzz targets build and run over their seed corpus"
./scripts/fuzz-smoke.sh

step "benchmarks build"
cargo bench --workspace --no-run

echo
echo "all checks passed"
