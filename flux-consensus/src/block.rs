//! Full blocks: a header and its transactions.
//!
//! ```
//! use flux_consensus::block::Block;
//! let genesis_hex = include_str!("../tests/data/genesis_main.hex");
//! let block = Block::from_hex(genesis_hex.trim()).unwrap();
//! assert_eq!(block.hash().to_string(), "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444");
//! assert_eq!(block.to_bytes().len(), 1694);
//! ```

use flux_primitives::codec::{decode_exact, write_vec, Decode, Encode, Reader};
use flux_primitives::hash::{BlockHash, MerkleRoot};
use flux_tx::Transaction;

use crate::header::BlockHeader;
use crate::merkle::merkle_root;
use crate::Error;

/// Smallest possible serialized transaction: bounds a transaction count read from
/// untrusted bytes. It is a v6 fluxnode START whose `nFluxTxVersion` selects no layout:
/// version (4), type (1), `nFluxTxVersion` (4), nothing else: 9 bytes, which fluxd's
/// deserializer reads (a v1 with no inputs and outputs takes 10). With 10 here a block
/// ending in such a transaction was refused as "count cannot fit" (found by the round-trip
/// property in tests/block_props.rs).
pub(crate) const MIN_TX_SIZE: usize = 9;

/// A block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The header.
    pub header: BlockHeader,
    /// The transactions, coinbase first.
    pub transactions: Vec<Transaction>,
}

impl Block {
    /// Decodes a whole block from bytes (no trailing bytes allowed).
    ///
    /// A transaction that does not decode keeps its own error, with its position:
    ///
    /// ```
    /// use flux_consensus::block::Block;
    /// use flux_consensus::Error;
    ///
    /// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
    /// let mut bytes = genesis.to_bytes();
    /// bytes.truncate(bytes.len() - 1);
    /// assert!(matches!(Block::from_bytes(&bytes), Err(Error::Tx { index: 0, .. })));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Block, Error> {
        decode_exact(bytes)
    }

    /// Decodes a whole block from hex.
    pub fn from_hex(hex_str: &str) -> Result<Block, Error> {
        let bytes = hex::decode(hex_str.trim()).map_err(|e| {
            Error::Primitives(flux_primitives::Error::InvalidHex {
                what: "block",
                reason: e.to_string(),
            })
        })?;
        Block::from_bytes(&bytes)
    }

    /// The serialized block.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.encode(&mut v);
        v
    }

    /// The block hash.
    pub fn hash(&self) -> BlockHash {
        self.header.hash()
    }

    /// The merkle root of the transactions and whether the tree is mutated.
    pub fn compute_merkle_root(&self) -> (MerkleRoot, bool) {
        let txids: Vec<_> = self.transactions.iter().map(Transaction::txid).collect();
        merkle_root(&txids)
    }
}

impl Encode for Block {
    fn encode(&self, out: &mut Vec<u8>) {
        self.header.encode(out);
        write_vec(out, &self.transactions);
    }

    fn encoded_len(&self) -> usize {
        self.header.encoded_len()
            + flux_primitives::codec::compact_size_len(self.transactions.len() as u64)
            + self
                .transactions
                .iter()
                .map(Encode::encoded_len)
                .sum::<usize>()
    }
}

/// A transaction that does not decode is [`Error::Tx`] with its index and its own error.
impl Decode for Block {
    type Error = Error;

    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let header = BlockHeader::decode(r)?;
        let count = r.read_count(MIN_TX_SIZE)?;
        // As `Reader::read_vec`: never reserve more than the remaining bytes could hold.
        let mut transactions = Vec::with_capacity(count.min(r.remaining() / MIN_TX_SIZE));
        for index in 0..count {
            transactions
                .push(Transaction::decode(r).map_err(|source| Error::Tx { index, source })?);
        }
        Ok(Block {
            header,
            transactions,
        })
    }
}
