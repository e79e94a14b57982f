//! Blocks and headers against real mainnet/testnet data (tests/data/blocks.json) and the
//! PoN header vector of spec 11.4.

use flux_consensus::block::Block;
use flux_consensus::header::{BlockHeader, HeaderProof};
use flux_consensus::merkle::merkle_root;
use flux_primitives::codec::{decode_exact, encode_to_vec, Encode};
use flux_primitives::hash::Txid;
use flux_tx::Transaction;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::vector;

#[test]
fn genesis_blocks_round_trip_hash_and_merkle() {
    for id in ["genesis-mainnet", "genesis-testnet"] {
        let v = vector(id);
        let bytes = hex::decode(v["hex"].as_str().unwrap()).unwrap();
        let block = Block::from_bytes(&bytes).unwrap();
        assert_eq!(block.to_bytes(), bytes, "{id} round trip");
        assert_eq!(block.hash().to_string(), v["hash"].as_str().unwrap());
        let (root, mutated) = block.compute_merkle_root();
        assert!(!mutated);
        assert_eq!(root, block.header.merkle_root);
        assert_eq!(
            root.to_string(),
            "94c7aed6b2c67f1718006684bfc3b92081a2f19d59075691b189160d6f3aa13a"
        );
        assert_eq!(block.header.encoded_len(), 1487);
    }
}

#[test]
fn last_pow_header() {
    let v = vector("pow-header-2019999");
    let bytes = hex::decode(v["headerHex"].as_str().unwrap()).unwrap();
    let header: BlockHeader = decode_exact(&bytes).unwrap();
    assert_eq!(encode_to_vec(&header), bytes);
    assert_eq!(header.hash().to_string(), v["hash"].as_str().unwrap());
    assert!(matches!(&header.proof, HeaderProof::Pow { solution, .. } if solution.len() == 52));
}

#[test]
fn first_pon_block() {
    let v = vector("pon-block-2020000");
    let bytes = hex::decode(v["hex"].as_str().unwrap()).unwrap();
    let block = Block::from_bytes(&bytes).unwrap();
    assert_eq!(block.to_bytes(), bytes);
    assert_eq!(bytes.len(), 1877);
    assert!(block.header.is_pon());
    assert_eq!(block.hash().to_string(), v["hash"].as_str().unwrap());
    let txids: Vec<String> = block
        .transactions
        .iter()
        .map(|t| t.txid().to_string())
        .collect();
    let expected: Vec<String> = v["txids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(txids, expected);
    let (root, mutated) = block.compute_merkle_root();
    assert!(!mutated);
    assert_eq!(root, block.header.merkle_root);
    // The signature is not hashed: changing it leaves the hash alone.
    let mut other = block.header.clone();
    if let HeaderProof::Pon { signature, .. } = &mut other.proof {
        signature[10] ^= 1;
    }
    assert_eq!(other.hash(), block.hash());
}

#[test]
fn pon_block_2996879_merkle_from_real_txs() {
    let v = vector("pon-block-2996879-txs");
    let txs: Vec<Transaction> = v["txs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let tx =
                Transaction::from_bytes(&hex::decode(t["hex"].as_str().unwrap()).unwrap()).unwrap();
            assert_eq!(tx.txid().to_string(), t["txid"].as_str().unwrap());
            tx
        })
        .collect();
    let txids: Vec<Txid> = txs.iter().map(Transaction::txid).collect();
    let (root, mutated) = merkle_root(&txids);
    assert!(!mutated);
    assert_eq!(
        root.to_string(),
        v["headerFields"]["merkleroot"].as_str().unwrap()
    );
}

/// Spec 11.4 vector 7, built with fluxd's own serialization code.
const PON_HASHED: &str = "64000000b448c248eeb17123d793898965b01e8e2880efc9657453ccb43d978a78dc56483aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794000000000000000000000000000000000000000000000000000000000000000070700169ffff0b1fefcdab9078563412efcdab9078563412efcdab9078563412efcdab907856341201000000";
const PON_SIG: &str = "304402202942a8f17141489df4536b4accc674e9912fb3ada524256729ee2bfc9a5c8c4b02202069cfe901b6b21946dc2a1c85a331abc2a7303dc5b54bd8c18f192ec4eefa75";

fn pon_header_bytes() -> Vec<u8> {
    hex::decode(format!("{PON_HASHED}46{PON_SIG}")).unwrap()
}

#[test]
fn pon_header_vector() {
    let bytes = pon_header_bytes();
    let header: BlockHeader = decode_exact(&bytes).unwrap();
    assert_eq!(encode_to_vec(&header), bytes);
    assert_eq!(header.hashed_bytes(), hex::decode(PON_HASHED).unwrap());
    assert_eq!(
        header.hash().to_string(),
        "22656c7654dc126eca98d4d3055c39f5138cc43a76f69563d5de36d9eeeccbf4"
    );
    assert_eq!(header.bits.to_consensus(), 0x1f0bffff);
}

