//! Block checks in the manner of fluxd's context-free `CheckBlockHeader`/`CheckBlock`, plus
//! the height-dependent rules a caller can enable by giving the height. Every check reports
//! its result and reason; a check that needs data the caller did not give is `skipped`.

use flux_primitives::amount::money_range;
use flux_primitives::hash::Txid;
use flux_primitives::script::ScriptBuf;
use flux_primitives::{Address, Network};
use flux_tx::{StandardTx, Transaction};
use serde::Serialize;

use flux_primitives::hash::BlockHash;

use crate::block::Block;
use crate::difficulty::{
    limits, median_time_past, next_work_required_for_block, HeaderChain, HeaderRecord,
};
use crate::equihash::{EquihashParams, Verifier};
use crate::header::{BlockHeader, HeaderProof};
use crate::params::consensus_params;
use crate::pon;
use crate::rules::{
    allowed_equihash, any_equihash_size_allowed, checkpoint, version_violation, PON_VERSION,
};
use crate::subsidy::{
    block_subsidy, fluxnode_payout, funding_at, is_pon_height, min_dev_fund, Tier,
};
use crate::target::{from_compact, to_compact, U256};
use crate::Error;

/// `MAX_BLOCK_SIZE`.
pub const MAX_BLOCK_SIZE: usize = 2_000_000;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The rule holds.
    Pass,
    /// The rule is broken.
    Fail,
    /// Not checked: the caller did not supply what it needs.
    Skipped,
}

/// One named check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Name of the rule.
    pub name: &'static str,
    /// Result.
    pub result: Status,
    /// Why (fluxd's reject reason where there is one).
    pub reason: String,
}

/// What the caller knows besides the block.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// Network (mainnet by default).
    pub network: Network,
    /// Block height, enabling the height rules.
    pub height: Option<u32>,
    /// The producing node's operator public key (PoN).
    pub node_public_key: Option<Vec<u8>>,
    /// The network-adjusted current time, enabling the future-time check.
    pub now: Option<u32>,
    /// The fluxnode payees this block owes, one per tier whose deterministic payment queue
    /// is not empty (a tier left out is owed nothing, as in fluxd); enables the
    /// `fluxnode_payouts` check. The queue is chain state: take it from a node
    /// (`fluxnodecurrentwinner` for the next block).
    pub fluxnode_payees: Option<Vec<FluxnodePayee>>,
    /// The total fees of the block's other transactions in zatoshis; enables the
    /// `coinbase_value` check when some of them spend transparent outputs.
    pub fees: Option<i64>,
}

/// The payee a fluxnode tier must be paid in one block: the front of its payment queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluxnodePayee {
    /// The tier.
    pub tier: Tier,
    /// The script the tier's payout must go to.
    pub script_pubkey: ScriptBuf,
}

impl FluxnodePayee {
    /// The payee of `tier` paid to a transparent `address` of `network`.
    pub fn from_address(tier: Tier, address: &str, network: Network) -> Result<Self, Error> {
        let script_pubkey = Address::from_str_for_network(address, network)?
            .script_pubkey()
            .ok_or_else(|| Error::InvalidField {
                field: "fluxnode payee",
                reason: format!("{address} is not a transparent address"),
            })?;
        Ok(FluxnodePayee {
            tier,
            script_pubkey,
        })
    }
}

/// All checks and the verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when no check failed.
    pub valid: bool,
    /// True when every check could be made.
    pub complete: bool,
    /// The checks in order.
    pub checks: Vec<Check>,
}

struct Checks(Vec<Check>);

impl Checks {
    fn push(&mut self, name: &'static str, result: Status, reason: impl Into<String>) {
        self.0.push(Check {
            name,
            result,
            reason: reason.into(),
        });
    }
    fn rule(
        &mut self,
        name: &'static str,
        ok: bool,
        pass: impl Into<String>,
        fail: impl Into<String>,
    ) {
        if ok {
            self.push(name, Status::Pass, pass);
        } else {
            self.push(name, Status::Fail, fail);
        }
    }
}

