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

use flux_primitives::hash::{hash160, Txid};
use flux_primitives::{Address, Amount, BranchId, Network, PrivateKey, ScriptBuf, Upgrade};
use flux_tx::sighash::{SighashCache, SighashType};
use flux_tx::sign::{p2pkh_script_sig, sign_input, verify_inputs, SpentOutput};
use flux_tx::{OutPoint, StandardTx, Transaction, TxFormat, TxIn, TxOut};
use serde_json::{json, Value};

/// The hot wallet's key: fluxd's test key (`src/gtest/test_transaction.cpp`), public, so
/// never fund it.
const HOT_WALLET_WIF: &str = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
/// The customer's withdrawal address.
const CUSTOMER: &str = "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY";
/// The chain height the exchange builds at (the PoN era).
const TIP_HEIGHT: u32 = 2_100_000;
/// fluxd's default expiry delta: the transaction is dropped if not mined within 20 blocks.
const EXPIRY_DELTA: u32 = 20;

/// Real mainnet transactions with the outputs they spend.
const REAL: &str = include_str!("../../data/transactions.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let network = Network::Main;
    let key = PrivateKey::from_wif_for_network(HOT_WALLET_WIF, network)?;
    let hot_address = Address::p2pkh(&key.public_key(), network);
    // Every UTXO of the hot wallet is locked by the same P2PKH script.
    let hot_script = ScriptBuf::p2pkh(&hash160(&key.public_key().to_bytes()));

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
    let withdrawal: i64 = 200_000_000; // 2 FLUX to the customer
    let fee: i64 = 10_000;

    // What the signatures commit to: the branch id of the upgrade active at the next block.
    let next_height = TIP_HEIGHT + 1;
    let branch_id = Upgrade::branch_id_at(network, next_height);

    let mut tx = StandardTx::new(TxFormat::Sapling);
    tx.expiry_height = next_height + EXPIRY_DELTA;
    let mut spent = Vec::new();
    for (txid, vout, amount) in utxos {
        // TxIn::new: empty scriptSig (filled in when signing), final sequence.
        tx.inputs
            .push(TxIn::new(OutPoint::new(txid.parse::<Txid>()?, vout)));
        spent.push(SpentOutput {
            script_pubkey: hot_script.clone(),
            amount: Amount::from_zat(amount)?,
        });
    }
    let total_in: i64 = spent.iter().map(|s| s.amount.to_zat()).sum();
    let change = total_in - withdrawal - fee;
    if change < 0 {
        return Err("the UTXOs cannot pay the withdrawal and the fee".into());
    }
    let customer = Address::from_str_for_network(CUSTOMER, network)?;
    tx.outputs.push(TxOut {
        value: withdrawal,
        script_pubkey: customer
            .script_pubkey()
            .ok_or("not a transparent address")?,
    });
    if change > 0 {
        tx.outputs.push(TxOut {
            value: change,
            script_pubkey: hot_script.clone(),
        });
    }

    // Sign every input (ZIP-243: each signature commits to the amount it spends). The cache
    // computes the transaction-wide digests once for all inputs.
    let unsigned = tx.clone();
    let cache = SighashCache::new(&unsigned);
    for (index, prev) in spent.iter().enumerate() {
        let sig = sign_input(
            &cache,
            index,
            prev.script_pubkey.as_bytes(),
            prev.amount,
            SighashType::ALL,
            branch_id,
            &key,
        )?;
        let script_sig = p2pkh_script_sig(&sig, &key.public_key().to_bytes());
        if let Some(input) = tx.inputs.get_mut(index) {
            input.script_sig = ScriptBuf::from_bytes(script_sig);
        }
    }
    let raw = Transaction::Standard(tx).to_bytes();

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
            "amount": withdrawal,
            "fee": fee,
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
