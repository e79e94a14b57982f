//! Bench data shared by `consensus.rs` and `decode_anchor.rs`.
#![allow(dead_code)] // each bench uses its own subset

use flux_consensus::block::Block;
use flux_primitives::codec::{write_compact_size, Encode};

pub fn h(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

pub fn vectors() -> serde_json::Value {
    serde_json::from_str(include_str!("../../tests/data/blocks.json")).unwrap()
}

/// Block 2,020,000 with its one ordinary v4 transaction repeated (each copy spending a
/// distinct outpoint) to about 2 MB.
pub fn synthetic_block() -> Vec<u8> {
    let v = vectors();
    let real = Block::from_hex(v["vectors"][3]["hex"].as_str().unwrap()).unwrap();
    let mut header = Vec::new();
    real.header.encode(&mut header);
    let mut coinbase = Vec::new();
    real.transactions[0].encode(&mut coinbase);
    let mut tx = Vec::new();
    real.transactions[1].encode(&mut tx);
    // v4: header 4 + group id 4 + vin count 1, then the first prevout txid.
    assert_eq!(tx[8], 1);
    let n = (1_990_000 - header.len() - coinbase.len()) / tx.len();
    let mut out = header;
    write_compact_size(&mut out, (n + 1) as u64);
    out.extend(&coinbase);
    for i in 0..n as u64 {
        let start = out.len();
        out.extend(&tx);
        out[start + 9..start + 17].copy_from_slice(&i.to_le_bytes());
    }
    out
}

/// The blocks whose decode is measured: two real ones and the synthetic one.
pub fn decode_cases() -> Vec<(&'static str, Vec<u8>)> {
    let v = vectors();
    vec![
        ("genesis_main", h(v["vectors"][0]["hex"].as_str().unwrap())),
        ("pon_2020000", h(v["vectors"][3]["hex"].as_str().unwrap())),
        ("synthetic_2mb_transparent", synthetic_block()),
    ]
}
