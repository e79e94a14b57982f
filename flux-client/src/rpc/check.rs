//! Checking what a node serves instead of trusting it: for a height range, headers and
//! blocks fetched only through `getblockhash`, `getblockheader <hash> false` and
//! `getblock <hash> 0`, decoded locally and run through flux-consensus
//! ([`check_block_in_chain`]): the parent link, the proof (Equihash with the parameter set
//! allowed at the height, or PoN eligibility against the target), `nBits` against the
//! required work of the headers before it, checkpoints, the merkle root over the txids, and
//! the rest of fluxd's block rules.
//!
//! A check that needs data the range does not hold (the headers before `from`, a PoN
//! producer's key, the fluxnode payees) is counted as unchecked, never as passed.
//!
//! ```
//! use flux_client::rpc::check::NodeCheck;
//! use flux_consensus::block::Block;
//! use flux_primitives::Network;
//!
//! // The mainnet genesis block, as a node would serve it.
//! let hex = include_str!("../../../flux-consensus/tests/data/genesis_main.hex").trim();
//! let block = hex::decode(hex).unwrap();
//! let header = block[..1487].to_vec(); // version..solution
//! let hash = Block::from_bytes(&block).unwrap().hash();
//! let mut check = NodeCheck::new(Network::Main, 0, 0, Some(1_800_000_000));
//! check.add(0, hash, Ok(header), Ok(block));
//! let report = check.finish();
//! assert_eq!(report.failed, 0);
//! assert!(report.passed > 5);
//! ```

use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block_in_chain, check_header, check_header_in_chain, Check, CheckContext, PrevHeader,
    Status,
};
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::decode_exact;
use flux_primitives::hash::BlockHash;
use flux_primitives::Network;
use serde::Serialize;

/// One check of one block, as printed: `{"name", "result", "reject", "reason"}` with
/// `result` one of `pass`, `fail`, `unchecked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemCheck {
    /// The rule (`proof_of_work`, `merkle_root`, `prev_block`, ... and the client's own
    /// `served_hash`, `block_matches_header`, `decode`).
    pub name: String,
    /// `pass`, `fail` or `unchecked`.
    pub result: &'static str,
    /// fluxd's reject code when it fails.
    pub reject: Option<&'static str>,
    /// What was found.
    pub reason: String,
}

/// The checks of one height.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemReport {
    /// The height.
    pub height: u32,
    /// The hash the node gave for it (`getblockhash`).
    pub hash: BlockHash,
    /// The checks.
    pub checks: Vec<ItemCheck>,
}

/// The verdict on a range: counts of individual checks (`checked` = `passed` + `failed`;
/// `unchecked` = checks that needed data outside the range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RangeReport {
    /// First height.
    pub from: u32,
    /// Last height.
    pub to: u32,
    /// Checks made.
    pub checked: u64,
    /// Checks that hold.
    pub passed: u64,
    /// Checks that do not hold.
    pub failed: u64,
    /// Checks that could not be made.
    pub unchecked: u64,
    /// Per height.
    pub items: Vec<ItemReport>,
}

/// Checks a range as its data arrives, keeping only the headers' difficulty fields (never
/// the blocks) between heights.
#[derive(Debug)]
pub struct NodeCheck {
    network: Network,
    now: Option<u32>,
    from: u32,
    to: u32,
    prev: Vec<PrevHeader>,
    items: Vec<ItemReport>,
}

fn own(name: &str, ok: bool, pass: impl Into<String>, fail: impl Into<String>) -> ItemCheck {
    ItemCheck {
        name: name.to_owned(),
        result: if ok { "pass" } else { "fail" },
        reject: None,
        reason: if ok { pass.into() } else { fail.into() },
    }
}

/// The header the node served, decoded, with the `served_hash` check (or the
/// `decode_header` failure) added to `checks`.
fn served_header(
    checks: &mut Vec<ItemCheck>,
    header: Result<Vec<u8>, String>,
    served_hash: BlockHash,
) -> Option<BlockHeader> {
    match header.and_then(|b| decode_exact::<BlockHeader>(&b).map_err(|e| e.to_string())) {
        Ok(h) => {
            let got = h.hash();
            checks.push(own(
                "served_hash",
                got == served_hash,
                "the header hashes to the hash getblockhash gave",
                format!("the header hashes to {got}"),
            ));
            Some(h)
        }
        Err(e) => {
            checks.push(own("decode_header", false, "", e));
            None
        }
    }
}

