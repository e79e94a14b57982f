//! Typed app specs (serde) and the JavaScript number conversions from any text: never panic;
//! a spec that reads writes canonical text that the formatter accepts unchanged.
#![no_main]

use flux_client::app::{format::format_text, js_number, spec::AppSpec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let x = js_number::string_to_number(text);
    let s = js_number::to_js_string(x);
    if x.is_finite() {
        assert_eq!(
            js_number::string_to_number(&s).to_bits(),
            (x + 0.0).to_bits()
        );
        let _ = js_number::to_fixed(x, 2);
    }
    if let Ok(spec) = serde_json::from_str::<AppSpec>(text) {
        if let Ok(canonical) = spec.canonical_json() {
            let again = format_text(&canonical).expect("canonical text formats");
            assert_eq!(again.to_json(), canonical);
        }
    }
});
