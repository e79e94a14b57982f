//! proptest strategies for headers and blocks of both eras (feature `proptest`, off by
//! default; it turns on flux-tx's strategies, which fill the blocks).
//!
//! A PoW header has `nVersion < 100` and a nonce and solution (any length: the codec does
//! not judge it); a PoN header `nVersion >= 100` and a collateral and signature. Blocks
//! hold 0 to 4 transactions of any version; [`block_with_merkle_root`] also sets the
//! header's merkle root to the one its transactions give.
//!
//! ```
//! use flux_consensus::block::Block;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! runner.run(&any::<Block>(), |b| {
//!     let back = Block::from_bytes(&b.to_bytes()).unwrap();
//!     prop_assert_eq!(back.hash(), b.hash());
//!     Ok(())
//! }).unwrap();
//! ```

use flux_primitives::hash::{BlockHash, Hash256, MerkleRoot, Txid};
use flux_tx::{OutPoint, Transaction};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::block::Block;
use crate::header::{BlockHeader, HeaderProof};
use crate::merkle::merkle_root;
use crate::rules::PON_VERSION;
use crate::target::CompactTarget;

fn hash() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>()
}

/// A Proof-of-Work header: version below 100, any nonce, a solution of 0 to 1400 bytes
/// (the real sizes, 1344 for 200,9, 100 for 144,5 and 52 for 125,4, included).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let h = flux_consensus::arbitrary::pow_header().new_tree(&mut runner).unwrap().current();
/// assert!(!h.is_pon());
/// ```
pub fn pow_header() -> impl Strategy<Value = BlockHeader> {
    let solution = prop_oneof![
        vec(any::<u8>(), 0..200),
        vec(any::<u8>(), 1344),
        vec(any::<u8>(), 100),
        vec(any::<u8>(), 52),
    ];
    (
        prop_oneof![Just(4i32), i32::MIN..PON_VERSION],
        (hash(), hash(), hash()),
        any::<u32>(),
        any::<u32>(),
        hash(),
        solution,
    )
        .prop_map(
            |(version, (prev, merkle, sapling), time, bits, nonce, solution)| BlockHeader {
                version,
                prev_block: BlockHash::from_bytes(prev),
                merkle_root: MerkleRoot::from_bytes(merkle),
                final_sapling_root: Hash256::from_bytes(sapling),
                time,
                bits: CompactTarget::from_consensus(bits),
                proof: HeaderProof::Pow { nonce, solution },
            },
        )
}

/// A Proof-of-Node header: version 100 or above, a collateral outpoint and a signature of
/// 0 to 100 bytes.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let h = flux_consensus::arbitrary::pon_header().new_tree(&mut runner).unwrap().current();
/// assert!(h.is_pon());
/// ```
pub fn pon_header() -> impl Strategy<Value = BlockHeader> {
    (
        prop_oneof![Just(PON_VERSION), PON_VERSION..=i32::MAX],
        (hash(), hash(), hash()),
        any::<u32>(),
        any::<u32>(),
        (hash(), any::<u32>()),
        vec(any::<u8>(), 0..100),
    )
        .prop_map(
            |(version, (prev, merkle, sapling), time, bits, (txid, vout), signature)| BlockHeader {
                version,
                prev_block: BlockHash::from_bytes(prev),
                merkle_root: MerkleRoot::from_bytes(merkle),
                final_sapling_root: Hash256::from_bytes(sapling),
                time,
                bits: CompactTarget::from_consensus(bits),
                proof: HeaderProof::Pon {
                    collateral: OutPoint::new(Txid::from_bytes(txid), vout),
                    signature,
                },
            },
        )
}

/// A header of either era, each equally likely.
impl Arbitrary for BlockHeader {
    type Parameters = ();
    type Strategy = BoxedStrategy<BlockHeader>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        prop_oneof![pow_header(), pon_header()].boxed()
    }
}

/// A block with `header` and 0 to 4 transactions of any version (the merkle root as the
/// header strategy made it).
///
/// ```
/// use flux_consensus::arbitrary::{block_of, pon_header};
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let b = block_of(pon_header()).new_tree(&mut runner).unwrap().current();
/// assert!(b.header.is_pon() && b.transactions.len() <= 4);
/// ```
pub fn block_of(header: impl Strategy<Value = BlockHeader>) -> impl Strategy<Value = Block> {
    (header, vec(any::<Transaction>(), 0..5)).prop_map(|(header, transactions)| Block {
        header,
        transactions,
    })
}

/// A block of either era whose header commits to its transactions (the merkle root of
/// their txids), so [`Block::compute_merkle_root`] agrees with it.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let b = flux_consensus::arbitrary::block_with_merkle_root().new_tree(&mut runner).unwrap().current();
/// assert_eq!(b.compute_merkle_root().0, b.header.merkle_root);
/// ```
pub fn block_with_merkle_root() -> impl Strategy<Value = Block> {
    any::<Block>().prop_map(|mut b| {
        let txids: Vec<Txid> = b.transactions.iter().map(Transaction::txid).collect();
        b.header.merkle_root = merkle_root(&txids).0;
        b
    })
}

/// A block of either era ([`block_of`] over [`BlockHeader`]'s strategy).
impl Arbitrary for Block {
    type Parameters = ();
    type Strategy = BoxedStrategy<Block>;

    fn arbitrary_with(_: ()) -> Self::Strategy {
        block_of(any::<BlockHeader>()).boxed()
    }
}
