//! Coinbase checks (fluxnode tier payouts, dev fund, coinbase value) on real mainnet blocks:
//! 2,020,000 (whole block) and 2,996,879 (its 7 transactions), from tests/data.

use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block, check_coinbase, Check, CheckContext, FluxnodePayee, FluxnodePayees, Status,
};
use flux_consensus::subsidy::{fluxnode_payout, Tier};
use flux_primitives::{Address, Amount, Network, ScriptBuf};
use flux_tx::Transaction;
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const MAIN: Network = Network::Main;

mod common;
use common::vector;

fn rpc_2020000() -> Value {
    serde_json::from_str(include_str!("data/coinbase_2020000.json")).unwrap()
}

fn block_2020000() -> Block {
    Block::from_hex(vector("pon-block-2020000")["hex"].as_str().unwrap()).unwrap()
}

fn txs_2996879() -> Vec<Transaction> {
    vector("pon-block-2996879-txs")["txs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            Transaction::from_bytes(&hex::decode(t["hex"].as_str().unwrap()).unwrap()).unwrap()
        })
        .collect()
}

fn coinbase_mut(txs: &mut [Transaction]) -> &mut flux_tx::StandardTx {
    match &mut txs[0] {
        Transaction::Standard(t) => t,
        Transaction::Fluxnode(_) => panic!("no coinbase"),
    }
}

/// Each tier's payee as the real coinbase pays it: the one output carrying that tier's amount.
fn payees_from_coinbase(txs: &[Transaction], height: u32) -> Vec<FluxnodePayee> {
    let cb = txs[0].as_standard().unwrap();
    Tier::ALL
        .into_iter()
        .map(|tier| {
            let amount = fluxnode_payout(MAIN, height, tier);
            let outs: Vec<_> = cb
                .outputs
                .iter()
                .filter(|o| o.value == amount.to_zat())
                .collect();
            assert_eq!(outs.len(), 1, "{} amount {amount} paid once", tier.name());
            FluxnodePayee {
                tier,
                script_pubkey: outs[0].script_pubkey.clone(),
            }
        })
        .collect()
}

fn ctx(height: u32, payees: Option<Vec<FluxnodePayee>>, fees: Option<i64>) -> CheckContext {
    CheckContext {
        height: Some(height),
        fluxnode_payees: payees.map(|p| FluxnodePayees::try_from_payees(p).unwrap()),
        fees: fees.map(|f| Amount::from_zat(f).unwrap()),
        ..CheckContext::new(Network::Main)
    }
}

fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
    checks.iter().find(|c| c.rule.name() == name).unwrap()
}

fn p2pkh(byte: u8) -> ScriptBuf {
    ScriptBuf::p2pkh(&[byte; 20])
}

#[test]
fn derived_payees_match_fluxd_rpc_addresses() {
    let block = block_2020000();
    let payees = payees_from_coinbase(&block.transactions, 2_020_000);
    let rpc = rpc_2020000();
    let vout = rpc["coinbase"]["vout"].as_array().unwrap();
    // fluxd's reference builder: remainder first, then cumulus, nimbus, stratus (spec 6.3).
    for (p, out) in payees.iter().zip(&vout[1..]) {
        assert_eq!(
            hex::encode(p.script_pubkey.as_bytes()),
            out["hex"].as_str().unwrap()
        );
        let from_address =
            FluxnodePayee::from_address(p.tier, out["address"].as_str().unwrap(), MAIN).unwrap();
        assert_eq!(&from_address, p);
        assert_eq!(
            fluxnode_payout(MAIN, 2_020_000, p.tier).to_zat(),
            out["valueSat"].as_i64().unwrap()
        );
    }
}

#[test]
fn real_blocks_pay_their_tiers() {
    let block = block_2020000();
    let payees = payees_from_coinbase(&block.transactions, 2_020_000);
    let report = check_block(&block, &ctx(2_020_000, Some(payees), None));
    let c = find(&report.checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Pass, "{c:?}");
    assert!(
        c.detail
            .contains("stratus 900000000 zatoshis to t1gpSx9eqFRQXpxrPiyZmdPkKgxNqcTqvWF"),
        "{c:?}"
    );
    assert_eq!(
        find(&report.checks, "coinbase_payouts").status,
        Status::Pass
    );

    let txs = txs_2996879();
    let payees = payees_from_coinbase(&txs, 2_996_879);
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees), None));
    for c in &checks {
        assert_eq!(c.status, Status::Pass, "{c:?}");
    }
}

#[test]
fn payees_not_given_leaves_the_report_incomplete() {
    let block = block_2020000();
    let report = check_block(&block, &ctx(2_020_000, None, None));
    let c = find(&report.checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Skipped);
    assert!(c.detail.contains("not checked"), "{c:?}");
    let c = find(&report.checks, "coinbase_payouts");
    assert_eq!(c.status, Status::Pass);
    assert!(c.detail.contains("tier payouts not checked"), "{c:?}");
    assert!(!report.complete);
    assert!(report.valid);
    // Without a height nothing of the coinbase is checked.
    let report = check_block(&block, &CheckContext::new(Network::Main));
    for name in ["coinbase_payouts", "fluxnode_payouts", "coinbase_value"] {
        assert_eq!(find(&report.checks, name).status, Status::Skipped);
    }
}

