//! Fluxnode signatures: every real mainnet START/CONFIRM verifies, and the spec 11.4
//! vectors (made with fluxd's own code) are reproduced byte for byte.
// Reads its data from the file system at run time: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use flux_primitives::Network;
use flux_primitives::PrivateKey;
use flux_primitives::ScriptBuf;
use flux_tx::fluxnode::{CollateralOwner, Delegates, FluxnodeTx};
use flux_tx::fluxnode_sign::{
    build_start, sign_confirm, verify_fluxnode, StartRequest, Validity, VerifyContext,
};
use flux_tx::message::{message_digest, sign_message};
use flux_tx::pubkey::WirePubKey;
use flux_tx::{OutPoint, Transaction};
use serde_json::Value;

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn tx(hex_str: &str) -> Transaction {
    Transaction::from_bytes(&hex::decode(hex_str).unwrap()).unwrap()
}

#[test]
fn every_real_fluxnode_signature_verifies() {
    let d = data("fluxnode_transactions.json");
    let vectors = d["vectors"].as_array().unwrap();
    let start_2020 = tx(vectors[0]["hex"].as_str().unwrap());
    let node_key_2020 = match start_2020.as_fluxnode().unwrap() {
        FluxnodeTx::Start(s) => s.body.as_ref().unwrap().node_pubkey.as_bytes().to_vec(),
        _ => unreachable!(),
    };
    let (mut starts, mut benches, mut operators) = (0, 0, 0);
    for v in vectors {
        let t = tx(v["hex"].as_str().unwrap());
        let mut ctx = VerifyContext::default();
        if v["id"] == "confirm-v5-2020" {
            ctx.node_pubkey = Some(node_key_2020.clone());
        }
        let checks = verify_fluxnode(&t, Network::Main, &ctx).unwrap();
        for c in checks {
            match c.signature {
                "start" => {
                    assert_eq!(c.valid, Validity::Valid, "{}", v["id"]);
                    if let Some(r) = v["checks"]["recoveredSigner"].as_str() {
                        assert_eq!(hex::encode(c.recovered.unwrap()), r);
                    }
                    starts += 1;
                }
                "benchmark" => {
                    assert_eq!(c.valid, Validity::Valid, "{}", v["id"]);
                    benches += 1;
                }
                "confirm" => {
                    assert!(c.recovered.is_some(), "{}", v["id"]);
                    if ctx.node_pubkey.is_some() {
                        assert_eq!(c.valid, Validity::Valid);
                        operators += 1;
                    } else {
                        assert_eq!(c.valid, Validity::Unchecked);
                    }
                }
                other => panic!("{other}"),
            }
        }
    }
    assert_eq!((starts, benches, operators), (3, 12, 1));
}

#[test]
fn a_tampered_start_fails() {
    let d = data("fluxnode_transactions.json");
    let mut bytes = hex::decode(d["vectors"][0]["hex"].as_str().unwrap()).unwrap();
    let n = bytes.len();
    bytes[n - 1] ^= 1;
    let t = Transaction::from_bytes(&bytes).unwrap();
    let checks = verify_fluxnode(&t, Network::Main, &VerifyContext::default()).unwrap();
    assert!(checks[0].valid.is_invalid(), "{:?}", checks[0].valid);
}

