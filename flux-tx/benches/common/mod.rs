//! The transactions both flux-tx benches use.

use flux_primitives::{Network, PrivateKey, ScriptBuf};
use flux_tx::builder::build_from_spec;
use flux_tx::Transaction;
use serde_json::{json, Value};

/// Flux's consensus branch id.
pub const BRANCH: u32 = 0x76b8_09bb;

/// The one signing key of the synthetic transaction.
pub fn key() -> PrivateKey {
    PrivateKey::from_slice(&[1; 32], true, Network::Main).expect("valid key")
}

/// The synthetic transaction: `n` P2PKH inputs of one key (txid byte `(i % 255) + 1`
/// repeated, vout `i`, value `100000 + i`), a P2PKH and a P2SH output; the same as
/// `tests/js/tx_bench.js` builds.
pub fn synthetic_spec(n: usize) -> Value {
    let k = key();
    let wif = k.to_wif();
    let p2pkh = ScriptBuf::p2pkh(&k.public_key().hash160()).to_hex();
    let total: u64 = (0..n as u64).map(|i| 100_000 + i).sum();
    let inputs: Vec<Value> = (0..n)
        .map(|i| {
            json!({"txid": hex::encode([(i % 255) as u8 + 1; 32]), "vout": i,
                   "amount": 100_000 + i as u64, "wif": wif})
        })
        .collect();
    json!({
        "network": "main", "branch_id": BRANCH, "expiry_height": 3_000_000,
        "inputs": inputs,
        "outputs": [
            {"script": p2pkh, "amount": total / 2},
            {"script": ScriptBuf::p2sh(&[7; 20]).to_hex(), "amount": total / 2 - 10_000},
        ],
    })
}

/// The synthetic transaction, built and signed.
pub fn synthetic(n: usize) -> Transaction {
    build_from_spec(&synthetic_spec(n)).expect("spec builds").tx
}

/// The real mainnet transactions of the test data: (id, bytes).
pub fn real_transactions() -> Vec<(String, Vec<u8>)> {
    let d: Value = serde_json::from_str(include_str!(
        "../../tests/data/transactions_transparent.json"
    ))
    .expect("vector JSON");
    let mut out: Vec<(String, Vec<u8>)> = d["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .filter_map(|v| {
            let hex = v["hex"].as_str()?;
            Some((v["id"].as_str()?.to_string(), hex::decode(hex).ok()?))
        })
        .collect();
    let f: Value =
        serde_json::from_str(include_str!("../../tests/data/fluxnode_transactions.json"))
            .expect("vector JSON");
    if let Some(v) = f["vectors"].as_array().and_then(|a| a.first()) {
        if let (Some(id), Some(hex)) = (v["id"].as_str(), v["hex"].as_str()) {
            out.push((id.to_string(), hex::decode(hex).expect("hex")));
        }
    }
    out
}
