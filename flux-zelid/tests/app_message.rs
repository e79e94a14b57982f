//! App messages: FluxOS's signed registration verifies and hashes to its stored hash.

use flux_zelid::app_message::{AppMessage, AppMessageType};
use flux_zelid::js_json::to_js_json;
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn data() -> Value {
    serde_json::from_str(include_str!("data/fluxos.json")).unwrap()
}

#[test]
fn fluxos_fixtures_round_trip_sign_and_hash() {
    let d = data();
    for name in ["appRegistration", "harnessV8"] {
        let a = &d[name];
        let spec_json = a["specJson"].as_str().unwrap();
        let spec: Value = serde_json::from_str(spec_json).unwrap();
        // JSON.stringify of the parsed spec is byte-identical to what was signed.
        assert_eq!(to_js_json(&spec), spec_json);
        let msg = AppMessage {
            kind: AppMessageType::parse(a["type"].as_str().unwrap_or("fluxappregister")).unwrap(),
            spec,
            timestamp_ms: a["timestamp"].as_u64().unwrap(),
        };
        let sig = a["signature"].as_str().unwrap();
        let owner = a
            .get("signer")
            .or(a.get("zelid"))
            .unwrap()
            .as_str()
            .unwrap();
        msg.verify(sig, owner).unwrap();
        assert_eq!(msg.hash(sig).unwrap(), a["hash"].as_str().unwrap());
        let mut later = msg.clone();
        later.timestamp_ms += 1;
        assert!(later.verify(sig, owner).is_err());
    }
}
