//! Differential check against FluxOS's own code: every case in
//! `tests/data/fluxos_differential.jsonl` holds a random spec (input text), a height, and what
//! FluxOS v8.17.0's `specificationFormatter`, `verifyAppSpecifications` (API order, enterprise
//! check first) and `appPricePerMonth` answered (see tests/data/README.md for provenance).

use flux_client::app::{
    format::format_text, js_json, price, validate::validate_spec, validate::NotChecked,
};

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    height: u64,
    format: serde_json::Value,
    validate: serde_json::Value,
    #[serde(default)]
    price: Option<serde_json::Value>,
    #[serde(default)]
    registration: Option<String>,
}

const DATACENTER_OWNER: &str =
    "Datacenter requirement is only available for enterprise app owners.";

#[test]
fn formatter_validator_and_price_agree_with_fluxos() {
    let data = include_str!("data/fluxos_differential.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in data.lines().enumerate() {
        let case: Case = serde_json::from_str(line).unwrap();
        n += 1;
        let ctx = |what: &str, got: String, want: String| {
            format!(
                "case {i} {what}: got {got:?}, want {want:?}\n  input {}",
                case.input
            )
        };
        // format
        let formatted = format_text(&case.input);
        match (&formatted, case.format.get("ok"), case.format.get("error")) {
            (Ok(f), Some(want), _) => {
                if f.to_json() != want.as_str().unwrap() {
                    failures.push(ctx("format", f.to_json(), want.to_string()));
                }
            }
            (Err(e), _, Some(want)) => {
                if e.to_string() != want.as_str().unwrap() {
                    failures.push(ctx("format error", e.to_string(), want.to_string()));
                }
            }
            (got, _, _) => {
                failures.push(ctx("format", format!("{got:?}"), case.format.to_string()))
            }
        }
        // validate
        let raw = js_json::parse(&case.input).unwrap();
        let v = validate_spec(&raw, case.height).unwrap();
        match (&v.result, case.validate.get("error")) {
            (Ok(_), None) => {}
            (Err(b), Some(want)) if b.message == want.as_str().unwrap() => {}
            // The enterprise-owner list needs the network: reported as not checked instead.
            (_, Some(want)) if want == DATACENTER_OWNER => {
                if !v.not_checked.contains(&NotChecked::DatacenterOwner) {
                    failures.push(ctx(
                        "datacenter not_checked",
                        format!("{:?}", v.not_checked),
                        want.to_string(),
                    ));
                }
            }
            (got, want) => failures.push(ctx(
                "validate",
                format!("{:?}", got.as_ref().map(|_| ()).map_err(|b| &b.message)),
                format!("{want:?}"),
            )),
        }
        // price
        if let (Ok(f), Some(want)) = (&formatted, &case.price) {
            let got = price::price_per_month(f, case.height, &price::STATIC_EPOCHS);
            match (got, want.as_str()) {
                (Ok(p), Some(w)) => {
                    if p.to_js_string() != w {
                        failures.push(ctx("price", p.to_js_string(), w.to_string()));
                    }
                    if let Some(reg) = &case.registration {
                        let r =
                            price::registration_amount(f, case.height, &price::STATIC_EPOCHS, None)
                                .unwrap();
                        let got = flux_client::app::js_number::to_js_string(r.flux);
                        if &got != reg {
                            failures.push(ctx("registration", got, reg.clone()));
                        }
                    }
                }
                (Err(_), None) => {}
                (got, _) => failures.push(ctx("price", format!("{got:?}"), want.to_string())),
            }
        }
    }
    assert!(n >= 500, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
