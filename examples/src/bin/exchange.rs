//! An exchange's withdrawal flow: build, sign, decode and check a v4 transaction, then
//! check a real mainnet transaction the same way.
//!
//! `cargo run -p flux-examples --bin exchange`
//!
//! 1. The hot wallet (fluxd's published test key: never use it for real funds) pays a customer from two
//!    of its P2PKH UTXOs, with change back to itself and a fixed fee. The consensus branch id
//!    the signatures commit to and the expiry height come from the network-upgrade table at
//!    the chain height the exchange sees.
//! 2. Before broadcasting, the exchange decodes its own bytes back (as fluxd's
//!    `decoderawtransaction` would show them) and verifies every input signature against the
//!    outputs it spends.
//! 3. The same decode and verify on real mainnet transactions (`data/transactions.json`).
//!
//! Prints one JSON document.

use flux_primitives::hash::Txid;
use flux_primitives::{Address, Amount, BranchId, Network, PrivateKey, Upgrade};
use flux_tx::builder::{Input, TxBuilder};
use flux_tx::sign::{verify_inputs, SpentOutput};
use flux_tx::{OutPoint, Transaction};
use serde_json::{json, Value};

/// The hot wallet's key: fluxd's test key (`src/gtest/test_transaction.cpp`), public, so
/// never fund it.
const HOT_WALLET_WIF: &str = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
/// The customer's withdrawal address.
const CUSTOMER: &str = "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY";
/// The chain height the exchange builds at (the PoN era).
const TIP_HEIGHT: u32 = 2_100_000;

/// Real mainnet transactions with the outputs they spend.
const REAL: &str = include_str!("../../data/transactions.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let network = Network::Main;
    let key = PrivateKey::from_wif_for_network(HOT_WALLET_WIF, network)?;
    let hot_address = Address::p2pkh(&key.public_key(), network);

    // The UTXOs the exchange's database picked for this withdrawal (example outpoints).
    let utxos: [(&str, u32, i64); 2] = [
        (
            "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff",
            0,
            150_000_000,
        ),
        (
            "9e8d7c6b5a4938271605f4e3d2c1b0a998877665544332211000ffeeddccbbaa",
            3,
            75_000_000,
        ),
    ];
    let withdrawal = Amount::from_zat(200_000_000)?; // 2 FLUX to the customer
    let fee = Amount::from_zat(10_000)?;

    // The signatures commit to the branch id of the upgrade active at the next block, and
    // the transaction expires 20 blocks after it (fluxd's default): the builder takes both
    // from the upgrade table at that height.
    let next_height = TIP_HEIGHT + 1;
    let mut inputs = Vec::new();
    for (txid, vout, amount) in utxos {
        // Every UTXO of the hot wallet is P2PKH of its key; the builder checks the key is a
        // mainnet key and signs each input for the amount it spends (ZIP-243).
        let outpoint = OutPoint::new(txid.parse::<Txid>()?, vout);
        inputs.push(Input::p2pkh(
            outpoint,
            Amount::from_zat(amount)?,
            key.clone(),
        ));
    }
    // The coins spent, kept for the check before broadcasting.
    let spent: Vec<SpentOutput> = inputs.iter().map(|i| i.coin().clone()).collect();
    let mut builder = TxBuilder::new(network).height(next_height);
    for input in inputs {
        builder = builder.input(input)?;
    }
    let customer = Address::from_str_for_network(CUSTOMER, network)?;
    let built = builder
        .pay(&customer, withdrawal)?
        .change_to(&hot_address)?
        .fee(fee)
        .build()?;
    let branch_id = Upgrade::branch_id_at(network, next_height);
    let tx = built
        .tx
        .as_standard()
        .ok_or("the builder makes v4 transactions")?;
    let change = built
        .change_index
        .and_then(|i| tx.outputs.get(i))
        .map_or(0, |o| o.value);
    let raw = built.tx.to_bytes();

    // Before broadcasting: decode what we are about to send and check it, as a node will.
    let withdrawal_report = decode_and_verify(&raw, &spent, branch_id, network)?;

    // The same on real mainnet transactions, each at its own height's branch id.
    let real: Value = serde_json::from_str(REAL)?;
    let mut real_reports = Vec::new();
    for v in real["vectors"].as_array().ok_or("no vectors")? {
        let raw = hex::decode(v["hex"].as_str().ok_or("no hex")?)?;
        let spent = flux_tx::sign::prevouts_from_json(&v["prevouts"])?;
        let height = v["height"].as_u64().ok_or("no height")? as u32;
        let branch_id = Upgrade::branch_id_at(network, height);
        let mut report = decode_and_verify(&raw, &spent, branch_id, network)?;
        report["published_txid"] = v["txid"].clone();
        report["height"] = json!(height);
        real_reports.push(report);
    }

    let out = json!({
        "withdrawal": {
            "hot_wallet": hot_address.to_string(),
            "customer": CUSTOMER,
            "amount": withdrawal.to_zat(),
            "fee": fee.to_zat(),
            "change": change,
            "height": next_height,
            "upgrade": Upgrade::current(network, next_height).name(),
            "branch_id": format!("{branch_id:08x}"),
            "report": withdrawal_report,
        },
        "mainnet": real_reports,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// Decodes `raw`, shows it as `decoderawtransaction` does, and verifies each input against
/// the output it spends.
fn decode_and_verify(
    raw: &[u8],
    spent: &[SpentOutput],
    branch_id: BranchId,
    network: Network,
) -> Result<Value, Box<dyn std::error::Error>> {
    let tx = Transaction::from_bytes(raw)?;
    let standard = tx.as_standard().ok_or("not a standard transaction")?;
    let inputs: Vec<Value> = verify_inputs(standard, spent, branch_id)?
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r {
            Ok(kind) => json!({"input": i, "valid": true, "type": kind}),
            Err(why) => json!({"input": i, "valid": false, "reason": why}),
        })
        .collect();
    let all_valid = inputs.iter().all(|i| i["valid"] == true);
    // Fee = what the inputs spend minus what the outputs pay.
    let fee = spent.iter().map(|s| s.amount.to_zat()).sum::<i64>()
        - standard.outputs.iter().map(|o| o.value).sum::<i64>();
    Ok(json!({
        "hex": hex::encode(raw),
        "txid": tx.txid().to_string(),
        "fee": fee,
        "inputs_valid": all_valid,
        "inputs": inputs,
        "decoded": flux_tx::json::to_json(&tx, network),
    }))
}
