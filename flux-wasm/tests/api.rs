//! The bindings' Rust layer on real vectors, natively: each function returns fluxd's view of
//! real chain data, fails with the command's error kinds, and reads its input object the way
//! the JavaScript side hands it over (camelCase, defaults, unknown fields refused).

mod common;

use common::{by_id, vectors, BLOCKS, FLUXNODE, TRANSACTIONS};
use flux_wasm::api::{
    block_decode, chain_upgrade, header_decode, tx_decode, BlockDecodeInput, ChainUpgradeInput,
    HeaderDecodeInput, TxDecodeInput,
};
use serde_json::{json, Value};

/// A typed result as the JavaScript side sees it (the bindings hand over its JSON text).
fn js<T: serde::Serialize>(out: T) -> Value {
    serde_json::from_str(&serde_json::to_string(&out).unwrap()).unwrap()
}

fn from<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

#[test]
fn tx_decode_gives_the_real_txids() {
    let mut decoded = 0;
    // One vector keeps only its txid (its hex is too large to carry).
    for v in vectors(TRANSACTIONS)
        .iter()
        .filter(|v| v["hex"].is_string())
    {
        let out = js(tx_decode(from(json!({ "hex": v["hex"] })).unwrap()).unwrap());
        assert_eq!(out["txid"], v["txid"], "{}", v["id"]);
        decoded += 1;
    }
    assert!(decoded >= 9);
}

#[test]
fn tx_decode_of_fluxnode_transactions() {
    for v in vectors(FLUXNODE) {
        let network = if v["network"] == "testnet" {
            "test"
        } else {
            "main"
        };
        let out =
            js(tx_decode(from(json!({ "hex": v["hex"], "network": network })).unwrap()).unwrap());
        assert_eq!(out["txid"], v["txid"], "{}", v["id"]);
        assert_eq!(out["version"], v["version"], "{}", v["id"]);
        let kind = match v["nType"].as_u64() {
            Some(2) => "Starting a fluxnode",
            _ => "Confirming a fluxnode",
        };
        assert_eq!(out["type"], kind, "{}", v["id"]);
    }
}

#[test]
fn block_and_header_decode_give_the_real_hashes() {
    let genesis = by_id(BLOCKS, "genesis-mainnet");
    let out = js(block_decode(from(json!({ "hex": genesis["hex"] })).unwrap()).unwrap());
    assert_eq!(out["hash"], genesis["hash"]);
    assert!(out["tx"][0]["vin"][0]["coinbase"].is_string());

    let pon = by_id(BLOCKS, "pon-block-2020000");
    let out = js(block_decode(
        from(json!({ "hex": pon["hex"], "verbosity": 1, "height": 2_020_000 })).unwrap(),
    )
    .unwrap());
    assert_eq!(out["hash"], pon["hash"]);
    assert_eq!(out["height"], 2_020_000);
    assert_eq!(out["type"], "PON");
    assert_eq!(out["tx"], pon["txids"]);

    let header = by_id(BLOCKS, "pow-header-2019999");
    let out = js(header_decode(from(json!({ "hex": header["headerHex"] })).unwrap()).unwrap());
    assert_eq!(out["hash"], header["hash"]);
    assert_eq!(out["type"], "POW");

    let testnet = by_id(BLOCKS, "genesis-testnet");
    let out = js(
        block_decode(from(json!({ "hex": testnet["hex"], "network": "test" })).unwrap()).unwrap(),
    );
    assert_eq!(out["hash"], testnet["hash"]);
}

#[test]
fn chain_upgrade_at_the_pon_fork() {
    let out = chain_upgrade(from(json!({ "height": 2_020_000 })).unwrap())
        .unwrap()
        .value();
    assert_eq!(out["upgrade"], "PON");
    assert_eq!(out["block_kind"], "PON");
    assert_eq!(out["branch_id"], "76b809bb");
    let before = chain_upgrade(from(json!({ "height": 2_019_999 })).unwrap())
        .unwrap()
        .value();
    assert_eq!(before["block_kind"], "POW");
    assert_eq!(before["next_upgrade"], json!(["PON", 2_020_000]));
}

