//! Signature hashes against fluxd's sighash.json (all 500 rows: legacy, Overwinter, Sapling
//! and test-dummy branch ids), the ZIP-143/243 vectors and the real mainnet inputs.
// Reads its data from the file system at run time: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use flux_primitives::BranchId;
use flux_tx::sighash::{SighashCache, SighashType, SignedInput};
use flux_tx::Transaction;
use serde_json::Value;

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn standard(hex_str: &str) -> flux_tx::StandardTx {
    let tx = Transaction::from_bytes(&hex::decode(hex_str).unwrap()).unwrap();
    tx.as_standard().unwrap().clone()
}

#[test]
fn fluxd_sighash_json_all_rows() {
    let mut by_branch = std::collections::BTreeMap::new();
    for row in data("sighash.json").as_array().unwrap() {
        let row = row.as_array().unwrap();
        if row.len() < 6 {
            continue;
        }
        let tx = standard(row[0].as_str().unwrap());
        let script = hex::decode(row[1].as_str().unwrap()).unwrap();
        let index = row[2].as_u64().unwrap() as usize;
        let hash_type = row[3].as_i64().unwrap() as i32 as u32;
        let branch = row[4].as_i64().unwrap() as u32;
        let got = SighashCache::new(&tx)
            .signature_hash(
                SignedInput::Input {
                    index,
                    script_code: &script,
                    amount: 0,
                },
                SighashType::from_consensus(hash_type),
                BranchId::from_consensus(branch),
            )
            .unwrap();
        // sighash.json shows the digest reversed: the digest's Display order.
        assert_eq!(got.to_string(), row[5].as_str().unwrap(), "{row:?}");
        *by_branch.entry(branch).or_insert(0) += 1;
    }
    assert_eq!(by_branch.get(&0), Some(&127));
    assert_eq!(by_branch.get(&0x76b8_09bb), Some(&109));
    assert_eq!(by_branch.get(&0x5ba8_1b19), Some(&130));
    assert_eq!(by_branch.get(&0x7473_6554), Some(&134));
}

#[test]
fn zip_143_and_243_vectors() {
    let mut n = 0;
    for file in ["zip_0143.json", "zip_0243.json"] {
        for row in data(file).as_array().unwrap() {
            let row = row.as_array().unwrap();
            if row.len() < 7 {
                continue;
            }
            let tx = standard(row[0].as_str().unwrap());
            let script = hex::decode(row[1].as_str().unwrap()).unwrap();
            let input = row[2].as_i64().unwrap();
            let signed = if input < 0 {
                SignedInput::NoInput
            } else {
                SignedInput::Input {
                    index: input as usize,
                    script_code: &script,
                    amount: row[4].as_i64().unwrap(),
                }
            };
            let got = SighashCache::new(&tx)
                .signature_hash(
                    signed,
                    SighashType::from_consensus(row[3].as_u64().unwrap() as u32),
                    BranchId::from_consensus(row[5].as_u64().unwrap() as u32),
                )
                .unwrap();
            assert_eq!(hex::encode(got), row[6].as_str().unwrap(), "{file} {row:?}");
            n += 1;
        }
    }
    assert_eq!(n, 20);
}

#[test]
fn real_mainnet_input_sighashes() {
    let mut n = 0;
    for v in data("transactions_transparent.json")["vectors"]
        .as_array()
        .unwrap()
    {
        let (Some(hex_str), Some(checks)) = (v["hex"].as_str(), v["inputChecks"].as_array()) else {
            continue;
        };
        let tx = standard(hex_str);
        let cache = SighashCache::new(&tx);
        for c in checks {
            let script = hex::decode(c["scriptCode"].as_str().unwrap()).unwrap();
            let got = cache
                .signature_hash(
                    SignedInput::Input {
                        index: c["inIndex"].as_u64().unwrap() as usize,
                        script_code: &script,
                        amount: c["valueSat"].as_i64().unwrap(),
                    },
                    SighashType::from_consensus(c["hashType"].as_u64().unwrap() as u32),
                    BranchId::from_consensus(0x76b8_09bb),
                )
                .unwrap();
            assert_eq!(
                hex::encode(got),
                c["sighash"].as_str().unwrap(),
                "{}",
                v["id"]
            );
            n += 1;
        }
    }
    assert!(n >= 30, "{n}");
}

#[test]
fn single_without_output_is_an_error_in_legacy() {
    // A v1 transaction with one input and no outputs.
    let hex_str = format!(
        "0100000001{}00000000{}ffffffff0000000000",
        "11".repeat(32),
        "00"
    );
    let tx = standard(&hex_str);
    let e = SighashCache::new(&tx)
        .signature_hash(
            SignedInput::Input {
                index: 0,
                script_code: &[],
                amount: 0,
            },
            SighashType::SINGLE,
            BranchId::SPROUT,
        )
        .unwrap_err();
    assert!(
        matches!(
            e,
            flux_tx::Error::SingleWithoutOutput {
                index: 0,
                outputs: 0
            }
        ),
        "{e}"
    );
}
