//! Block and header checks in the manner of fluxd's `CheckBlockHeader`, `CheckBlock`,
//! `ContextualCheckBlockHeader` and the coinbase rules of `ConnectBlock`. Every check
//! reports a [`Rule`], its [`Status`], fluxd's reject code and what was found; a check that
//! needs data the caller did not give is `skipped`.
//!
//! * [`check_header`]: a header on its own (version, proof, future time);
//! * [`check_block`]: a whole block (size, header, transactions, coinbase);
//! * [`check_header_in_chain`] / [`check_block_in_chain`]: plus the rules that need the
//!   headers before it (a [`HeaderChain`], e.g. a slice of [`PrevHeader`]).
//!
//! ```
//! use flux_consensus::block::Block;
//! use flux_consensus::check::{check_block, CheckContext, Rule, Status};
//! use flux_primitives::Network;
//!
//! let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
//! let report = check_block(&genesis, &CheckContext { height: Some(0), ..CheckContext::new(Network::Main) });
//! assert!(report.valid);
//! assert_eq!(report.get(Rule::ProofOfWork).unwrap().status, Status::Pass);
//! // No current time given: the future-time rule is skipped.
//! assert!(!report.complete);
//! ```

mod chain;
mod coinbase;
mod context;
mod proof;
mod report;
mod structure;

pub use chain::check_header_in_chain;
pub use coinbase::check_coinbase;
pub use context::{
    CheckContext, FluxnodePayee, FluxnodePayees, HeaderChain, HeaderRecord, PrevHeader,
};
pub use report::{BlockVerdict, Check, Report, Rule, Status};

use flux_primitives::codec::Encode;

use crate::block::Block;
use crate::header::BlockHeader;
use crate::params::consensus_params;
use crate::rules::{version_violation, MIN_BLOCK_VERSION, PON_VERSION};
use report::Checks;

/// `MAX_BLOCK_SIZE` (the same on every network; see [`ConsensusParams::max_block_size`]).
///
/// [`ConsensusParams::max_block_size`]: crate::params::ConsensusParams::max_block_size
pub const MAX_BLOCK_SIZE: usize = crate::params::mainnet::PARAMS.max_block_size;

/// Checks a header on its own, with what the context allows: `version` (fluxd's height
/// rules when [`CheckContext::height`] is given), the proof (`equihash` and
/// `proof_of_work`, or `pon_eligibility` and `block_signature`) and `time` (with
/// [`CheckContext::now`]). The rules that need the headers before it are
/// [`check_header_in_chain`].
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::check::{check_header, CheckContext, Rule, Status};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
/// let ctx = CheckContext { height: Some(0), now: Some(1_700_000_000), ..CheckContext::new(Network::Main) };
/// let report = check_header(&genesis.header, &ctx);
/// assert!(report.valid && report.complete);
/// let rules: Vec<Rule> = report.checks.iter().map(|c| c.rule).collect();
/// assert_eq!(rules, [Rule::Version, Rule::Equihash, Rule::ProofOfWork, Rule::Time]);
///
/// // One bit of the nonce changed: the Equihash solution no longer holds.
/// let mut bad = genesis.header.clone();
/// if let flux_consensus::header::HeaderProof::Pow { nonce, .. } = &mut bad.proof { nonce[0] ^= 1; }
/// let c = check_header(&bad, &ctx);
/// assert_eq!(c.get(Rule::Equihash).unwrap().reject, Some("invalid-solution"));
/// ```
pub fn check_header(header: &BlockHeader, ctx: &CheckContext) -> Report {
    let mut c = Checks::default();
    check_version(&mut c, header, ctx);
    proof::check_proof(&mut c, header, ctx);
    check_time(&mut c, header, ctx);
    Report::new(c.0)
}