#[test]
fn truncated_inputs_are_errors() {
    let bytes = pon_header_bytes();
    for n in 0..bytes.len() {
        assert!(decode_exact::<BlockHeader>(&bytes[..n]).is_err());
    }
    let v = vector("pon-block-2020000");
    let block = hex::decode(v["hex"].as_str().unwrap()).unwrap();
    for n in (0..block.len()).step_by(7) {
        assert!(Block::from_bytes(&block[..n]).is_err());
    }
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;
    // A glob import cannot stand in for the prelude's `#[test]`; name it again.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn header_round_trip(version in prop_oneof![4i32..100, 100i32..200],
                             fields in proptest::collection::vec(any::<u8>(), 104),
                             tail in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut bytes = version.to_le_bytes().to_vec();
            bytes.extend(&fields);
            if version < 100 {
                bytes.extend([7u8; 32]);
            } else {
                bytes.extend([9u8; 36]);
            }
            flux_primitives::codec::write_var_bytes(&mut bytes, &tail);
            let h: BlockHeader = decode_exact(&bytes).unwrap();
            prop_assert_eq!(encode_to_vec(&h), bytes);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(h) = decode_exact::<BlockHeader>(&bytes) {
                prop_assert_eq!(encode_to_vec(&h), bytes.clone());
            }
            let _ = Block::from_bytes(&bytes);
        }
    }
}

#[test]
fn pon_vector_slot_hash_and_signature() {
    use flux_consensus::pon::*;
    use flux_primitives::Network::Main;
    let header: BlockHeader = decode_exact(&pon_header_bytes()).unwrap();
    assert_eq!(slot(Main, header.time), 8_157_400);
    assert_eq!(
        header_pon_hash(Main, &header).unwrap().to_string(),
        "87c389548105f7b68b44f641724a991cbc40dda7884f5969a987bf2c5ad95a9c"
    );
    let operator: flux_primitives::PublicKey =
        "02b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb561"
            .parse()
            .unwrap();
    let collateral_key: flux_primitives::PublicKey =
        "03d5cdcca8b864f3bee70e0f570cbea198f3afe577fa8e53dcb50ca47ab3ac70ec"
            .parse()
            .unwrap();
    let sig = hex::decode(PON_SIG).unwrap();
    assert_eq!(
        verify_block_signature(&header.hash(), &sig, &operator),
        Ok(())
    );
    assert_eq!(
        verify_block_signature(&header.hash(), &sig, &collateral_key),
        Err(SignatureFault::WrongKey)
    );
    let operator = operator.to_bytes();
    let candidates: Vec<Vec<u8>> = recover_candidate_keys(&header.hash(), &sig)
        .iter()
        .map(|k| k.serialize().to_vec())
        .collect();
    assert!(candidates.contains(&operator));
    // memcmp order: byte 0 (last display digits) first
    let a: flux_primitives::hash::Hash256 = format!("{}01", "ff".repeat(31)).parse().unwrap();
    let b: flux_primitives::hash::Hash256 = format!("{}02", "00".repeat(31)).parse().unwrap();
    assert_eq!(tie_break(&a, &b), std::cmp::Ordering::Less);
}

/// A transaction error inside a block keeps its type (review P5): a v3 transaction with
/// the Sapling version group id fails with the same `flux_tx` error inside a block as on
/// its own, its offset counted from the start of the block.
#[test]
fn a_bad_transaction_inside_a_block_keeps_its_error() {
    let genesis = Block::from_hex(include_str!("data/genesis_main.hex").trim()).unwrap();
    // v3 overwintered header word, then the Sapling group id (0x892f2085), then padding.
    let mut tx = vec![0x03, 0x00, 0x00, 0x80, 0x85, 0x20, 0x2f, 0x89];
    tx.extend([0u8; 16]);
    let alone = flux_tx::Transaction::from_bytes(&tx).unwrap_err();
    assert!(
        matches!(
            alone,
            flux_tx::Error::UnknownVersionGroupId {
                group_id: 0x892f_2085,
                version: 3,
                offset: 4
            }
        ),
        "{alone:?}"
    );

    let mut bytes = encode_to_vec(&genesis.header);
    let tx_start = bytes.len() + 1;
    bytes.push(1); // one transaction
    bytes.extend(&tx);
    let expected = flux_tx::Error::UnknownVersionGroupId {
        group_id: 0x892f_2085,
        version: 3,
        offset: tx_start + 4,
    };
    assert_eq!(
        Block::from_bytes(&bytes),
        Err(flux_consensus::Error::Tx {
            index: 0,
            source: expected.clone()
        })
    );
    // BlockView agrees.
    assert_eq!(
        flux_consensus::block_view::BlockView::parse(&bytes).err(),
        Some(flux_consensus::Error::Tx {
            index: 0,
            source: expected
        })
    );
}
