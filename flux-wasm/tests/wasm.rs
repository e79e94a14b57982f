//! The exported functions as JavaScript calls them, on wasm32: in Node by default, and in
//! headless Chromium with `WASM_BINDGEN_USE_BROWSER=1` (the same test binary; see
//! scripts/wasm-test.sh). Objects go in, objects come out, failures are `Error`s with `kind`,
//! and no input, however broken, stops the instance from answering the next call.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{by_id, vectors, BLOCKS, FLUXNODE, TRANSACTIONS};
use flux_wasm::js::{
    block_decode, chain_subsidy, chain_upgrade, header_decode, key_inspect, key_new, message_sign,
    message_verify, tx_decode,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JavaScript object from JSON text, as a page would build it.
fn obj(v: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).expect("JSON")
}

/// A property of a JavaScript value.
fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn string(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

/// The thrown value, checked to be an `Error` with a string `kind`; returns (kind, message).
fn failure(r: Result<JsValue, JsValue>) -> (String, String) {
    let thrown = r.expect_err("the call should throw");
    let err = thrown
        .dyn_ref::<js_sys::Error>()
        .expect("thrown value is an Error");
    (string(&thrown, "kind"), String::from(err.message()))
}

#[wasm_bindgen_test]
fn tx_decode_returns_the_decoded_object() {
    for v in vectors(TRANSACTIONS)
        .iter()
        .filter(|v| v["hex"].is_string())
    {
        let out = tx_decode(obj(serde_json::json!({ "hex": v["hex"] }))).expect("decodes");
        assert_eq!(string(&out, "txid"), v["txid"].as_str().unwrap_or(""));
        assert!(js_sys::Array::is_array(&get(&out, "vout")));
    }
    for v in vectors(FLUXNODE) {
        let out = tx_decode(obj(serde_json::json!({ "hex": v["hex"] }))).expect("decodes");
        assert_eq!(string(&out, "txid"), v["txid"].as_str().unwrap_or(""));
    }
}

#[wasm_bindgen_test]
fn amounts_are_numbers_beside_exact_zatoshis() {
    let v = &vectors(TRANSACTIONS)[0];
    let out = tx_decode(obj(serde_json::json!({ "hex": v["hex"] }))).expect("decodes");
    let first = js_sys::Array::from(&get(&out, "vout")).get(0);
    let value = get(&first, "value").as_f64().expect("value is a number");
    let zat = get(&first, "valueZat")
        .as_f64()
        .expect("valueZat is a number");
    assert_eq!((value * 1e8).round(), zat);
}

#[wasm_bindgen_test]
fn block_header_and_chain_functions() {
    let pon = by_id(BLOCKS, "pon-block-2020000");
    let out = block_decode(obj(serde_json::json!({
        "hex": pon["hex"], "verbosity": 1, "height": 2_020_000
    })))
    .expect("decodes");
    assert_eq!(string(&out, "hash"), pon["hash"].as_str().unwrap_or(""));
    assert_eq!(get(&out, "height").as_f64(), Some(2_020_000.0));
    let txids = js_sys::Array::from(&get(&out, "tx"));
    assert_eq!(
        txids.length() as usize,
        pon["txids"].as_array().map_or(0, Vec::len)
    );

    let header = by_id(BLOCKS, "pow-header-2019999");
    let out = header_decode(obj(serde_json::json!({ "hex": header["headerHex"] }))).expect("ok");
    assert_eq!(string(&out, "hash"), header["hash"].as_str().unwrap_or(""));

    let out = chain_upgrade(obj(serde_json::json!({ "height": 2_020_000 }))).expect("ok");
    assert_eq!(string(&out, "upgrade"), "PON");
    assert!(get(&out, "checkpoint").is_null());
}

#[wasm_bindgen_test]
fn failures_are_errors_with_the_commands_kind() {
    let (kind, message) = failure(tx_decode(obj(serde_json::json!({ "hex": "zz" }))));
    assert_eq!(kind, "invalid_input");
    assert!(
        message.starts_with("transaction is not valid hex"),
        "{message}"
    );

    let genesis = by_id(BLOCKS, "genesis-mainnet");
    let (kind, _) = failure(block_decode(obj(
        serde_json::json!({ "hex": genesis["hex"], "network": "moon" }),
    )));
    assert_eq!(kind, "invalid_argument");
}

#[wasm_bindgen_test]
fn input_of_the_wrong_shape_is_a_usage_error() {
    let bigint = js_sys::Object::new();
    js_sys::Reflect::set(
        &bigint,
        &"height".into(),
        &js_sys::BigInt::from(5u32).into(),
    )
    .expect("set");
    let cases = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("00"),
        JsValue::from_f64(1.0),
        js_sys::Array::new().into(),
        obj(serde_json::json!({})),
        obj(serde_json::json!({ "hex": 5 })),
        obj(serde_json::json!({ "hex": "00", "netwrok": "main" })),
        bigint.into(),
    ];
    for case in cases {
        let (kind, message) = failure(chain_upgrade(case.clone()));
        assert_eq!(kind, "usage", "{message}");
        assert!(message.starts_with("chainUpgrade: "), "{message}");
        let (kind, _) = failure(tx_decode(case));
        assert_eq!(kind, "usage");
    }
    let (_, message) = failure(tx_decode(obj(
        serde_json::json!({ "hex": "00", "netwrok": 1 }),
    )));
    assert!(message.contains("unknown field `netwrok`"), "{message}");
}

