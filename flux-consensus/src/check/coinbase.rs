//! The coinbase's economics: dev-fund and one-off funding outputs, fluxnode tier payouts,
//! and the value it creates (fluxd `ContextualCheckTransaction`, `CheckFluxnodePayout`,
//! `ConnectBlock`).

use flux_primitives::amount::money_range;
use flux_primitives::script::ScriptBuf;
use flux_primitives::{Address, Amount, Network};
use flux_tx::{StandardTx, Transaction};

use super::context::CheckContext;
use super::report::{Check, Checks, Rule};
use crate::params::consensus_params;
use crate::subsidy::{
    block_subsidy, fluxnode_payout, funding_at, is_pon_height, min_dev_fund, Fund, Tier,
};

/// The three coinbase checks of [`check_block`](super::check_block) on a block's
/// transactions (coinbase first):
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
///
/// ```
/// use flux_consensus::block::Block;
/// use flux_consensus::check::{check_coinbase, CheckContext, Rule, Status};
/// use flux_primitives::Network;
///
/// let genesis = Block::from_hex(include_str!("../../tests/data/genesis_main.hex").trim()).unwrap();
/// let checks = check_coinbase(&genesis.transactions, &CheckContext { height: Some(0), ..CheckContext::new(Network::Main) });
/// let value = checks.iter().find(|c| c.rule == Rule::CoinbaseValue).unwrap();
/// assert_eq!(value.status, Status::Pass);
/// ```
pub fn check_coinbase(transactions: &[Transaction], ctx: &CheckContext) -> Vec<Check> {
    const RULES: [Rule; 3] = [
        Rule::CoinbasePayouts,
        Rule::FluxnodePayouts,
        Rule::CoinbaseValue,
    ];
    let mut c = Checks::default();
    let Some(height) = ctx.height else {
        for rule in RULES {
            c.skip(rule, "height not given");
        }
        return c.0;
    };
    let Some(cb) = transactions
        .first()
        .and_then(Transaction::as_standard)
        .filter(|t| t.is_coinbase())
    else {
        for rule in RULES {
            c.fail(rule, "bad-cb-missing", "no coinbase");
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

/// fluxd's reject code for a missing one-off funding output.
fn funding_reject(fund: Fund) -> &'static str {
    match fund {
        Fund::Exchange => "tx-coinbase-missing-exchange-funding",
        Fund::Foundation => "tx-coinbase-missing-foundation-funding",
        Fund::SwapPool => "tx-coinbase-missing-swappool-funding",
    }
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
    // fluxd rejects with the code of the first missing output, in this order.
    let mut reject = None;
    let mut problems = Vec::new();
    // fluxd ContextualCheckTransaction: "if (out.scriptPubKey ==
    // GetScriptForDestination(DecodeDestination(Params().GetDevFundAddress()))) { if
    // (out.nValue >= nMinimumDevFundAmount) ..." else "tx-coinbase-missing-dev-funding".
    if is_pon_height(net, height) {
        let min = min_dev_fund(net, height);
        if !pays(net.params().dev_fund_address, min.to_zat(), false) {
            reject.get_or_insert("tx-coinbase-missing-dev-funding");
            problems.push(format!(
                "missing dev-fund output of at least {min} zatoshis to {}",
                net.params().dev_fund_address
            ));
        }
    }
    // fluxd ContextualCheckTransaction: exchange, foundation and swap-pool funding must be
    // paid "out.nValue == nExchangeAmount" (exactly) to their addresses.
    for f in funding_at(net, height) {
        if !pays(f.address, f.amount.to_zat(), true) {
            reject.get_or_insert(funding_reject(f.fund));
            problems.push(format!(
                "missing funding output of exactly {} zatoshis to {}",
                f.amount, f.address
            ));
        }
    }
    match reject {
        None => {
            let tiers = if ctx.fluxnode_payees.is_some() {
                "fluxnode tier payouts: see fluxnode_payouts"
            } else {
                "fluxnode tier payouts not checked: payees not given"
            };
            c.pass(
                Rule::CoinbasePayouts,
                format!("dev-fund and funding outputs present; {tiers}"),
            );
        }
        Some(code) => c.fail(Rule::CoinbasePayouts, code, problems.join("; ")),
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
    const RULE: Rule = Rule::FluxnodePayouts;
    let net = ctx.network;
    // fluxd ConnectBlock: "if (pindex->nHeight >= chainparams.StartFluxnodePayments()) { if
    // (!g_fluxnodeCache.CheckFluxnodePayout(block.vtx[0], ...)) return state.DoS(1, ...,
    // "bad-txns-not-paying-correct-fluxnodes")".
    let start = consensus_params(net).fluxnode_payments_start;
    if height < start {
        c.pass(RULE, format!("fluxnode payouts start at height {start}"));
        return;
    }
    let Some(payees) = &ctx.fluxnode_payees else {
        c.skip(
            RULE,
            "fluxnode tier payouts not checked: expected payees not given (the deterministic payment queue is chain state)",
        );
        return;
    };
    // fluxd keeps one payee per tier, in tier order.
    let mut due: Vec<Due> = payees
        .iter()
        .map(|(tier, script)| Due {
            tier,
            script,
            amount: fluxnode_payout(net, height, tier).to_zat(),
            paid: false,
        })
        .collect();
    let subsidy = block_subsidy(net, height).to_zat();
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
        c.pass(RULE, format!("paid: {tiers}"));
    } else {
        c.fail(
            RULE,
            "bad-txns-not-paying-correct-fluxnodes",
            problems.join("; "),
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
    fees: Option<Amount>,
) {
    const RULE: Rule = Rule::CoinbaseValue;
    // fluxd ConnectBlock: "if (pindex->nHeight > 2 && block.vtx[0].GetValueOut() >
    // blockReward + exchangeFund + swapPoolFund + foundationFund) return state.DoS(100,
    // ..., "bad-cb-amount")", blockReward being nFees + GetBlockSubsidy.
    if height <= 2 {
        c.pass(
            RULE,
            "fluxd does not check the coinbase value at heights 0-2",
        );
        return;
    }
    // fluxd CheckTransaction: "if (!MoneyRange(nValueOut)) return state.DoS(100, ...,
    // "bad-txns-txouttotal-toolarge")".
    let Some(out) = value_out(cb) else {
        c.fail(
            RULE,
            "bad-txns-txouttotal-toolarge",
            "coinbase outputs outside the money range",
        );
        return;
    };
    let (fees, source) = match fees {
        Some(f) => (f.to_zat(), "given"),
        None => {
            let others = transactions.get(1..).unwrap_or_default();
            let unknown = others.iter().filter(|t| known_fee(t).is_none()).count();
            if unknown > 0 {
                c.skip(
                    RULE,
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
                    c.skip(RULE, "fees overflow");
                    return;
                }
            }
        }
    };
    let subsidy = block_subsidy(net, height).to_zat();
    let funding: i64 = funding_at(net, height)
        .iter()
        .map(|f| f.amount.to_zat())
        .sum();
    let limit = subsidy.saturating_add(fees).saturating_add(funding);
    let funding_note = if funding > 0 {
        format!(" + funding {funding}")
    } else {
        String::new()
    };
    c.rule(
        RULE,
        out <= limit,
        format!("coinbase creates {out} <= subsidy {subsidy} + fees {fees} ({source}){funding_note} zatoshis"),
        "bad-cb-amount",
        format!("coinbase creates {out} > subsidy {subsidy} + fees {fees} ({source}){funding_note} = {limit} zatoshis"),
    );
}
