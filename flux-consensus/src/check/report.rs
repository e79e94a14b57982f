//! What a check run returns: one [`Check`] per rule, gathered in a [`Report`].

use std::fmt;

use flux_primitives::hash::BlockHash;
use serde::Serialize;

use crate::block::Block;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The rule holds.
    Pass,
    /// The rule is broken.
    Fail,
    /// Not checked: the caller did not supply what it needs.
    Skipped,
}

impl Status {
    /// `pass`, `fail` or `skipped`, as serialized.
    ///
    /// ```
    /// assert_eq!(flux_consensus::check::Status::Skipped.name(), "skipped");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skipped => "skipped",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The consensus rules this crate checks, each named as in the JSON (`"proof_of_work"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// Serialized block size at most `MAX_BLOCK_SIZE`.
    Size,
    /// `nVersion` allowed at the height.
    Version,
    /// A valid Equihash solution of an allowed size (PoW).
    Equihash,
    /// The block hash meets `nBits`, which is within powLimit (PoW).
    ProofOfWork,
    /// The PoN hash meets `nBits`, which is within the PoN limit (PoN).
    PonEligibility,
    /// The producer's (or the emergency keys') signature over the block hash (PoN).
    BlockSignature,
    /// At least one transaction.
    Transactions,
    /// The first transaction is the only coinbase.
    Coinbase,
    /// `hashMerkleRoot` matches the transactions.
    MerkleRoot,
    /// No duplicate transactions (CVE-2012-2459).
    Duplicates,
    /// Not too far in the future.
    Time,
    /// Dev-fund and one-off funding outputs of the coinbase.
    CoinbasePayouts,
    /// Fluxnode tier payouts of the coinbase.
    FluxnodePayouts,
    /// The coinbase creates no more than subsidy + fees + funding.
    CoinbaseValue,
    /// The hash at a checkpoint height.
    Checkpoint,
    /// `hashPrevBlock` links to the parent.
    PrevBlock,
    /// `nBits` equals the required work.
    Difficulty,
    /// Later than the median time past (PoW) or the parent (PoN).
    TimePast,
}

impl Rule {
    /// The rule's name as serialized (`"proof_of_work"`).
    ///
    /// ```
    /// use flux_consensus::check::Rule;
    /// assert_eq!(Rule::ProofOfWork.name(), "proof_of_work");
    /// assert_eq!(Rule::TimePast.to_string(), "time_past");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Rule::Size => "size",
            Rule::Version => "version",
            Rule::Equihash => "equihash",
            Rule::ProofOfWork => "proof_of_work",
            Rule::PonEligibility => "pon_eligibility",
            Rule::BlockSignature => "block_signature",
            Rule::Transactions => "transactions",
            Rule::Coinbase => "coinbase",
            Rule::MerkleRoot => "merkle_root",
            Rule::Duplicates => "duplicates",
            Rule::Time => "time",
            Rule::CoinbasePayouts => "coinbase_payouts",
            Rule::FluxnodePayouts => "fluxnode_payouts",
            Rule::CoinbaseValue => "coinbase_value",
            Rule::Checkpoint => "checkpoint",
            Rule::PrevBlock => "prev_block",
            Rule::Difficulty => "difficulty",
            Rule::TimePast => "time_past",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule's result. Serialized as `{"name", "result", "reject", "reason"}`.
///
/// ```
/// use flux_consensus::check::{Check, Rule, Status};
///
/// let c = Check::fail(Rule::ProofOfWork, "high-hash", "hash above target");
/// assert_eq!(c.status, Status::Fail);
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"name":"proof_of_work","result":"fail","reject":"high-hash","reason":"hash above target"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The rule.
    #[serde(rename = "name")]
    pub rule: Rule,
    /// Pass, fail or skipped.
    #[serde(rename = "result")]
    pub status: Status,
    /// fluxd's reject code when the rule fails (`"bad-cb-amount"`); `None` otherwise, and
    /// for a failure fluxd rejects without a code (a checkpoint mismatch).
    pub reject: Option<&'static str>,
    /// What was found, for people.
    #[serde(rename = "reason")]
    pub detail: String,
}

