//! Decode/encode round trips and txids over real mainnet transactions, fluxd's sighash.json
//! transactions, the ZIP-143/243 vectors and the spec 11.4 fluxnode vectors.
// Reads its data from the file system at run time: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use flux_primitives::codec::{decode_exact, encode_to_vec};
use flux_tx::fluxnode::{CollateralOwner, FluxnodeTx};
use flux_tx::{Error, Transaction};
use serde_json::Value;

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn round_trip(hex_str: &str) -> Transaction {
    let bytes = hex::decode(hex_str).unwrap();
    let tx = Transaction::from_bytes(&bytes).unwrap();
    assert_eq!(encode_to_vec(&tx), bytes, "round trip");
    assert_eq!(tx.to_fluxd_bytes(), bytes, "fluxd form of canonical bytes");
    let via_trait: Transaction = decode_exact(&bytes).unwrap();
    assert_eq!(via_trait, tx);
    tx
}

#[test]
fn real_transparent_transactions_round_trip_with_their_txids() {
    let d = data("transactions_transparent.json");
    let mut n = 0;
    for v in d["vectors"].as_array().unwrap() {
        let Some(hex_str) = v["hex"].as_str() else {
            continue;
        };
        let tx = round_trip(hex_str);
        assert_eq!(
            tx.txid().to_string(),
            v["txid"].as_str().unwrap(),
            "{}",
            v["id"]
        );
        assert_eq!(
            tx.full_serialization_hash().to_string(),
            v["txid"].as_str().unwrap()
        );
        if let Some(fin) = v["finalisedHex"].as_str() {
            round_trip(fin);
        }
        n += 1;
    }
    assert_eq!(n, 9);
}

