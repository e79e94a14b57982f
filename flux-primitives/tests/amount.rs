//! Amount parsing and formatting against fluxd's own vectors and real RPC output.

use flux_primitives::amount::{
    money_range, parse_fixed_point, serde_flux, serde_flux_signed, COIN, MAX_MONEY,
};
use flux_primitives::{Amount, Error, SignedAmount};
use serde::{Deserialize, Serialize};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

// Compiled in rather than read at run time, so that the tests also run on wasm32.
fn data(name: &str) -> serde_json::Value {
    let text = match name {
        "parse_fixed_point.json" => include_str!("data/parse_fixed_point.json"),
        "scripts_real.json" => include_str!("data/scripts_real.json"),
        _ => panic!("no test data {name}"),
    };
    serde_json::from_str(text).unwrap()
}

#[test]
fn constants_match_fluxd_amount_h() {
    assert_eq!(COIN, 100_000_000);
    assert_eq!(MAX_MONEY, 44_000_000_000_000_000);
    assert_eq!(Amount::MAX_MONEY.to_zat(), 440_000_000 * COIN);
    assert_eq!(Amount::ONE_FLUX.to_zat(), COIN);
    assert!(money_range(0) && money_range(MAX_MONEY));
    assert!(!money_range(-1) && !money_range(MAX_MONEY + 1));
}

#[test]
fn parse_fixed_point_matches_fluxd_unit_tests() {
    let d = data("parse_fixed_point.json");
    let accepted = d["accepted"].as_array().unwrap();
    let rejected = d["rejected"].as_array().unwrap();
    assert!(accepted.len() >= 16 && rejected.len() >= 27);
    for case in accepted {
        let input = case["input"].as_str().unwrap();
        assert_eq!(
            parse_fixed_point(input).unwrap(),
            case["zat"].as_i64().unwrap(),
            "{input}"
        );
    }
    for case in rejected {
        let input = case.as_str().unwrap();
        assert!(parse_fixed_point(input).is_err(), "{input} should fail");
    }
}

#[test]
fn real_rpc_values_parse_exactly() {
    // (value as printed by a JSON re-serializer of fluxd RPC output, valueZat) pairs.
    let d = data("scripts_real.json");
    let values = d["amounts"].as_array().unwrap();
    assert!(values.len() >= 10);
    for v in values {
        let text = v["value"].as_str().unwrap();
        let zat = v["valueZat"].as_i64().unwrap();
        assert_eq!(parse_fixed_point(text).unwrap(), zat, "{text}");
        let a = Amount::from_zat(zat).unwrap();
        // JavaScript prints the shortest form, which is our trimmed form.
        assert_eq!(a.to_flux_string(), text);
        assert_eq!(text.parse::<Amount>().unwrap(), a);
    }
}

#[test]
fn display_is_value_from_amount() {
    let cases = [
        (0, "0.00000000"),
        (1, "0.00000001"),
        (10_000_000, "0.10000000"),
        (150_000_000, "1.50000000"),
        (11_250_050_495, "112.50050495"),
        (MAX_MONEY, "440000000.00000000"),
    ];
    for (zat, text) in cases {
        assert_eq!(Amount::from_zat(zat).unwrap().to_string(), text);
        assert_eq!(text.parse::<Amount>().unwrap().to_zat(), zat);
    }
    assert_eq!(
        SignedAmount::from_zat(-150_000_000).to_string(),
        "-1.50000000"
    );
    assert_eq!(
        SignedAmount::from_zat(-150_000_000).to_flux_string(),
        "-1.5"
    );
    assert_eq!(Amount::ZERO.to_flux_string(), "0");
    assert_eq!(Amount::from_zat(1).unwrap().to_flux_string(), "0.00000001");
    assert_eq!(format!("{:>12}", Amount::ONE_FLUX), "  1.00000000");
}

#[test]
fn strict_parser_refuses_with_reasons() {
    let cases = [
        ("", "empty string"),
        (".", "missing digits before '.'"),
        (".5", "missing digits before '.'"),
        ("1.", "missing digits after '.'"),
        ("-1", "signs are not allowed"),
        ("+1", "signs are not allowed"),
        ("1e8", "exponents are not allowed"),
        ("1.000000001", "more than 8 decimals"),
        ("0.000000000", "more than 8 decimals"),
        ("01", "redundant leading zero"),
        (" 1", "whitespace is not allowed"),
        ("1.2.3", "more than one '.'"),
        ("0x10", "only decimal digits and one '.' are allowed"),
        ("440000000.00000001", "above MAX_MONEY (440000000 FLUX)"),
        ("99999999999999999999", "above MAX_MONEY (440000000 FLUX)"),
    ];
    for (input, reason) in cases {
        match input.parse::<Amount>() {
            Err(Error::InvalidAmount {
                input: i,
                reason: r,
            }) => {
                assert_eq!((i.as_str(), r), (input, reason));
            }
            other => panic!("{input:?}: {other:?}"),
        }
    }
    assert_eq!("0".parse::<Amount>().unwrap(), Amount::ZERO);
    assert_eq!("0.0".parse::<Amount>().unwrap(), Amount::ZERO);
    assert_eq!("440000000".parse::<Amount>().unwrap(), Amount::MAX_MONEY);
    assert_eq!(
        "-0.5".parse::<SignedAmount>().unwrap().to_zat(),
        -50_000_000
    );
    assert!("--0.5".parse::<SignedAmount>().is_err());
}

