//! Fluxnode signatures: every real mainnet START/CONFIRM verifies, and the spec 11.4
//! vectors (made with fluxd's own code) are reproduced byte for byte.
// Reads its data from the file system at run time: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use flux_primitives::Network;
use flux_primitives::PrivateKey;
use flux_primitives::ScriptBuf;
use flux_tx::fluxnode::{CollateralOwner, Delegates, FluxnodeTx};
use flux_tx::fluxnode_sign::{
    build_start, sign_confirm, verify_fluxnode, SignatureKind, StartRequest, Validity,
    VerifyContext,
};
use flux_tx::message::{message_digest, sign_message};
use flux_tx::pubkey::WirePubKey;
use flux_tx::{FluxnodeVersion, OutPoint, Transaction};
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
                SignatureKind::Start => {
                    assert_eq!(c.valid, Validity::Valid, "{}", v["id"]);
                    if let Some(r) = v["checks"]["recoveredSigner"].as_str() {
                        assert_eq!(hex::encode(c.recovered.unwrap()), r);
                    }
                    starts += 1;
                }
                SignatureKind::Benchmark => {
                    assert_eq!(c.valid, Validity::Valid, "{}", v["id"]);
                    benches += 1;
                }
                SignatureKind::Confirm => {
                    assert!(c.recovered.is_some(), "{}", v["id"]);
                    if ctx.node_pubkey.is_some() {
                        assert_eq!(c.valid, Validity::Valid);
                        operators += 1;
                    } else {
                        assert_eq!(c.valid, Validity::Unchecked);
                    }
                }
                other => panic!("{other:?}"),
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
        network: Network::Main,
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
    let t = build_start(
        &base(FluxnodeVersion::V5, pk_owner.clone(), None),
        &collateral_key,
    )
    .unwrap();
    assert_eq!(hex::encode(t.to_bytes()), v[0]["full"].as_str().unwrap());
    // 3. v6 normal, 4. v6 P2SH (signed by the collateral key, which is in the script).
    let t = build_start(
        &base(FluxnodeVersion::V6, pk_owner.clone(), None),
        &collateral_key,
    )
    .unwrap();
    assert_eq!(t.txid().to_string(), v[2]["txid"].as_str().unwrap());
    let t = build_start(
        &base(
            FluxnodeVersion::V6,
            CollateralOwner::P2sh(redeem.clone()),
            None,
        ),
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
    let t = build_start(
        &base(FluxnodeVersion::V6, pk_owner.clone(), Some(update)),
        &collateral_key,
    )
    .unwrap();
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
        &base(
            FluxnodeVersion::V6,
            CollateralOwner::P2sh(redeem),
            Some(signing),
        ),
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
        network: Network::Main,
        version: FluxnodeVersion::V5,
        collateral: OutPoint::default(),
        owner: CollateralOwner::P2sh(ScriptBuf::new()),
        node_pubkey: key.public_key().to_bytes(),
        sig_time: 1,
        delegates: None,
    };
    let e = build_start(&req, &key).unwrap_err();
    assert!(e.to_string().contains("redeem_script"), "{e}");
    // A version other than 5 or 6 cannot be asked for in a request (FluxnodeVersion); the
    // JSON spec refuses it by name.
    let spec: Value = serde_json::from_str(flux_tx::spec::FLUXNODE_START_EXAMPLE).unwrap();
    let mut seven = spec.clone();
    seven["version"] = 7.into();
    let e = flux_tx::fluxnode_sign::start_from_spec(&seven).unwrap_err();
    assert_eq!(
        e,
        flux_tx::Error::Spec {
            field: "version".into(),
            problem: flux_tx::error::SpecProblem::Version {
                got: 7,
                allowed: "5 or 6"
            },
        }
    );
}

