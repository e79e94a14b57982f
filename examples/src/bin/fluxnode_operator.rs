//! A fluxnode operator: build and sign the START transaction that registers a node, then
//! verify it, and verify real mainnet STARTs the same way.
//!
//! `cargo run -p flux-examples --bin fluxnode_operator`
//!
//! The START (version 6, "normal": the collateral is a P2PKH output) names the collateral
//! outpoint, the collateral public key, the node's operator public key and a signature time,
//! and is signed by the collateral key over its txid. fluxd's txid of a fluxnode transaction
//! leaves the signature out; explorers such as Insight show the hash of the full bytes instead
//! (printed as `insight_hash`, never to be used as the txid).
//!
//! The keys are fluxd's published test keys (`src/gtest/test_transaction.cpp`): never use them
//! for a real node. Prints one JSON document.

use flux_primitives::{Address, Network, PrivateKey};
use flux_tx::fluxnode::CollateralOwner;
use flux_tx::fluxnode_sign::{build_start, verify_fluxnode, StartRequest, VerifyContext};
use flux_tx::pubkey::WirePubKey;
use flux_tx::{FluxnodeVersion, OutPoint, Transaction};
use serde_json::{json, Value};

/// The key of the wallet holding the collateral.
const COLLATERAL_WIF: &str = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
/// The node's operator key (in the node's `flux.conf` as `zelnodeprivkey`).
const OPERATOR_WIF: &str = "KxeGXhULiSrjibyHzLuQ1LVaCKJjyKW54WZwZwZEMyseKx5PLEm6";
/// The collateral output: the transaction that paid the tier's collateral, and its index.
const COLLATERAL_TXID: &str = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";
const COLLATERAL_VOUT: u32 = 1;
/// Signature time, UNIX seconds (normally the current time).
const SIG_TIME: u32 = 1_700_000_000;

/// Real mainnet START transactions.
const REAL: &str = include_str!("../../data/fluxnode_starts.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let network = Network::Main;
    let collateral_key = PrivateKey::from_wif_for_network(COLLATERAL_WIF, network)?;
    let operator_key = PrivateKey::from_wif_for_network(OPERATOR_WIF, network)?;

    let request = StartRequest {
        network,
        version: FluxnodeVersion::V6,
        collateral: OutPoint::new(COLLATERAL_TXID.parse()?, COLLATERAL_VOUT),
        // P2PKH collateral: the collateral key is written into the transaction (compressed,
        // as the WIF says) and must be the key of the address holding the collateral.
        owner: CollateralOwner::PubKey(WirePubKey::from_bytes(
            collateral_key.public_key().to_bytes(),
        )),
        node_pubkey: operator_key.public_key().to_bytes(),
        sig_time: SIG_TIME,
        delegates: None,
    };
    // Signed by the collateral key: a compact signature over the txid's hex text.
    let start = build_start(&request, &collateral_key)?;

    // Check it as a node will before relaying it.
    let built = json!({
        "collateral_address": Address::p2pkh(&collateral_key.public_key(), network).to_string(),
        "report": check_start(&start, network),
    });

    // The same on real mainnet STARTs.
    let real: Value = serde_json::from_str(REAL)?;
    let mut mainnet = Vec::new();
    for v in real["vectors"].as_array().ok_or("no vectors")? {
        let start = Transaction::from_bytes(&hex::decode(v["hex"].as_str().ok_or("no hex")?)?)?;
        let mut report = check_start(&start, network);
        report["published_txid"] = v["fluxdTxid"].clone();
        report["height"] = v["height"].clone();
        mainnet.push(report);
    }

    let out = json!({ "start": built, "mainnet": mainnet });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// The START's hex, fluxd txid, decoded fields and signature check.
fn check_start(start: &Transaction, network: Network) -> Value {
    let signatures: Vec<Value> = match verify_fluxnode(start, network, &VerifyContext::default()) {
        Ok(checks) => checks
            .iter()
            .map(|c| {
                json!({
                    "signature": c.signature,
                    "signer": c.signer,
                    "recovered": c.recovered.as_ref().map(hex::encode),
                    "valid": c.valid,
                })
            })
            .collect(),
        Err(e) => vec![json!({ "error": e.to_string() })],
    };
    let valid = !signatures.is_empty() && signatures.iter().all(|s| s["valid"] == true);
    json!({
        "hex": hex::encode(start.to_bytes()),
        "txid": start.txid().to_string(),
        "insight_hash": start.full_serialization_hash().to_string(),
        "valid": valid,
        "signatures": signatures,
        "decoded": flux_tx::json::to_json(start, network),
    })
}
