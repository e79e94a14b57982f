//! The headers before a block, looked up by height: one trait that both the difficulty
//! rules ([`crate::difficulty`]) and the contextual header checks ([`crate::check`]) read.
//!
//! A caller supplies the chain as a slice of [`HeaderRecord`] (what difficulty needs:
//! height, time, bits) or of [`PrevHeader`] (also the block hash, for the parent link), or
//! implements [`HeaderChain`] over its own store.
//!
//! ```
//! use flux_consensus::header_chain::{HeaderChain, HeaderRecord};
//!
//! let chain = [
//!     HeaderRecord { height: 9, time: 1_000, bits: 0x1d00ffff },
//!     HeaderRecord { height: 10, time: 1_120, bits: 0x1d00ffff },
//! ];
//! assert_eq!(chain[..].record(10).map(|r| r.time), Some(1_120));
//! assert_eq!(chain[..].record(11), None);
//! ```

use flux_primitives::hash::BlockHash;

use crate::header::BlockHeader;

/// What difficulty needs of a previous header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderRecord {
    /// Height of the header.
    pub height: u32,
    /// `nTime`.
    pub time: u32,
    /// `nBits`.
    pub bits: u32,
}

/// A previous header as the contextual checks need it: the difficulty fields plus its hash
/// (the next block's `hashPrevBlock` must equal it) and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrevHeader {
    /// Its height.
    pub height: u32,
    /// `nTime`.
    pub time: u32,
    /// `nBits`.
    pub bits: u32,
    /// Its block hash.
    pub hash: BlockHash,
    /// `nVersion`.
    pub version: i32,
}

impl PrevHeader {
    /// The fields of `header`, which sits at `height`.
    ///
    /// ```
    /// use flux_consensus::block::Block;
    /// use flux_consensus::header_chain::PrevHeader;
    ///
    /// // The mainnet genesis block (fluxd chainparams.cpp).
    /// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
    /// let p = PrevHeader::from_header(&genesis.header, 0);
    /// assert_eq!(p.hash.to_string(), "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444");
    /// ```
    pub fn from_header(header: &BlockHeader, height: u32) -> PrevHeader {
        PrevHeader {
            height,
            time: header.time,
            bits: header.bits,
            hash: header.hash(),
            version: header.version,
        }
    }

    /// The difficulty fields.
    pub fn record(&self) -> HeaderRecord {
        HeaderRecord {
            height: self.height,
            time: self.time,
            bits: self.bits,
        }
    }
}

/// Previous headers looked up by height.
pub trait HeaderChain {
    /// The header at `height`, or `None` when the caller does not have it.
    fn record(&self, height: u32) -> Option<HeaderRecord>;

    /// The block hash of the header at `height`, where the chain knows it (a chain of
    /// bare [`HeaderRecord`]s does not, and the parent-link check is then skipped).
    fn block_hash(&self, height: u32) -> Option<BlockHash> {
        let _ = height;
        None
    }
}

/// Finds the entry at `height` in a slice of consecutive entries, newest last, in O(1);
/// falls back to a search when the slice is not consecutive.
fn at_height<T: Copy>(slice: &[T], height: u32, height_of: impl Fn(&T) -> u32) -> Option<T> {
    let last = slice.last()?;
    let back = usize::try_from(height_of(last).checked_sub(height)?).ok()?;
    let index = slice.len().checked_sub(back.checked_add(1)?)?;
    match slice.get(index) {
        Some(r) if height_of(r) == height => Some(*r),
        _ => slice.iter().rev().find(|r| height_of(r) == height).copied(),
    }
}

/// A slice of consecutive headers, newest last.
impl HeaderChain for [HeaderRecord] {
    fn record(&self, height: u32) -> Option<HeaderRecord> {
        at_height(self, height, |r| r.height)
    }
}

/// A slice of consecutive headers, newest last.
impl HeaderChain for [PrevHeader] {
    fn record(&self, height: u32) -> Option<HeaderRecord> {
        at_height(self, height, |p| p.height).map(|p| p.record())
    }

    fn block_hash(&self, height: u32) -> Option<BlockHash> {
        at_height(self, height, |p| p.height).map(|p| p.hash)
    }
}