#[test]
fn real_fluxnode_transactions_round_trip_with_fluxd_and_insight_hashes() {
    let d = data("fluxnode_transactions.json");
    let mut n = 0;
    for v in d["vectors"].as_array().unwrap() {
        let tx = round_trip(v["hex"].as_str().unwrap());
        let id = v["id"].as_str().unwrap();
        assert_eq!(tx.txid().to_string(), v["txid"].as_str().unwrap(), "{id}");
        if let Some(insight) = v["insightStyleTxid"].as_str() {
            assert_eq!(tx.full_serialization_hash().to_string(), insight, "{id}");
            assert_ne!(
                tx.full_serialization_hash().to_string(),
                tx.txid().to_string()
            );
        }
        assert_eq!(tx.version(), v["version"].as_u64().unwrap() as u32);
        let dec = &v["decoded"];
        let f = tx.as_fluxnode().unwrap();
        assert_eq!(
            f.collateral().unwrap().txid.to_string(),
            dec["collateralIn"]["txid"].as_str().unwrap()
        );
        assert_eq!(
            u64::from(f.sig_time().unwrap()),
            dec["sigTime"].as_u64().unwrap()
        );
        match f {
            FluxnodeTx::Start(s) => {
                let b = s.body.as_ref().unwrap();
                assert_eq!(
                    hex::encode(b.node_pubkey.as_bytes()),
                    dec["pubKey"].as_str().unwrap()
                );
                assert_eq!(hex::encode(&b.sig), dec["sig"].as_str().unwrap());
                match &b.owner {
                    CollateralOwner::PubKey(k) => assert_eq!(
                        hex::encode(k.as_bytes()),
                        dec["collateralPubkey"].as_str().unwrap()
                    ),
                    CollateralOwner::P2sh(s) => assert_eq!(
                        hex::encode(s.as_bytes()),
                        dec["redeemScript"].as_str().unwrap()
                    ),
                }
            }
            FluxnodeTx::Confirm(c) => {
                assert_eq!(c.ip_str(), dec["ip"].as_str().unwrap());
                assert_eq!(
                    i64::from(c.benchmark_tier),
                    dec["benchmarkTier"].as_i64().unwrap()
                );
                assert_eq!(
                    hex::encode(&c.benchmark_sig),
                    dec["benchmarkSig"].as_str().unwrap()
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, 15);
}

#[test]
fn spec_fluxnode_vectors_hash_to_fluxd_txids() {
    let d = data("spec_11_4.json");
    for v in d["vectors"].as_array().unwrap() {
        let txid_bytes = v["txid_bytes"].as_str().unwrap();
        let full = match v["full"].as_str() {
            Some(f) => f.to_string(),
            None => {
                // Put a 65-byte signature where the wire has it: after sigTime for START,
                // sig and benchmarkSig at the end for CONFIRM.
                let sig = format!("41{}", "ab".repeat(65));
                match v["sig_insert_after"].as_str() {
                    Some(marker) => {
                        let at = txid_bytes.find(marker).unwrap() + marker.len();
                        format!("{}{sig}{}", &txid_bytes[..at], &txid_bytes[at..])
                    }
                    None if txid_bytes.starts_with("0500000004") => {
                        format!("{txid_bytes}{sig}{sig}")
                    }
                    None => format!("{txid_bytes}{sig}"),
                }
            }
        };
        let tx = round_trip(&full);
        assert_eq!(hex::encode(tx.txid_bytes()), txid_bytes, "{}", v["name"]);
        assert_eq!(
            tx.txid().to_string(),
            v["txid"].as_str().unwrap(),
            "{}",
            v["name"]
        );
    }
}

#[test]
fn sighash_json_and_zip_transactions_round_trip() {
    let mut n = 0;
    for (file, tx_col) in [
        ("sighash.json", 0),
        ("zip_0243.json", 0),
        ("zip_0143.json", 0),
    ] {
        for row in data(file).as_array().unwrap() {
            let row = row.as_array().unwrap();
            if row.len() < 6 {
                continue;
            }
            round_trip(row[tx_col].as_str().unwrap());
            n += 1;
        }
    }
    assert_eq!(n, 520);
}

#[test]
fn unknown_formats_are_typed_errors() {
    // Overwintered v5: fluxd's "Unknown transaction format".
    let e = Transaction::from_bytes(&hex::decode("0500008085202f89").unwrap()).unwrap_err();
    assert_eq!(
        e,
        Error::UnknownVersion {
            version: 5,
            offset: 0
        }
    );
    // v4 with the Overwinter group id.
    let e = Transaction::from_bytes(&hex::decode("040000807082c403").unwrap()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnknownVersionGroupId {
                group_id: 0x03c48270,
                offset: 4,
                ..
            }
        ),
        "{e}"
    );
    // Fluxnode type 3.
    let e = Transaction::from_bytes(&hex::decode("0500000003").unwrap()).unwrap_err();
    assert_eq!(
        e,
        Error::UnknownFluxnodeType {
            n_type: 3,
            offset: 4
        }
    );
    // Truncated START.
    let e = Transaction::from_bytes(&hex::decode("0500000002ef").unwrap()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Primitives(flux_primitives::Error::UnexpectedEof { offset: 5, .. })
        ),
        "{e}"
    );
    // A huge input count in a tiny buffer is refused before allocating.
    let e = Transaction::from_bytes(&hex::decode("01000000fe00000002").unwrap()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Primitives(flux_primitives::Error::CountExceedsInput { .. })
        ),
        "{e}"
    );
}

#[test]
fn non_canonical_bool_and_pubkey_change_fluxd_bytes_and_txid() {
    let d = data("spec_11_4.json");
    let v = &d["vectors"][4]; // delegates UPDATE
    let txid_bytes = v["txid_bytes"].as_str().unwrap();
    let sig = format!("41{}", "ab".repeat(65));
    let at = txid_bytes.find("00f15365").unwrap() + 8;
    // fUsingDelegates = 0x07 instead of 0x01.
    let quirky = format!("{}{sig}07{}", &txid_bytes[..at], &txid_bytes[at + 2..]);
    let tx = Transaction::from_bytes(&hex::decode(&quirky).unwrap()).unwrap();
    assert_eq!(hex::encode(tx.to_bytes()), quirky);
    assert!(!tx.is_canonical());
    // fluxd reads 0x07 as true and hashes 0x01: same txid as the canonical vector.
    assert_eq!(tx.txid().to_string(), v["txid"].as_str().unwrap());
}
