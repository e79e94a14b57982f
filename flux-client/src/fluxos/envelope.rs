//! FluxOS's answer envelope, `{"status":"success"|"warning"|"error","data":…}`, unwrapped
//! into a `Result` (`messageHelper.js`).
//!
//! FluxOS answers its errors with HTTP **200**, so the status field, not the HTTP status,
//! decides. Only a body that is not an envelope at all falls back to the HTTP status
//! (`isLocal` guards answer 401 plain text, gateways answer 502/504 pages).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::capped_text;
use crate::Error;

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    status: Option<&'a str>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ErrorData {
    code: Option<serde_json::Value>,
    name: Option<serde_json::Value>,
    message: Option<serde_json::Value>,
}

/// Unwraps one FluxOS answer to `route`: `data` of a `success` or `warning` envelope
/// (the node's own JSON text, numbers untouched), [`Error::FluxOs`] for an `error`
/// envelope whatever the HTTP status, and [`Error::Auth`] / [`Error::Http`] /
/// [`Error::Decode`] for answers that are not envelopes.
///
/// ```
/// use flux_client::fluxos::envelope::unwrap_envelope;
/// let data = unwrap_envelope("/flux/version", 200, br#"{"status":"success","data":"8.17.0"}"#).unwrap();
/// assert_eq!(data.get(), r#""8.17.0""#);
///
/// let e = unwrap_envelope("/apps/appregister", 200,
///     br#"{"status":"error","data":{"code":401,"name":"Unauthorized","message":"Unauthorized. Access denied."}}"#)
///     .unwrap_err();
/// assert_eq!(e.kind(), "fluxos");
/// assert_eq!(e.to_string(), "/apps/appregister: FluxOS error: Unauthorized. Access denied.");
/// ```
pub fn unwrap_envelope(route: &str, status: u16, body: &[u8]) -> Result<Box<RawValue>, Error> {
    let envelope = serde_json::from_slice::<RawEnvelope<'_>>(body)
        .ok()
        .filter(|e| e.status.is_some());
    let Some(envelope) = envelope else {
        return Err(not_an_envelope(route, status, body));
    };
    let data = envelope.data;
    match envelope.status.unwrap_or_default() {
        "success" | "warning" => Ok(match data {
            Some(d) => d.to_owned(),
            // `data: undefined` is dropped by JSON.stringify: FluxOS meant "nothing".
            None => {
                RawValue::from_string("null".to_owned()).map_err(|e| Error::decode(route, e))?
            }
        }),
        "error" => Err(error_from_data(route, data)),
        other => Err(Error::decode(
            route,
            format!(
                "unknown envelope status {:?}",
                capped_text(other.as_bytes())
            ),
        )),
    }
}

/// [`Error::FluxOs`] from an error envelope's `data` (an object `{code?, name?, message}`,
/// or, from some handlers, a bare string).
fn error_from_data(route: &str, data: Option<&RawValue>) -> Error {
    let text = |v: serde_json::Value| match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(capped_text(s.as_bytes())),
        other => Some(capped_text(other.to_string().as_bytes())),
    };
    let (code, name, message) = match data {
        Some(raw) => match serde_json::from_str::<ErrorData>(raw.get()) {
            Ok(d) => (
                d.code.and_then(text),
                d.name.and_then(text),
                d.message.and_then(text),
            ),
            Err(_) => (
                None,
                None,
                serde_json::from_str::<serde_json::Value>(raw.get())
                    .ok()
                    .and_then(text),
            ),
        },
        None => (None, None, None),
    };
    Error::FluxOs {
        method: route.to_owned(),
        code,
        name,
        message: message.unwrap_or_else(|| "Unknown error".to_owned()),
    }
}

fn not_an_envelope(route: &str, status: u16, body: &[u8]) -> Error {
    match status {
        401 | 403 => Error::Auth {
            method: route.to_owned(),
            message: format!("HTTP {status}: {}", capped_text(body)),
        },
        200..=299 => Error::decode(
            route,
            format!("not a FluxOS envelope: {}", capped_text(body)),
        ),
        _ => Error::Http {
            method: route.to_owned(),
            status,
            body: capped_text(body),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_warning_and_missing_data() {
        let d = unwrap_envelope("/x", 200, br#"{"status":"success","data":{"a":1.50}}"#).unwrap();
        assert_eq!(d.get(), r#"{"a":1.50}"#);
        let d = unwrap_envelope("/x", 200, br#"{"status":"warning","data":[]}"#).unwrap();
        assert_eq!(d.get(), "[]");
        let d = unwrap_envelope("/x", 200, br#"{"status":"success"}"#).unwrap();
        assert_eq!(d.get(), "null");
    }

    #[test]
    fn errors_with_http_200() {
        let e = unwrap_envelope(
            "/id/loginphrase",
            200,
            br#"{"status":"error","data":{"code":100,"name":"DOS","message":"Minimum hardware required for FluxNode tier not met"}}"#,
        )
        .unwrap_err();
        match e {
            Error::FluxOs {
                code,
                name,
                message,
                ..
            } => {
                assert_eq!(code.as_deref(), Some("100"));
                assert_eq!(name.as_deref(), Some("DOS"));
                assert_eq!(
                    message,
                    "Minimum hardware required for FluxNode tier not met"
                );
            }
            other => panic!("{other:?}"),
        }
        let e = unwrap_envelope("/x", 200, br#"{"status":"error","data":{}}"#).unwrap_err();
        assert!(e.to_string().ends_with("Unknown error"));
        let e = unwrap_envelope("/x", 200, br#"{"status":"error","data":"plain"}"#).unwrap_err();
        assert!(e.to_string().ends_with("plain"));
        // An error envelope on another HTTP status is still FluxOS's error.
        let e = unwrap_envelope("/x", 500, br#"{"status":"error","data":{"message":"m"}}"#)
            .unwrap_err();
        assert_eq!(e.kind(), "fluxos");
    }

    #[test]
    fn not_envelopes() {
        assert_eq!(
            unwrap_envelope("/x", 401, b"Access denied")
                .unwrap_err()
                .kind(),
            "auth"
        );
        assert_eq!(
            unwrap_envelope("/x", 504, b"<html>Gateway Timeout</html>")
                .unwrap_err()
                .code(),
            Some(504)
        );
        assert_eq!(
            unwrap_envelope("/x", 200, b"[1,2]").unwrap_err().kind(),
            "decode"
        );
        assert_eq!(
            unwrap_envelope("/x", 200, b"").unwrap_err().kind(),
            "decode"
        );
        let deep = "[".repeat(100_000);
        assert_eq!(
            unwrap_envelope("/x", 200, deep.as_bytes())
                .unwrap_err()
                .kind(),
            "decode"
        );
        let e = unwrap_envelope("/x", 200, br#"{"status":"maybe","data":1}"#).unwrap_err();
        assert_eq!(e.kind(), "decode");
    }

    #[test]
    fn error_text_is_capped() {
        let long = "x".repeat(10_000);
        let body = format!(r#"{{"status":"error","data":{{"message":"{long}"}}}}"#);
        let e = unwrap_envelope("/x", 200, body.as_bytes()).unwrap_err();
        assert!(e.to_string().len() < 1200);
    }
}
