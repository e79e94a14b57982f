//! Real specs (tests/data/app_vectors.json, FluxOS's own answers) and bad input: any spec gets
//! FluxOS's verdict or a typed error, never a panic, with bounded work.

use std::time::{Duration, Instant};

use flux_client::app::{
    format::format_text, js_json, price, spec::AppSpec, validate::validate_spec, AppError,
};

#[derive(serde::Deserialize)]
struct Vector {
    name: String,
    input: String,
    height: u64,
    format: String,
    validate: serde_json::Value,
    price: String,
}

#[test]
fn real_specs_match_fluxos() {
    let vectors: Vec<Vector> = serde_json::from_str(include_str!("data/app_vectors.json")).unwrap();
    assert_eq!(vectors.len(), 6);
    for v in vectors {
        let f = format_text(&v.input).unwrap();
        assert_eq!(f.to_json(), v.format, "{}", v.name);
        let verdict = validate_spec(&js_json::parse(&v.input).unwrap(), v.height).unwrap();
        match v.validate.get("error") {
            None => assert!(
                verdict.is_valid(),
                "{} at {}: {:?}",
                v.name,
                v.height,
                verdict.result
            ),
            Some(m) => assert_eq!(verdict.result.unwrap_err().message, m.as_str().unwrap()),
        }
        let p = price::price_per_month(&f, v.height, &price::STATIC_EPOCHS).unwrap();
        assert_eq!(p.to_js_string(), v.price, "{} at {}", v.name, v.height);
        // The typed form reads the canonical object and writes the same text back.
        let typed = AppSpec::from_js(&f.0).unwrap();
        assert_eq!(typed.canonical_json().unwrap(), v.format);
    }
}

