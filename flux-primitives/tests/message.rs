//! Every real signature in tests/data verifies, under the magic it was made with only.

use flux_zelid::ethereum::{personal_digest, EthAddress, EthSignature};
use flux_zelid::{
    parse_wif, sign_message, verify_message, HeaderRule, Magic, MessageSignature, Recovered,
    Signer, SignerKey,
};
use serde_json::Value;

fn messages() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!("data/messages.json")).unwrap();
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

fn other(m: Magic) -> Magic {
    match m {
        Magic::Bitcoin => Magic::Zelcash,
        Magic::Zelcash => Magic::Bitcoin,
    }
}

#[test]
fn every_real_signature_verifies_under_its_magic_only() {
    let vectors = messages();
    assert_eq!(vectors.len(), 14);
    for v in &vectors {
        assert_eq!(v["verifies"], true);
        let magic = Magic::from_name(v["magic"].as_str().unwrap()).unwrap();
        let msg = message_bytes(v);
        let sig = v["signature"].as_str().unwrap();
        let signer = signer_of(v);
        let got = verify_message(magic, &msg, sig, &signer);
        assert!(got.is_ok(), "{}: {got:?}", v["kind"]);
        assert!(
            verify_message(other(magic), &msg, sig, &signer).is_err(),
            "{} also verified under the other magic",
            v["kind"]
        );
        // signatureHex, where given, is the same 65 bytes.
        if let Some(h) = v.get("signatureHex") {
            let parsed = MessageSignature::from_base64(sig, HeaderRule::Strict).unwrap();
            assert_eq!(hex::encode(parsed.to_bytes()), h.as_str().unwrap());
        }
    }
}

#[test]
fn public_key_vectors_also_verify_against_their_addresses() {
    for v in messages() {
        let magic = Magic::from_name(v["magic"].as_str().unwrap()).unwrap();
        let msg = message_bytes(&v);
        let sig =
            MessageSignature::from_base64(v["signature"].as_str().unwrap(), HeaderRule::Strict)
                .unwrap();
        let recovered = sig.recover(magic, &msg).unwrap();
        if let Some(pk) = v.get("publicKey").or(v.get("publicKeyUncompressed")) {
            assert_eq!(recovered.to_hex(), pk.as_str().unwrap());
            // The ZelID of the same key verifies too.
            verify_message(
                magic,
                &msg,
                v["signature"].as_str().unwrap(),
                &recovered.zelid(),
            )
            .unwrap();
        }
        if let Some(a) = v.get("address") {
            let a = a.as_str().unwrap();
            if a.starts_with('1') {
                assert_eq!(recovered.zelid(), a);
            }
        }
    }
}

#[test]
fn uncompressed_vector_has_uncompressed_header_and_compression_mismatch_is_typed() {
    let v = messages()
        .into_iter()
        .find(|v| v.get("publicKeyUncompressed").is_some())
        .unwrap();
    let sig_text = v["signature"].as_str().unwrap();
    let sig = MessageSignature::from_base64(sig_text, HeaderRule::Strict).unwrap();
    assert!((27..=30).contains(&sig.header()));
    assert!(!sig.is_compressed());
    // Flip the compression bit: same point recovers, but it is the other address.
    let mut bytes = sig.to_bytes();
    bytes[0] += 4;
    let flipped = MessageSignature::from_bytes(&bytes, HeaderRule::Strict).unwrap();
    let err = verify_message(
        Magic::Bitcoin,
        b"test",
        &flipped.to_base64(),
        v["address"].as_str().unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(err, flux_zelid::Error::CompressionMismatch { .. }),
        "{err:?}"
    );
    let err = verify_message(
        Magic::Bitcoin,
        b"test",
        &flipped.to_base64(),
        v["publicKeyUncompressed"].as_str().unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(err, flux_zelid::Error::CompressionMismatch { .. }),
        "{err:?}"
    );
}

#[test]
fn signing_with_published_keys_reproduces_deterministic_vectors() {
    // flux-sdk's Zelcash-magic vector (RFC 6979, deterministic).
    let v = messages()
        .into_iter()
        .find(|v| v.get("privateKeyWif").is_some())
        .unwrap();
    let (secret, compressed) = parse_wif(v["privateKeyWif"].as_str().unwrap()).unwrap();
    let sig = sign_message(
        &secret,
        compressed,
        Magic::Zelcash,
        v["message"].as_str().unwrap().as_bytes(),
    );
    assert_eq!(sig.to_base64(), v["signature"].as_str().unwrap());
    verify_message(
        Magic::Zelcash,
        v["message"].as_str().unwrap().as_bytes(),
        &sig.to_base64(),
        v["address"].as_str().unwrap(),
    )
    .unwrap();

    // FluxOS spec §10 derived vector: harness app-owner key over the v8 registration.
    let h = &fluxos()["harnessV8"];
    let secret = secp256k1::SecretKey::from_slice(
        &hex::decode(h["privateKeyHex"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    let msg = format!(
        "fluxappregister1{}{}",
        h["specJson"].as_str().unwrap(),
        h["timestamp"]
    );
    let sig = sign_message(&secret, true, Magic::Bitcoin, msg.as_bytes());
    assert_eq!(sig.to_base64(), h["signature"].as_str().unwrap());
    let key = SignerKey::new(secret.public_key(secp256k1::SECP256K1), true);
    assert_eq!(key.zelid(), h["zelid"].as_str().unwrap());
}

#[test]
fn fluxos_test_key_wif_gives_its_zelid() {
    let t = &fluxos()["testKey"];
    let (secret, compressed) = parse_wif(t["wif"].as_str().unwrap()).unwrap();
    let key = SignerKey::new(secret.public_key(secp256k1::SECP256K1), compressed);
    assert_eq!(key.zelid(), t["zelid"].as_str().unwrap());
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
            flux_zelid::Error::WrongSigner { recovered, .. } => {
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
fn p2sh_addresses_cannot_sign() {
    // fluxd verifymessage: "Address does not refer to key" for t3 addresses.
    let err = Signer::parse("t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA").unwrap_err();
    assert!(matches!(err, flux_zelid::Error::NotAKeyAddress { .. }));
}
