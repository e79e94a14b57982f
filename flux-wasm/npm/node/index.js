// The package's Node entry point: the four WebAssembly modules joined into one API
// (flux_wasm: decoding, chain info, keys, addresses, messages, ZelID; flux_wasm_chain:
// transaction and fluxnode signatures, block checks, Equihash, next-bits; flux_wasm_apps: the
// FluxOS app model and payment; flux_wasm_os: the FluxOS client, async). Split so that each
// .wasm stays within 250 KB gzipped; each loads synchronously here.
"use strict";
// Spread object literal: the form Node's CommonJS lexer reads as re-exports, so that
// `import { txDecode } from "flux-wasm"` works in ES modules too.
module.exports = {
  ...require("./flux_wasm.js"),
  ...require("./flux_wasm_chain.js"),
  ...require("./flux_wasm_apps.js"),
  ...require("./flux_wasm_os.js"),
};
