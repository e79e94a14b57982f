#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, and does nothing where it is already there:
#   - rustfmt, clippy and the wasm32-unknown-unknown target (rustup);
#   - clang and llvm-ar, which secp256k1's C code needs to build for wasm32 (apt);
#   - the JavaScript libraries the differential tests compare against (npm, pinned by
#     the lock file in tests/js).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }

if command -v rustup >/dev/null 2>&1; then
  installed=$(rustup component list --installed 2>/dev/null || true)
  for c in rustfmt clippy; do
    grep -q "^$c" <<<"$installed" || { say "rustup component add $c"; rustup component add "$c"; }
  done
  rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || {
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  }
fi

if ! command -v clang >/dev/null 2>&1 || ! command -v llvm-ar >/dev/null 2>&1; then
  say "installing clang and llvm (for secp256k1 on wasm32)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang llvm >/dev/null
fi

if [ -f tests/js/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is missing: install Node.js >= 18 (apt-get install nodejs npm)"; exit 1
  fi
  if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
    say "npm ci in tests/js (JavaScript reference libraries for differential tests)"
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "cargo install cargo-fuzz (builds and runs the fuzz targets)"
  cargo install cargo-fuzz --locked --quiet
fi
