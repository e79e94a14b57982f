//! decoderawtransaction JSON against fluxd's own JSON for the 7 transactions of mainnet
//! block 2 996 879 (a v4 coinbase, five v5 CONFIRMs, a v6 P2SH START).

use flux_primitives::Network;
use flux_tx::json::to_json;
use flux_tx::Transaction;
use serde_json::Value;

#[test]
fn matches_fluxd_json_field_for_field_and_in_order() {
    let path = format!(
        "{}/tests/data/fluxd_json_block_2996879.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let d: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for t in d["txs"].as_array().unwrap() {
        let tx =
            Transaction::from_bytes(&hex::decode(t["hex"].as_str().unwrap()).unwrap()).unwrap();
        let ours = to_json(&tx, Network::Main);
        let theirs = &t["fluxd_json"];
        assert_eq!(&ours, theirs);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&ours), keys(theirs), "field order");
    }
}

#[test]
fn scriptsig_asm_decodes_hash_types() {
    let path = format!(
        "{}/tests/data/transactions_transparent.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let d: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let tx =
        Transaction::from_bytes(&hex::decode(d["vectors"][0]["hex"].as_str().unwrap()).unwrap())
            .unwrap();
    let j = to_json(&tx, Network::Main);
    let asm = j["vin"][0]["scriptSig"]["asm"].as_str().unwrap();
    assert_eq!(
        asm,
        "3044022025fbea8e0eb05fe70b4501b441f3f50f259f109ea3a77bbc153e99aca9675a440220220a0a7dcb966a390c4a0a4f6fc1a0c7e59e2aad9a35f8cb0bf9de2b5248b991[ALL] 02a0e47d64b0381c54abc5c535267a873bfba496a11346d1e4556749ba66a7b10f"
    );
    // The prevout addresses in the vector are what fluxd shows for these scripts.
    assert_eq!(j["vout"][0]["scriptPubKey"]["type"], "pubkeyhash");
}
