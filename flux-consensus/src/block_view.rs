//! A block checked in full but kept as its bytes: the header decoded, every transaction
//! checked and located, none built until asked for.
//!
//! [`Block::from_bytes`] builds every transaction, which costs an allocation per input
//! list, output list and script: on a transparent-heavy block that allocator work, not the
//! parsing, is most of the time. [`BlockView::parse`] accepts exactly the bytes
//! [`Block::from_bytes`] accepts, with the same errors, and allocates only the list of
//! transaction offsets. Transactions are built one at a time ([`BlockView::transaction`]),
//! and txids are hashed straight from the bytes ([`BlockView::txids`]).
//!
//! ```
//! use flux_consensus::block::Block;
//! use flux_consensus::block_view::BlockView;
//!
//! let bytes = hex::decode(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
//! let view = BlockView::parse(&bytes).unwrap();
//! assert_eq!(view.hash().to_string(), "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444");
//! assert_eq!(view.tx_count(), 1);
//! let (root, mutated) = view.compute_merkle_root().unwrap();
//! assert_eq!(root, view.header().merkle_root);
//! assert!(!mutated);
//! assert_eq!(view.to_block().unwrap(), Block::from_bytes(&bytes).unwrap());
//! ```

use flux_primitives::codec::{Decode, Reader};
use flux_primitives::hash::{BlockHash, MerkleRoot, Txid};
use flux_tx::scan::TxidSpan;
use flux_tx::Transaction;

use crate::block::{Block, MIN_TX_SIZE};
use crate::header::BlockHeader;
use crate::merkle::merkle_root;
use crate::Error;

/// A fully checked block over borrowed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockView<'a> {
    header: BlockHeader,
    bytes: &'a [u8],
    /// Offset of the first transaction.
    txs_start: usize,
    /// End offset of each transaction (the next one starts there).
    tx_ends: Vec<usize>,
    /// How each transaction's txid comes from its bytes, found in the same walk.
    txid_spans: Vec<TxidSpan>,
}

impl<'a> BlockView<'a> {
    /// Checks a whole block (no trailing bytes allowed) as [`Block::from_bytes`] does:
    /// same acceptance, same errors.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let header = BlockHeader::decode(&mut r)?;
        let count = r.read_count(MIN_TX_SIZE)?;
        let txs_start = r.position();
        // As `Reader::read_vec`: never more than the remaining bytes could describe.
        let capacity = count.min(r.remaining() / MIN_TX_SIZE);
        let mut tx_ends = Vec::with_capacity(capacity);
        let mut txid_spans = Vec::with_capacity(capacity);
        for index in 0..count {
            // The error `Block`'s `Decode` gives, so that a block fails alike both ways.
            let span =
                Transaction::skip_for_txid(&mut r).map_err(|source| Error::Tx { index, source })?;
            tx_ends.push(r.position());
            txid_spans.push(span);
        }
        r.finish()?;
        Ok(BlockView {
            header,
            bytes,
            txs_start,
            tx_ends,
            txid_spans,
        })
    }

    /// The header.
    pub fn header(&self) -> &BlockHeader {
        &self.header
    }

    /// The block hash.
    pub fn hash(&self) -> BlockHash {
        self.header.hash()
    }

    /// The whole serialized block.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Number of transactions.
    pub fn tx_count(&self) -> usize {
        self.tx_ends.len()
    }

    /// The serialized transaction at `index` (0 is the coinbase).
    pub fn transaction_bytes(&self, index: usize) -> Option<&'a [u8]> {
        let end = *self.tx_ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(prev) => *self.tx_ends.get(prev)?,
            None => self.txs_start,
        };
        self.bytes.get(start..end)
    }

    /// The serialized transactions in block order.
    pub fn transactions_bytes(&self) -> impl ExactSizeIterator<Item = &'a [u8]> + '_ {
        (0..self.tx_count()).map(|i| self.transaction_bytes(i).unwrap_or_default())
    }

    /// Builds the transaction at `index`.
    pub fn transaction(&self, index: usize) -> Option<Result<Transaction, Error>> {
        self.transaction_bytes(index)
            .map(|b| Transaction::from_bytes(b).map_err(|e| tx_error(index, e)))
    }

    /// Builds the whole block.
    pub fn to_block(&self) -> Result<Block, Error> {
        let transactions = self
            .transactions_bytes()
            .enumerate()
            .map(|(i, b)| Transaction::from_bytes(b).map_err(|e| tx_error(i, e)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Block {
            header: self.header.clone(),
            transactions,
        })
    }

    /// The txids in block order, hashed from the bytes: the walk of [`BlockView::parse`]
    /// found how much of each transaction its txid covers (all of it, or a CONFIRM's bytes
    /// before its signatures; shapes the full decoder had to build came with their txid),
    /// so nothing is walked again. Never fails on a parsed view (the `Result` is kept for
    /// callers written against the earlier signature).
    pub fn txids(&self) -> Result<Vec<Txid>, Error> {
        Ok(self
            .txid_spans
            .iter()
            .zip(self.transactions_bytes())
            .map(|(span, bytes)| span.txid(bytes))
            .collect())
    }

    /// The merkle root of the transactions and whether the tree is mutated, as
    /// [`Block::compute_merkle_root`].
    pub fn compute_merkle_root(&self) -> Result<(MerkleRoot, bool), Error> {
        Ok(merkle_root(&self.txids()?))
    }
}

/// A transaction error after parsing succeeded cannot happen (the bytes were checked);
/// it is still reported rather than unwrapped.
fn tx_error(index: usize, source: flux_tx::Error) -> Error {
    Error::Tx { index, source }
}
