//! The exported functions as JavaScript calls them, on wasm32: in Node by default, and in
//! headless Chromium with `WASM_BINDGEN_USE_BROWSER=1` (the same test binary; see
//! scripts/wasm-test.sh). Objects go in, objects come out, failures are `Error`s with `kind`,
//! and no input, however broken, stops the instance from answering the next call.
#![cfg(target_arch = "wasm32")]

mod common;

#[cfg(feature = "apps-exports")]
use common::apps;
use common::{by_id, vectors, ABANDON, BLOCKS, FLUXNODE, TRANSACTIONS};
#[cfg(feature = "apps-exports")]
use flux_wasm::js::{app_format, app_payment, app_price, app_sign, app_validate};
use flux_wasm::js::{
    block_decode, chain_subsidy, chain_upgrade, header_decode, key_derive, key_inspect, key_new,
    message_sign, message_verify, tx_decode, zelid_header_build, zelid_header_verify, zelid_phrase,
};
#[cfg(feature = "chain-exports")]
use flux_wasm::js::{
    block_verify, chain_next_bits, equihash_verify, fluxnode_start, fluxnode_verify, tx_build,
    tx_sighash, tx_verify,
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
    // An unknown network is a usage error, as the command line's.
    assert_eq!(kind, "usage");
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

#[wasm_bindgen_test]
fn key_derive_from_a_mnemonic_with_the_hosts_normalization() {
    // BIP39/BIP44 "abandon … about" at Flux's coin type (the same as `flux key derive`).
    let path = "m/44'/19167'/0'/0/0";
    let out = key_derive(obj(
        serde_json::json!({ "mnemonic": ABANDON, "path": path }),
    ))
    .expect("derives");
    assert_eq!(
        string(&out, "address"),
        "t1LBwoQo5zp2NvwA2vm1Cgygnzgzra61jeo"
    );
    assert_eq!(get(&out, "depth").as_f64(), Some(5.0));
    // A passphrase is NFKD-normalized by the host: precomposed "é" (U+00E9) and "e" + U+0301
    // give the same key.
    let a = key_derive(obj(serde_json::json!({
        "mnemonic": ABANDON, "passphrase": "caf\u{e9}", "path": path
    })))
    .expect("derives");
    let b = key_derive(obj(serde_json::json!({
        "mnemonic": ABANDON, "passphrase": "cafe\u{301}", "path": path
    })))
    .expect("derives");
    assert_eq!(string(&a, "xprv"), string(&b, "xprv"));
    assert_ne!(string(&a, "xprv"), string(&out, "xprv"));
    // Full-width letters and an ideographic space are NFKD-equal to the ASCII phrase.
    let wide: String = ABANDON
        .chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            c => char::from_u32(c as u32 - 0x61 + 0xff41).unwrap_or(c),
        })
        .collect();
    let w =
        key_derive(obj(serde_json::json!({ "mnemonic": wide, "path": path }))).expect("derives");
    assert_eq!(string(&w, "address"), string(&out, "address"));
    let (kind, _) = failure(key_derive(obj(
        serde_json::json!({ "mnemonic": "abandon", "path": path }),
    )));
    assert_eq!(kind, "invalid_mnemonic");
    let (kind, _) = failure(key_derive(obj(serde_json::json!({ "path": path }))));
    assert_eq!(kind, "usage");
}

#[wasm_bindgen_test]
fn zelid_phrase_and_header_from_the_hosts_clock() {
    let before = js_sys::Date::now();
    let p = zelid_phrase(obj(serde_json::json!({}))).expect("phrase");
    let ts = get(&p, "timestamp_ms").as_f64().expect("timestamp");
    assert!(ts >= before.floor() && ts <= js_sys::Date::now());
    let fixed = zelid_phrase(obj(serde_json::json!({ "at": 1_700_000_000_000u64 }))).expect("ok");
    assert!(string(&fixed, "login_phrase").starts_with("1700000000000"));

    let wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
    let built =
        zelid_header_build(obj(serde_json::json!({ "wif": wif, "form": "url" }))).expect("builds");
    assert_eq!(
        string(&built, "zelid"),
        "1DRqUB3pUAKo4p1wemFRUX5iDANwk1PJzA"
    );
    assert_eq!(string(&built, "header"), string(&built, "urlencoded"));
    // A fresh header verifies now, through the other export.
    let verdict = zelid_header_verify(obj(serde_json::json!({ "header": string(&built, "json") })))
        .expect("checks");
    assert_eq!(get(&verdict, "valid").as_bool(), Some(true));
    let (kind, message) = failure(zelid_header_build(obj(
        serde_json::json!({ "phrase": "p" }),
    )));
    assert_eq!(
        (kind.as_str(), message.as_str()),
        ("invalid_argument", "--zelid is needed without --wif")
    );
}

