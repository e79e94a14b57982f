#!/usr/bin/env bash
# Tests the WebAssembly build where it runs. Expects ./scripts/wasm.sh to have built
# flux-wasm/pkg (scripts/test.sh runs both). Installs, only where missing, Debian's chromium
# and chromium-driver (apt).
#
#   1. wasm-bindgen-test under Node: flux-wasm's exported functions (tests/wasm.rs), the
#      RPC client against a loopback server (flux-client/tests/wasm_node.rs), and the
#      libraries' wasm-safe integration tests (`#[test]` is wasm-bindgen-test's on wasm32),
#      compiled for wasm32 and run;
#   2. the same flux-wasm test binary in headless Chromium (WASM_BINDGEN_USE_BROWSER=1);
#   3. `npm pack` of flux-wasm/pkg installed into a scratch project, then `node --test`
#      against the `flux` binary on the real vectors (flux-wasm/tests/npm);
#   4. the demo page flux-wasm/www in headless Chromium through puppeteer-core
#      (flux-wasm/tests/page): its self-check passes, and one interaction works.
#
# Usage: ./scripts/wasm-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

[ -f flux-wasm/pkg/package.json ] || { say "run ./scripts/wasm.sh first"; exit 1; }
command -v wasm-bindgen-test-runner >/dev/null 2>&1 || { say "run ./scripts/wasm.sh first (installs wasm-bindgen-cli)"; exit 1; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver (headless browser tests)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

export CC_wasm32_unknown_unknown=clang AR_wasm32_unknown_unknown=llvm-ar
# The libsecp256k1 configuration the package ships (scripts/wasm.sh says why).
export CFLAGS_wasm32_unknown_unknown="-DUSE_FORCE_WIDEMUL_INT64=1"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
wasm_test() { cargo test --target wasm32-unknown-unknown "$@"; }

# Every export of the three modules in one test binary (its size does not matter).
ALL_EXPORTS=(--features chain-exports,apps-exports)
say "wasm-bindgen-test in Node: flux-wasm"
wasm_test -p flux-wasm --test wasm "${ALL_EXPORTS[@]}"

# The FluxOS client exports against a loopback FluxOS double started from JavaScript in the
# same Node process (Node only: the double needs node:http).
say "wasm-bindgen-test in Node: flux-wasm's FluxOS client (tests/wasm_os.rs)"
wasm_test -p flux-wasm --test wasm_os --features os-exports,apps-exports

# flux-client's RPC client on wasm32 under Node (reqwest over the host's fetch) against a
# loopback fluxd stand-in that the test starts from JavaScript in the same process.
say "wasm-bindgen-test in Node: flux-client's RPC client (tests/wasm_node.rs)"
wasm_test -p flux-client --test wasm_node

# Every integration test of the libraries that does not need a file system or a child
# process (those say `#![cfg(not(target_arch = "wasm32"))]`), compiled for wasm32 and run.
say "wasm-bindgen-test in Node: the libraries' integration tests on wasm32"
wasm_test -p flux-primitives -p flux-tx -p flux-consensus -p flux-zelid --test '*'

say "wasm-bindgen-test in headless Chromium: flux-wasm"
WASM_BINDGEN_USE_BROWSER=1 wasm_test -p flux-wasm --test wasm "${ALL_EXPORTS[@]}"

say "npm pack, install into a scratch project, node --test against the flux binary"
cargo build -q -p flux-cli
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(cd flux-wasm/pkg && npm pack --silent --pack-destination "$scratch")
(cd "$scratch" && echo '{ "private": true }' >package.json &&
  npm install --no-audit --no-fund --loglevel=error "./$tarball" >/dev/null)
FLUX_WASM_PROJECT="$scratch" FLUX_BIN="$PWD/target/debug/flux" \
  node --test flux-wasm/tests/npm/

say "demo page (flux-wasm/www) in headless Chromium: self-check and one interaction"
node --test flux-wasm/tests/page/

say "wasm tests passed"
