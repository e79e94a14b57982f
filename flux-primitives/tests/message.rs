//! Every real signature in tests/data/messages.json verifies, under the magic it was made
//! with only, against its address or public key; the typed failures say why.

use flux_primitives::message::{sign, signing_key_id, Error, HeaderRule, Magic, MessageSignature};
use flux_primitives::{Address, PrivateKey, PublicKey};
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn messages() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!("data/messages.json")).unwrap();
    v["vectors"].as_array().unwrap().clone()
}

fn message_bytes(v: &Value) -> Vec<u8> {
    match v.get("messageHex") {
        Some(h) => hex::decode(h.as_str().unwrap()).unwrap(),
        None => v["message"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn other(m: Magic<'static>) -> Magic<'static> {
    match m {
        Magic::Bitcoin => Magic::Zelcash,
        _ => Magic::Bitcoin,
    }
}

/// flux-sdk's Zelcash-magic vector, the one whose private key is published.
fn published_key_vector() -> (Value, PrivateKey) {
    let v = messages()
        .into_iter()
        .find(|v| v.get("privateKeyWif").is_some())
        .unwrap();
    let key = PrivateKey::from_wif(v["privateKeyWif"].as_str().unwrap()).unwrap();
    (v, key)
}

/// Checks `sig` against whichever signer the vector names.
fn verify(
    sig: &MessageSignature,
    magic: Magic<'_>,
    msg: &[u8],
    v: &Value,
) -> Result<PublicKey, Error> {
    if let Some(a) = v.get("address") {
        let address: Address = a.as_str().unwrap().parse().unwrap();
        return sig.verify_address(magic, msg, &address);
    }
    let key = v
        .get("publicKey")
        .or(v.get("publicKeyUncompressed"))
        .unwrap_or_else(|| panic!("vector has no signer: {v}"));
    let key = PublicKey::from_hex(key.as_str().unwrap()).unwrap();
    sig.verify_public_key(magic, msg, &key)
}

#[test]
fn every_real_signature_verifies_under_its_magic_only() {
    let vectors = messages();
    assert_eq!(vectors.len(), 14);
    for v in &vectors {
        assert_eq!(v["verifies"], true);
        let magic = Magic::from_name(v["magic"].as_str().unwrap()).unwrap();
        let msg = message_bytes(v);
        let sig =
            MessageSignature::from_base64(v["signature"].as_str().unwrap(), HeaderRule::Strict)
                .unwrap();
        let got = verify(&sig, magic, &msg, v);
        assert!(got.is_ok(), "{}: {got:?}", v["kind"]);
        assert!(
            verify(&sig, other(magic), &msg, v).is_err(),
            "{} also verified under the other magic",
            v["kind"]
        );
        // A custom magic with the same text is the same magic.
        let custom = Magic::Custom(magic.bytes());
        assert!(verify(&sig, custom, &msg, v).is_ok());
        // signatureHex, where given, is the same 65 bytes.
        if let Some(h) = v.get("signatureHex") {
            assert_eq!(hex::encode(sig.to_bytes()), h.as_str().unwrap());
        }
        assert_eq!(sig.to_base64(), v["signature"].as_str().unwrap());
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
            assert_eq!(recovered.to_string(), pk.as_str().unwrap());
            // The ZelID and the t1 address of the same key verify too.
            for address in [
                Address::zelid(&recovered),
                Address::p2pkh(&recovered, flux_primitives::Network::Main),
            ] {
                sig.verify_address(magic, &msg, &address).unwrap();
            }
        }
        if let Some(a) = v.get("address") {
            let a = a.as_str().unwrap();
            if a.starts_with('1') {
                assert_eq!(Address::zelid(&recovered).to_string(), a);
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
    let address: Address = v["address"].as_str().unwrap().parse().unwrap();
    let err = flipped
        .verify_address(Magic::Bitcoin, b"test", &address)
        .unwrap_err();
    assert!(matches!(err, Error::CompressionMismatch { .. }), "{err:?}");
    let key = PublicKey::from_hex(v["publicKeyUncompressed"].as_str().unwrap()).unwrap();
    let err = flipped
        .verify_public_key(Magic::Bitcoin, b"test", &key)
        .unwrap_err();
    assert!(matches!(err, Error::CompressionMismatch { .. }), "{err:?}");
}

#[test]
fn signing_with_a_published_key_reproduces_its_deterministic_vector() {
    // flux-sdk's Zelcash-magic vector (RFC 6979, deterministic).
    let (v, key) = published_key_vector();
    let msg = v["message"].as_str().unwrap().as_bytes();
    let sig = sign(&key, Magic::Zelcash, msg);
    assert_eq!(sig.to_base64(), v["signature"].as_str().unwrap());
    let address: Address = v["address"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        sig.verify_address(Magic::Zelcash, msg, &address).unwrap(),
        key.public_key()
    );
    // The other form of the same key writes the other header and a different address.
    let other_form = key.clone().with_compression(!key.compressed());
    let sig2 = sign(&other_form, Magic::Zelcash, msg);
    assert_eq!(sig2.header() ^ sig.header(), 4);
    assert!(matches!(
        sig2.verify_address(Magic::Zelcash, msg, &address),
        Err(Error::CompressionMismatch { .. })
    ));
}

#[test]
fn p2sh_and_shielded_addresses_cannot_sign() {
    // fluxd verifymessage: "Address does not refer to key" for t3 addresses.
    let v = &messages()[0];
    let sig = MessageSignature::from_base64(v["signature"].as_str().unwrap(), HeaderRule::Strict)
        .unwrap();
    let p2sh: Address = "t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA".parse().unwrap();
    assert!(matches!(
        signing_key_id(&p2sh),
        Err(Error::NotAKeyAddress { .. })
    ));
    let err = sig
        .verify_address(Magic::Bitcoin, &message_bytes(v), &p2sh)
        .unwrap_err();
    assert!(matches!(err, Error::NotAKeyAddress { .. }), "{err:?}");
}

#[test]
fn wrong_signer_names_the_recovered_address_in_the_expected_family() {
    let (_, key) = published_key_vector();
    let sig = sign(&key, Magic::Bitcoin, b"hello");
    let someone: Address = "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF".parse().unwrap();
    match sig.verify_address(Magic::Bitcoin, b"hello", &someone) {
        Err(Error::WrongSigner {
            expected,
            recovered,
        }) => {
            assert_eq!(expected, someone.to_string());
            assert_eq!(
                recovered,
                Address::p2pkh(&key.public_key(), someone.network()).to_string()
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_signatures_give_typed_errors() {
    assert!(matches!(
        MessageSignature::from_base64("not base64!", HeaderRule::Strict),
        Err(Error::Base64(_))
    ));
    assert!(matches!(
        MessageSignature::from_bytes(&[31; 64], HeaderRule::Strict),
        Err(Error::Length { len: 64 })
    ));
    let mut bytes = [1u8; 65];
    for header in [0u8, 26, 35, 42, 255] {
        bytes[0] = header;
        assert!(matches!(
            MessageSignature::from_bytes(&bytes, HeaderRule::Strict),
            Err(Error::Header { byte, .. }) if byte == header
        ));
        // fluxd masks instead: (header - 27) & 3 and & 4 in int arithmetic.
        let masked = MessageSignature::from_bytes(&bytes, HeaderRule::FluxdMasked).unwrap();
        let flag = i32::from(header) - 27;
        assert_eq!(i32::from(masked.recovery_id()), flag & 3);
        assert_eq!(masked.is_compressed(), flag & 4 != 0);
        assert_eq!(masked.to_bytes(), bytes);
    }
    // r = 0 recovers nothing.
    let mut zero = [0u8; 65];
    zero[0] = 31;
    let sig = MessageSignature::from_bytes(&zero, HeaderRule::Strict).unwrap();
    assert!(matches!(
        sig.recover(Magic::Bitcoin, b""),
        Err(Error::Unrecoverable(_))
    ));
}
