//! Ordinary serde code in a crate that depends on the SDK.
//!
//! serde_json's `arbitrary_precision` feature, once enabled by any crate in the graph,
//! makes numbers inside `#[serde(untagged)]`, `#[serde(flatten)]` and internally tagged
//! enums arrive as a private map instead of a number, so these derive patterns fail with
//! "data did not match any variant" or "invalid type: map, expected f64"
//! (serde-rs/json#505, #559, #721). fluxd's RPC answers carry floats (`difficulty`,
//! amounts) and FluxOS answers are the loose shapes people model with untagged enums.

use serde::Deserialize;

// Make sure the libraries really are in this test's dependency graph (a crate that is not
// linked could not enable features).
use flux_client as _;
use flux_consensus as _;
use flux_tx as _;
use flux_zelid as _;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum NumberOrText {
    Number(f64),
    Text(String),
}

#[test]
fn untagged_enum_with_an_f64_variant() {
    assert_eq!(
        serde_json::from_str::<NumberOrText>("1.5").unwrap(),
        NumberOrText::Number(1.5)
    );
    assert_eq!(
        serde_json::from_str::<NumberOrText>("0.00000001").unwrap(),
        NumberOrText::Number(1e-8)
    );
    assert_eq!(
        serde_json::from_str::<NumberOrText>("\"n/a\"").unwrap(),
        NumberOrText::Text("n/a".into())
    );
    // Inside a list, as an RPC array of mixed entries would be.
    assert_eq!(
        serde_json::from_str::<Vec<NumberOrText>>("[2, 0.25, \"x\"]").unwrap(),
        vec![
            NumberOrText::Number(2.0),
            NumberOrText::Number(0.25),
            NumberOrText::Text("x".into())
        ]
    );
}

#[derive(Debug, Deserialize, PartialEq)]
struct Difficulty {
    difficulty: f64,
    height: u32,
}

#[derive(Debug, Deserialize, PartialEq)]
struct BlockSummary {
    hash: String,
    #[serde(flatten)]
    numbers: Difficulty,
}

#[test]
fn flatten_with_f64_fields() {
    let s: BlockSummary = serde_json::from_str(
        r#"{"hash": "00ab", "difficulty": 0.6666662428108759, "height": 2020000}"#,
    )
    .unwrap();
    assert_eq!(
        s,
        BlockSummary {
            hash: "00ab".into(),
            numbers: Difficulty {
                difficulty: 0.6666662428108759,
                height: 2_020_000
            }
        }
    );
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "type")]
enum Event {
    #[serde(rename = "price")]
    Price { usd: f64 },
    #[serde(rename = "none")]
    Nothing,
}

#[test]
fn internally_tagged_enum_with_an_f64_field() {
    assert_eq!(
        serde_json::from_str::<Event>(r#"{"type": "price", "usd": 0.42}"#).unwrap(),
        Event::Price { usd: 0.42 }
    );
    assert_eq!(
        serde_json::from_str::<Event>(r#"{"type": "none"}"#).unwrap(),
        Event::Nothing
    );
}

#[test]
fn a_parsed_value_holds_plain_numbers() {
    // With arbitrary_precision a `Value` number keeps its text and `as_f64` re-parses it;
    // without it, `1.50000000` is simply the f64 1.5.
    let v: serde_json::Value = serde_json::from_str("1.50000000").unwrap();
    assert_eq!(v.to_string(), "1.5");
}

/// The libraries' fluxd-style amounts stay exact without any feature: they are written
/// through `RawValue` by typed views.
#[test]
fn library_amounts_stay_exact_as_text() {
    #[derive(serde::Serialize)]
    struct Payment {
        #[serde(with = "flux_primitives::amount::serde_flux")]
        amount: flux_primitives::Amount,
    }
    let p = Payment {
        amount: flux_primitives::Amount::from_zat(150_000_000).unwrap(),
    };
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"amount":1.50000000}"#
    );

    // decoderawtransaction of a v1 transaction with one 0.5 FLUX output.
    let hex = concat!(
        "01000000",
        "01",
        "0000000000000000000000000000000000000000000000000000000000000000ffffffff",
        "0100",
        "ffffffff",
        "01",
        "80f0fa0200000000",
        "00",
        "00000000"
    );
    let tx = flux_tx::Transaction::from_bytes(&hex::decode(hex).unwrap()).unwrap();
    let text = serde_json::to_string(&flux_tx::json::to_json(&tx, flux_primitives::Network::Main))
        .unwrap();
    assert!(
        text.contains(r#""value":0.50000000,"valueZat":50000000"#),
        "{text}"
    );
}
