//! Round-trip properties of blocks and headers of both eras over
//! `flux_consensus::arbitrary`'s strategies: encode → decode gives the same block, decode
//! → encode the same bytes; the block hash and every txid survive; the zero-copy
//! `BlockView` agrees with the decoded block.
//!
//! Native only (wasm32 runs the vectors in tests/blocks.rs; the strategies build there too).
#![cfg(not(target_arch = "wasm32"))]

use flux_consensus::arbitrary::{block_of, block_with_merkle_root, pon_header, pow_header};
use flux_consensus::block::Block;
use flux_consensus::block_view::BlockView;
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::{decode_exact, encode_to_vec};
use flux_primitives::hash::Txid;
use flux_tx::Transaction;
use proptest::prelude::*;

fn check_block(block: &Block) -> Result<(), TestCaseError> {
    let bytes = block.to_bytes();
    prop_assert_eq!(encode_to_vec(block), bytes.clone());
    let back = Block::from_bytes(&bytes)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", hex::encode(&bytes))))?;
    prop_assert_eq!(&back, block);
    prop_assert_eq!(back.to_bytes(), bytes.clone());
    prop_assert_eq!(back.hash(), block.hash());
    prop_assert_eq!(back.header.is_pon(), block.header.version >= 100);
    let txids: Vec<Txid> = block.transactions.iter().map(Transaction::txid).collect();
    let back_txids: Vec<Txid> = back.transactions.iter().map(Transaction::txid).collect();
    prop_assert_eq!(&back_txids, &txids);

    let view = BlockView::parse(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(view.hash(), block.hash());
    prop_assert_eq!(view.tx_count(), block.transactions.len());
    prop_assert_eq!(
        view.txids()
            .map_err(|e| TestCaseError::fail(e.to_string()))?,
        txids
    );
    prop_assert_eq!(
        view.compute_merkle_root()
            .map_err(|e| TestCaseError::fail(e.to_string()))?,
        block.compute_merkle_root()
    );
    prop_assert_eq!(
        &view
            .to_block()
            .map_err(|e| TestCaseError::fail(e.to_string()))?,
        block
    );
    for (i, tx) in block.transactions.iter().enumerate() {
        prop_assert_eq!(view.transaction_bytes(i), Some(&tx.to_bytes()[..]));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn pow_blocks_round_trip(block in block_of(pow_header())) { check_block(&block)?; }

    #[test]
    fn pon_blocks_round_trip(block in block_of(pon_header())) { check_block(&block)?; }

    #[test]
    fn any_block_round_trips(block in any::<Block>()) { check_block(&block)?; }

    #[test]
    fn committed_blocks_keep_their_merkle_root(block in block_with_merkle_root()) {
        let back = Block::from_bytes(&block.to_bytes()).unwrap();
        prop_assert_eq!(back.compute_merkle_root().0, back.header.merkle_root);
    }

    #[test]
    fn headers_round_trip(header in any::<BlockHeader>()) {
        let bytes = encode_to_vec(&header);
        let back: BlockHeader = decode_exact(&bytes).unwrap();
        prop_assert_eq!(&back, &header);
        prop_assert_eq!(encode_to_vec(&back), bytes);
        prop_assert_eq!(back.hash(), header.hash());
    }
}

/// A block whose last transaction is the smallest fluxd reads: a 9-byte v6 START with no
/// layout bit (version, type, nFluxTxVersion 0). The count check once assumed 10.
#[test]
fn a_block_of_nine_byte_transactions_decodes() {
    let header = hex::decode(include_str!("data/genesis_main.hex").trim()).unwrap();
    let genesis = Block::from_bytes(&header).unwrap();
    let mut bytes = encode_to_vec(&genesis.header);
    bytes.push(2);
    for _ in 0..2 {
        bytes.extend_from_slice(&[6, 0, 0, 0, 2, 0, 0, 0, 0]);
    }
    let block = Block::from_bytes(&bytes).unwrap();
    assert_eq!(block.transactions.len(), 2);
    assert_eq!(block.to_bytes(), bytes);
    assert_eq!(BlockView::parse(&bytes).unwrap().tx_count(), 2);
}
