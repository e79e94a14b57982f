//! Runs the exchange example and checks what it prints: the withdrawal it built decodes to
//! the requested outputs, commits to fluxd's branch id and the spent amounts, and its txid
//! is the SHA-256d of its bytes; the real mainnet transactions keep their published txids
//! and every signature verifies.

mod common;

use flux_primitives::hash::{hash160, sha256d};
use flux_primitives::{Address, Amount, BranchId, Network, ScriptBuf};
use flux_tx::sign::{verify_inputs, InputKind, SpentOutput};
use flux_tx::Transaction;
use serde_json::Value;

/// fluxd's consensus branch id for every upgrade since Acadia (Zcash's Sapling id,
/// `chainparams.cpp`); the PoN era still uses it.
const FLUXD_SAPLING_BRANCH_ID: BranchId = BranchId::from_consensus(0x76b8_09bb);

fn run() -> Value {
    common::run_json(env!("CARGO_BIN_EXE_exchange"), &[])
}

/// fluxd's published test key pair (`src/gtest/test_transaction.cpp`, via spec 11.4).
fn hot_wallet_pubkey() -> Vec<u8> {
    let spec: Value = serde_json::from_str(include_str!("../data/spec_11_4.json")).unwrap();
    assert_eq!(
        spec["collateral_wif"],
        "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"
    );
    hex::decode(spec["collateral_pubkey"].as_str().unwrap()).unwrap()
}

#[test]
fn withdrawal_is_what_was_asked_and_verifies() {
    let out = run();
    let w = &out["withdrawal"];
    let r = &w["report"];
    let raw = hex::decode(r["hex"].as_str().unwrap()).unwrap();

    // The txid of a v4 transaction is the SHA-256d of its bytes, shown reversed.
    let mut id = sha256d(&raw);
    id.reverse();
    assert_eq!(r["txid"], hex::encode(id));
    // Overwintered v4 header and the Sapling version group id.
    assert_eq!(
        &raw[..8],
        hex::decode("0400008085202f89").unwrap().as_slice()
    );

    let tx = Transaction::from_bytes(&raw).unwrap();
    let t = tx.as_standard().unwrap();
    assert_eq!(t.expiry_height, 2_100_001 + 20);
    assert_eq!(r["decoded"]["expiryheight"], 2_100_021);
    assert_eq!(w["branch_id"], "76b809bb");

    // Output 0 pays the customer's address (Trust Wallet's published Zelcash address) 2 FLUX;
    // output 1 returns the change to the hot wallet's own key.
    let customer =
        Address::from_str_for_network("t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY", Network::Main)
            .unwrap()
            .script_pubkey()
            .unwrap();
    let pubkey = hot_wallet_pubkey();
    let hot = ScriptBuf::p2pkh(&hash160(&pubkey));
    assert_eq!(t.outputs.len(), 2);
    assert_eq!(t.outputs[0].script_pubkey, customer);
    assert_eq!(t.outputs[0].value, 200_000_000);
    assert_eq!(t.outputs[1].script_pubkey, hot);
    assert_eq!(
        t.outputs[1].value,
        150_000_000 + 75_000_000 - 200_000_000 - 10_000
    );
    assert_eq!(r["fee"], 10_000);

    // Both inputs are signed by the hot wallet key for the amounts they spend, under fluxd's
    // branch id; a wrong amount or branch id breaks every signature.
    let spent = |a: i64, b: i64| {
        vec![
            SpentOutput {
                script_pubkey: hot.clone(),
                amount: Amount::from_zat(a).unwrap(),
            },
            SpentOutput {
                script_pubkey: hot.clone(),
                amount: Amount::from_zat(b).unwrap(),
            },
        ]
    };
    let ok = verify_inputs(t, &spent(150_000_000, 75_000_000), FLUXD_SAPLING_BRANCH_ID).unwrap();
    assert!(ok.iter().all(|r| *r == Ok(InputKind::PubKeyHash)), "{ok:?}");
    let wrong_amount =
        verify_inputs(t, &spent(150_000_000, 75_000_001), FLUXD_SAPLING_BRANCH_ID).unwrap();
    assert!(wrong_amount[0].is_ok() && wrong_amount[1].is_err());
    let wrong_branch = verify_inputs(
        t,
        &spent(150_000_000, 75_000_000),
        BranchId::from_consensus(0x5ba8_1b19),
    )
    .unwrap();
    assert!(wrong_branch.iter().all(Result::is_err));
    for input in &t.inputs {
        assert!(input.script_sig.as_bytes().ends_with(&pubkey));
    }
    assert_eq!(r["inputs_valid"], true);
}

#[test]
fn real_transactions_keep_their_published_txids_and_signatures() {
    let out = run();
    let data: Value = serde_json::from_str(include_str!("../data/transactions.json")).unwrap();
    let vectors = data["vectors"].as_array().unwrap();
    let reports = out["mainnet"].as_array().unwrap();
    assert_eq!(reports.len(), vectors.len());
    for (r, v) in reports.iter().zip(vectors) {
        assert_eq!(r["txid"], v["txid"], "published txid");
        assert_eq!(r["decoded"]["txid"], v["txid"]);
        assert_eq!(r["hex"], v["hex"], "re-encoded byte for byte");
        assert_eq!(r["inputs_valid"], true, "{r}");
        let inputs = r["inputs"].as_array().unwrap();
        assert_eq!(inputs.len(), v["prevouts"].as_array().unwrap().len());
        // The fee from the published prevout values minus the decoded outputs.
        let spent: i64 = v["prevouts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["valueSat"].as_i64().unwrap())
            .sum();
        let paid: i64 = r["decoded"]["vout"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["valueSat"].as_i64().unwrap())
            .sum();
        assert_eq!(r["fee"].as_i64().unwrap(), spent - paid);
        assert!(spent - paid >= 0, "no transaction creates money");
    }
}
