// The package's browser and bundler entry point: the three WebAssembly modules (flux_wasm,
// flux_wasm_chain, flux_wasm_apps; split so that each .wasm stays within 250 KB gzipped)
// joined into one API. `await init()` loads all three, each .wasm fetched beside its JS file;
// `initSync({ main, chain, apps })` takes their bytes or compiled WebAssembly.Modules.
import initMain, { initSync as initSyncMain } from "./flux_wasm.js";
import initChain, { initSync as initSyncChain } from "./flux_wasm_chain.js";
import initApps, { initSync as initSyncApps } from "./flux_wasm_apps.js";

export * from "./flux_wasm.js";
export * from "./flux_wasm_chain.js";
export * from "./flux_wasm_apps.js";

/**
 * Loads the three modules. `options.main`, `options.chain` and `options.apps` go to each
 * module's own init (e.g. `{ module_or_path: url }`).
 */
export default async function init(options = {}) {
  await Promise.all([initMain(options.main), initChain(options.chain), initApps(options.apps)]);
}

/** Loads the three modules synchronously: `initSync({ main, chain, apps })`. */
export function initSync({ main, chain, apps }) {
  initSyncMain({ module: main });
  initSyncChain({ module: chain });
  initSyncApps({ module: apps });
}