/// The v2 spec of fluxos.md §10, as signed in 2020 (legacy key order, numeric ports), is
/// canonicalised by today's formatter into v2 order with string ports.
#[test]
fn folding_at_home_canonical_text() {
    let signed = r#"{"version":2,"name":"FoldingAtHome","description":"Folding @ Home is cool :)","repotag":"yurinnick/folding-at-home:latest","owner":"1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC","ports":[30001],"containerPorts":[7396],"domains":[""],"enviromentParameters":["USER=foldingUser","TEAM=262156","ENABLE_GPU=false","ENABLE_SMP=true"],"commands":["--allow","0/0","--web-allow","0/0"],"containerData":"/config","cpu":0.5,"ram":500,"hdd":5,"tiered":true,"cpubasic":0.5,"cpusuper":1,"cpubamf":2,"rambasic":500,"ramsuper":1000,"rambamf":2000,"hddbasic":5,"hddsuper":5,"hddbamf":5}"#;
    let f = format_text(signed).unwrap().to_json();
    assert!(f.starts_with(r#"{"version":2,"name":"FoldingAtHome","description":"Folding @ Home is cool :)","owner":"1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC","repotag":"#));
    assert!(f.contains(r#""ports":["30001"],"domains":[""]"#));
}

fn judged_quickly(text: &str) -> Result<(), AppError> {
    let start = Instant::now();
    let formatted = format_text(text);
    if let Ok(raw) = js_json::parse(text) {
        let _ = validate_spec(&raw, 2_200_000)?;
    }
    if let Ok(f) = &formatted {
        let _ = price::price_per_month(f, 2_200_000, &price::STATIC_EPOCHS);
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "slow on {} bytes",
        text.len()
    );
    formatted.map(|_| ())
}

#[test]
fn bad_input_gets_a_verdict_or_typed_error() {
    let base = r#"{"version":8,"name":"a","description":"d","owner":"o","compose":[{"name":"a","description":"","repotag":"nginx","ports":[31000],"domains":[""],"environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":1,"ram":1000,"hdd":10,"repoauth":""}],"instances":3,"contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""}"#;
    // Odd numbers: FluxOS's verdicts.
    let cpu = |v: &str| base.replace(r#""cpu":1,"#, &format!(r#""cpu":{v},"#));
    assert!(judged_quickly(&cpu("1e-9")).is_ok());
    let v = validate_spec(&js_json::parse(&cpu("1e-9")).unwrap(), 2_200_000).unwrap();
    assert!(
        v.is_valid(),
        "1e-9 has no '.' in its JavaScript text (§13.10)"
    );
    let port = base.replace("[31000]", r#"["0x7A69"]"#);
    let f = format_text(&port).unwrap();
    assert!(f.to_json().contains(r#""ports":[31337]"#));
    // Wrong types everywhere.
    for bad in [
        "null",
        "[]",
        "1",
        "\"x\"",
        "true",
        "{}",
        r#"{"version":[8]}"#,
        r#"{"version":8,"name":{"toString":1},"description":"d","owner":"o","compose":"[]"}"#,
    ] {
        let _ = judged_quickly(bad);
    }
    // Non-ASCII and emoji: UTF-16 lengths.
    let desc = |d: &str| base.replace(r#""description":"d""#, &format!(r#""description":"{d}""#));
    let ok = validate_spec(
        &js_json::parse(&desc(&"😀".repeat(128))).unwrap(),
        2_200_000,
    )
    .unwrap();
    assert!(ok.is_valid());
    let long = validate_spec(
        &js_json::parse(&desc(&format!("{}x", "😀".repeat(128)))).unwrap(),
        2_200_000,
    )
    .unwrap();
    assert_eq!(
        long.result.unwrap_err().message,
        "Description is too long. Maximum of 256 characters is allowed"
    );
    // Huge arrays: bounded work, FluxOS's message.
    let many_ports = base.replace(
        "[31000]",
        &format!("[{}]", vec!["31000"; 200_000].join(",")),
    );
    let v = validate_spec(&js_json::parse(&many_ports).unwrap(), 2_200_000).unwrap();
    assert_eq!(
        v.result.unwrap_err().message,
        "Ports specifications in a do not match"
    );
    let many_components = base.replace(
        r#""compose":["#,
        &format!(r#""compose":[{}"#, "{},".repeat(100_000)),
    );
    assert!(judged_quickly(&many_components).is_err());
    // Deep nesting: a typed error, not a stack overflow.
    let deep = base.replace(
        r#""commands":[]"#,
        &format!(
            r#""commands":{}{}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    assert_eq!(
        judged_quickly(&deep).unwrap_err().kind(),
        "unsupported_json"
    );
    let deep_in_string = base.replace(
        r#""commands":[]"#,
        &format!(
            r#""commands":"{}{}""#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    assert_eq!(
        judged_quickly(&deep_in_string).unwrap_err().kind(),
        "unsupported_json"
    );
    // Not JSON.
    assert_eq!(judged_quickly("{").unwrap_err().kind(), "invalid_json");
    assert_eq!(
        judged_quickly(r#""\ud800""#).unwrap_err().kind(),
        "unsupported_json"
    );
}

/// FluxOS's `specificationFormatter` tests `!version` before `ensureNumber(version)`, so a
/// version that is truthy but coerces to 0 (`[]`, `"0"`, a later duplicate key `"version":[]`)
/// is formatted as `"version":0`, and that output is then refused by the same formatter
/// ("Missing Flux App specification parameter version"). We format as FluxOS does, quirk
/// included (found by the fuzz campaign: fuzz/seeds/app_spec_format/version-coerces-to-zero).
#[test]
fn version_that_coerces_to_zero_formats_once_as_fluxos_does() {
    for version in [r#"[]"#, r#""0""#, r#"" ""#, r#"[0]"#] {
        let spec = format!(
            r#"{{"version":{version},"name":"share","description":"An app","owner":"1L2cmJ69frZTg83i","repotag":"nginx:alpine","ports":["8080"],"domains":[""],"enviromentParameters":[],"commands":[],"containerPorts":["80"],"containerData":"/data","cpu":1,"ram":100,"hdd":1,"tiered":false}}"#
        );
        let once = format_text(&spec).unwrap_or_else(|e| panic!("version {version}: {e}"));
        assert_eq!(once.version(), 0.0, "version {version}");
        assert!(once.to_json().starts_with(r#"{"version":0,"name":"share""#));
        let again = format_text(&once.to_json()).unwrap_err();
        assert_eq!(
            again.to_string(),
            "Missing Flux App specification parameter version",
            "version {version}"
        );
    }
}
