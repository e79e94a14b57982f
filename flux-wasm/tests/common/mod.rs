//! Real vectors shared by the native and the wasm32 tests: the libraries' own test data,
//! compiled in (a wasm32 test has no file system), with their provenance in each data
//! directory's README.md.
#![allow(dead_code)]

use serde_json::Value;

/// Mainnet and testnet blocks and headers (fluxd chainparams, Flux_Atlas fixtures).
pub const BLOCKS: &str = include_str!("../../../flux-consensus/tests/data/blocks.json");
/// Real transparent transactions of every version with their spent outputs.
pub const TRANSACTIONS: &str =
    include_str!("../../../flux-tx/tests/data/transactions_transparent.json");
/// Real fluxnode START/CONFIRM transactions with fluxd's decoderawtransaction output.
pub const FLUXNODE: &str = include_str!("../../../flux-tx/tests/data/fluxnode_transactions.json");

/// The `vectors` array of one of the files above.
pub fn vectors(file: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(file).expect("vector file is JSON");
    v["vectors"].as_array().expect("vectors array").clone()
}

/// The vector with this id.
pub fn by_id(file: &str, id: &str) -> Value {
    vectors(file)
        .into_iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
}

/// Real FluxOS app specifications with FluxOS's own format/validate/price answers
/// (flux-client/tests/data/README.md).
pub const APPS: &str = include_str!("../../../flux-client/tests/data/app_vectors.json");

/// The app vectors as a list.
pub fn apps() -> Vec<Value> {
    serde_json::from_str(APPS).expect("app vectors are JSON")
}

/// The BIP39 "abandon … about" phrase (BIP39's published vectors).
pub const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
