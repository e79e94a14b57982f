//! `BlockView` against `Block`: the same blocks accepted, the same errors, the same
//! transactions, txids and merkle roots, on real mainnet blocks (tests/data/blocks.json)
//! and on every prefix and thousands of corruptions of them.

use flux_consensus::block::Block;
use flux_consensus::block_view::BlockView;
use flux_primitives::codec::{write_compact_size, Encode};
use flux_tx::Transaction;
use rand::{Rng, SeedableRng};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::{bytes as block_hex, vector};

/// The header of block 2,020,000 followed by the seven real transactions of block
/// 2,996,879 (coinbase, five fluxnode CONFIRMs, a P2SH START v6).
fn header_2020000_with_txs_of_2996879() -> Vec<u8> {
    let real = Block::from_bytes(&block_hex("pon-block-2020000")).unwrap();
    let mut out = Vec::new();
    real.header.encode(&mut out);
    let txs = vector("pon-block-2996879-txs")["txs"]
        .as_array()
        .unwrap()
        .clone();
    write_compact_size(&mut out, txs.len() as u64);
    for t in &txs {
        out.extend(hex::decode(t["hex"].as_str().unwrap()).unwrap());
    }
    out
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("genesis-mainnet", block_hex("genesis-mainnet")),
        ("genesis-testnet", block_hex("genesis-testnet")),
        ("pon-block-2020000", block_hex("pon-block-2020000")),
        ("txs-2996879", header_2020000_with_txs_of_2996879()),
    ]
}

/// Both parsers give the same verdict; on success the view rebuilds the same block.
fn agree(bytes: &[u8]) {
    let block = Block::from_bytes(bytes);
    let view = BlockView::parse(bytes);
    match (&block, &view) {
        (Ok(block), Ok(view)) => {
            assert_eq!(&view.to_block().unwrap(), block);
            assert_eq!(view.tx_count(), block.transactions.len());
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!(
            "block {:?} vs view {:?} on {}",
            block.as_ref().map(|_| ()),
            view.as_ref().map(|_| ()),
            hex::encode(bytes)
        ),
    }
}

#[test]
fn real_blocks_same_transactions_txids_and_merkle_root() {
    for (id, bytes) in samples() {
        let block = Block::from_bytes(&bytes).unwrap();
        let view = BlockView::parse(&bytes).unwrap();
        assert_eq!(view.to_block().unwrap(), block, "{id}");
        assert_eq!(view.hash(), block.hash(), "{id}");
        assert_eq!(view.bytes(), &bytes[..]);
        for (i, tx) in block.transactions.iter().enumerate() {
            assert_eq!(
                view.transaction_bytes(i).unwrap(),
                tx.to_bytes(),
                "{id} tx {i}"
            );
            assert_eq!(&view.transaction(i).unwrap().unwrap(), tx, "{id} tx {i}");
        }
        assert!(view.transaction_bytes(block.transactions.len()).is_none());
        let txids: Vec<_> = block.transactions.iter().map(Transaction::txid).collect();
        assert_eq!(view.txids().unwrap(), txids, "{id}");
        assert_eq!(
            view.compute_merkle_root().unwrap(),
            block.compute_merkle_root()
        );
    }
}

#[test]
fn real_merkle_roots_from_the_view() {
    let bytes = block_hex("pon-block-2020000");
    let view = BlockView::parse(&bytes).unwrap();
    assert_eq!(
        view.compute_merkle_root().unwrap(),
        (view.header().merkle_root, false)
    );
    let expected: Vec<String> = vector("pon-block-2020000")["txids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    let txids: Vec<String> = view
        .txids()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(txids, expected);

    // Fluxnode transactions: txids leave out signatures (fluxd's merkle root of 2,996,879).
    let bytes = header_2020000_with_txs_of_2996879();
    let view = BlockView::parse(&bytes).unwrap();
    let (root, mutated) = view.compute_merkle_root().unwrap();
    assert!(!mutated);
    assert_eq!(
        root.to_string(),
        vector("pon-block-2996879-txs")["headerFields"]["merkleroot"]
            .as_str()
            .unwrap()
    );
}

#[test]
fn every_prefix_and_trailing_byte_fail_alike() {
    for (_, bytes) in samples() {
        for end in 0..bytes.len() {
            agree(&bytes[..end]);
        }
        let mut longer = bytes.clone();
        longer.push(0);
        agree(&longer);
    }
}

#[test]
fn corrupted_blocks_fail_or_pass_alike() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2020);
    let mut n = 0;
    for (_, bytes) in samples() {
        for _ in 0..1000 {
            let mut b = bytes.clone();
            // Mostly the transactions, where the two parsers differ.
            let from = if rng.gen_bool(0.9) {
                bytes.len().saturating_sub(2000).max(140)
            } else {
                0
            };
            for _ in 0..rng.gen_range(1..4) {
                let i = rng.gen_range(from..b.len());
                b[i] = if rng.gen_bool(0.3) {
                    *[0x00, 0x01, 0xfc, 0xfd, 0xfe, 0xff]
                        .get(rng.gen_range(0..6))
                        .unwrap()
                } else {
                    rng.gen()
                };
            }
            agree(&b);
            n += 1;
        }
    }
    assert_eq!(n, 4000);
}
