//! Reading fluxd's answers (pure: no I/O, usable without the `http` feature, fuzzed).
//!
//! fluxd (Bitcoin 0.11 lineage) answers `{"result": R, "error": null, "id": I}` on success
//! and `{"result": null, "error": {"code", "message"}, "id": I}` on failure, with HTTP 500
//! for RPC errors, 404 for an unknown method and 400 for a malformed request. Outside the
//! JSON-RPC layer it answers 401 with an empty body, a plain-text 500 "Work queue depth
//! exceeded" and 503 while shutting down.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::capped_text;
use crate::Error;

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    result: Option<Box<RawValue>>,
    #[serde(default)]
    error: Option<Box<RawValue>>,
    #[serde(default)]
    id: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct ErrorObject {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).unwrap_or_default()
}

/// The error a 401 becomes.
fn unauthorized(method: &str) -> Error {
    Error::Auth {
        method: method.to_owned(),
        message: "HTTP 401: the node refused the user and password (or the cookie is stale)"
            .to_owned(),
    }
}

/// Turns one envelope into the result or the RPC error it carries.
fn open(method: &str, env: Envelope) -> Result<Box<RawValue>, Error> {
    match env.error {
        Some(e) if e.get() != "null" => Err(rpc_error(method, &e)),
        _ => Ok(env.result.unwrap_or_else(null)),
    }
}

fn rpc_error(method: &str, raw: &RawValue) -> Error {
    match serde_json::from_str::<ErrorObject>(raw.get()) {
        Ok(obj) => Error::Rpc {
            method: method.to_owned(),
            code: obj.code.unwrap_or(0),
            message: obj.message.unwrap_or_default(),
        },
        // Not an object: keep what the node said as the message.
        Err(_) => Error::Rpc {
            method: method.to_owned(),
            code: 0,
            message: capped_text(raw.get().as_bytes()),
        },
    }
}

/// Reads the answer to one call: the `result` exactly as the node sent it (a JSON `null`
/// when the node sent `null` or nothing), or the typed error.
///
/// A JSON-RPC error is read from the body whatever the HTTP status; a body that is not a
/// JSON-RPC answer becomes [`Error::Http`] (non-200) or [`Error::Decode`] (200).
///
/// ```
/// use flux_client::rpc::response::parse_response;
/// let r = parse_response("getblockcount", 200, br#"{"result":2000000,"error":null,"id":1}"#);
/// assert_eq!(r.unwrap().get(), "2000000");
///
/// let e = parse_response("getblock", 500,
///     br#"{"result":null,"error":{"code":-5,"message":"Block not found"},"id":1}"#).unwrap_err();
/// assert_eq!(e.code(), Some(-5));
///
/// let e = parse_response("getinfo", 500, b"Work queue depth exceeded").unwrap_err();
/// assert!(e.is_retryable());
/// ```
pub fn parse_response(method: &str, status: u16, body: &[u8]) -> Result<Box<RawValue>, Error> {
    if status == 401 {
        return Err(unauthorized(method));
    }
    let parsed = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<Envelope>(text).ok());
    match parsed {
        Some(env) if env.error.as_ref().is_some_and(|e| e.get() != "null") => open(method, env),
        Some(env) if status == 200 => open(method, env),
        _ if status == 200 => Err(Error::decode(
            method,
            format!("not a JSON-RPC answer: {}", capped_text(body)),
        )),
        _ => Err(Error::Http {
            method: method.to_owned(),
            status,
            body: capped_text(body),
        }),
    }
}

/// What a batch answer turned out to be.
#[derive(Debug)]
pub enum BatchAnswer {
    /// One result or error per call, in the order of the calls.
    Answers(Vec<Result<Box<RawValue>, Error>>),
    /// The server does not take batches (the body is not a JSON array): send single calls.
    Refused(Error),
    /// The request failed as a whole (401, 503, work queue full): the same as a single call
    /// failing that way.
    Failed(Error),
}