#[test]
fn checked_arithmetic_stays_in_money_range() {
    let max = Amount::MAX_MONEY;
    let one = Amount::from_zat(1).unwrap();
    assert_eq!(max.checked_add(one), None);
    assert_eq!(Amount::ZERO.checked_sub(one), None);
    assert_eq!(max.checked_mul(2), None);
    assert_eq!(one.checked_mul(u64::MAX), None);
    assert_eq!(Amount::ONE_FLUX.checked_mul(3).unwrap().to_zat(), 3 * COIN);
    assert_eq!(Amount::ONE_FLUX.checked_div(0), None);
    assert_eq!(
        Amount::checked_sum([Amount::ONE_FLUX, one])
            .unwrap()
            .to_zat(),
        COIN + 1
    );
    let err = Amount::checked_sum([max, Amount::ZERO, one]).unwrap_err();
    assert!(err.to_string().contains("item 2"), "{err}");
    assert!(Amount::from_zat(MAX_MONEY + 1).is_err());
    assert!(Amount::from_flux(440_000_001).is_err());
    assert_eq!(Amount::from_flux(2).unwrap().to_zat(), 2 * COIN);
    assert_eq!(SignedAmount::from_zat(i64::MIN).checked_neg(), None);
}

#[test]
fn wire_form_is_le_int64_and_checked() {
    use flux_primitives::codec::{decode_exact, encode_to_vec};
    let a = Amount::from_zat(11_250_050_495).unwrap();
    // bytes of vout 0 of the coinbase of mainnet block 478074 (bf258e9e02000000)
    assert_eq!(hex::encode(encode_to_vec(&a)), "bf258e9e02000000");
    assert_eq!(decode_exact::<Amount>(&encode_to_vec(&a)).unwrap(), a);
    let negative = (-1i64).to_le_bytes();
    assert!(matches!(
        decode_exact::<Amount>(&negative),
        Err(Error::InvalidField {
            field: "amount",
            offset: 0,
            ..
        })
    ));
    assert_eq!(
        decode_exact::<SignedAmount>(&negative).unwrap().to_zat(),
        -1
    );
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Out {
    #[serde(with = "serde_flux")]
    value: Amount,
    #[serde(rename = "valueZat")]
    value_zat: Amount,
    #[serde(rename = "valueBalance", with = "serde_flux_signed")]
    value_balance: SignedAmount,
}

#[test]
fn serde_default_is_zat_and_serde_flux_has_eight_decimals() {
    let out = Out {
        value: Amount::from_zat(10_000_000).unwrap(),
        value_zat: Amount::from_zat(10_000_000).unwrap(),
        value_balance: SignedAmount::from_zat(-1),
    };
    let json = serde_json::to_string(&out).unwrap();
    assert_eq!(
        json,
        r#"{"value":0.10000000,"valueZat":10000000,"valueBalance":-0.00000001}"#
    );
    assert_eq!(serde_json::from_str::<Out>(&json).unwrap(), out);
    // 17 significant digits: exact from text, where f64 would round.
    let big = r#"{"value":439999999.99999999,"valueZat":0,"valueBalance":"1e-8"}"#;
    let parsed: Out = serde_json::from_str(big).unwrap();
    assert_eq!(parsed.value.to_zat(), 43_999_999_999_999_999);
    assert_eq!(parsed.value_balance.to_zat(), 1);
    // From a parsed Value too (f64 inside; exact at these magnitudes).
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::from_value::<Out>(v).unwrap(), out);
    for bad in [
        r#"{"value":-0.1,"valueZat":0,"valueBalance":0}"#,
        r#"{"value":0.000000001,"valueZat":0,"valueBalance":0}"#,
        r#"{"value":1,"valueZat":-5,"valueBalance":0}"#,
        r#"{"value":true,"valueZat":0,"valueBalance":0}"#,
        r#"{"value":440000000.00000001,"valueZat":0,"valueBalance":0}"#,
    ] {
        assert!(serde_json::from_str::<Out>(bad).is_err(), "{bad}");
    }
}
