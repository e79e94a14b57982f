//! The `zelidauth` header: every accepted header re-emits, in both forms, as a header that
//! parses back to the same credentials.

use flux_zelid::header::{HeaderForm, ZelidAuth, MAX_HEADER_LEN};
use flux_zelid::Error;
use proptest::prelude::*;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const ZELID: &str = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W";

/// Parsing `text` either fails, or gives credentials both of whose forms fit the limit and
/// parse back to them.
fn assert_round_trips(text: &str) {
    if let Ok(auth) = ZelidAuth::parse(text) {
        for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
            let emitted = auth.encode(form);
            assert_eq!(emitted.len(), auth.encoded_len(form), "{form}");
            assert!(emitted.len() <= MAX_HEADER_LEN, "{form}: {}", emitted.len());
            assert_eq!(ZelidAuth::parse(&emitted).as_ref(), Ok(&auth), "{form}");
        }
    }
}

#[test]
fn fuzz_finding_header_whose_urlencoded_form_is_too_long_is_refused() {
    // 2,906 bytes as found; its fields re-emit as 3,841 bytes of JSON and 4,358 bytes
    // URL-encoded (NULs and punctuation become `%XX`), the form the fuzz target read back.
    let data = include_bytes!("data/zelidauth-roundtrip-4096.bin");
    let text = std::str::from_utf8(data).unwrap();
    assert_eq!(text.len(), 2906);
    // Its ZelID (`zi{\n}…`) is not one FluxOS accepts, so it is refused for that first.
    assert!(matches!(ZelidAuth::parse(text), Err(Error::ZelId { .. })));
    assert_round_trips(text);
    // With a well-formed ZelID in its place (34 bytes URL-encoded where the found one took
    // 33), the length rule refuses it.
    let (_, rest) = text.split_once('&').unwrap();
    let text = format!("zelid={ZELID}&{rest}");
    assert_eq!(
        ZelidAuth::parse(&text),
        Err(Error::HeaderTooLong {
            form: Some(HeaderForm::UrlEncoded),
            len: 4358 - 33 + 34,
            max: MAX_HEADER_LEN
        })
    );
    assert_round_trips(&text);
}

#[test]
fn limits_apply_to_the_input_and_to_both_written_forms() {
    let phrase = "1700000000000abcdefghijklmnopqrstuvwxyz0123456789";
    let ok = |sig: &str| {
        format!(r#"{{"zelid":"{ZELID}","signature":"{sig}","loginPhrase":"{phrase}"}}"#)
    };
    // 4,096 bytes as given is the longest input read (its URL-encoded form is shorter).
    let base = ok("").len();
    let at_limit = ok(&"a".repeat(MAX_HEADER_LEN - base));
    assert_eq!(at_limit.len(), MAX_HEADER_LEN);
    assert!(ZelidAuth::parse(&at_limit).is_ok());
    let over = ok(&"a".repeat(MAX_HEADER_LEN - base + 1));
    assert_eq!(
        ZelidAuth::parse(&over),
        Err(Error::HeaderTooLong {
            form: None,
            len: MAX_HEADER_LEN + 1,
            max: MAX_HEADER_LEN
        })
    );
    // The same credentials URL-encoded are 14 bytes shorter than JSON, so a URL-encoded
    // header of 4,096 bytes re-emits as 4,110 bytes of JSON: refused, naming the form.
    let url = format!(
        "zelid={ZELID}&signature={}&loginPhrase={phrase}",
        "a".repeat(MAX_HEADER_LEN - base + 14)
    );
    assert_eq!(url.len(), MAX_HEADER_LEN);
    assert_eq!(
        ZelidAuth::parse(&url),
        Err(Error::HeaderTooLong {
            form: Some(HeaderForm::Json),
            len: MAX_HEADER_LEN + 14,
            max: MAX_HEADER_LEN
        })
    );
    // 2,000 spaces are 2,000 bytes in JSON but 6,000 URL-encoded: refused, naming the form.
    let json = format!(
        r#"{{"zelid":"{ZELID}","signature":"{}","loginPhrase":"{phrase}"}}"#,
        " ".repeat(2000)
    );
    assert!(json.len() <= MAX_HEADER_LEN);
    assert!(matches!(
        ZelidAuth::parse(&json),
        Err(Error::HeaderTooLong {
            form: Some(HeaderForm::UrlEncoded),
            ..
        })
    ));
    // A real-sized header is far from either limit.
    let real = ZelidAuth {
        zelid: ZELID.parse().unwrap(),
        signature:
            "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4="
                .into(),
        login_phrase: "1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b".into(),
    };
    for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
        assert_eq!(ZelidAuth::parse(&real.encode(form)).unwrap(), real);
    }
}

proptest! {
    #[test]
    fn accepted_headers_re_emit_within_the_limit(
        eth in any::<bool>(),
        sig in any::<String>(),
        phrase in "\\PC{1,2000}",
        pad in 0usize..1500,
    ) {
        prop_assume!(!sig.is_empty());
        let zelid = if eth { "0x9b171AD2f4b2b5b3f4d1e5c4b3a2918f7e6d5c4b" } else { ZELID };
        let auth = ZelidAuth {
            zelid: zelid.parse().unwrap(),
            signature: sig + &"\u{1}".repeat(pad),
            login_phrase: phrase,
        };
        for form in [HeaderForm::Json, HeaderForm::UrlEncoded] {
            prop_assert_eq!(auth.encoded_len(form), auth.encode(form).len());
            assert_round_trips(&auth.encode(form));
        }
    }
}
