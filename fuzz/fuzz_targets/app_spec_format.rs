//! FluxOS app specs from any bytes: JSON.parse, the formatter, validation and price never
//! panic; parse/stringify round-trips; a formatted spec re-formats to the same text unless it
//! held a NaN (printed as `null`, which FluxOS itself reads differently the second time) or a
//! version that FluxOS's formatter coerces to 0 (`[]`, `"0"`: it checks `!version` before
//! `ensureNumber`, so it refuses its own output the second time; seed
//! `version-coerces-to-zero`, test `app_vectors::version_that_coerces_to_zero_...`).
#![no_main]

use flux_client::app::{format::format_spec, js_json, price, validate::validate_spec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(raw) = js_json::parse(text) else {
        return;
    };
    if let Some(json) = js_json::stringify(&raw) {
        let again = js_json::parse(&json).expect("stringify output parses");
        assert_eq!(js_json::stringify(&again).as_deref(), Some(json.as_str()));
    }
    for height in [0u64, 1_000_000, 1_500_000, 2_200_000] {
        let _ = validate_spec(&raw, height);
    }
    if let Ok(f) = format_spec(&raw) {
        let text = f.to_json();
        let _ = price::price_per_month(&f, 2_200_000, &price::STATIC_EPOCHS);
        let _ = price::registration_amount(&f, 2_200_000, &price::STATIC_EPOCHS, None);
        if !text.contains("null") && f.version() != 0.0 {
            let twice = format_spec(&js_json::parse(&text).expect("formatted parses"))
                .expect("formatted re-formats");
            assert_eq!(twice.to_json(), text);
        }
    }
});