#[test]
fn failures_carry_the_commands_kinds_and_messages() {
    let e = tx_decode(from(json!({ "hex": "zz" })).unwrap()).unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(
        e.message.starts_with("transaction is not valid hex: "),
        "{e}"
    );

    let e = tx_decode(from(json!({ "hex": "0400" })).unwrap()).unwrap_err();
    // flux-tx's own kind, as `flux tx decode` prints it.
    let expected = flux_tx::Transaction::from_bytes(&[4, 0])
        .unwrap_err()
        .kind();
    assert_eq!(e.kind, expected);

    // An unknown network is a usage error (the input object's shape), as the CLI's clap
    // value parser makes it.
    let genesis = by_id(BLOCKS, "genesis-mainnet");
    let tx = &vectors(TRANSACTIONS)[0]["hex"];
    assert!(
        from::<TxDecodeInput>(json!({ "hex": tx, "network": "moon" }))
            .unwrap_err()
            .contains("unknown network \"moon\"")
    );
    assert!(from::<BlockDecodeInput>(json!({ "hex": genesis["hex"], "network": "moon" })).is_err());
    assert!(from::<ChainUpgradeInput>(json!({ "height": 1, "network": "moon" })).is_err());

    // Bytes that do not decode: flux-consensus's own error kind and message, as the CLI.
    let e = header_decode(from(json!({ "hex": "00" })).unwrap()).unwrap_err();
    let lib = flux_primitives::codec::decode_exact::<flux_consensus::header::BlockHeader>(&[0])
        .unwrap_err();
    assert_eq!((e.kind, e.message), (lib.kind(), lib.to_string()));
}

#[test]
fn input_objects_are_camel_case_with_defaults_and_no_unknown_fields() {
    let i: BlockDecodeInput = from(json!({ "hex": "00" })).unwrap();
    assert_eq!(
        (i.network, i.verbosity, i.height),
        (flux_primitives::Network::Main, 2, None)
    );
    assert!(
        from::<TxDecodeInput>(json!({ "hex": "00", "netwrok": "test" }))
            .unwrap_err()
            .contains("unknown field `netwrok`")
    );
    assert!(from::<HeaderDecodeInput>(json!({}))
        .unwrap_err()
        .contains("missing field `hex`"));
    assert!(from::<ChainUpgradeInput>(json!({ "height": -1 })).is_err());
    assert!(from::<ChainUpgradeInput>(json!({ "height": 1.5 })).is_err());
}

/// `flux app payment --help`'s example coin and key.
fn payment_input(extra: Value) -> Value {
    let mut input = json!({
        "hash": "5501c7dd6516c3fc2e68dee8d4fdd20d92f57f8cfcdc7b4fcbad46499e43ed6f",
        "amount": "0.6",
        "height": 2_200_000,
        "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW",
        "inputs": [{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 150_000_000}],
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    input
}

#[test]
fn app_payment_pays_the_deployment_address_with_the_hash_last() {
    use flux_wasm::api::app_payment;
    let paid = app_payment(from(payment_input(json!({}))).unwrap())
        .unwrap()
        .value();
    let tx = js(tx_decode(from(json!({ "hex": paid["hex"] })).unwrap()).unwrap());
    assert_eq!(tx["txid"], paid["txid"]);
    let vout = tx["vout"].as_array().unwrap();
    assert_eq!(vout.len(), 3, "deployment address, change, memo");
    assert_eq!(vout[0]["valueZat"], 60_000_000);
    assert_eq!(
        vout[0]["scriptPubKey"]["addresses"][0],
        "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX"
    );
    // 1.5 FLUX in, 0.6 paid, the default 10000 zatoshi fee.
    assert_eq!(vout[1]["valueZat"], 150_000_000 - 60_000_000 - 10_000);
    let memo = vout[2]["scriptPubKey"]["hex"].as_str().unwrap();
    assert!(memo.ends_with(&hex::encode(
        "5501c7dd6516c3fc2e68dee8d4fdd20d92f57f8cfcdc7b4fcbad46499e43ed6f"
    )));
    assert_eq!(tx["expiryheight"], 2_200_020);

    // The amount as a JavaScript number, the coins as JSON text: the same transaction.
    let same = app_payment(
        from(payment_input(json!({
            "amount": 0.6,
            "inputs": serde_json::to_string(&payment_input(json!({}))["inputs"]).unwrap(),
        })))
        .unwrap(),
    )
    .unwrap()
    .value();
    assert_eq!(same, paid);
}

#[test]
fn app_payment_fails_with_the_commands_kinds() {
    use flux_wasm::api::app_payment;
    let kind = |extra: Value| {
        app_payment(from(payment_input(extra)).unwrap())
            .unwrap_err()
            .kind
    };
    assert_eq!(kind(json!({"hash": "ABC"})), "invalid_hash");
    assert_eq!(kind(json!({"inputs": "[{\"txid\": 1}]"})), "invalid_inputs");
    assert_eq!(kind(json!({"amount": "2"})), "insufficient_funds");
    // No app deployment address outside mainnet (flux-client says so, as the command does).
    assert_eq!(kind(json!({"network": "test"})), "no_deployment_address");
    assert_eq!(kind(json!({"amount": "0.6.1"})), "invalid_amount");
    assert!(from::<flux_wasm::api::AppPaymentInput>(payment_input(json!({"fees": 1}))).is_err());
}
