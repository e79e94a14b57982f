//! Properties of the pure FluxOS parts: hostile answers never panic and stay bounded;
//! sessions round-trip through both header forms.

use flux_client::fluxos::envelope::unwrap_envelope;
use flux_client::fluxos::{NodeAddress, Scope, Session, Sticky};
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_body_under_any_status_is_a_value_or_a_bounded_error(
        body in proptest::collection::vec(any::<u8>(), 0..2048),
        status in 100u16..600,
    ) {
        match unwrap_envelope("/p", status, &body) {
            Ok(raw) => prop_assert!(serde_json::from_str::<serde_json::Value>(raw.get()).is_ok()),
            Err(e) => prop_assert!(e.to_string().len() < 4096),
        }
    }

    #[test]
    fn error_envelopes_are_errors_whatever_the_data(
        message in ".{0,300}",
        code in proptest::option::of(any::<i64>()),
    ) {
        let body = serde_json::json!({"status": "error", "data": {"code": code, "message": message}});
        let e = unwrap_envelope("/p", 200, body.to_string().as_bytes()).unwrap_err();
        prop_assert_eq!(e.kind(), "fluxos");
    }

    #[test]
    fn fluxnode_headers_name_the_node(a: u8, b: u8, c: u8, d: u8, port in 1u16..,
                                      prefix in "[a-z]{0,8}[0-9]{0,3}_?", sep in "[:_]") {
        let header = format!("{prefix}{a}.{b}.{c}.{d}{sep}{port}");
        // A prefix ending in digits would run into the first octet: FluxOS's regex has the
        // same ambiguity, so only check unambiguous prefixes.
        prop_assume!(!prefix.ends_with(|ch: char| ch.is_ascii_digit()));
        let n = NodeAddress::from_fluxnode_header(&header).unwrap();
        prop_assert_eq!(n.ip.octets(), [a, b, c, d]);
        prop_assert_eq!(n.port, port);
        prop_assert_eq!(
            Sticky::Gateway.follow("x", Some(&header)),
            Some(format!("https://{a}-{b}-{c}-{d}-{port}.node.api.runonflux.io"))
        );
    }
}

#[test]
fn sessions_round_trip_through_both_header_forms() {
    let key = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv"
        .parse()
        .unwrap();
    for i in 0..50u64 {
        for form in [
            flux_zelid::header::HeaderForm::Json,
            flux_zelid::header::HeaderForm::UrlEncoded,
        ] {
            let s = Session::self_issued(&key, 1_750_000_000_000 + i, Scope::User).with_form(form);
            let back = Session::from_zelidauth(&s.zelidauth()).unwrap();
            assert_eq!(back.auth, s.auth);
            assert_eq!(back.zelidauth(), s.zelidauth());
        }
    }
}