/// xorshift64*: reproducible noise without a dependency.
fn noise(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

#[wasm_bindgen_test]
fn broken_bytes_never_stop_the_instance() {
    let good_tx = vectors(TRANSACTIONS)[0]["hex"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let good_block = by_id(BLOCKS, "pon-block-2020000")["hex"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..300u64 {
        // Real data with bytes flipped, cut short or extended, and pure noise.
        let base = if round % 2 == 0 {
            &good_tx
        } else {
            &good_block
        };
        let mut bytes = hex::decode(base).unwrap_or_default();
        match round % 4 {
            0 => {
                for _ in 0..4 {
                    let len = bytes.len().max(1) as u64;
                    let i = (noise(&mut state) % len) as usize;
                    if let Some(b) = bytes.get_mut(i) {
                        *b ^= noise(&mut state) as u8 | 1;
                    }
                }
            }
            1 => bytes.truncate((noise(&mut state) % bytes.len().max(1) as u64) as usize),
            2 => bytes.extend((0..(noise(&mut state) % 64)).map(|_| noise(&mut state) as u8)),
            _ => {
                bytes = (0..(noise(&mut state) % 512))
                    .map(|_| noise(&mut state) as u8)
                    .collect()
            }
        }
        let input = obj(serde_json::json!({ "hex": hex::encode(&bytes) }));
        for result in [
            tx_decode(input.clone()),
            block_decode(input.clone()),
            header_decode(input),
        ] {
            if let Err(thrown) = result {
                assert!(thrown.is_instance_of::<js_sys::Error>());
                assert!(!string(&thrown, "kind").is_empty());
            }
        }
    }
    // And the instance still answers.
    let out = tx_decode(obj(serde_json::json!({ "hex": good_tx }))).expect("decodes");
    assert_eq!(
        string(&out, "txid"),
        vectors(TRANSACTIONS)[0]["txid"].as_str().unwrap_or("")
    );
}

#[wasm_bindgen_test]
fn keys_from_the_hosts_randomness() {
    // keyNew draws from crypto.getRandomValues: two calls, two keys, each one inspectable.
    let a = key_new(obj(serde_json::json!({ "network": "main" }))).expect("key");
    let b = key_new(obj(serde_json::json!({}))).expect("key");
    assert_ne!(string(&a, "wif"), string(&b, "wif"));
    let inspected = key_inspect(obj(serde_json::json!({ "wif": string(&a, "wif") }))).expect("ok");
    assert_eq!(string(&inspected, "address"), string(&a, "address"));
    assert!(get(&inspected, "wif").is_undefined());
}

#[wasm_bindgen_test]
fn messages_sign_and_verify() {
    let wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
    let signed =
        message_sign(obj(serde_json::json!({ "wif": wif, "message": "hello" }))).expect("signs");
    let verdict = message_verify(obj(serde_json::json!({
        "address": string(&signed, "zelid"), "signature": string(&signed, "signature"), "message": "hello"
    })))
    .expect("checks");
    assert_eq!(get(&verdict, "valid").as_bool(), Some(true));
    let verdict = message_verify(obj(serde_json::json!({
        "address": string(&signed, "zelid"), "signature": string(&signed, "signature"), "message": "hello "
    })))
    .expect("checks");
    assert_eq!(get(&verdict, "valid").as_bool(), Some(false));
    let (kind, _) = failure(message_sign(obj(
        serde_json::json!({ "wif": "nope", "message": "m" }),
    )));
    assert!(!kind.is_empty() && kind != "usage");
}

#[wasm_bindgen_test]
fn chain_subsidy_at_the_pon_fork() {
    let out = chain_subsidy(obj(serde_json::json!({ "height": 2_020_000 }))).expect("ok");
    assert_eq!(get(&out, "subsidy").as_f64(), Some(1_400_000_000.0));
}