impl Check {
    /// A rule that holds.
    pub fn pass(rule: Rule, detail: impl Into<String>) -> Check {
        Check {
            rule,
            status: Status::Pass,
            reject: None,
            detail: detail.into(),
        }
    }

    /// A broken rule with fluxd's reject code.
    pub fn fail(rule: Rule, reject: &'static str, detail: impl Into<String>) -> Check {
        Check {
            rule,
            status: Status::Fail,
            reject: Some(reject),
            detail: detail.into(),
        }
    }

    /// A rule not checked, saying what is missing.
    pub fn skipped(rule: Rule, detail: impl Into<String>) -> Check {
        Check {
            rule,
            status: Status::Skipped,
            reject: None,
            detail: detail.into(),
        }
    }
}

/// All checks of one run and the two verdicts, computed from them once.
///
/// ```
/// use flux_consensus::check::{Check, Report, Rule};
///
/// let r = Report::new(vec![
///     Check::pass(Rule::Size, "100 bytes"),
///     Check::skipped(Rule::Time, "current time not given"),
/// ]);
/// assert!(r.valid && !r.complete);
/// assert_eq!(r.get(Rule::Size).map(|c| c.detail.as_str()), Some("100 bytes"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when no check failed.
    pub valid: bool,
    /// True when every check could be made.
    pub complete: bool,
    /// The checks in order.
    pub checks: Vec<Check>,
}

impl Report {
    /// The report of `checks`.
    pub fn new(checks: Vec<Check>) -> Report {
        Report {
            valid: checks.iter().all(|c| c.status != Status::Fail),
            complete: checks.iter().all(|c| c.status != Status::Skipped),
            checks,
        }
    }

    /// The first check of `rule`, if it was run.
    pub fn get(&self, rule: Rule) -> Option<&Check> {
        self.checks.iter().find(|c| c.rule == rule)
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.status == Status::Fail)
    }
}

/// A block's hash beside its [`Report`], as `flux block verify` prints it:
/// `{"hash", "valid", "complete", "checks"}`.
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::check::{check_block, BlockVerdict, CheckContext};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
/// let verdict = BlockVerdict::new(&genesis, check_block(&genesis, &CheckContext::new(Network::Main)));
/// let json = serde_json::to_value(&verdict).unwrap();
/// assert_eq!(json["hash"], "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444");
/// assert_eq!(json["valid"], true);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockVerdict {
    /// The block hash.
    pub hash: BlockHash,
    /// The checks.
    #[serde(flatten)]
    pub report: Report,
}

impl BlockVerdict {
    /// The verdict on `block` from its report.
    pub fn new(block: &Block, report: Report) -> BlockVerdict {
        BlockVerdict {
            hash: block.hash(),
            report,
        }
    }
}

/// Collects checks while the rules run.
#[derive(Debug, Default)]
pub(crate) struct Checks(pub(crate) Vec<Check>);

impl Checks {
    pub(crate) fn pass(&mut self, rule: Rule, detail: impl Into<String>) {
        self.0.push(Check::pass(rule, detail));
    }

    pub(crate) fn fail(&mut self, rule: Rule, reject: &'static str, detail: impl Into<String>) {
        self.0.push(Check::fail(rule, reject, detail));
    }

    pub(crate) fn skip(&mut self, rule: Rule, detail: impl Into<String>) {
        self.0.push(Check::skipped(rule, detail));
    }

    /// `pass` when `ok`, else `fail` with `reject`.
    pub(crate) fn rule(
        &mut self,
        rule: Rule,
        ok: bool,
        pass: impl Into<String>,
        reject: &'static str,
        fail: impl Into<String>,
    ) {
        if ok {
            self.pass(rule, pass);
        } else {
            self.fail(rule, reject, fail);
        }
    }
}
