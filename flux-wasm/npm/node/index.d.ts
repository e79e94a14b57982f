// Every function of the four modules; the typed inputs and outputs are in flux_wasm.d.ts.
export * from "./flux_wasm";
export * from "./flux_wasm_chain";
export * from "./flux_wasm_apps";
export * from "./flux_wasm_os";