/// Every key a START spec carries must be of the spec's network, as the transaction builder
/// requires of its keys: a typed `StartKeyNetwork` naming the key, kind `wrong_network`.
#[test]
fn start_keys_of_another_network_are_refused() {
    use flux_tx::error::SpecProblem;
    use flux_tx::fluxnode_sign::{start_from_spec, StartKeyRole};
    use flux_tx::Error;

    let main_wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
    let test_key = PrivateKey::from_slice(&[7; 32], true, Network::Test).unwrap();
    let test_wif = test_key.to_wif();
    let node = "02b7da05c6b7b2e2fd18b9ad60ac9f8c8751ff0a0687c3f866ae3c7841ac9fb561";
    let spec = |network: &str, extra: Value| {
        let mut s = serde_json::json!({
            "network": network, "version": 6,
            "collateral": {"txid": "12".repeat(32), "vout": 1},
            "fluxnode_public_key": node, "sig_time": 1_700_000_000,
        });
        for (k, v) in extra.as_object().unwrap() {
            s[k] = v.clone();
        }
        s
    };
    let wrong = |e: Error| match e {
        Error::StartKeyNetwork {
            role,
            expected,
            found,
        } => (role, expected, found),
        other => panic!("{other:?}"),
    };

    // The same spec builds on its own network.
    let ok = spec("main", serde_json::json!({"collateral_wif": main_wif}));
    assert!(start_from_spec(&ok).is_ok());
    // A mainnet collateral WIF in a testnet START.
    let e = start_from_spec(&spec(
        "test",
        serde_json::json!({"collateral_wif": main_wif}),
    ))
    .unwrap_err();
    assert_eq!(e.kind(), "wrong_network");
    assert_eq!(
        wrong(e),
        (StartKeyRole::Collateral, Network::Test, Network::Main)
    );
    // A testnet delegate signer in a mainnet START.
    let delegate = spec(
        "main",
        serde_json::json!({
            "collateral_wif": main_wif,
            "delegates": {"type": "signing", "signer_wif": test_wif},
        }),
    );
    assert_eq!(
        wrong(start_from_spec(&delegate).unwrap_err()),
        (StartKeyRole::Delegate, Network::Main, Network::Test)
    );
    // A testnet key of a P2SH collateral's redeem script in a mainnet START.
    let pubs = [test_key.public_key().to_bytes()];
    let refs: Vec<&[u8]> = pubs.iter().map(Vec::as_slice).collect();
    let redeem = ScriptBuf::multisig(1, &refs).unwrap();
    let p2sh = spec(
        "main",
        serde_json::json!({"redeem_script": hex::encode(redeem.as_bytes()), "wif": test_wif}),
    );
    assert_eq!(
        wrong(start_from_spec(&p2sh).unwrap_err()),
        (StartKeyRole::RedeemScript, Network::Main, Network::Test)
    );
    // The typed request checks its signer too.
    let req = StartRequest {
        network: Network::Main,
        version: FluxnodeVersion::V6,
        collateral: OutPoint::default(),
        owner: CollateralOwner::P2sh(redeem),
        node_pubkey: hex::decode(node).unwrap(),
        sig_time: 1,
        delegates: None,
    };
    assert_eq!(
        wrong(build_start(&req, &test_key).unwrap_err()),
        (StartKeyRole::RedeemScript, Network::Main, Network::Test)
    );
    let req = StartRequest {
        network: Network::Test,
        ..req
    };
    assert!(build_start(&req, &test_key).is_ok());

    // Spec errors are typed: the field's JSON path and what is wrong with it.
    let e = start_from_spec(&spec("main", serde_json::json!({"wif": main_wif}))).unwrap_err();
    assert_eq!(
        e,
        Error::Spec {
            field: "wif".into(),
            problem: SpecProblem::OnlyWith {
                other: "redeem_script"
            },
        }
    );
    let e = start_from_spec(&spec("main", serde_json::json!({}))).unwrap_err();
    assert!(
        matches!(&e, Error::Spec { field, problem: SpecProblem::RequiredOr { .. } } if field == "collateral_wif"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "invalid field `collateral_wif`: is required (or redeem_script + wif)"
    );
}
