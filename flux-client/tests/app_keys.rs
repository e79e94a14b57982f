//! FluxOS's `verifyObjectKeysCorrectnessOfApp` (the validator's `keys` rule): it never fires
//! through the formatter (which writes only known keys), so this feeds it formatted specs
//! with one key added, for every version and both places (the spec, a component).

use flux_client::app::format::{format_text, Formatted};
use flux_client::app::js_value::JsValue;
use flux_client::app::validate::{validate_formatted, Rule};

/// The keys error for `formatted` with `edit` applied, or `None` when the keys pass.
fn keys_error(
    formatted: &Formatted,
    height: u64,
    edit: impl FnOnce(&mut JsValue),
) -> Option<String> {
    let mut f = formatted.clone();
    edit(&mut f.0);
    match validate_formatted(f, height).result {
        Err(b) if b.rule == Rule::Keys => Some(b.message),
        _ => None,
    }
}

#[test]
fn an_unknown_key_is_refused_with_fluxos_message() {
    let data = include_str!("data/fluxos_differential.jsonl");
    let mut seen = std::collections::BTreeSet::new();
    for line in data.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        if case["validate"].get("ok").is_none() {
            continue;
        }
        let height = case["height"].as_u64().unwrap();
        let Ok(formatted) = format_text(case["input"].as_str().unwrap()) else {
            continue;
        };
        let v = formatted.version() as i64;
        // The formatted spec's own keys pass.
        assert_eq!(keys_error(&formatted, height, |_| {}), None);

        let top = keys_error(&formatted, height, |s| {
            if let JsValue::Object(o) = s {
                o.set("bogus", JsValue::Bool(true));
            }
        });
        let want = match v {
            1..=3 | 7 => format!("Unsupported parameter for v{v} app specifications"),
            _ => format!("Unsupported parameter for v{v} app specifications: bogus"),
        };
        assert_eq!(top.as_deref(), Some(want.as_str()), "v{v}");
        seen.insert((v, "top"));

        if v >= 4 {
            for (key, allowed) in [
                ("bogus", false),
                ("tiered", v < 8),
                ("cpubamf", v < 8),
                ("repoauth", v >= 7),
                ("secrets", v == 7),
                ("environmentParameters", true),
            ] {
                let got = keys_error(&formatted, height, |s| {
                    if let JsValue::Object(o) = s {
                        if let JsValue::Array(c) = o.get("compose").clone() {
                            let mut c = c;
                            if let Some(JsValue::Object(first)) = c.first_mut() {
                                first.set(key, JsValue::Bool(false));
                            }
                            o.set("compose", JsValue::Array(c));
                        }
                    }
                });
                let want = (!allowed).then(|| {
                    if v == 7 {
                        "Unsupported parameter for v7 app specifications".to_owned()
                    } else {
                        format!(
                            "Unsupported parameter for v{v} app specifications in component: {key}"
                        )
                    }
                });
                assert_eq!(got, want, "v{v} component key {key}");
            }
            seen.insert((v, "component"));
        } else {
            // v1: `port`; v2/v3: `ports`, never the other.
            let other = if v == 1 { "ports" } else { "port" };
            let got = keys_error(&formatted, height, |s| {
                if let JsValue::Object(o) = s {
                    o.set(other, JsValue::Bool(false));
                }
            });
            assert!(got.is_some(), "v{v} with {other}");
            if v == 2 {
                let got = keys_error(&formatted, height, |s| {
                    if let JsValue::Object(o) = s {
                        o.set("instances", JsValue::Bool(false));
                    }
                });
                assert!(got.is_some(), "v2 with instances");
            }
        }
    }
    // Every version met both places.
    for v in 1..=8 {
        assert!(seen.contains(&(v, "top")), "no valid v{v} case");
    }
}
