//! `flux fluxnode ...` end to end: spec 11.4's fluxd-verified START, real mainnet txs.

mod common;

use serde_json::{json, Value};

fn flux(args: &[&str]) -> (i32, Value, String) {
    let r = common::run(args, None);
    (r.code, r.stdout, r.stderr_text)
}

fn data(name: &str) -> Value {
    let p = format!(
        "{}/../flux-tx/tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn start_v5_reproduces_the_spec_vector() {
    let d = data("spec_11_4.json");
    let spec = json!({
        "network": "main", "version": 5,
        "collateral": {"txid": d["collateral_txid"], "vout": 1},
        "collateral_wif": d["collateral_wif"],
        "fluxnode_public_key": d["operator_pubkey"],
        "sig_time": 1_700_000_000u32,
    });
    let (code, j, err) = flux(&["fluxnode", "start", &spec.to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["hex"], d["vectors"][0]["full"]);
    assert_eq!(j["txid"], d["vectors"][0]["txid"]);
    let (code, v, _) = flux(&["fluxnode", "verify", j["hex"].as_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(v["signatures"][0]["result"], "valid");
}

#[test]
fn start_spec_errors_name_the_field() {
    let spec = json!({"network": "main", "version": 6, "collateral": {"txid": "00".repeat(32), "vout": 0},
        "fluxnode_public_key": "02b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb561", "sig_time": 1});
    let (code, _, err) = flux(&["fluxnode", "start", &spec.to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("collateral_wif"), "{err}");
}

#[test]
fn verify_real_confirm_and_a_tampered_one() {
    let d = data("fluxnode_transactions.json");
    let hex_str = d["vectors"][9]["hex"].as_str().unwrap().to_string();
    let (code, j, _) = flux(&["fluxnode", "verify", &hex_str]);
    assert_eq!(code, 0);
    assert_eq!(j["signatures"][1]["result"], "valid");
    // Flip a byte of the benchmark signature (the last bytes of the tx).
    let mut b = hex::decode(&hex_str).unwrap();
    let n = b.len();
    b[n - 3] ^= 0x40;
    let (code, j, _) = flux(&["fluxnode", "verify", &hex::encode(b)]);
    assert_eq!(code, 2);
    assert_eq!(j["signatures"][1]["result"], "invalid");
}
