// The package's browser and bundler entry point: the four WebAssembly modules (flux_wasm,
// flux_wasm_chain, flux_wasm_apps, flux_wasm_os; split so that each .wasm stays within 250 KB
// gzipped) joined into one API. `await init()` loads all four, each .wasm fetched beside its
// JS file; `initSync({ main, chain, apps, os })` takes their bytes or compiled
// WebAssembly.Modules.
import initMain, { initSync as initSyncMain } from "./flux_wasm.js";
import initChain, { initSync as initSyncChain } from "./flux_wasm_chain.js";
import initApps, { initSync as initSyncApps } from "./flux_wasm_apps.js";
import initOs, { initSync as initSyncOs } from "./flux_wasm_os.js";

export * from "./flux_wasm.js";
export * from "./flux_wasm_chain.js";
export * from "./flux_wasm_apps.js";
export * from "./flux_wasm_os.js";

/**
 * Loads the four modules. `options.main`, `options.chain`, `options.apps` and `options.os` go
 * to each module's own init (e.g. `{ module_or_path: url }`).
 */
export default async function init(options = {}) {
  await Promise.all([initMain(options.main), initChain(options.chain), initApps(options.apps),
    initOs(options.os)]);
}

/** Loads the four modules synchronously: `initSync({ main, chain, apps, os })`. */
export function initSync({ main, chain, apps, os }) {
  initSyncMain({ module: main });
  initSyncChain({ module: chain });
  initSyncApps({ module: apps });
  initSyncOs({ module: os });
}
