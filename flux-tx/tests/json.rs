//! decoderawtransaction JSON against fluxd's own JSON for the 7 transactions of mainnet
//! block 2 996 879 (a v4 coinbase, five v5 CONFIRMs, a v6 P2SH START).
// Reads its data from the file system at run time: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use flux_primitives::amount::parse_fixed_point;
use flux_primitives::Network;
use flux_tx::json::to_json;
use flux_tx::Transaction;
use serde_json::Value;

/// The fixture's JSON went through FluxOS (JavaScript), which printed fluxd's `0.50000000`
/// as `0.5`; amounts are therefore compared as exact decimals, everything else as is.
fn assert_same(ours: &Value, theirs: &Value, path: &str) {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            let exact = |n: &serde_json::Number| parse_fixed_point(&n.to_string()).unwrap();
            assert_eq!(exact(a), exact(b), "{path}: {a} vs fluxd {b}");
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(b), "{path}: field order");
            for (k, v) in a {
                assert_same(v, &b[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_same(x, y, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(ours, theirs, "{path}"),
    }
}

/// Our JSON as printed, read back in field order (the tests' serde_json has
/// `preserve_order`; amounts come back as `f64`, which `assert_same` compares exactly).
fn ours(tx: &Transaction) -> Value {
    serde_json::from_str(&serde_json::to_string(&to_json(tx, Network::Main)).unwrap()).unwrap()
}

fn fluxd_block() -> String {
    let path = format!(
        "{}/tests/data/fluxd_json_block_2996879.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn matches_fluxd_json_field_for_field_and_in_order() {
    let d: Value = serde_json::from_str(&fluxd_block()).unwrap();
    for t in d["txs"].as_array().unwrap() {
        let tx =
            Transaction::from_bytes(&hex::decode(t["hex"].as_str().unwrap()).unwrap()).unwrap();
        assert_same(&ours(&tx), &t["fluxd_json"], "tx");
    }
}

/// fluxd's `ValueFromAmount` prints `%d.%08d` (spec 12, "Amounts"): the serialized text of
/// every `value` must be the zatoshis fluxd reports in `valueZat`, with eight decimals.
#[test]
fn amounts_are_printed_with_eight_decimals_like_fluxd() {
    let d: Value = serde_json::from_str(&fluxd_block()).unwrap();
    let coinbase = &d["txs"][0];
    let tx =
        Transaction::from_bytes(&hex::decode(coinbase["hex"].as_str().unwrap()).unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&to_json(&tx, Network::Main)).unwrap();
    let vouts = coinbase["fluxd_json"]["vout"].as_array().unwrap();
    assert_eq!(vouts.len(), 4);
    for v in vouts {
        let zat = v["valueZat"].as_i64().unwrap();
        let expected = format!("\"value\": {}.{:08},", zat / 100_000_000, zat % 100_000_000);
        assert!(text.contains(&expected), "{expected} not in {text}");
    }
    // The block's coinbase pays 0.5, 1, 3.5 and 9 FLUX: every shape of the rule.
    for s in [
        "\"value\": 0.50000000,",
        "\"value\": 1.00000000,",
        "\"value\": 3.50000000,",
        "\"value\": 9.00000000,",
        "\"valueBalance\": 0.00000000,",
    ] {
        assert!(text.contains(s), "{s} not in {text}");
    }
    // Nowhere an f64 form (`0.5`, `1e-8`) slips through.
    assert!(!text.contains("\"value\": 0.5,"));
}

#[test]
fn tiny_and_negative_amounts_keep_their_exact_text() {
    use flux_tx::json::value_from_amount;
    for (zat, text) in [
        (1, "0.00000001"),
        (-1, "-0.00000001"),
        (44_000_000_000_000_000, "440000000.00000000"),
        (-150_000_000, "-1.50000000"),
        (i64::MIN, "-92233720368.54775808"),
    ] {
        assert_eq!(
            serde_json::to_string(&value_from_amount(zat)).unwrap(),
            text
        );
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
    let j = ours(&tx);
    let asm = j["vin"][0]["scriptSig"]["asm"].as_str().unwrap();
    assert_eq!(
        asm,
        "3044022025fbea8e0eb05fe70b4501b441f3f50f259f109ea3a77bbc153e99aca9675a440220220a0a7dcb966a390c4a0a4f6fc1a0c7e59e2aad9a35f8cb0bf9de2b5248b991[ALL] 02a0e47d64b0381c54abc5c535267a873bfba496a11346d1e4556749ba66a7b10f"
    );
    // The prevout addresses in the vector are what fluxd shows for these scripts.
    assert_eq!(j["vout"][0]["scriptPubKey"]["type"], "pubkeyhash");
}
