#!/usr/bin/env bash
# Builds the flux-wasm npm package into flux-wasm/pkg/: the WebAssembly once for Node
# (pkg/node, CommonJS, loads synchronously) and once for browsers and bundlers (pkg/web, an
# ES module with `init()`), TypeScript declarations, package.json and README. Then prints
# each .wasm's gzipped size against the 250 KB budget and fails above it.
#
# Installs what it needs, only where missing:
#   - the wasm32-unknown-unknown target (rustup);
#   - clang and llvm-ar, for secp256k1's C code on wasm32 (apt);
#   - wasm-bindgen-cli of exactly the version of `wasm-bindgen` in Cargo.lock (cargo install,
#     about 13 minutes of CPU on 2 cores, so only when `wasm-bindgen --version` differs);
#   - wasm-opt from npm `binaryen` and the other pinned tools in flux-wasm/tools (npm ci).
#
# Usage: ./scripts/wasm.sh            build the package
#        ./scripts/wasm.sh --tools    only install the tools
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# --- tools -----------------------------------------------------------------------------
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || {
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

if ! command -v clang >/dev/null 2>&1 || ! command -v llvm-ar >/dev/null 2>&1; then
  say "installing clang and llvm (secp256k1's C code on wasm32)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang llvm >/dev/null
fi

# The CLI must be the very version the crate links against: wasm-bindgen refuses (or worse,
# silently mis-binds) otherwise.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || { say "no wasm-bindgen in Cargo.lock"; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (about 13 minutes)"
  # --locked where the registry has every locked version; our crates.io mirror lacks one
  # (webpki-roots 1.0.11), so fall back to a fresh resolution, which is what the upstream
  # instructions use.
  nice -n 10 cargo install --locked wasm-bindgen-cli --version "$WB_VERSION" ||
    nice -n 10 cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

TOOLS=flux-wasm/tools
if [ ! -d "$TOOLS/node_modules" ] || [ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]; then
  say "npm ci in $TOOLS (wasm-opt from npm binaryen, puppeteer-core)"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error)
fi
WASM_OPT="$PWD/$TOOLS/node_modules/.bin/wasm-opt"

[ "${1:-}" = "--tools" ] && exit 0

# --- build -----------------------------------------------------------------------------
# Four modules, each within the budget (flux-wasm/Cargo.toml's features say why and which
# functions each holds): flux_wasm (the default features), flux_wasm_chain, flux_wasm_apps and
# flux_wasm_os.
# The package's entry points (flux-wasm/npm/index.*) join them into one API.
export CC_wasm32_unknown_unknown=clang AR_wasm32_unknown_unknown=llvm-ar
# libsecp256k1 picks its field and scalar code by the widest multiply the compiler offers:
# clang gives wasm32 `__int128`, so it takes the 5x52 field, but wasm has no 64x64->128
# multiply and every one becomes a call to compiler-rt's `__multi3` (38 % of a signature's
# time in a profile). The 10x26 field, libsecp256k1's own choice on every 32-bit platform
# (same constant-time code, same results), uses wasm's native i64.mul instead: message
# verify 2.4x and sign 1.7x faster in Node, and the .wasm 0.5 KB smaller. wasm-test.sh
# builds the tests the same way.
export CFLAGS_wasm32_unknown_unknown="-DUSE_FORCE_WIDEMUL_INT64=1"
PKG=flux-wasm/pkg
rm -rf "$PKG"
mkdir -p "$PKG/node" "$PKG/web"
WASM=target/wasm32-unknown-unknown/wasm/flux_wasm.wasm
build_module() { # NAME CARGO-FEATURE-ARGS...
  local name=$1
  shift
  say "cargo build -p flux-wasm --target wasm32-unknown-unknown --profile wasm $*"
  cargo build -p flux-wasm --target wasm32-unknown-unknown --profile wasm "$@"
  for target in nodejs web; do
    dir=$PKG/$([ "$target" = nodejs ] && echo node || echo web)
    say "wasm-bindgen --target $target -> $dir/$name.js"
    wasm-bindgen --target "$target" --out-dir "$dir" --out-name "$name" \
      --remove-name-section --remove-producers-section "$WASM"
  done
  # wasm-bindgen writes the same .wasm for both targets (only the JS glue differs): optimize
  # it once, then copy (wasm-opt is the slow step).
  if cmp -s "$PKG/node/${name}_bg.wasm" "$PKG/web/${name}_bg.wasm"; then
    wasm_opt "$PKG/node/${name}_bg.wasm"
    cp "$PKG/node/${name}_bg.wasm" "$PKG/web/${name}_bg.wasm"
  else
    wasm_opt "$PKG/node/${name}_bg.wasm"
    wasm_opt "$PKG/web/${name}_bg.wasm"
  fi
}
wasm_opt() {
  say "wasm-opt -Oz $1"
  # The features rustc's wasm32 target emits today; wasm-opt must be told it may keep them.
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals --enable-multivalue --enable-reference-types "$1" -o "$1"
}
build_module flux_wasm
build_module flux_wasm_chain --no-default-features --features chain-exports
build_module flux_wasm_apps --no-default-features --features apps-exports
build_module flux_wasm_os --no-default-features --features os-exports
cp flux-wasm/npm/node/index.js flux-wasm/npm/node/index.d.ts "$PKG/node/"
cp flux-wasm/npm/web/index.js flux-wasm/npm/web/index.d.ts "$PKG/web/"
# node/ is CommonJS, web/ an ES module: each says so, whatever the importing project is.
echo '{ "type": "commonjs" }' >"$PKG/node/package.json"
echo '{ "type": "module" }' >"$PKG/web/package.json"

VERSION=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$VERSION\"/" flux-wasm/npm/package.json >"$PKG/package.json"
cp flux-wasm/npm/README.md "$PKG/README.md"
cp LICENSE* "$PKG/" 2>/dev/null || true

# --- size budget -----------------------------------------------------------------------
BUDGET=$((250 * 1000))
over=0
for f in "$PKG"/node/*_bg.wasm "$PKG"/web/*_bg.wasm; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  verdict="within"
  [ "$gz" -le "$BUDGET" ] || { verdict="OVER"; over=1; }
  printf '%s: %d bytes, %d bytes gzipped (-9): %s the 250 KB budget\n' "$f" "$raw" "$gz" "$verdict"
done
[ "$over" = 0 ] || { say "a .wasm is over the 250 KB gzipped budget"; exit 1; }
say "built $PKG"
