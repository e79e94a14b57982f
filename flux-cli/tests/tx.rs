//! `flux tx ...` end to end on real mainnet transactions.

mod common;

use serde_json::{json, Value};

fn flux(args: &[&str]) -> (i32, Value, String) {
    let r = common::run(args, None);
    (r.code, r.stdout, r.stderr_text)
}

fn vectors() -> Value {
    let p = format!(
        "{}/../flux-tx/tests/data/transactions_transparent.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn decode_shows_txid_and_fluxd_fields() {
    let v = &vectors()["vectors"][0];
    let (code, j, _) = flux(&["tx", "decode", v["hex"].as_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(j["txid"], v["txid"]);
    assert_eq!(j["versiongroupid"], "892f2085");
    assert_eq!(j["vin"].as_array().unwrap().len(), 5);
}

#[test]
fn sighash_matches_real_input_in_sighash_json_order() {
    let v = &vectors()["vectors"][0];
    let c = &v["inputChecks"][1];
    let (code, j, err) = flux(&[
        "tx",
        "sighash",
        v["hex"].as_str().unwrap(),
        "--input",
        "1",
        "--script-code",
        c["scriptCode"].as_str().unwrap(),
        "--amount",
        &c["valueSat"].to_string(),
        "--hash-type",
        "ALL",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut want = hex::decode(c["sighash"].as_str().unwrap()).unwrap();
    want.reverse();
    assert_eq!(j["sighash"], hex::encode(want));
}

#[test]
fn verify_real_inputs_then_a_wrong_amount() {
    let v = &vectors()["vectors"][0];
    let prev: Vec<Value> = v["prevouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({"script_pubkey": p["scriptPubKey"], "amount": p["valueSat"]}))
        .collect();
    let hex_str = v["hex"].as_str().unwrap();
    let (code, j, err) = flux(&[
        "tx",
        "verify",
        hex_str,
        "--prevouts",
        &json!(prev).to_string(),
    ]);
    assert_eq!(code, 0, "{err} {j}");
    assert_eq!(j["valid"], true);
    let mut bad = prev.clone();
    bad[2]["amount"] = json!(1);
    let (code, j, _) = flux(&[
        "tx",
        "verify",
        hex_str,
        "--prevouts",
        &json!(bad).to_string(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(j["inputs"][2]["valid"], false);
    assert_eq!(j["inputs"][1]["valid"], true);
}

#[test]
fn build_reproduces_the_trust_wallet_mainnet_transaction() {
    let v = vectors()["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "trustwallet-signing")
        .unwrap()
        .clone();
    let s = &v["signingVector"];
    // WIF (mainnet, compressed) of the vector's privateKeyHex, encoded independently.
    assert_eq!(
        s["privateKeyHex"],
        "eda043f40029e67edc6e9edba61f47795e03ad57169074ac81e898c04cc45b29"
    );
    let wif = "L5BdCEV3YkcUdCeDLkV95tkuEANez1GU3BY8J2yqSLLfhyFGtRoh";
    let p = &v["prevouts"][0];
    let spec = json!({
        "network": "main",
        "inputs": [{"txid": p["txid"], "vout": p["vout"], "amount": p["valueSat"], "wif": wif}],
        "outputs": [{"address": s["outputs"][0]["address"], "amount": s["outputs"][0]["valueSat"]}],
    });
    let (code, j, err) = flux(&["tx", "build", &spec.to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["hex"], s["expectedHex"]);
    assert_eq!(j["txid"], v["txid"]);
    assert_eq!(j["complete"], true);
}

#[test]
fn build_refuses_contradictions_naming_the_field() {
    let spec = json!({"network": "main", "inputs": [], "outputs": [{"address": "t1UPSwfMYLe18ezbCqnR5QgdJGznzCUYHkj", "data": "00", "amount": 1}]});
    let (code, _, err) = flux(&["tx", "build", &spec.to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("outputs[0]"), "{err}");
    let spec = json!({"network": "mars", "inputs": [], "outputs": []});
    let (_, _, err) = flux(&["tx", "build", &spec.to_string()]);
    assert!(err.contains("network"), "{err}");
}

/// The SSP wallet's partially signed P2SH 2-of-2 spend (one of two signatures, an `OP_0`
/// placeholder for the other): verify must fail and say exactly who signed and who did not.
#[test]
fn verify_names_the_missing_signer_of_a_real_partial_p2sh_2_of_2() {
    let v = vectors()["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "ssp-p2sh-2of2-partial")
        .unwrap()
        .clone();
    let redeem = hex::decode(v["p2sh"]["redeemScript"].as_str().unwrap()).unwrap();
    // 52 21 <key 0> 21 <key 1> 52 ae: the two keys, straight from the vector's bytes.
    let key0 = hex::encode(&redeem[2..35]);
    let key1 = hex::encode(&redeem[36..69]);
    let signed = v["inputChecks"][0]["signatureVerifiesForKeyIndex"]
        .as_u64()
        .unwrap();
    assert_eq!(signed, 1, "the vector says key 1 signed");
    let prevouts = v["prevouts"].to_string();
    for form in ["hex", "finalisedHex"] {
        let (code, j, err) = flux(&[
            "tx",
            "verify",
            v[form].as_str().unwrap(),
            "--prevouts",
            &prevouts,
        ]);
        assert_eq!(code, 2, "{form}: {err} {j}");
        assert_eq!(j["valid"], false);
        assert_eq!(j["inputs"][0]["valid"], false);
        let why = j["inputs"][0]["reason"].as_str().unwrap();
        assert!(
            why.starts_with("2-of-2 multisig: 1 of 2 required signatures"),
            "{form}: {why}"
        );
        assert!(
            why.contains(&format!("signed by key 1 ({key1})")),
            "{form}: {why}"
        );
        assert!(
            why.contains(&format!("missing 1 more from key 0 ({key0})")),
            "{form}: {why}"
        );
    }
}

/// flux-tx's errors print under flux-tx's own `kind()`, not a generic `invalid_input`.
#[test]
fn tx_errors_carry_flux_tx_kinds() {
    let (code, _, err) = flux(&["tx", "decode", "0400"]);
    assert_eq!(code, 1);
    assert!(err.contains("\"kind\":\"unexpected_eof\""), "{err}");
    let spec = json!({"network": "main", "inputs": [], "outputs": [{"address": "t1UPSwfMYLe18ezbCqnR5QgdJGznzCUYHkj", "amount": 1}]});
    let (code, _, err) = flux(&["tx", "build", &spec.to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("\"kind\":\"insufficient_funds\""), "{err}");
}
