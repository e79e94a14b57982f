//! The headers before a block, looked up by height: one trait that both the difficulty
//! rules ([`crate::difficulty`]) and the contextual header checks ([`crate::check`]) read.
//!
//! A caller supplies the chain as a slice of [`HeaderRecord`] (what difficulty needs:
//! height, time, bits) or of [`PrevHeader`] (also the block hash, for the parent link), or
//! implements [`HeaderChain`] over its own store.
//!
//! ```
//! use flux_consensus::header_chain::{HeaderChain, HeaderRecord};
//! use flux_consensus::target::CompactTarget;
//!
//! let chain = [
//!     HeaderRecord { height: 9, time: 1_000, bits: CompactTarget::from_consensus(0x1d00ffff) },
//!     HeaderRecord { height: 10, time: 1_120, bits: CompactTarget::from_consensus(0x1d00ffff) },
//! ];
//! assert_eq!(chain[..].record(10).map(|r| r.time), Some(1_120));
//! assert_eq!(chain[..].record(11), None);
//! ```

use flux_primitives::hash::BlockHash;

use flux_primitives::codec::decode_exact;
use serde::{Deserialize, Serialize};

use crate::header::BlockHeader;
use crate::target::CompactTarget;
use crate::Error;

/// What difficulty needs of a previous header. Serialized as
/// `{"height": H, "time": T, "bits": "1d00ffff"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRecord {
    /// Height of the header.
    pub height: u32,
    /// `nTime`.
    pub time: u32,
    /// `nBits`.
    pub bits: CompactTarget,
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
    pub bits: CompactTarget,
    /// Its block hash.
    pub hash: BlockHash,
    /// `nVersion`.
    pub version: i32,
}

impl PrevHeader {
    /// What `--prev-headers` of `flux block verify` takes, for its `--help`: the previous
    /// headers as [`PrevHeader::chain`] reads them.
    ///
    /// ```
    /// assert!(flux_consensus::header_chain::PrevHeader::JSON_FIELDS.contains("height - 1"));
    /// ```
    pub const JSON_FIELDS: &'static str = "\
--prev-headers: a JSON array of serialized block headers (hex strings, either era, as
getblockheader HASH false prints them), consecutive and oldest first; the last one is the
parent, at height - 1. Each must link to the one before it. With them the parent-link,
difficulty (nBits), median-time and checkpoint checks run; the difficulty check needs as
many headers as the era's algorithm reads (up to 61 PoW headers, 30 PoN on mainnet), else
it is reported as skipped.";

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

    /// The previous headers of a block from their serialized forms, oldest first, the
    /// newest at `tip_height` (the block's height − 1): each is decoded, must link to the
    /// one before it, and gets its height counting down from the tip.
    ///
    /// ```
    /// use flux_consensus::block::Block;
    /// use flux_consensus::header_chain::PrevHeader;
    /// use flux_consensus::Error;
    /// use flux_primitives::codec::encode_to_vec;
    ///
    /// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
    /// let bytes = encode_to_vec(&genesis.header);
    /// let chain = PrevHeader::chain(&[&bytes], 0).unwrap();
    /// assert_eq!((chain[0].height, chain[0].hash), (0, genesis.hash()));
    /// // The genesis header does not link to itself.
    /// assert_eq!(PrevHeader::chain(&[&bytes, &bytes], 1), Err(Error::PrevHeadersNotLinked { index: 1 }));
    /// // Two headers cannot end at height 0.
    /// assert!(matches!(PrevHeader::chain(&[&bytes, &bytes], 0), Err(Error::TooManyHeaders { .. })));
    /// ```
    pub fn chain<B: AsRef<[u8]>>(headers: &[B], tip_height: u32) -> Result<Vec<PrevHeader>, Error> {
        let first = first_height(headers.len(), tip_height)?;
        let mut out: Vec<PrevHeader> = Vec::with_capacity(headers.len());
        for (index, bytes) in headers.iter().enumerate() {
            let header: BlockHeader = decode_exact(bytes.as_ref())
                .map_err(|source| Error::PrevHeaderDecode { index, source })?;
            if out
                .last()
                .is_some_and(|before| header.prev_block != before.hash)
            {
                return Err(Error::PrevHeadersNotLinked { index });
            }
            // `first_height` checked that the count fits below the tip.
            let height = first.saturating_add(index as u32);
            out.push(PrevHeader::from_header(&header, height));
        }
        Ok(out)
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

/// The height of the oldest of `count` headers ending at `tip_height`.
fn first_height(count: usize, tip_height: u32) -> Result<u32, Error> {
    u32::try_from(count)
        .ok()
        .and_then(|n| tip_height.checked_add(1)?.checked_sub(n))
        .ok_or(Error::TooManyHeaders { count, tip_height })
}

impl HeaderRecord {
    /// What `flux chain next-bits` reads, for its `--help` ([`HeaderRecord::list_from_json`]).
    ///
    /// ```
    /// assert!(flux_consensus::header_chain::HeaderRecord::JSON_FIELDS.contains("oldest first"));
    /// ```
    pub const JSON_FIELDS: &'static str = "\
Input: a JSON array of the previous headers, oldest first, one per consecutive height:
  height   the header's height
  time     its nTime (UNIX seconds)
  bits     its nBits as 8 hex digits, as getblockheader prints it
Other fields are refused. The algorithms read up to the last 61 PoW headers (the last 30
PoN headers on mainnet, 60 on testnet); the command names the height it is missing when it
needs more. Prints {\"height\", \"bits\", \"target\"} of the next block.";

    /// Reads the previous headers of a block from JSON text:
    /// `[{"height": H, "time": T, "bits": "1d00ffff"}, ...]`, oldest first, one per height
    /// (what `getblockheader` reports for each). The result is the chain
    /// [`crate::difficulty::next_work_required`] reads.
    ///
    /// ```
    /// use flux_consensus::header_chain::HeaderRecord;
    /// use flux_consensus::Error;
    ///
    /// let chain = HeaderRecord::list_from_json(
    ///     r#"[{"height": 9, "time": 1000, "bits": "1d00ffff"}, {"height": 10, "time": 1120, "bits": "1d00ffff"}]"#,
    /// ).unwrap();
    /// assert_eq!(chain[1].bits.to_consensus(), 0x1d00ffff);
    /// assert!(matches!(
    ///     HeaderRecord::list_from_json(r#"[{"height": 9, "time": 1, "bits": "1d00ffff"}, {"height": 11, "time": 2, "bits": "1d00ffff"}]"#),
    ///     Err(Error::PrevHeadersNotConsecutive { height: 11, previous: 9 })
    /// ));
    /// assert!(matches!(HeaderRecord::list_from_json("[{}]"), Err(Error::Json { .. })));
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<HeaderRecord>, Error> {
        let list: Vec<HeaderRecord> = serde_json::from_str(text).map_err(|e| Error::Json {
            expected: r#"a JSON array of {"height": H, "time": T, "bits": "1d00ffff"} objects"#,
            line: e.line(),
            column: e.column(),
        })?;
        for pair in list.windows(2) {
            if let [a, b] = pair {
                if a.height.checked_add(1) != Some(b.height) {
                    return Err(Error::PrevHeadersNotConsecutive {
                        height: b.height,
                        previous: a.height,
                    });
                }
            }
        }
        Ok(list)
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