/// A flux-consensus check as printed (its rule's snake_case name; `skipped` is
/// `unchecked`).
fn consensus(c: Check) -> ItemCheck {
    ItemCheck {
        name: serde_json::to_value(c.rule)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{:?}", c.rule)),
        result: match c.status {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skipped => "unchecked",
        },
        reject: c.reject,
        reason: c.detail,
    }
}

impl NodeCheck {
    /// A check of `from..=to` on `network`; `now` (UNIX seconds) enables the future-time
    /// rule.
    ///
    /// ```
    /// let c = flux_client::rpc::check::NodeCheck::new(flux_primitives::Network::Main, 5, 9, None);
    /// assert_eq!(c.finish().checked, 0);
    /// ```
    pub fn new(network: Network, from: u32, to: u32, now: Option<u32>) -> NodeCheck {
        NodeCheck {
            network,
            now,
            from,
            to,
            prev: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Adds the data served for `height` (heights in increasing order): the hash from
    /// `getblockhash`, and the bytes from `getblockheader <hash> false` and `getblock
    /// <hash> 0` (or why they could not be read as hex).
    ///
    /// ```
    /// use flux_client::rpc::check::NodeCheck;
    /// let mut c = NodeCheck::new(flux_primitives::Network::Main, 1, 1, None);
    /// c.add(1, Default::default(), Ok(vec![1, 2]), Err("not hex".into()));
    /// let r = c.finish();
    /// assert_eq!(r.failed, 2);
    /// ```
    pub fn add(
        &mut self,
        height: u32,
        served_hash: BlockHash,
        header: Result<Vec<u8>, String>,
        block: Result<Vec<u8>, String>,
    ) {
        let mut checks = Vec::new();
        let header = served_header(&mut checks, header, served_hash);
        let block: Option<Block> =
            match block.and_then(|b| Block::from_bytes(&b).map_err(|e| e.to_string())) {
                Ok(b) => Some(b),
                Err(e) => {
                    checks.push(own("decode_block", false, "", e));
                    None
                }
            };
        if let (Some(h), Some(b)) = (&header, &block) {
            checks.push(own(
                "block_matches_header",
                *h == b.header,
                "getblock's header is getblockheader's",
                "getblock served a different header",
            ));
        }
        if let Some(b) = &block {
            let ctx = CheckContext {
                network: self.network,
                now: self.now,
                ..CheckContext::new(Network::Main)
            };
            let report = check_block_in_chain(b, &ctx, height, &self.prev[..]);
            checks.extend(report.checks.into_iter().map(consensus));
        }
        self.record(
            height,
            served_hash,
            header.or(block.map(|b| b.header)),
            checks,
        );
    }

    /// Adds a height whose header the node served but whose block it did not (a pruned
    /// node answers `getblock` with "Block not available (pruned data)"): the header's own
    /// rules (version, proof, time) and its place in the chain (checkpoint, parent link,
    /// `nBits`) are checked; the block's rules are one `block` check, `unchecked`, with
    /// `why` as its reason.
    ///
    /// ```
    /// use flux_client::rpc::check::NodeCheck;
    /// use flux_consensus::block::Block;
    ///
    /// let hex = include_str!("../../../flux-consensus/tests/data/genesis_main.hex").trim();
    /// let block = hex::decode(hex).unwrap();
    /// let hash = Block::from_bytes(&block).unwrap().hash();
    /// let mut c = NodeCheck::new(flux_primitives::Network::Main, 0, 0, None);
    /// c.add_header_only(0, hash, Ok(block[..1487].to_vec()), "pruned");
    /// let r = c.finish();
    /// assert_eq!(r.failed, 0);
    /// let block_check = r.items[0].checks.iter().find(|c| c.name == "block").unwrap();
    /// assert_eq!(block_check.result, "unchecked");
    /// ```
    pub fn add_header_only(
        &mut self,
        height: u32,
        served_hash: BlockHash,
        header: Result<Vec<u8>, String>,
        why: &str,
    ) {
        let mut checks = Vec::new();
        let header = served_header(&mut checks, header, served_hash);
        if let Some(h) = &header {
            let ctx = CheckContext {
                network: self.network,
                now: self.now,
                height: Some(height),
                ..CheckContext::new(Network::Main)
            };
            checks.extend(check_header(h, &ctx).checks.into_iter().map(consensus));
            checks.extend(
                check_header_in_chain(h, self.network, height, &self.prev[..])
                    .into_iter()
                    .map(consensus),
            );
        }
        checks.push(ItemCheck {
            name: "block".to_owned(),
            result: "unchecked",
            reject: None,
            reason: format!("the node did not serve the block: {why}"),
        });
        self.record(height, served_hash, header, checks);
    }

    /// Keeps `header` for the next heights' checks and the item for the report.
    fn record(
        &mut self,
        height: u32,
        served_hash: BlockHash,
        header: Option<BlockHeader>,
        checks: Vec<ItemCheck>,
    ) {
        // The next heights check against this header; a gap (no header) leaves their
        // link and difficulty checks unchecked.
        match header {
            Some(h) => self.prev.push(PrevHeader::from_header(&h, height)),
            None => self.prev.clear(),
        }
        self.items.push(ItemReport {
            height,
            hash: served_hash,
            checks,
        });
    }

    /// The report.
    ///
    /// ```
    /// let r = flux_client::rpc::check::NodeCheck::new(flux_primitives::Network::Main, 0, 0, None).finish();
    /// assert_eq!((r.from, r.to, r.items.len()), (0, 0, 0));
    /// ```
    pub fn finish(self) -> RangeReport {
        let count = |result: &str| -> u64 {
            self.items
                .iter()
                .flat_map(|i| &i.checks)
                .filter(|c| c.result == result)
                .count() as u64
        };
        let (passed, failed, unchecked) = (count("pass"), count("fail"), count("unchecked"));
        RangeReport {
            from: self.from,
            to: self.to,
            checked: passed + failed,
            passed,
            failed,
            unchecked,
            items: self.items,
        }
    }
}

#[cfg(feature = "http")]
impl super::Client {
    /// Fetches `from..=to` through `getblockhash`, `getblockheader <hash> false` and
    /// `getblock <hash> 0` only (in batches) and checks it ([`NodeCheck`]). Node errors
    /// (a height out of range, a timeout...) are errors; data that does not decode or
    /// verify is a failed check.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let report = c.check_range(flux_primitives::Network::Main, 2_020_000, 2_020_010, None).await?;
    /// assert_eq!(report.checked, report.passed + report.failed);
    /// # Ok(()) }
    /// ```
    pub async fn check_range(
        &self,
        network: Network,
        from: u32,
        to: u32,
        now: Option<u32>,
    ) -> Result<RangeReport, crate::Error> {
        use super::batch::Batch;
        use super::method::Call;
        use super::methods;

        if from > to {
            return Err(crate::Error::input(
                "range",
                format!("--from {from} is above --to {to}"),
            ));
        }
        // Blocks can be 2 MB: a few per request keeps each answer far below the cap.
        const CHUNK: u32 = 8;
        let mut check = NodeCheck::new(network, from, to, now);
        let mut start = from;
        loop {
            let end = start.saturating_add(CHUNK - 1).min(to);
            let mut hashes = Batch::new();
            let handles = (start..=end)
                .map(|h| hashes.add(methods::get_block_hash(h)))
                .collect::<Result<Vec<_>, _>>()?;
            let answers = self.batch(&hashes).await?;
            let served = handles
                .iter()
                .map(|h| answers.get(h))
                .collect::<Result<Vec<BlockHash>, _>>()?;

            let mut data = Batch::new();
            let mut pairs = Vec::with_capacity(served.len());
            for hash in &served {
                let header = data.add(Call::with_params(
                    "getblockheader",
                    &(hash.to_string(), false),
                )?)?;
                let block = data.add(Call::with_params("getblock", &(hash.to_string(), 0))?)?;
                pairs.push((header, block));
            }
            let answers = self.batch(&data).await?;
            for ((height, hash), (h, b)) in (start..=end).zip(&served).zip(&pairs) {
                // The node's own errors for a hash it just gave are errors, not verdicts.
                let header = hex_bytes(&answers.get(h)?);
                match answers.get(b) {
                    Ok(block) => check.add(height, *hash, header, hex_bytes(&block)),
                    // A pruned node keeps headers but not old blocks: what it cannot serve
                    // is unchecked, the header is still checked.
                    Err(crate::Error::Rpc { code, message, .. })
                        if code == super::codes::INTERNAL_ERROR
                            && message.contains("pruned data") =>
                    {
                        check.add_header_only(height, *hash, header, &message)
                    }
                    Err(e) => return Err(e),
                }
            }
            if end == to {
                break;
            }
            start = end + 1;
        }
        Ok(check.finish())
    }
}

/// The bytes of a hex-string result, or why not.
#[cfg(feature = "http")]
fn hex_bytes(raw: &serde_json::value::RawValue) -> Result<Vec<u8>, String> {
    let text: String = serde_json::from_str(raw.get()).map_err(|e| format!("not a string: {e}"))?;
    hex::decode(text.trim()).map_err(|e| format!("not hex: {e}"))
}
