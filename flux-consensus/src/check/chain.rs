//! The header rules that need the headers before it: checkpoint, parent link, required
//! work, and time against the parent or the median time past (fluxd
//! `ContextualCheckBlockHeader`).

use flux_primitives::Network;

use super::context::HeaderChain;
use super::report::{Check, Checks, Rule, Status};
use crate::difficulty::{median_time_past, next_work_required_for_block};
use crate::header::BlockHeader;
use crate::params::consensus_params;
use crate::rules::checkpoint;

/// fluxd's `ContextualCheckBlockHeader` rules that need the previous headers: the
/// checkpoint at checkpoint heights, linkage to the parent, `nBits` against the required
/// work, and the time against the parent (PoN) or the median time past (PoW). A check whose
/// headers the caller did not supply is `skipped`.
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::check::{check_header_in_chain, PrevHeader, Rule, Status};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
/// let checks = check_header_in_chain(&genesis.header, Network::Main, 0, &[] as &[PrevHeader]);
/// assert!(checks.iter().all(|c| c.status == Status::Pass));
/// assert_eq!(checks[0].rule, Rule::Checkpoint);
/// ```
pub fn check_header_in_chain<P: HeaderChain + ?Sized>(
    header: &BlockHeader,
    network: Network,
    height: u32,
    prev: &P,
) -> Vec<Check> {
    let mut c = Checks::default();
    let hash = header.hash();

    // fluxd ContextualCheckBlockHeader: "if
    // (!Checkpoints::CheckBlockAgaintCheckpoint(chainParams.Checkpoints(), nHeight,
    // block.GetHash())) ... return state.DoS(0, error(...))": rejected without a reject code.
    match checkpoint(network, height) {
        Some(want) if want == hash => c.pass(
            Rule::Checkpoint,
            format!("matches the checkpoint at {height}"),
        ),
        Some(want) => c.0.push(Check {
            rule: Rule::Checkpoint,
            status: Status::Fail,
            reject: None,
            detail: format!("checkpoint mismatch at {height}: expected {want}"),
        }),
        None => c.pass(Rule::Checkpoint, "no checkpoint at this height"),
    }
    let Some(parent_height) = height.checked_sub(1) else {
        c.rule(
            Rule::PrevBlock,
            header.prev_block.is_zero(),
            "genesis has no parent",
            "bad-prevblk",
            "genesis with a parent hash",
        );
        let limit = consensus_params(network).pow_limit_bits;
        c.rule(
            Rule::Difficulty,
            header.bits == limit,
            format!("nBits {limit} (powLimit)"),
            "bad-diffbits",
            format!("nBits {}, required {limit}", header.bits),
        );
        return c.0;
    };
    // fluxd AcceptBlockHeader: the parent must be known and valid ("bad-prevblk").
    match prev.block_hash(parent_height) {
        Some(p) => c.rule(
            Rule::PrevBlock,
            header.prev_block == p,
            "links to the given parent",
            "bad-prevblk",
            format!("parent at {parent_height} is {p}"),
        ),
        None => c.skip(
            Rule::PrevBlock,
            format!("header at {parent_height} not given"),
        ),
    }

    // fluxd ContextualCheckBlockHeader: "if (block.nBits != GetNextPONWorkRequired(pindexPrev))
    // { if (fTestNet && nHeight >= 800 && nHeight <= 1800) { [skip] } else return
    // state.DoS(100, ..., "bad-pon-diffbits")" and, for PoW, "if (block.nBits !=
    // GetNextWorkRequiredByFork(pindexPrev, &block, consensusParams)) ... "bad-diffbits"".
    let pon = header.is_pon();
    match next_work_required_for_block(network, height, prev, Some(header.time)) {
        Ok(bits) if bits == header.bits => {
            c.pass(Rule::Difficulty, format!("nBits {bits} as required"))
        }
        Ok(_) if pon && network == Network::Test && (800..=1800).contains(&height) => c.pass(
            Rule::Difficulty,
            "testnet does not check PoN nBits at heights 800-1800",
        ),
        Ok(bits) => c.fail(
            Rule::Difficulty,
            if pon {
                "bad-pon-diffbits"
            } else {
                "bad-diffbits"
            },
            format!("nBits {}, required {bits}", header.bits),
        ),
        Err(e) => c.skip(Rule::Difficulty, e.to_string()),
    }

    // fluxd ContextualCheckBlockHeader: "if (block.IsPON()) { if (block.GetBlockTime() <=
    // pindexPrev->GetBlockTime()) ... } else { if (block.GetBlockTime() <=
    // pindexPrev->GetMedianTimePast()) ... }" -> "time-too-old".
    if pon {
        match prev.record(parent_height) {
            Some(p) => c.rule(
                Rule::TimePast,
                header.time > p.time,
                "later than the parent",
                "time-too-old",
                format!("{} <= parent time {}", header.time, p.time),
            ),
            None => c.skip(
                Rule::TimePast,
                format!("header at {parent_height} not given"),
            ),
        }
    } else {
        match median_time_past(prev, parent_height) {
            Ok(mtp) => c.rule(
                Rule::TimePast,
                i64::from(header.time) > mtp,
                format!("later than the median time past {mtp}"),
                "time-too-old",
                format!("{} <= median time past {mtp}", header.time),
            ),
            Err(e) => c.skip(Rule::TimePast, e.to_string()),
        }
    }
    c.0
}
