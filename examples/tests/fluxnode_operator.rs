//! Runs the fluxnode_operator example and checks what it prints: the START it builds is
//! byte for byte the "v6 START normal" vector that fluxd's own serialization code produced
//! for the same keys and fields (spec 11.4), with fluxd's txid and a signature that recovers
//! to the collateral key; the real mainnet STARTs keep fluxd's txids and Insight's hashes,
//! and their signatures recover to the keys the transactions name.

mod common;

use flux_primitives::hash::sha256d;
use flux_primitives::message::{HeaderRule, Magic, MessageSignature};
use serde_json::Value;

fn run() -> Value {
    common::run_json(env!("CARGO_BIN_EXE_fluxnode_operator"), &[])
}

#[test]
fn built_start_is_fluxds_v6_normal_vector_and_is_signed_by_the_collateral_key() {
    let out = run();
    let r = &out["start"]["report"];
    let spec: Value = serde_json::from_str(include_str!("../data/spec_11_4.json")).unwrap();
    let vector = spec["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "v6 START normal")
        .unwrap();

    // fluxd's txid, and the bytes it hashes, from fluxd's own code.
    assert_eq!(r["txid"], vector["txid"]);
    let raw = hex::decode(r["hex"].as_str().unwrap()).unwrap();
    let txid_bytes = hex::decode(vector["txid_bytes"].as_str().unwrap()).unwrap();
    assert!(
        raw.starts_with(&txid_bytes),
        "the START is the vector plus its signature"
    );
    let mut id = sha256d(&txid_bytes);
    id.reverse();
    assert_eq!(r["txid"], hex::encode(id));

    // The rest is the signature: a 65-byte compact signature (length prefix 0x41) over the
    // txid's hex text with fluxd's message magic, by the collateral key.
    let rest = &raw[txid_bytes.len()..];
    assert_eq!(rest.len(), 66);
    assert_eq!(rest[0], 0x41);
    let sig = MessageSignature::from_bytes(&rest[1..], HeaderRule::Strict).unwrap();
    let signer = sig
        .recover(Magic::Zelcash, r["txid"].as_str().unwrap().as_bytes())
        .unwrap();
    assert_eq!(
        hex::encode(signer.to_bytes()),
        spec["collateral_pubkey"].as_str().unwrap()
    );
    assert_eq!(r["valid"], true);
    assert_eq!(r["signatures"][0]["valid"], true);
    // The Insight hash covers the signature too, so it differs from the txid.
    assert_eq!(r["insight_hash"], {
        let mut h = sha256d(&raw);
        h.reverse();
        hex::encode(h)
    });
    assert_ne!(r["insight_hash"], r["txid"]);
}

#[test]
fn real_starts_keep_fluxds_txids_and_verify() {
    let out = run();
    let data: Value = serde_json::from_str(include_str!("../data/fluxnode_starts.json")).unwrap();
    let vectors = data["vectors"].as_array().unwrap();
    let reports = out["mainnet"].as_array().unwrap();
    assert_eq!(reports.len(), vectors.len());
    for (r, v) in reports.iter().zip(vectors) {
        assert_eq!(r["txid"], v["fluxdTxid"], "fluxd's txid");
        assert_eq!(r["insight_hash"], v["insightStyleTxid"], "Insight's hash");
        assert_eq!(r["hex"], v["hex"], "re-encoded byte for byte");
        assert_eq!(r["valid"], true, "{r}");
        // The signature recovers to the collateral key (P2PKH) or a key of the redeem
        // script (P2SH) that the transaction itself names.
        let recovered = r["signatures"][0]["recovered"].as_str().unwrap();
        let named = match v["decoded"]["collateralPubkey"].as_str() {
            Some(k) => k.to_string(),
            None => v["decoded"]["redeemScript"].as_str().unwrap().to_string(),
        };
        assert!(named.contains(recovered), "{recovered} not in {named}");
        if let Some(signer) = v["checks"]["recoveredSigner"].as_str() {
            assert_eq!(recovered, signer, "the signer the oracle recovered");
        }
    }
}