/// Runs every check on a whole block that the context allows (without the previous
/// headers; see [`check_block_in_chain`]): `size`, the [`check_header`] rules,
/// `transactions`, `coinbase`, `merkle_root`, `duplicates` and the [`check_coinbase`] rules.
pub fn check_block(block: &Block, ctx: &CheckContext) -> Report {
    Report::new(block_checks(block, ctx))
}

fn block_checks(block: &Block, ctx: &CheckContext) -> Vec<Check> {
    let mut c = Checks::default();
    // fluxd CheckBlock: "::GetSerializeSize(block, SER_NETWORK, PROTOCOL_VERSION) >
    // MAX_BLOCK_SIZE" -> "bad-blk-length".
    let size = block.encoded_len();
    let max = consensus_params(ctx.network).max_block_size;
    c.rule(
        Rule::Size,
        size <= max,
        format!("{size} bytes"),
        "bad-blk-length",
        format!("{size} bytes > {max}"),
    );
    check_version(&mut c, &block.header, ctx);
    proof::check_proof(&mut c, &block.header, ctx);
    structure::check_structure(&mut c, block);
    check_time(&mut c, &block.header, ctx);
    c.0.extend(check_coinbase(&block.transactions, ctx));
    c.0
}

/// [`check_block`] plus [`check_header_in_chain`] for a block at `height` whose previous
/// headers `prev` supplies.
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::check::{check_block_in_chain, CheckContext, PrevHeader};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
/// let report = check_block_in_chain(&genesis, &CheckContext::new(Network::Main), 0, &[] as &[PrevHeader]);
/// assert!(report.valid);
/// ```
pub fn check_block_in_chain<P: HeaderChain + ?Sized>(
    block: &Block,
    ctx: &CheckContext,
    height: u32,
    prev: &P,
) -> Report {
    let ctx = CheckContext {
        height: Some(height),
        ..ctx.clone()
    };
    let mut checks = block_checks(block, &ctx);
    checks.extend(check_header_in_chain(
        &block.header,
        ctx.network,
        height,
        prev,
    ));
    Report::new(checks)
}

fn check_version(c: &mut Checks, header: &BlockHeader, ctx: &CheckContext) {
    let v = header.version;
    match ctx.height {
        // fluxd ContextualCheckBlockHeader: "IsPONActive(nHeight) ... block.IsPON() ...
        // "not-pon-block"" / "premature-pon-block", and "if (block.nVersion < 4) ...
        // "bad-version"".
        Some(h) => match version_violation(ctx.network, h, v) {
            None => c.pass(Rule::Version, format!("version {v}")),
            Some(r) => c.fail(Rule::Version, r, format!("version {v} at height {h}")),
        },
        // fluxd CheckBlockHeader: "if (block.nVersion < MIN_BLOCK_VERSION) return
        // state.DoS(100, ..., "version-too-low")".
        None => c.rule(
            Rule::Version,
            v >= MIN_BLOCK_VERSION,
            format!("version {v} (height rules not checked)"),
            "version-too-low",
            format!("version {v} below {MIN_BLOCK_VERSION}"),
        ),
    }
}

fn check_time(c: &mut Checks, header: &BlockHeader, ctx: &CheckContext) {
    // fluxd CheckBlockHeader (once the node's tip is past LWMA activation): "if
    // (block.IsPON()) { if (block.GetBlockTime() > GetAdjustedTime() + 300) ... } else {
    // if (block.GetBlockTime() > GetAdjustedTime() + 360) ... }" -> "time-too-new".
    let Some(now) = ctx.now else {
        c.skip(Rule::Time, "current time not given");
        return;
    };
    let p = consensus_params(ctx.network);
    let limit = if header.version >= PON_VERSION {
        p.max_future_time_pon
    } else {
        p.max_future_time_pow
    };
    c.rule(
        Rule::Time,
        i64::from(header.time) <= i64::from(now) + limit,
        "not too far in the future",
        "time-too-new",
        format!("{} > now + {limit}", header.time),
    );
}
