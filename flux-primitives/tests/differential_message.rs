//! Thousands of random sign/verify cases agree with @runonflux/bitcoinjs-message
//! (tests/js/message.js): identical RFC 6979 signatures and digests, identical verdicts on
//! valid, tampered, re-headed and wrong-signer signatures.

#[path = "../../tests/support/node.rs"]
mod node;

use flux_zelid::{
    sign_message, verify_message, HeaderRule, KeyAddressKind, Magic, MessageSignature, SignerKey,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const CASES: usize = 2000;

struct Case {
    secret: secp256k1::SecretKey,
    compressed: bool,
    magic: Magic,
    message: Vec<u8>,
    as_text: bool,
}

fn random_text(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..80);
    (0..len)
        .map(|_| match rng.gen_range(0..4) {
            0 => char::from(rng.gen_range(0x20u8..0x7f)),
            1 => char::from_u32(rng.gen_range(0xa0..0x800)).unwrap_or('a'),
            2 => char::from_u32(rng.gen_range(0x1f600..0x1f650)).unwrap_or('b'),
            _ => char::from(rng.gen_range(b'a'..=b'z')),
        })
        .collect()
}

fn random_case(rng: &mut StdRng) -> Case {
    let secret = secp256k1::SecretKey::new(rng);
    let as_text = rng.gen_bool(0.6);
    let message = if as_text {
        random_text(rng).into_bytes()
    } else {
        // Long enough now and then for a 3-byte CompactSize length.
        let len = if rng.gen_bool(0.05) {
            rng.gen_range(253..700)
        } else {
            rng.gen_range(0..120)
        };
        (0..len).map(|_| rng.gen()).collect()
    };
    Case {
        secret,
        compressed: rng.gen_bool(0.5),
        magic: if rng.gen_bool(0.5) {
            Magic::Bitcoin
        } else {
            Magic::Zelcash
        },
        message,
        as_text,
    }
}

fn with_message(mut v: Value, c: &Case) -> Value {
    if c.as_text {
        v["message"] = json!(String::from_utf8(c.message.clone()).unwrap());
    } else {
        v["messageHex"] = json!(hex::encode(&c.message));
    }
    v
}

#[test]
fn signatures_and_digests_match_bitcoinjs_message() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x2e11d);
    let cases: Vec<Case> = (0..CASES).map(|_| random_case(&mut rng)).collect();
    let js_cases: Vec<Value> = cases
        .iter()
        .map(|c| {
            with_message(
                json!({
                    "op": "sign",
                    "privateKeyHex": hex::encode(c.secret.secret_bytes()),
                    "compressed": c.compressed,
                    "magic": c.magic.name(),
                }),
                c,
            )
        })
        .collect();
    let results = node::run_driver("message.js", &Value::Array(js_cases));
    for (c, r) in cases.iter().zip(&results) {
        let ours = sign_message(&c.secret, c.compressed, c.magic, &c.message);
        assert_eq!(
            hex::encode(c.magic.digest(&c.message)),
            r["digest"],
            "digest"
        );
        assert_eq!(ours.to_base64(), r["signature"], "signature");
    }
}

#[test]
fn verdicts_match_bitcoinjs_message() {
    if !node::available() {
        return;
    }
    let mut rng = StdRng::seed_from_u64(0x7e1f);
    let mut js_cases = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..CASES {
        let c = random_case(&mut rng);
        let key = SignerKey::new(c.secret.public_key(secp256k1::SECP256K1), c.compressed);
        let mut sig = sign_message(&c.secret, c.compressed, c.magic, &c.message).to_bytes();
        // The address: ZelID (1-byte prefix) or Flux t1/tm (2-byte prefix), sometimes
        // another key's.
        let (kind, prefix) = match rng.gen_range(0..3) {
            0 => (KeyAddressKind::ZelId, "00"),
            1 => (KeyAddressKind::FluxMainnet, "1cb8"),
            _ => (KeyAddressKind::FluxTestnet, "1d25"),
        };
        let mut address = key.address(kind);
        let mut message = c.message.clone();
        let mut as_text = c.as_text;
        match rng.gen_range(0..8) {
            0 => {
                let other = secp256k1::SecretKey::new(&mut rng);
                address = SignerKey::new(other.public_key(secp256k1::SECP256K1), c.compressed)
                    .address(kind);
            }
            1 => sig[0] = rng.gen(), // any header byte
            2 => sig[0] ^= 4,        // compression flag flipped
            3 => sig[rng.gen_range(1..65)] ^= 1 << rng.gen_range(0..8), // tampered r or s
            4 => {
                message.push(b'!');
                as_text = false;
            }
            _ => {}
        }
        let case = Case {
            message,
            as_text,
            ..c
        };
        let sig_b64 = base64_of(&sig);
        let valid = verify_message(case.magic, &case.message, &sig_b64, &address).is_ok();
        ours.push(valid);
        js_cases.push(with_message(
            json!({
                "op": "verify",
                "address": address,
                "pubKeyHash": prefix,
                "signature": sig_b64,
                "magic": case.magic.name(),
            }),
            &case,
        ));
    }
    let results = node::run_driver("message.js", &Value::Array(js_cases.clone()));
    let mut valid_count = 0;
    for ((mine, r), case) in ours.iter().zip(&results).zip(&js_cases) {
        assert_eq!(Some(*mine), r["valid"].as_bool(), "case {case}");
        valid_count += usize::from(*mine);
    }
    // The mix must exercise both verdicts.
    assert!(
        valid_count > CASES / 3 && valid_count < CASES * 9 / 10,
        "{valid_count}"
    );
}

fn base64_of(bytes: &[u8; 65]) -> String {
    // Through our own parser where possible so the text is canonical; raw otherwise.
    match MessageSignature::from_bytes(bytes, HeaderRule::FluxdMasked) {
        Ok(s) => s.to_base64(),
        Err(_) => unreachable!("65 bytes always parse under the fluxd rule"),
    }
}