/// Runs every check that the context allows.
pub fn check_block(block: &Block, ctx: &CheckContext) -> Report {
    let mut c = Checks(Vec::new());
    let net = ctx.network;
    let header = &block.header;

    let size = block.to_bytes().len();
    c.rule(
        "size",
        size <= MAX_BLOCK_SIZE,
        format!("{size} bytes"),
        format!("bad-blk-length: {size} bytes > {MAX_BLOCK_SIZE}"),
    );

    match ctx.height {
        Some(h) => match version_violation(net, h, header.version) {
            None => c.push(
                "version",
                Status::Pass,
                format!("version {}", header.version),
            ),
            Some(r) => c.push(
                "version",
                Status::Fail,
                format!("{r}: version {} at height {h}", header.version),
            ),
        },
        None => c.rule(
            "version",
            header.version >= 4,
            format!("version {} (height rules not checked)", header.version),
            "bad-version: below 4",
        ),
    }

    check_proof(&mut c, block, ctx);
    check_structure(&mut c, block);

    if let Some(now) = ctx.now {
        let limit = if header.version >= PON_VERSION {
            300
        } else {
            360
        };
        c.rule(
            "time",
            i64::from(header.time) <= i64::from(now) + limit,
            "not too far in the future",
            format!("time-too-new: {} > now + {limit}", header.time),
        );
    } else {
        c.push("time", Status::Skipped, "current time not given");
    }

    c.0.extend(check_coinbase(&block.transactions, ctx));

    let valid = c.0.iter().all(|x| x.result != Status::Fail);
    let complete = c.0.iter().all(|x| x.result != Status::Skipped);
    Report {
        valid,
        complete,
        checks: c.0,
    }
}

fn check_proof(c: &mut Checks, block: &Block, ctx: &CheckContext) {
    let net = ctx.network;
    let header = &block.header;
    let p = consensus_params(net);
    match &header.proof {
        HeaderProof::Pow { nonce, solution } => {
            let params = match ctx.height {
                Some(h) if !any_equihash_size_allowed(net, h) => allowed_equihash(net, h)
                    .into_iter()
                    .find(|e| e.solution_len() == solution.len()),
                _ => EquihashParams::for_solution_len(solution.len()),
            };
            match params {
                None => c.push(
                    "equihash",
                    Status::Fail,
                    format!(
                        "invalid-solution-size: {} bytes not allowed here",
                        solution.len()
                    ),
                ),
                Some(e) => match Verifier::new(e, &header.prefix_bytes(), nonce)
                    .and_then(|v| v.check(solution))
                {
                    Ok(Ok(())) => c.push("equihash", Status::Pass, format!("valid ({e})")),
                    Ok(Err(why)) => c.push(
                        "equihash",
                        Status::Fail,
                        format!("invalid-solution ({e}): {why}"),
                    ),
                    Err(err) => c.push("equihash", Status::Fail, err.to_string()),
                },
            }
            if net == Network::Regtest {
                c.push(
                    "proof_of_work",
                    Status::Pass,
                    "regtest does not enforce the target",
                );
            } else {
                let limit = from_compact(p.pow_limit_bits).unwrap_or(U256::MAX);
                match from_compact(header.bits) {
                    Err(e) => c.push("proof_of_work", Status::Fail, format!("high-hash: {e}")),
                    Ok(t) if t > limit => c.push(
                        "proof_of_work",
                        Status::Fail,
                        "high-hash: target above powLimit",
                    ),
                    Ok(t) => c.rule(
                        "proof_of_work",
                        U256::from_le_bytes(header.hash().to_bytes()) <= t,
                        "hash below target",
                        "high-hash: hash above target",
                    ),
                }
            }
        }
        HeaderProof::Pon {
            collateral,
            signature,
        } => {
            let hash = header.hash();
            if pon::is_emergency_collateral(collateral) {
                c.push(
                    "pon_eligibility",
                    Status::Pass,
                    "emergency block: no PoN hash check",
                );
                match pon::verify_emergency_signatures(net, &hash, signature) {
                    Ok(()) => c.push(
                        "block_signature",
                        Status::Pass,
                        "emergency signatures valid",
                    ),
                    Err(e) => c.push(
                        "block_signature",
                        Status::Fail,
                        format!("bad-emergency-sig: {e}"),
                    ),
                }
                return;
            }
            if net == Network::Regtest {
                c.push(
                    "pon_eligibility",
                    Status::Pass,
                    "regtest does not enforce the PoN target",
                );
            } else {
                let max = from_compact(p.pon_limit_bits)
                    .unwrap_or(U256::MAX)
                    .max(from_compact(p.pon_start_limit_bits).unwrap_or(U256::MAX));
                match from_compact(header.bits) {
                    Err(e) => c.push(
                        "pon_eligibility",
                        Status::Fail,
                        format!("bad-diffbits: {e}"),
                    ),
                    Ok(t) if t > max => c.push(
                        "pon_eligibility",
                        Status::Fail,
                        "bad-diffbits: target above the PoN limit",
                    ),
                    Ok(_) => {
                        let ph = pon::header_pon_hash(net, header).unwrap_or_default();
                        c.rule(
                            "pon_eligibility",
                            pon::meets_target(&ph, header.bits),
                            format!("PoN hash {ph} meets the target"),
                            format!("pon-hash-too-high: {ph}"),
                        );
                    }
                }
            }
            if signature.len() > pon::MAX_BLOCK_SIG_SIZE {
                c.push(
                    "block_signature",
                    Status::Fail,
                    format!("bad-blocksig-size: {} bytes", signature.len()),
                );
            } else if pon::is_bypass_collateral(net, collateral) {
                c.push(
                    "block_signature",
                    Status::Pass,
                    "test-network bypass collateral",
                );
            } else {
                match &ctx.node_public_key {
                    None => c.push(
                        "block_signature",
                        Status::Skipped,
                        "node public key not given",
                    ),
                    Some(k) => match pon::verify_block_signature(&hash, signature, k) {
                        Ok(true) => {
                            c.push("block_signature", Status::Pass, "signed by the node key")
                        }
                        Ok(false) => c.push(
                            "block_signature",
                            Status::Fail,
                            "bad-blocksig: not signed by the given key",
                        ),
                        Err(e) => c.push(
                            "block_signature",
                            Status::Fail,
                            format!("bad-blocksig: {e}"),
                        ),
                    },
                }
            }
        }
    }
}