#[test]
fn wrong_payee_is_named() {
    for (height, txs) in [
        (2_020_000, block_2020000().transactions),
        (2_996_879, txs_2996879()),
    ] {
        let mut payees = payees_from_coinbase(&txs, height);
        let real = Address::from_script(&payees[0].script_pubkey, MAIN)
            .unwrap()
            .to_string();
        payees[0].script_pubkey = p2pkh(7);
        let expected = Address::from_script(&p2pkh(7), MAIN).unwrap().to_string();
        let checks = check_coinbase(&txs, &ctx(height, Some(payees), None));
        let c = find(&checks, "fluxnode_payouts");
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert_eq!(
            c.reject,
            Some("bad-txns-not-paying-correct-fluxnodes"),
            "{c:?}"
        );
        assert!(
            c.detail.contains(&format!("cumulus payee {expected}")),
            "{c:?}"
        );
        assert!(c.detail.contains("100000000"), "{c:?}");
        assert!(
            c.detail
                .contains(&format!("to {real} instead: wrong payee")),
            "{c:?}"
        );
        assert!(
            !c.detail.contains("nimbus") && !c.detail.contains("stratus"),
            "{c:?}"
        );
    }
}

#[test]
fn wrong_amount_is_named() {
    let mut txs = txs_2996879();
    let payees = payees_from_coinbase(&txs, 2_996_879);
    let stratus = Address::from_script(&payees[2].script_pubkey, MAIN)
        .unwrap()
        .to_string();
    let out = coinbase_mut(&mut txs)
        .outputs
        .iter_mut()
        .find(|o| o.value == 900_000_000)
        .unwrap();
    out.value -= 1;
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees.clone()), None));
    let c = find(&checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.detail.contains(&format!(
            "stratus payee {stratus} must receive exactly 900000000 zatoshis: wrong amount (output 3 pays it 899999999 zatoshis)"
        )),
        "{c:?}"
    );
    // Paying more than the tier amount is just as wrong: fluxd wants it exact.
    coinbase_mut(&mut txs).outputs[3].value = 900_000_001;
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees), None));
    assert!(find(&checks, "fluxnode_payouts")
        .detail
        .contains("wrong amount (output 3 pays it 900000001"));
}

#[test]
fn missing_tier_is_named() {
    let mut block = block_2020000();
    let payees = payees_from_coinbase(&block.transactions, 2_020_000);
    let nimbus = Address::from_script(&payees[1].script_pubkey, MAIN)
        .unwrap()
        .to_string();
    coinbase_mut(&mut block.transactions).outputs.remove(2);
    let report = check_block(&block, &ctx(2_020_000, Some(payees), None));
    let c = find(&report.checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.detail.contains(&format!(
            "nimbus payee {nimbus} must receive exactly 350000000 zatoshis: missing (no output pays it)"
        )),
        "{c:?}"
    );
    assert!(!report.valid);
}

#[test]
fn a_tier_with_an_empty_queue_leaves_its_share_to_the_dev_fund() {
    // With no nimbus payee due, fluxd wants the dev fund to get subsidy - cumulus - stratus
    // (4 FLUX); the real block gave nimbus its 3.5 and the dev fund 0.5.
    let txs = txs_2996879();
    let mut payees = payees_from_coinbase(&txs, 2_996_879);
    payees.remove(1);
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees.clone()), None));
    let c = find(&checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.detail
            .contains("dev fund: no output of at least 400000000 zatoshis"),
        "{c:?}"
    );
    // The dev fund check is not the weaker ContextualCheckTransaction one.
    assert_eq!(find(&checks, "coinbase_payouts").status, Status::Pass);

    // Paying the nimbus share to the dev fund instead satisfies it.
    let mut txs = txs;
    let cb = coinbase_mut(&mut txs);
    let nimbus = cb
        .outputs
        .iter()
        .position(|o| o.value == 350_000_000)
        .unwrap();
    cb.outputs.remove(nimbus);
    cb.outputs[0].value += 350_000_000;
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees), None));
    assert_eq!(find(&checks, "fluxnode_payouts").status, Status::Pass);
}