/// Reads the answer to a batch of `methods.len()` calls sent with ids `0..n`, matching the
/// answers to calls by id (a server may reorder them).
///
/// ```
/// use flux_client::rpc::response::{parse_batch_response, BatchAnswer};
/// let body = br#"[{"result":"ab","error":null,"id":1},{"result":7,"error":null,"id":0}]"#;
/// match parse_batch_response(&["getblockcount", "getbestblockhash"], 200, body) {
///     BatchAnswer::Answers(a) => assert_eq!(a[0].as_ref().unwrap().get(), "7"),
///     _ => unreachable!(),
/// }
/// ```
pub fn parse_batch_response(methods: &[&str], status: u16, body: &[u8]) -> BatchAnswer {
    let label = "batch";
    if status == 401 {
        return BatchAnswer::Failed(unauthorized(label));
    }
    let list = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<Envelope>>(text).ok());
    let Some(list) = list else {
        let err = match parse_response(label, status, body) {
            Err(e) => e,
            Ok(_) => Error::decode(label, "an object where a batch answer (array) was expected"),
        };
        return if err.is_retryable() {
            BatchAnswer::Failed(err)
        } else {
            BatchAnswer::Refused(err)
        };
    };
    let mut slots: Vec<Option<Result<Box<RawValue>, Error>>> =
        methods.iter().map(|_| None).collect();
    for env in list {
        let id = env
            .id
            .as_ref()
            .and_then(|raw| raw.get().parse::<usize>().ok());
        let Some(id) = id else { continue };
        let (Some(slot), Some(method)) = (slots.get_mut(id), methods.get(id)) else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(open(method, env));
        }
    }
    BatchAnswer::Answers(
        slots
            .into_iter()
            .zip(methods)
            .map(|(slot, method)| {
                slot.unwrap_or_else(|| {
                    Err(Error::decode(
                        method,
                        "the batch answer has no entry for this call",
                    ))
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_error_and_null_result() {
        let r = parse_response("x", 200, br#"{"result":null,"error":null,"id":1}"#).unwrap();
        assert_eq!(r.get(), "null");
        let r = parse_response("x", 200, br#"{"result":true}"#).unwrap();
        assert_eq!(r.get(), "true");
    }

    #[test]
    fn rpc_errors_on_any_status() {
        for status in [200, 400, 404, 500] {
            let e = parse_response(
                "nosuch",
                status,
                br#"{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":1}"#,
            )
            .unwrap_err();
            assert_eq!(e.rpc_code(), Some(-32601), "status {status}");
            assert_eq!(e.method(), Some("nosuch"));
        }
    }

    #[test]
    fn plain_text_and_empty_bodies() {
        let e = parse_response("getinfo", 503, b"").unwrap_err();
        assert_eq!((e.kind(), e.code()), ("http", Some(503)));
        assert!(e.is_retryable());
        let e = parse_response("getinfo", 401, b"").unwrap_err();
        assert_eq!(e.kind(), "auth");
        let e = parse_response("getinfo", 200, b"<html>").unwrap_err();
        assert_eq!(e.kind(), "decode");
        let e = parse_response("getinfo", 500, &[b'x'; 5000]).unwrap_err();
        let Error::Http { body, .. } = e else {
            panic!()
        };
        assert!(body.len() < 1100);
    }

    #[test]
    fn batch_missing_and_refused() {
        match parse_batch_response(&["a", "b"], 200, br#"[{"result":1,"error":null,"id":0}]"#) {
            BatchAnswer::Answers(a) => {
                assert!(a[0].is_ok());
                assert_eq!(a[1].as_ref().unwrap_err().kind(), "decode");
            }
            other => panic!("{other:?}"),
        }
        let refused = br#"{"result":null,"error":{"code":-32600,"message":"Invalid Request object"},"id":null}"#;
        assert!(matches!(
            parse_batch_response(&["a"], 400, refused),
            BatchAnswer::Refused(_)
        ));
        assert!(matches!(
            parse_batch_response(&["a"], 503, b""),
            BatchAnswer::Failed(_)
        ));
    }
}
