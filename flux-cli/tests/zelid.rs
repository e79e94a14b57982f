//! `flux zelid phrase|verify-login|header` against FluxOS's real login vectors.

mod common;

use serde_json::Value;

fn flux(args: &[&str]) -> (i32, Value) {
    let r = common::run(args, None);
    (r.code, r.stdout)
}

// FluxOS tests/unit/verificationHelperUtils.test.js.
const ZELID: &str = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W";
const PHRASE: &str = "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b";
const SIG: &str =
    "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=";
const TS: u64 = 1_644_935_889_016;

#[test]
fn verify_login_checks_signature_and_age() {
    let at = (TS + 60_000).to_string();
    let (code, out) = flux(&[
        "zelid",
        "verify-login",
        "--zelid",
        ZELID,
        "--phrase",
        PHRASE,
        "--signature",
        SIG,
        "--at",
        &at,
    ]);
    assert_eq!((code, &out["valid"]), (0, &Value::Bool(true)));
    let late = (TS + 15 * 60_000 + 1).to_string();
    let (code, out) = flux(&[
        "zelid",
        "verify-login",
        "--zelid",
        ZELID,
        "--phrase",
        PHRASE,
        "--signature",
        SIG,
        "--at",
        &late,
    ]);
    assert_eq!((code, &out["valid"]), (2, &Value::Bool(false)));
    // Another ZelID's claim (FluxOS negative vector) is refused.
    let (code, _) = flux(&[
        "zelid",
        "verify-login",
        "--zelid",
        "1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC",
        "--phrase",
        PHRASE,
        "--signature",
        SIG,
        "--at",
        &at,
    ]);
    assert_eq!(code, 2);
    // A Flux t1 address is not a ZelID.
    let (code, _) = flux(&[
        "zelid",
        "verify-login",
        "--zelid",
        "t1g4kUVY1aJtENtWD69wfNbjJ3Cfd2E8dCF",
        "--phrase",
        PHRASE,
        "--signature",
        SIG,
        "--at",
        &at,
    ]);
    assert_eq!(code, 1);
}

#[test]
fn phrase_has_fluxos_form() {
    let (code, out) = flux(&["zelid", "phrase", "--at", "1750000000000"]);
    assert_eq!(code, 0);
    let p = out["login_phrase"].as_str().unwrap();
    assert!(p.starts_with("1750000000000") && (40..=70).contains(&p.len()));
}

#[test]
fn header_build_parse_verify_round_trip() {
    let (code, built) = flux(&[
        "zelid",
        "header",
        "build",
        "--zelid",
        ZELID,
        "--phrase",
        PHRASE,
        "--signature",
        SIG,
        "--form",
        "url",
    ]);
    assert_eq!(code, 0);
    let url = built["urlencoded"].as_str().unwrap();
    assert!(url.contains("%2F") && !url.contains('/'));
    for h in [url, built["json"].as_str().unwrap()] {
        let (code, parsed) = flux(&["zelid", "header", "parse", h]);
        assert_eq!(code, 0);
        assert_eq!(parsed["signature"], SIG);
        let at = (TS + 3_600_000).to_string();
        let (code, _) = flux(&["zelid", "header", "verify", h, "--at", &at]);
        assert_eq!(code, 0);
        let (code, _) = flux(&[
            "zelid", "header", "verify", h, "--level", "appowner", "--at", &at,
        ]);
        assert_eq!(code, 0);
        let at = (TS + 3 * 3_600_000).to_string();
        let (code, _) = flux(&[
            "zelid", "header", "verify", h, "--level", "appowner", "--at", &at,
        ]);
        assert_eq!(code, 2);
    }
    // Signing with a key builds a header that verifies now.
    let (code, built) = flux(&[
        "zelid",
        "header",
        "build",
        "--wif",
        "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv",
    ]);
    assert_eq!(code, 0);
    assert_eq!(built["zelid"], "1PQWN5vgV3P9KexYmhF133zDft34YhKB3L");
    let (code, _) = flux(&[
        "zelid",
        "header",
        "verify",
        built["header"].as_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    // Tampered header.
    let tampered = built["json"]
        .as_str()
        .unwrap()
        .replace("\"zelid\":\"1P", "\"zelid\":\"1Q");
    let (code, _) = flux(&["zelid", "header", "verify", &tampered]);
    assert_ne!(code, 0);
}