fn check_structure(c: &mut Checks, block: &Block) {
    let txs = &block.transactions;
    c.rule(
        "transactions",
        !txs.is_empty(),
        format!("{} transactions", txs.len()),
        "bad-blk-length: no transactions",
    );
    let is_cb = |t: &Transaction| t.as_standard().is_some_and(|s| s.is_coinbase());
    let first_ok = txs.first().is_some_and(is_cb);
    let others = txs.iter().skip(1).filter(|t| is_cb(t)).count();
    c.rule(
        "coinbase",
        first_ok && others == 0,
        "first transaction is the only coinbase",
        if first_ok {
            "bad-cb-multiple"
        } else {
            "bad-cb-missing"
        },
    );
    let txids: Vec<Txid> = txs.iter().map(Transaction::txid).collect();
    let (root, mutated) = crate::merkle::merkle_root(&txids);
    c.rule(
        "merkle_root",
        root == block.header.merkle_root,
        "matches the transactions",
        format!("bad-txnmrklroot: computed {root}"),
    );
    let mut sorted = txids.clone();
    sorted.sort_unstable();
    let dup = sorted.windows(2).any(|w| w.first() == w.get(1));
    c.rule(
        "duplicates",
        !mutated && !dup,
        "no duplicate transactions",
        "bad-txns-duplicate",
    );
}

/// The three coinbase checks of [`check_block`] on a block's transactions (coinbase first):
///
/// * `coinbase_payouts` (fluxd `ContextualCheckTransaction`): the PoN-era dev-fund output
///   and the one-off funding outputs;
/// * `fluxnode_payouts` (fluxd `CheckFluxnodePayout`): each due tier's payee paid exactly
///   its tier amount and, in the PoN era, the dev fund at least what the due tiers leave of
///   the subsidy; needs [`CheckContext::fluxnode_payees`];
/// * `coinbase_value` (fluxd `ConnectBlock`, `bad-cb-amount`): the coinbase creates no more
///   than subsidy + fees + funding; needs the fees, which are known without
///   [`CheckContext::fees`] only when no other transaction spends transparent inputs.
///
/// All three need [`CheckContext::height`].
pub fn check_coinbase(transactions: &[Transaction], ctx: &CheckContext) -> Vec<Check> {
    let mut c = Checks(Vec::new());
    let Some(height) = ctx.height else {
        for name in ["coinbase_payouts", "fluxnode_payouts", "coinbase_value"] {
            c.push(name, Status::Skipped, "height not given");
        }
        return c.0;
    };
    let Some(cb) = transactions
        .first()
        .and_then(Transaction::as_standard)
        .filter(|t| t.is_coinbase())
    else {
        for name in ["coinbase_payouts", "fluxnode_payouts", "coinbase_value"] {
            c.push(name, Status::Fail, "no coinbase");
        }
        return c.0;
    };
    check_funding_outputs(&mut c, cb, ctx, height);
    check_fluxnode_payouts(&mut c, cb, ctx, height);
    check_coinbase_value(&mut c, transactions, cb, ctx.network, height, ctx.fees);
    c.0
}

