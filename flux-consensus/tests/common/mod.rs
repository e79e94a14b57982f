//! The real block vectors of `tests/data/blocks.json` (mainnet and testnet genesis, the PoW
//! header at 2,019,999, the first PoN block at 2,020,000), read one way by every test file.
//!
//! Each test binary uses a part of this module, so what one does not call is not dead code.
#![allow(dead_code)]

use serde_json::Value;

/// Every entry of `blocks.json`'s `vectors`, in file order.
pub fn vectors() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!("../data/blocks.json")).unwrap();
    v["vectors"].as_array().unwrap().clone()
}

/// The entry whose `id` is `id` (panics, failing the test, when there is none).
pub fn vector(id: &str) -> Value {
    vectors()
        .into_iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id} in tests/data/blocks.json"))
}

/// The entry's bytes: the whole block (`hex`) where it has one, else its header (`headerHex`).
pub fn bytes(id: &str) -> Vec<u8> {
    let v = vector(id);
    let text = v["hex"].as_str().or(v["headerHex"].as_str()).unwrap();
    hex::decode(text).unwrap()
}