#[cfg(feature = "chain-exports")]
#[wasm_bindgen_test]
fn tx_sighash_and_verify_on_real_transactions() {
    for v in vectors(TRANSACTIONS)
        .iter()
        .filter(|v| v["hex"].is_string() && v["prevouts"].is_array())
    {
        let prevouts: Vec<serde_json::Value> = v["prevouts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| serde_json::json!({ "script_pubkey": p["scriptPubKey"], "amount": p["valueSat"] }))
                    .collect()
            })
            .unwrap_or_default();
        let out = tx_verify(obj(
            serde_json::json!({ "hex": v["hex"], "prevouts": prevouts }),
        ))
        .expect("verifies");
        assert!(get(&out, "valid").as_bool().is_some(), "{}", v["id"]);
        // The same prevouts as JSON text.
        let text = serde_json::Value::String(serde_json::to_string(&prevouts).unwrap_or_default());
        let again = tx_verify(obj(
            serde_json::json!({ "hex": v["hex"], "prevouts": text }),
        ))
        .expect("verifies");
        assert_eq!(get(&again, "valid").as_bool(), get(&out, "valid").as_bool());

        let first = &prevouts[0];
        let h = tx_sighash(obj(serde_json::json!({
            "hex": v["hex"], "input": 0, "scriptCode": first["script_pubkey"],
            "amount": first["amount"], "hashType": "ALL"
        })))
        .expect("hashes");
        assert_eq!(string(&h, "sighash").len(), 64);
        let n = tx_sighash(obj(serde_json::json!({
            "hex": v["hex"], "input": 0, "scriptCode": first["script_pubkey"],
            "amount": first["amount"], "hashType": 1, "branchId": 0x76b8_09bbu32
        })))
        .expect("hashes");
        assert_eq!(string(&h, "sighash"), string(&n, "sighash"));
    }
    let (kind, _) = failure(tx_verify(obj(
        serde_json::json!({ "hex": "00", "prevouts": "[" }),
    )));
    // flux-tx's own kind, as `flux tx verify` prints it.
    let expected = flux_tx::Transaction::from_bytes(&[0]).unwrap_err().kind();
    assert_eq!(kind, expected);
}

#[cfg(feature = "chain-exports")]
#[wasm_bindgen_test]
fn fluxnode_verify_and_start() {
    for v in vectors(FLUXNODE) {
        let net = if v["network"] == "testnet" {
            "test"
        } else {
            "main"
        };
        let out = fluxnode_verify(obj(serde_json::json!({ "hex": v["hex"], "network": net })))
            .expect("checks");
        assert_eq!(string(&out, "txid"), v["txid"].as_str().unwrap_or(""));
        assert_eq!(get(&out, "valid").as_bool(), Some(true), "{}", v["id"]);
    }
    let (kind, _) = failure(fluxnode_start(obj(serde_json::json!({}))));
    let expected = flux_tx::fluxnode_sign::start_from_spec(&serde_json::json!({}))
        .unwrap_err()
        .kind();
    assert_eq!(kind, expected);
}

