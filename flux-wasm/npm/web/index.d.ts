// Every function of the four modules; the typed inputs and outputs are in flux_wasm.d.ts.
export * from "./flux_wasm";
export * from "./flux_wasm_chain";
export * from "./flux_wasm_apps";
export * from "./flux_wasm_os";
// Each module declares these; the main module's are meant (this resolves the ambiguity of
// the `export *` lines).
export type { InitInput, InitOutput, SyncInitInput } from "./flux_wasm";

type ModuleSource = import("./flux_wasm").InitInput | Promise<import("./flux_wasm").InitInput>;

/** Where each module's .wasm comes from (default: beside its JS file). */
export interface InitOptions {
  main?: { module_or_path: ModuleSource };
  chain?: { module_or_path: ModuleSource };
  apps?: { module_or_path: ModuleSource };
  os?: { module_or_path: ModuleSource };
}

/** Loads the four modules. */
export default function init(options?: InitOptions): Promise<void>;

/** Loads the four modules synchronously from their bytes or compiled modules. */
export function initSync(modules: {
  main: BufferSource | WebAssembly.Module;
  chain: BufferSource | WebAssembly.Module;
  apps: BufferSource | WebAssembly.Module;
  os: BufferSource | WebAssembly.Module;
}): void;