#[test]
fn spec_vectors_are_reproduced() {
    let d = data("spec_11_4.json");
    let collateral_key = PrivateKey::from_wif(d["collateral_wif"].as_str().unwrap()).unwrap();
    let operator_key = PrivateKey::from_wif(d["operator_wif"].as_str().unwrap()).unwrap();
    assert_eq!(
        hex::encode(collateral_key.public_key().to_bytes()),
        d["collateral_pubkey"]
    );
    assert_eq!(
        hex::encode(operator_key.public_key().to_bytes()),
        d["operator_pubkey"]
    );
    let collateral = OutPoint::new(d["collateral_txid"].as_str().unwrap().parse().unwrap(), 1);
    let redeem = ScriptBuf::from_bytes(hex::decode(d["redeem_script"].as_str().unwrap()).unwrap());
    let v = &d["vectors"];
    let base = |version, owner, delegates| StartRequest {
        version,
        collateral,
        owner,
        node_pubkey: operator_key.public_key().to_bytes(),
        sig_time: 1_700_000_000,
        delegates,
    };
    let pk_owner = CollateralOwner::PubKey(WirePubKey::from_bytes(
        collateral_key.public_key().to_bytes(),
    ));

    // 1. v5 START: exact bytes including fluxd-verified signature.
    let t = build_start(&base(5, pk_owner.clone(), None), &collateral_key).unwrap();
    assert_eq!(hex::encode(t.to_bytes()), v[0]["full"].as_str().unwrap());
    // 3. v6 normal, 4. v6 P2SH (signed by the collateral key, which is in the script).
    let t = build_start(&base(6, pk_owner.clone(), None), &collateral_key).unwrap();
    assert_eq!(t.txid().to_string(), v[2]["txid"].as_str().unwrap());
    let t = build_start(
        &base(6, CollateralOwner::P2sh(redeem.clone()), None),
        &collateral_key,
    )
    .unwrap();
    assert_eq!(
        hex::encode(t.txid_bytes()),
        v[3]["txid_bytes"].as_str().unwrap()
    );
    let checks = verify_fluxnode(&t, Network::Main, &VerifyContext::default()).unwrap();
    assert_eq!(checks[0].valid, Validity::Valid);
    // 5. delegates UPDATE with two keys.
    let update = Delegates {
        version: 1,
        kind: Delegates::UPDATE,
        keys: vec![
            WirePubKey::from_bytes(collateral_key.public_key().to_bytes()),
            WirePubKey::from_bytes(operator_key.public_key().to_bytes()),
        ],
    };
    let t = build_start(&base(6, pk_owner.clone(), Some(update)), &collateral_key).unwrap();
    assert_eq!(
        hex::encode(t.txid_bytes()),
        v[4]["txid_bytes"].as_str().unwrap()
    );
    assert_eq!(t.txid().to_string(), v[4]["txid"].as_str().unwrap());
    // 6. P2SH + delegates SIGNING, signed by a delegate (the operator key here).
    let signing = Delegates {
        version: 1,
        kind: Delegates::SIGNING,
        keys: vec![],
    };
    let t = build_start(
        &base(6, CollateralOwner::P2sh(redeem), Some(signing)),
        &operator_key,
    )
    .unwrap();
    assert_eq!(t.txid().to_string(), v[5]["txid"].as_str().unwrap());
    let ctx = VerifyContext {
        delegate_keys: vec![operator_key.public_key().to_bytes()],
        ..Default::default()
    };
    assert_eq!(
        verify_fluxnode(&t, Network::Main, &ctx).unwrap()[0].valid,
        Validity::Valid
    );

    // 2. CONFIRM operator signature.
    let conf_bytes = format!("{}00{}", v[1]["txid_bytes"].as_str().unwrap(), "00");
    let mut t = tx(&conf_bytes);
    if let Transaction::Fluxnode(FluxnodeTx::Confirm(c)) = &mut t {
        assert_eq!(
            flux_tx::fluxnode_sign::confirm_message(c),
            v[1]["message"].as_str().unwrap()
        );
        sign_confirm(c, &operator_key);
        assert_eq!(hex::encode(&c.sig), v[1]["sig"].as_str().unwrap());
    } else {
        panic!("not a confirm");
    }

    // 8. Message signing.
    let m = &d["message_hello"];
    assert_eq!(hex::encode(message_digest(b"hello")), m["digest_internal"]);
    assert_eq!(
        hex::encode(sign_message(&collateral_key, b"hello")),
        m["sig_collateral_key"]
    );
}

#[test]
fn start_specs_with_contradictions_are_refused() {
    let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
    let req = StartRequest {
        version: 5,
        collateral: OutPoint::default(),
        owner: CollateralOwner::P2sh(ScriptBuf::new()),
        node_pubkey: key.public_key().to_bytes(),
        sig_time: 1,
        delegates: None,
    };
    let e = build_start(&req, &key).unwrap_err();
    assert!(e.to_string().contains("redeem_script"), "{e}");
    let e = build_start(&StartRequest { version: 7, ..req }, &key).unwrap_err();
    assert!(e.to_string().contains("version"), "{e}");
}