/// The script an address string pays, if it is a transparent address of `net`.
fn address_script(address: &str, net: Network) -> Option<ScriptBuf> {
    Address::from_str_for_network(address, net)
        .ok()?
        .script_pubkey()
}

/// An output's destination for messages: its address where it has one, else the script hex.
fn describe_script(script: &ScriptBuf, net: Network) -> String {
    Address::from_script(script, net)
        .map(|a| a.to_string())
        .unwrap_or_else(|_| format!("script {}", hex::encode(script.as_bytes())))
}

fn check_funding_outputs(c: &mut Checks, cb: &StandardTx, ctx: &CheckContext, height: u32) {
    let net = ctx.network;
    let pays = |address: &str, at_least: i64, exact: bool| {
        let Some(script) = address_script(address, net) else {
            return false;
        };
        cb.outputs.iter().any(|o| {
            o.script_pubkey == script
                && if exact {
                    o.value == at_least
                } else {
                    o.value >= at_least
                }
        })
    };
    let mut problems = Vec::new();
    if is_pon_height(net, height) {
        let min = min_dev_fund(net, height);
        if !pays(net.params().dev_fund_address, min, false) {
            problems.push(format!(
                "tx-coinbase-missing-dev-funding: missing dev-fund output of at least {min} zatoshis to {}",
                net.params().dev_fund_address
            ));
        }
    }
    for f in funding_at(net, height) {
        if !pays(f.address, f.amount, true) {
            problems.push(format!(
                "missing funding output of exactly {} zatoshis to {}",
                f.amount, f.address
            ));
        }
    }
    if problems.is_empty() {
        let tiers = if ctx.fluxnode_payees.is_some() {
            "fluxnode tier payouts: see fluxnode_payouts"
        } else {
            "fluxnode tier payouts not checked: payees not given"
        };
        c.push(
            "coinbase_payouts",
            Status::Pass,
            format!("dev-fund and funding outputs present; {tiers}"),
        );
    } else {
        c.push("coinbase_payouts", Status::Fail, problems.join("; "));
    }
}

/// One tier payout this block owes, as fluxd's `CheckFluxnodePayout` gathers them.
struct Due<'a> {
    tier: Tier,
    script: &'a ScriptBuf,
    amount: i64,
    paid: bool,
}