#[test]
fn a_tier_output_cannot_also_pay_the_dev_fund() {
    // The dev-fund script as the cumulus payee, and the dev-fund output set to the cumulus
    // amount: the output pays cumulus, so no output is left for the dev fund (fluxd's
    // setUsedOutputs), although ContextualCheckTransaction's dev-fund rule is met.
    let mut txs = txs_2996879();
    let mut payees = payees_from_coinbase(&txs, 2_996_879);
    let cb = coinbase_mut(&mut txs);
    payees[0].script_pubkey = cb.outputs[0].script_pubkey.clone();
    cb.outputs[0].value = 100_000_000;
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees.clone()), None));
    assert_eq!(find(&checks, "coinbase_payouts").status, Status::Pass);
    let c = find(&checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.detail.contains("dev fund: no output of at least 50000000 zatoshis to t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA besides the tier payouts"),
        "{c:?}"
    );
    assert!(!c.detail.contains("cumulus"), "{c:?}");

    // With the real 0.5 FLUX dev-fund output, that output is no cumulus payout: cumulus is
    // named with the amount its payee did get.
    let txs = txs_2996879();
    let checks = check_coinbase(&txs, &ctx(2_996_879, Some(payees), None));
    let c = find(&checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.detail
            .contains("cumulus payee t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA"),
        "{c:?}"
    );
    assert!(
        c.detail
            .contains("wrong amount (output 0 pays it 50000000 zatoshis)"),
        "{c:?}"
    );
}

#[test]
fn coinbase_value_with_fees_known_from_the_block() {
    // 2,996,879: besides the coinbase only fluxnode transactions, which carry no fees.
    let mut txs = txs_2996879();
    let checks = check_coinbase(&txs, &ctx(2_996_879, None, None));
    let c = find(&checks, "coinbase_value");
    assert_eq!(c.status, Status::Pass, "{c:?}");
    assert!(
        c.detail
            .contains("1400000000 <= subsidy 1400000000 + fees 0"),
        "{c:?}"
    );
    coinbase_mut(&mut txs).outputs[0].value += 1;
    let checks = check_coinbase(&txs, &ctx(2_996_879, None, None));
    let c = find(&checks, "coinbase_value");
    assert_eq!(c.status, Status::Fail);
    assert_eq!(c.reject, Some("bad-cb-amount"), "{c:?}");
    assert!(c.detail.starts_with("coinbase creates 1400000001"), "{c:?}");

    // 2,020,000 cut down to its coinbase: no fees, so the 1135 zatoshis of fees its
    // coinbase passes to the dev fund are too much.
    let mut block = block_2020000();
    block.transactions.truncate(1);
    let report = check_block(&block, &ctx(2_020_000, None, None));
    let c = find(&report.checks, "coinbase_value");
    assert_eq!(c.status, Status::Fail, "{c:?}");
    assert!(
        c.detail
            .contains("1400001135 > subsidy 1400000000 + fees 0"),
        "{c:?}"
    );
}

#[test]
fn coinbase_value_with_given_fees() {
    let block = block_2020000();
    // One transaction spends a transparent output: the fees are unknown unless given.
    let report = check_block(&block, &ctx(2_020_000, None, None));
    let c = find(&report.checks, "coinbase_value");
    assert_eq!(c.status, Status::Skipped);
    assert!(
        c.detail
            .contains("1 transactions spend transparent outputs"),
        "{c:?}"
    );
    assert!(!report.complete);

    // Fees from fluxd's own record of the spent input.
    let rpc = rpc_2020000();
    let spent = &rpc["spentInputs"][0];
    let tx = block
        .transactions
        .iter()
        .find(|t| t.txid().to_string() == spent["txid"].as_str().unwrap())
        .unwrap()
        .as_standard()
        .unwrap();
    assert_eq!(tx.inputs.len(), 1);
    let fees =
        spent["valueSat"].as_i64().unwrap() - tx.outputs.iter().map(|o| o.value).sum::<i64>();
    assert_eq!(fees, 1135);
    let report = check_block(&block, &ctx(2_020_000, None, Some(fees)));
    let c = find(&report.checks, "coinbase_value");
    assert_eq!(c.status, Status::Pass, "{c:?}");
    let report = check_block(&block, &ctx(2_020_000, None, Some(fees - 1)));
    let c = find(&report.checks, "coinbase_value");
    assert_eq!(c.status, Status::Fail, "{c:?}");
    assert!(
        c.detail
            .contains("1400001135 > subsidy 1400000000 + fees 1134"),
        "{c:?}"
    );
}

#[test]
fn before_fluxnode_payments_and_early_heights() {
    let genesis = Block::from_hex(vector("genesis-mainnet")["hex"].as_str().unwrap()).unwrap();
    let checks = check_coinbase(&genesis.transactions, &ctx(0, None, None));
    let c = find(&checks, "fluxnode_payouts");
    assert_eq!(c.status, Status::Pass);
    assert!(c.detail.contains("start at height 560000"), "{c:?}");
    assert_eq!(find(&checks, "coinbase_value").status, Status::Pass);
}

#[test]
fn duplicate_tier_is_refused_when_the_payees_are_built() {
    let txs = txs_2996879();
    let mut payees = payees_from_coinbase(&txs, 2_996_879);
    payees.push(payees[0].clone());
    assert_eq!(
        FluxnodePayees::try_from_payees(payees),
        Err(flux_consensus::Error::DuplicatePayee {
            tier: Tier::Cumulus
        })
    );
}
