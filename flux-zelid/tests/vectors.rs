//! The text-level API (`verify_message`, `Signer`) over real vectors: FluxOS's and fluxd's
//! signatures as strings, Ethereum ZelIDs, and the errors a dApp backend matches on. The
//! typed compact-signature core is tested in flux-primitives (tests/message.rs).

use flux_primitives::message::Error as SigError;
use flux_zelid::ethereum::{personal_digest, EthAddress, EthSignature};
use flux_zelid::{
    sign_message, verify_message, Address, Error, Magic, PrivateKey, Recovered, Signer,
};
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn messages() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!(
        "../../flux-primitives/tests/data/messages.json"
    ))
    .unwrap();
    v["vectors"].as_array().unwrap().clone()
}

fn fluxos() -> Value {
    serde_json::from_str(include_str!("data/fluxos.json")).unwrap()
}

fn message_bytes(v: &Value) -> Vec<u8> {
    match v.get("messageHex") {
        Some(h) => hex::decode(h.as_str().unwrap()).unwrap(),
        None => v["message"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn signer_of(v: &Value) -> String {
    for field in ["address", "publicKey", "publicKeyUncompressed"] {
        if let Some(s) = v.get(field) {
            return s.as_str().unwrap().to_string();
        }
    }
    panic!("vector has no signer: {v}")
}

#[test]
fn every_real_signature_verifies_from_text_under_its_magic_only() {
    let vectors = messages();
    assert_eq!(vectors.len(), 14);
    for v in &vectors {
        let magic = Magic::from_name(v["magic"].as_str().unwrap()).unwrap();
        let other = match magic {
            Magic::Bitcoin => Magic::Zelcash,
            _ => Magic::Bitcoin,
        };
        let msg = message_bytes(v);
        let sig = v["signature"].as_str().unwrap();
        let signer = signer_of(v);
        let got = verify_message(magic, &msg, sig, &signer);
        assert!(got.is_ok(), "{}: {got:?}", v["kind"]);
        if signer.starts_with('1') {
            assert_eq!(got.unwrap().zelid(), signer);
        }
        assert!(
            verify_message(other, &msg, sig, &signer).is_err(),
            "{} also verified under the other magic",
            v["kind"]
        );
    }
}

#[test]
fn compression_mismatch_is_a_zelid_error_variant() {
    let v = messages()
        .into_iter()
        .find(|v| v.get("publicKeyUncompressed").is_some())
        .unwrap();
    let mut bytes = flux_zelid::MessageSignature::from_base64(
        v["signature"].as_str().unwrap(),
        flux_zelid::HeaderRule::Strict,
    )
    .unwrap()
    .to_bytes();
    bytes[0] += 4;
    let flipped = flux_zelid::MessageSignature::from_bytes(&bytes, flux_zelid::HeaderRule::Strict)
        .unwrap()
        .to_base64();
    for signer in ["address", "publicKeyUncompressed"] {
        let err = verify_message(
            Magic::Bitcoin,
            b"test",
            &flipped,
            v[signer].as_str().unwrap(),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Signature(SigError::CompressionMismatch { .. })),
            "{err:?}"
        );
        assert!(err.is_verdict());
    }
    // Malformed text maps onto the same variants Ethereum signatures use.
    let z = v["address"].as_str().unwrap();
    let err = verify_message(Magic::Bitcoin, b"test", "not base64!", z).unwrap_err();
    assert!(
        matches!(err, Error::Signature(SigError::Base64(_))),
        "{err:?}"
    );
    assert!(!err.is_verdict());
    let err = verify_message(Magic::Bitcoin, b"test", "AAAA", z).unwrap_err();
    assert!(
        matches!(err, Error::Signature(SigError::Length { len: 3 })),
        "{err:?}"
    );
    assert_eq!(err.kind(), "signature_length");
}

#[test]
fn harness_key_signs_the_v8_registration_as_fluxos_records() {
    // FluxOS spec §10 derived vector: harness app-owner key over the v8 registration.
    let h = &fluxos()["harnessV8"];
    let key = PrivateKey::from_slice(
        &hex::decode(h["privateKeyHex"].as_str().unwrap()).unwrap(),
        true,
        flux_primitives::Network::Main,
    )
    .unwrap();
    let msg = format!(
        "fluxappregister1{}{}",
        h["specJson"].as_str().unwrap(),
        h["timestamp"]
    );
    let sig = sign_message(&key, Magic::Bitcoin, msg.as_bytes());
    assert_eq!(sig.to_base64(), h["signature"].as_str().unwrap());
    assert_eq!(
        Address::zelid(&key.public_key()).to_string(),
        h["zelid"].as_str().unwrap()
    );
}

#[test]
fn fluxos_test_key_wif_gives_its_zelid() {
    let t = &fluxos()["testKey"];
    let key = PrivateKey::from_wif(t["wif"].as_str().unwrap()).unwrap();
    assert_eq!(
        Address::zelid(&key.public_key()).to_string(),
        t["zelid"].as_str().unwrap()
    );
}

#[test]
fn fluxos_negative_logins_recover_other_zelids() {
    let n = &fluxos()["negativeLogins"];
    let phrase = n["phrase"].as_str().unwrap();
    for c in n["cases"].as_array().unwrap() {
        let sig = c["signature"].as_str().unwrap();
        let err = verify_message(
            Magic::Bitcoin,
            phrase.as_bytes(),
            sig,
            n["claimedZelid"].as_str().unwrap(),
        )
        .unwrap_err();
        match err {
            Error::Signature(SigError::WrongSigner { recovered, .. }) => {
                assert_eq!(recovered, c["recovers"].as_str().unwrap())
            }
            e => panic!("unexpected {e:?}"),
        }
    }
}

#[test]
fn ethereum_vectors_digest_and_recover() {
    let e = &fluxos()["ethereum"];
    let addr_text = e["address"].as_str().unwrap();
    let addr = EthAddress::parse(addr_text).unwrap();
    assert_eq!(addr.to_checksum_string(), addr_text);
    for c in e["cases"].as_array().unwrap() {
        let msg = c["message"].as_str().unwrap().as_bytes();
        assert_eq!(
            hex::encode(personal_digest(msg)),
            c["digest"].as_str().unwrap()
        );
        let sig = c["signature"].as_str().unwrap();
        assert_eq!(
            EthSignature::parse(sig).unwrap().recover(msg).unwrap(),
            addr
        );
        // Lower-case ZelID, as FluxOS stores them, verifies too.
        let got = verify_message(Magic::Bitcoin, msg, sig, &addr_text.to_lowercase()).unwrap();
        assert_eq!(got, Recovered::Ethereum(addr));
        assert!(verify_message(Magic::Bitcoin, b"other", sig, addr_text).is_err());
    }
}

#[test]
fn p2sh_and_shielded_addresses_are_not_signers() {
    // fluxd verifymessage: "Address does not refer to key" for t3 addresses.
    let err = Signer::parse("t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA").unwrap_err();
    assert!(
        matches!(err, Error::Signature(SigError::NotAKeyAddress { .. })),
        "{err:?}"
    );
    assert_eq!(err.kind(), "not_a_key_address");
    let err = Signer::parse("not an address").unwrap_err();
    assert!(matches!(err, Error::Signer { .. }), "{err:?}");
}