fn check_fluxnode_payouts(c: &mut Checks, cb: &StandardTx, ctx: &CheckContext, height: u32) {
    const NAME: &str = "fluxnode_payouts";
    let net = ctx.network;
    let start = consensus_params(net).fluxnode_payments_start;
    if height < start {
        c.push(
            NAME,
            Status::Pass,
            format!("fluxnode payouts start at height {start}"),
        );
        return;
    }
    let Some(payees) = &ctx.fluxnode_payees else {
        c.push(
            NAME,
            Status::Skipped,
            "fluxnode tier payouts not checked: expected payees not given (the deterministic payment queue is chain state)",
        );
        return;
    };
    // fluxd keeps one payee per tier, in tier order.
    let mut due: Vec<Due> = Vec::new();
    for tier in Tier::ALL {
        let mut of_tier = payees.iter().filter(|p| p.tier == tier);
        if let Some(p) = of_tier.next() {
            if of_tier.next().is_some() {
                c.push(
                    NAME,
                    Status::Skipped,
                    format!("payee list names {} more than once", tier.name()),
                );
                return;
            }
            due.push(Due {
                tier,
                script: &p.script_pubkey,
                amount: fluxnode_payout(net, height, tier),
                paid: false,
            });
        }
    }
    let subsidy = block_subsidy(net, height);
    let remainder = due.iter().fold(subsidy, |r, d| r.saturating_sub(d.amount));
    let check_dev_fund = is_pon_height(net, height);
    let dev_script = address_script(net.params().dev_fund_address, net);
    let mut used = vec![false; cb.outputs.len()];
    let mut dev_fund_paid = false;
    // Scan the outputs in order as fluxd does: an output pays the first unpaid tier whose
    // script and amount it matches, and an output used by a tier cannot pay the dev fund.
    for (out, used) in cb.outputs.iter().zip(used.iter_mut()) {
        if let Some(d) = due
            .iter_mut()
            .find(|d| !d.paid && out.script_pubkey == *d.script && out.value == d.amount)
        {
            d.paid = true;
            *used = true;
        }
        if check_dev_fund
            && !dev_fund_paid
            && !*used
            && dev_script.as_ref() == Some(&out.script_pubkey)
            && out.value >= remainder
        {
            dev_fund_paid = true;
        }
    }

    let mut problems = Vec::new();
    if check_dev_fund && !dev_fund_paid {
        problems.push(format!(
            "dev fund: no output of at least {remainder} zatoshis to {} besides the tier payouts (subsidy {subsidy} less the due tiers)",
            net.params().dev_fund_address
        ));
    }
    for d in due.iter().filter(|d| !d.paid) {
        problems.push(describe_unpaid(d, cb, &used, net));
    }
    if problems.is_empty() {
        let paid: Vec<String> = due
            .iter()
            .map(|d| {
                format!(
                    "{} {} zatoshis to {}",
                    d.tier.name(),
                    d.amount,
                    describe_script(d.script, net)
                )
            })
            .collect();
        let tiers = if paid.is_empty() {
            "no tier due".to_string()
        } else {
            paid.join(", ")
        };
        c.push(NAME, Status::Pass, format!("paid: {tiers}"));
    } else {
        c.push(
            NAME,
            Status::Fail,
            format!(
                "bad-txns-not-paying-correct-fluxnodes: {}",
                problems.join("; ")
            ),
        );
    }
}

/// Says how an unpaid tier's output is wrong: the payee gets another amount, or nothing
/// (and then whether some unused output carries the tier amount to someone else).
fn describe_unpaid(d: &Due, cb: &StandardTx, used: &[bool], net: Network) -> String {
    let payee = describe_script(d.script, net);
    let head = format!(
        "{} payee {payee} must receive exactly {} zatoshis",
        d.tier.name(),
        d.amount
    );
    let to_payee: Vec<String> = cb
        .outputs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.script_pubkey == *d.script)
        .map(|(i, o)| format!("output {i} pays it {} zatoshis", o.value))
        .collect();
    if !to_payee.is_empty() {
        return format!("{head}: wrong amount ({})", to_payee.join(", "));
    }
    let elsewhere = cb
        .outputs
        .iter()
        .zip(used)
        .enumerate()
        .find(|(_, (o, &u))| !u && o.value == d.amount);
    match elsewhere {
        Some((i, (o, _))) => format!(
            "{head}: missing (output {i} pays {} zatoshis to {} instead: wrong payee)",
            o.value,
            describe_script(&o.script_pubkey, net)
        ),
        None => format!("{head}: missing (no output pays it)"),
    }
}

/// fluxd's `GetValueOut`: transparent outputs plus value leaving the shielded pools
/// (negative Sapling balance, JoinSplit `vpub_old`), each step within the money range.
fn value_out(tx: &StandardTx) -> Option<i64> {
    let add = |sum: i64, v: i64| {
        sum.checked_add(v)
            .filter(|&s| money_range(v) && money_range(s))
    };
    let mut sum = tx.outputs.iter().try_fold(0, |s, o| add(s, o.value))?;
    if tx.value_balance <= 0 {
        sum = add(sum, tx.value_balance.checked_neg()?)?;
    }
    tx.join_splits
        .iter()
        .try_fold(sum, |s, js| add(s, js.vpub_old))
}

