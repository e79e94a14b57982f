//! Thousands of random message sign/verify cases agree with @runonflux/bitcoinjs-message
//! (tests/js/message.js): identical RFC 6979 signatures and digests, identical verdicts on
//! valid, tampered, re-headed and wrong-signer signatures.
// Runs the JavaScript reference libraries as a child process: not on wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../tests/support/node.rs"]
mod node;

use flux_primitives::message::{sign, HeaderRule, Magic, MessageSignature};
use flux_primitives::{Address, Network, PrivateKey};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const CASES: usize = 2000;

struct Case {
    key: PrivateKey,
    magic: Magic<'static>,
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

fn random_key(rng: &mut StdRng, compressed: bool) -> PrivateKey {
    let secret: [u8; 32] = rng.gen();
    // Zero or above the curve order only with negligible probability.
    PrivateKey::from_slice(&secret, compressed, Network::Main).unwrap()
}

fn random_case(rng: &mut StdRng) -> Case {
    let compressed = rng.gen_bool(0.5);
    let key = random_key(rng, compressed);
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
        key,
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
                    "privateKeyHex": hex::encode(c.key.secret_bytes()),
                    "compressed": c.key.compressed(),
                    "magic": c.magic.name(),
                }),
                c,
            )
        })
        .collect();
    let results = node::run_driver("message.js", &Value::Array(js_cases));
    for (c, r) in cases.iter().zip(&results) {
        let ours = sign(&c.key, c.magic, &c.message);
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
        let mut sig = sign(&c.key, c.magic, &c.message).to_bytes();
        // The address: ZelID (1-byte prefix) or Flux t1/tm (2-byte prefix), sometimes
        // another key's.
        let (network, prefix) = match rng.gen_range(0..3) {
            0 => (None, "00"),
            1 => (Some(Network::Main), "1cb8"),
            _ => (Some(Network::Test), "1d25"),
        };
        let address_of = |key: &PrivateKey| match network {
            None => Address::zelid(&key.public_key()),
            Some(n) => Address::p2pkh(&key.public_key(), n),
        };
        let mut address = address_of(&c.key);
        let mut message = c.message.clone();
        let mut as_text = c.as_text;
        match rng.gen_range(0..8) {
            0 => {
                let other = random_key(&mut rng, c.key.compressed());
                address = address_of(&other);
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
        // From the text, as a verifier receives it.
        let address: Address = address.to_string().parse().unwrap();
        let valid = MessageSignature::from_base64(&sig_b64, HeaderRule::Strict)
            .and_then(|s| s.verify_address(case.magic, &case.message, &address))
            .is_ok();
        ours.push(valid);
        js_cases.push(with_message(
            json!({
                "op": "verify",
                "address": address.to_string(),
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
