//! The deployer's journey against flux-client's FluxOS double: validate, price, register,
//! pay with the memo last, broadcast; the double's scanner sees the payment.

#[path = "../../flux-client/tests/support/fluxos_double.rs"]
mod fluxos_double;

use std::process::Command;

use flux_primitives::{Address, Network, PrivateKey};
use fluxos_double::{OsDouble, PAYMENT_ADDRESS};
use serde_json::{json, Value};

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/app_spec_e2e.json");

/// The harness app-owner key of FluxOS's `test-infra/fixtures/keys/app-owner.json`
/// (fluxos.md §10), owner of `data/app_spec_e2e.json`.
fn owner_key() -> PrivateKey {
    PrivateKey::from_slice(
        &hex::decode("7e6b64418feeeff30574a0143bbdf21d8935ca2399661ce779adacdf37ec3eae").unwrap(),
        true,
        Network::Main,
    )
    .unwrap()
}

fn deploy(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deploy_app"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn registers_pays_with_the_memo_last_and_broadcasts() {
    let node = OsDouble::start(2_200_000);
    let key = owner_key();
    let own = Address::p2pkh(&key.public_key(), Network::Main).to_string();
    // One spendable output of the key, served by the node's explorer.
    let funding = "aa7a8ce2dcc58c6873f501d698b534ee4eacd62e6c8a27b1ddaca9eedbf5de63";
    node.state.lock().unwrap().utxos.insert(
        own.clone(),
        json!([{"address": own, "txid": funding, "vout": 1, "height": 2_199_000,
                "satoshis": 100_000_000u64, "scriptPubKey": "", "confirmations": 1000}]),
    );
    let (code, out, err) = deploy(&[SPEC, "--url", &node.url(), "--wif", &key.to_wif(), "--send"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out["height"], 2_200_000,
        "height from /daemon/getblockcount"
    );
    assert_eq!(out["valid"], true);
    assert_eq!(out["price"]["per_month"], "0.06");
    assert_eq!(out["price"]["required_zatoshis"], 2_000_000);
    let hash = out["registration"]["hash"].as_str().unwrap();
    assert_eq!(out["payment"]["memo"], hash);
    assert_eq!(out["payment"]["to"], PAYMENT_ADDRESS);
    assert_eq!(out["payment"]["amount_zatoshis"], 2_000_000);
    assert_eq!(out["payment"]["sent"], true);

    // The transaction: payment, change, memo, in that order.
    let raw = hex::decode(out["payment"]["hex"].as_str().unwrap()).unwrap();
    let tx = flux_tx::Transaction::from_bytes(&raw).unwrap();
    let outputs = &tx.as_standard().unwrap().outputs;
    assert_eq!(outputs.len(), 3);
    assert_eq!(outputs[0].value, 2_000_000);
    assert_eq!(outputs[1].value, 100_000_000 - 2_000_000 - 10_000);
    let memo = outputs[2].script_pubkey.as_bytes();
    assert_eq!((memo[0], memo[1]), (0x6a, 64));
    assert_eq!(&memo[2..], hash.as_bytes());
    // The node received it, and its scanner counts it as the payment of this message.
    let st = node.state.lock().unwrap();
    let (txid, paid) = st.paid.get(hash).expect("payment seen");
    assert_eq!(txid, out["payment"]["txid"].as_str().unwrap());
    assert_eq!(*paid, 2_000_000);
}

#[test]
fn an_invalid_spec_stops_before_the_node_sees_it() {
    let node = OsDouble::start(1_800_000); // v8 is not active yet
    let (code, out, err) = deploy(&[SPEC, "--url", &node.url(), "--wif", &owner_key().to_wif()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out["valid"], false);
    assert!(
        out["error"].as_str().unwrap().contains("version 8"),
        "{out}"
    );
    assert!(!node
        .log()
        .iter()
        .any(|s| s.path.starts_with("/apps/appregister")));
}

#[test]
fn node_side_failures_are_reported_as_such() {
    let node = OsDouble::start(2_200_000);
    node.push_faults([fluxos_double::OsFault::Unsynced]);
    let (code, _, err) = deploy(&[
        SPEC,
        "--url",
        &node.url(),
        "--wif",
        &owner_key().to_wif(),
        "--height",
        "2200000",
    ]);
    assert_eq!(code, 1);
    let e: Value = serde_json::from_str(&err).unwrap();
    assert_eq!(e["error"]["kind"], "fluxos");
    assert_eq!(e["error"]["try_another_node"], true);
}