/// The fee of a transaction whose inputs are all in the transaction itself: fluxnode
/// transactions (no value) and standard ones without transparent inputs. `None` when it
/// spends transparent outputs, whose values only the chain knows.
fn known_fee(tx: &Transaction) -> Option<i64> {
    let t = match tx {
        Transaction::Fluxnode(_) => return Some(0),
        Transaction::Standard(t) => t,
    };
    if !t.inputs.is_empty() {
        return None;
    }
    let shielded_in = t
        .join_splits
        .iter()
        .try_fold(t.value_balance.max(0), |s, js| s.checked_add(js.vpub_new))?;
    shielded_in.checked_sub(value_out(t)?)
}

fn check_coinbase_value(
    c: &mut Checks,
    transactions: &[Transaction],
    cb: &StandardTx,
    net: Network,
    height: u32,
    fees: Option<i64>,
) {
    const NAME: &str = "coinbase_value";
    if height <= 2 {
        c.push(
            NAME,
            Status::Pass,
            "fluxd does not check the coinbase value at heights 0-2",
        );
        return;
    }
    let Some(out) = value_out(cb) else {
        c.push(
            NAME,
            Status::Fail,
            "bad-txns-txouttotal-toolarge: coinbase outputs outside the money range",
        );
        return;
    };
    let (fees, source) = match fees {
        Some(f) if money_range(f) => (f, "given"),
        Some(f) => {
            c.push(
                NAME,
                Status::Skipped,
                format!("given fees {f} outside the money range"),
            );
            return;
        }
        None => {
            let others = transactions.get(1..).unwrap_or_default();
            let unknown = others.iter().filter(|t| known_fee(t).is_none()).count();
            if unknown > 0 {
                c.push(
                    NAME,
                    Status::Skipped,
                    format!(
                        "fees not given: {unknown} transactions spend transparent outputs whose values only the chain knows"
                    ),
                );
                return;
            }
            let sum = others
                .iter()
                .filter_map(known_fee)
                .try_fold(0i64, i64::checked_add);
            match sum {
                Some(f) => (f, "from the transactions"),
                None => {
                    c.push(NAME, Status::Skipped, "fees overflow");
                    return;
                }
            }
        }
    };
    let subsidy = block_subsidy(net, height);
    let funding: i64 = funding_at(net, height).iter().map(|f| f.amount).sum();
    let limit = subsidy.saturating_add(fees).saturating_add(funding);
    let funding_note = if funding > 0 {
        format!(" + funding {funding}")
    } else {
        String::new()
    };
    c.rule(
        NAME,
        out <= limit,
        format!("coinbase creates {out} <= subsidy {subsidy} + fees {fees} ({source}){funding_note} zatoshis"),
        format!("bad-cb-amount: coinbase creates {out} > subsidy {subsidy} + fees {fees} ({source}){funding_note} = {limit} zatoshis"),
    );
}

/// A previous header as the contextual checks need it.
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
    pub fn from_header(header: &BlockHeader, height: u32) -> PrevHeader {
        PrevHeader {
            height,
            time: header.time,
            bits: header.bits,
            hash: header.hash(),
            version: header.version,
        }
    }
}

/// How the caller supplies the headers before a block, by height.
pub trait PreviousHeaders {
    /// The header at `height`, or `None` when the caller does not have it.
    fn previous(&self, height: u32) -> Option<PrevHeader>;
}

/// A slice of consecutive headers, newest last.
impl PreviousHeaders for [PrevHeader] {
    fn previous(&self, height: u32) -> Option<PrevHeader> {
        let last = self.last()?;
        let back = usize::try_from(last.height.checked_sub(height)?).ok()?;
        let index = self.len().checked_sub(back.checked_add(1)?)?;
        match self.get(index) {
            Some(p) if p.height == height => Some(*p),
            _ => self.iter().rev().find(|p| p.height == height).copied(),
        }
    }
}

/// Lets the difficulty code read [`PreviousHeaders`].
struct AsChain<'a, P: ?Sized>(&'a P);

impl<P: PreviousHeaders + ?Sized> HeaderChain for AsChain<'_, P> {
    fn record(&self, height: u32) -> Option<HeaderRecord> {
        self.0.previous(height).map(|p| HeaderRecord {
            height: p.height,
            time: p.time,
            bits: p.bits,
        })
    }
}

