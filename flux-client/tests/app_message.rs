//! App messages: FluxOS's signed registration verifies and hashes to its stored hash; signing
//! the harness v8 spec with its key gives fluxos.md §10's signature and hash.

use flux_client::app::format::format_text;
use flux_client::app::message::{AppMessage, AppMessageType};
use flux_primitives::PrivateKey;
use serde_json::Value;

fn data() -> Value {
    serde_json::from_str(include_str!("data/app_messages.json")).unwrap()
}

#[test]
fn fluxos_fixtures_verify_and_hash() {
    let d = data();
    for name in ["appRegistration", "harnessV8"] {
        let a = &d[name];
        let spec_json = a["specJson"].as_str().unwrap();
        let kind = AppMessageType::parse(a["type"].as_str().unwrap_or("fluxappregister")).unwrap();
        let msg =
            AppMessage::from_spec_json(kind, spec_json, a["timestamp"].as_u64().unwrap()).unwrap();
        // JSON.stringify of the parsed spec is byte-identical to what was signed.
        assert_eq!(msg.spec_json().unwrap(), spec_json);
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

#[test]
fn harness_v8_signs_to_the_spec_vector() {
    let a = &data()["harnessV8"];
    let key_hex = a["privateKeyHex"].as_str().unwrap();
    let key = PrivateKey::from_slice(
        &hex::decode(key_hex).unwrap(),
        true,
        flux_primitives::Network::Main,
    )
    .unwrap();
    // Sign the *formatted* spec (the node's canonical text).
    let formatted = format_text(a["specJson"].as_str().unwrap()).unwrap();
    let msg = AppMessage::new(
        AppMessageType::Register,
        &formatted,
        a["timestamp"].as_u64().unwrap(),
    );
    let sig = msg.sign(&key).unwrap();
    assert_eq!(sig, a["signature"].as_str().unwrap());
    assert_eq!(msg.hash(&sig).unwrap(), a["hash"].as_str().unwrap());
    let body = msg.post_body(&sig).unwrap();
    assert!(body
        .starts_with(r#"{"type":"fluxappregister","version":1,"appSpecification":{"version":8,"#));
    assert!(body.ends_with(&format!(
        r#","timestamp":1750000000000,"signature":"{sig}"}}"#
    )));
}

/// Update payments (tests/data/app_update_amounts.json): FluxOS's `appPricePerMonth` for both
/// specs, then `checkAndRequestApp`'s update arithmetic evaluated in Node.
#[test]
fn update_amounts_match_fluxos() {
    use flux_client::app::{js_number::to_js_string, price};
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("data/app_update_amounts.json")).unwrap();
    assert_eq!(cases.len(), 60);
    for c in cases {
        let spec = format_text(c["spec"].as_str().unwrap()).unwrap();
        let prev = format_text(c["previous"].as_str().unwrap()).unwrap();
        let r = price::update_amount(
            &spec,
            c["height"].as_u64().unwrap(),
            &prev,
            c["previous_height"].as_u64().unwrap(),
            &price::STATIC_EPOCHS,
        )
        .unwrap();
        assert_eq!(to_js_string(r.flux), c["required"].as_str().unwrap(), "{c}");
    }
}