#[cfg(feature = "chain-exports")]
#[wasm_bindgen_test]
fn block_verify_equihash_and_next_bits() {
    let pon = by_id(BLOCKS, "pon-block-2020000");
    let out = block_verify(obj(
        serde_json::json!({ "hex": pon["hex"], "height": 2_020_000 }),
    ))
    .expect("checks");
    assert_eq!(get(&out, "valid").as_bool(), Some(true));
    assert_eq!(string(&out, "hash"), pon["hash"].as_str().unwrap_or(""));

    let header = by_id(BLOCKS, "pow-header-2019999");
    let out =
        equihash_verify(obj(serde_json::json!({ "header": header["headerHex"] }))).expect("ok");
    assert_eq!(get(&out, "valid").as_bool(), Some(true));
    let (kind, _) = failure(equihash_verify(obj(
        serde_json::json!({ "header": "00", "n": 200 }),
    )));
    assert_eq!(kind, "usage");

    let out = chain_next_bits(obj(serde_json::json!({
        "headers": [{ "height": 2_019_999, "time": 1_761_415_068, "bits": "1d2ee03b" }]
    })))
    .expect("ok");
    assert_eq!(string(&out, "bits"), "1f0bffff");
}

#[cfg(feature = "apps-exports")]
#[wasm_bindgen_test]
fn app_functions_on_real_specs() {
    for v in apps() {
        let spec_text = v["input"].as_str().unwrap_or("");
        let spec: serde_json::Value = serde_json::from_str(spec_text).expect("spec");
        let height = v["height"].clone();
        // As an object and as JSON text: the same canonical text, FluxOS's.
        let text = app_format(obj(serde_json::json!({ "spec": spec }))).expect("formats");
        assert_eq!(text.as_string(), v["format"].as_str().map(String::from));
        let text = app_format(obj(serde_json::json!({ "spec": spec_text }))).expect("formats");
        assert_eq!(text.as_string(), v["format"].as_str().map(String::from));
        let out = app_validate(obj(serde_json::json!({ "spec": spec, "height": height })))
            .expect("validates");
        assert_eq!(
            get(&out, "valid").as_bool(),
            Some(v["validate"]["ok"] == true)
        );
        let out =
            app_price(obj(serde_json::json!({ "spec": spec, "height": height }))).expect("prices");
        assert_eq!(string(&out, "per_month"), v["price"].as_str().unwrap_or(""));
    }
    let spec: serde_json::Value =
        serde_json::from_str(apps()[3]["input"].as_str().unwrap_or("")).expect("spec");
    let signed = app_sign(obj(serde_json::json!({
        "spec": spec, "wif": "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU",
        "type": "register", "timestamp": 1_750_000_000_000u64
    })))
    .expect("signs");
    assert_eq!(string(&signed, "type"), "fluxappregister");
    assert_eq!(string(&signed, "hash").len(), 64);
    let (kind, _) = failure(app_format(obj(serde_json::json!({ "spec": "{" }))));
    assert!(!kind.is_empty() && kind != "usage");

    // The payment for that message: the hash is the last output, the txid the decoded one.
    let hash = string(&signed, "hash");
    let paid = app_payment(obj(serde_json::json!({
        "hash": hash, "amount": "0.6", "height": 2_200_000,
        "wif": "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU",
        "inputs": [{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 150_000_000}],
    })))
    .expect("pays");
    let decoded = tx_decode(obj(serde_json::json!({ "hex": string(&paid, "hex") }))).expect("ok");
    assert_eq!(string(&decoded, "txid"), string(&paid, "txid"));
    let (kind, _) = failure(app_payment(obj(serde_json::json!({
        "hash": "ABC", "amount": "0.6", "inputs": [],
        "wif": "L1TTH4VBZ8TTjv8hHVBRc9gg7SJECucchQqEsZtsafb537Z7hSrU"
    }))));
    assert_eq!(kind, "invalid_hash");
}

#[cfg(feature = "chain-exports")]
#[wasm_bindgen_test]
fn tx_build_signs_and_the_result_verifies() {
    let spec: serde_json::Value =
        serde_json::from_str(flux_tx::spec::TX_BUILD_EXAMPLE).expect("example spec");
    let built = tx_build(obj(spec.clone())).expect("builds");
    assert_eq!(get(&built, "complete").as_bool(), Some(true));
    let decoded = tx_decode(obj(serde_json::json!({ "hex": string(&built, "hex") }))).expect("ok");
    assert_eq!(string(&decoded, "txid"), string(&built, "txid"));
    let (kind, _) = failure(tx_build(obj(serde_json::json!({ "network": "main" }))));
    let expected = flux_tx::builder::build_from_spec(&serde_json::json!({ "network": "main" }))
        .unwrap_err()
        .kind();
    assert_eq!(kind, expected);
}