/// fluxd's `ContextualCheckBlockHeader` rules that need the previous headers: linkage to
/// the parent, `nBits` against the required work, the time against the parent (PoN) or
/// the median time past (PoW), and the checkpoint at checkpoint heights. A check whose
/// headers the caller did not supply is `skipped`.
pub fn check_header_in_chain<P: PreviousHeaders + ?Sized>(
    header: &BlockHeader,
    network: Network,
    height: u32,
    prev: &P,
) -> Vec<Check> {
    let mut c = Checks(Vec::new());
    let hash = header.hash();

    match checkpoint(network, height) {
        Some(want) => c.rule(
            "checkpoint",
            want == hash,
            format!("matches the checkpoint at {height}"),
            format!("checkpoint mismatch at {height}: expected {want}"),
        ),
        None => c.push("checkpoint", Status::Pass, "no checkpoint at this height"),
    }
    let Some(parent_height) = height.checked_sub(1) else {
        c.rule(
            "prev_block",
            header.prev_block.is_zero(),
            "genesis has no parent",
            "bad-prevblk: genesis with a parent hash",
        );
        let limit = to_compact(limits(network).pow);
        c.rule(
            "difficulty",
            header.bits == limit,
            format!("nBits {limit:08x} (powLimit)"),
            format!(
                "bad-diffbits: nBits {:08x}, required {limit:08x}",
                header.bits
            ),
        );
        return c.0;
    };
    let parent = prev.previous(parent_height);
    match parent {
        Some(p) => c.rule(
            "prev_block",
            header.prev_block == p.hash,
            "links to the given parent",
            format!("bad-prevblk: parent at {parent_height} is {}", p.hash),
        ),
        None => c.push(
            "prev_block",
            Status::Skipped,
            format!("header at {parent_height} not given"),
        ),
    }

    let chain = AsChain(prev);
    let pon = header.is_pon();
    match next_work_required_for_block(network, height, &chain, Some(header.time)) {
        Ok(bits) if bits == header.bits => c.push(
            "difficulty",
            Status::Pass,
            format!("nBits {bits:08x} as required"),
        ),
        Ok(_) if pon && network == Network::Test && (800..=1800).contains(&height) => c.push(
            "difficulty",
            Status::Pass,
            "testnet does not check PoN nBits at heights 800-1800",
        ),
        Ok(bits) => c.push(
            "difficulty",
            Status::Fail,
            format!(
                "{}: nBits {:08x}, required {bits:08x}",
                if pon {
                    "bad-pon-diffbits"
                } else {
                    "bad-diffbits"
                },
                header.bits
            ),
        ),
        Err(e) => c.push("difficulty", Status::Skipped, e.to_string()),
    }

    if pon {
        match parent {
            Some(p) => c.rule(
                "time_past",
                header.time > p.time,
                "later than the parent",
                format!("time-too-old: {} <= parent time {}", header.time, p.time),
            ),
            None => c.push(
                "time_past",
                Status::Skipped,
                format!("header at {parent_height} not given"),
            ),
        }
    } else {
        match median_time_past(&chain, parent_height) {
            Ok(mtp) => c.rule(
                "time_past",
                i64::from(header.time) > mtp,
                format!("later than the median time past {mtp}"),
                format!("time-too-old: {} <= median time past {mtp}", header.time),
            ),
            Err(e) => c.push("time_past", Status::Skipped, e.to_string()),
        }
    }
    c.0
}

/// [`check_block`] plus [`check_header_in_chain`] for a block at `height` whose previous
/// headers `prev` supplies.
pub fn check_block_in_chain<P: PreviousHeaders + ?Sized>(
    block: &Block,
    ctx: &CheckContext,
    height: u32,
    prev: &P,
) -> Report {
    let ctx = CheckContext {
        height: Some(height),
        ..ctx.clone()
    };
    let mut report = check_block(block, &ctx);
    report.checks.extend(check_header_in_chain(
        &block.header,
        ctx.network,
        height,
        prev,
    ));
    report.valid = report.checks.iter().all(|x| x.result != Status::Fail);
    report.complete = report.checks.iter().all(|x| x.result != Status::Skipped);
    report
}
