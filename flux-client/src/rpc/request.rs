//! Building JSON-RPC 1.0 request bodies (pure: no I/O, usable without the `http` feature).

use serde::Serialize;
use serde_json::value::RawValue;

use crate::Error;

/// Serializes a method's parameters (a tuple, array or `Vec`) as the JSON array fluxd
/// expects.
///
/// ```
/// use flux_client::rpc::request::params;
/// assert_eq!(params(&("00ab", 0)).unwrap().get(), r#"["00ab",0]"#);
/// ```
pub fn params<T: Serialize + ?Sized>(value: &T) -> Result<Box<RawValue>, Error> {
    serde_json::value::to_raw_value(value).map_err(|e| Error::input("params", e))
}

/// The empty parameter list `[]`.
///
/// ```
/// assert_eq!(flux_client::rpc::request::no_params().get(), "[]");
/// ```
pub fn no_params() -> Box<RawValue> {
    // "[]" is valid JSON, so this cannot fail; fall back to the same text regardless.
    RawValue::from_string("[]".to_owned()).unwrap_or_else(|_| empty_array_fallback())
}

#[cold]
fn empty_array_fallback() -> Box<RawValue> {
    serde_json::value::to_raw_value(&[(); 0]).unwrap_or_default()
}

/// One request body: `{"jsonrpc":"1.0","id":ID,"method":M,"params":P}`. The parameter
/// tokens are copied as given (numbers are never reformatted).
///
/// ```
/// use flux_client::rpc::request::{params, request_body};
/// let body = request_body("getblockhash", &params(&[7]).unwrap(), 1);
/// assert_eq!(body, r#"{"jsonrpc":"1.0","id":1,"method":"getblockhash","params":[7]}"#);
/// ```
pub fn request_body(method: &str, params: &RawValue, id: u64) -> String {
    let mut out = String::with_capacity(48 + method.len() + params.get().len());
    push_request(&mut out, method, params, id);
    out
}

/// A batch body: a JSON array of requests with ids `0..calls.len()`, in order.
///
/// ```
/// use flux_client::rpc::request::{no_params, batch_body};
/// let p = no_params();
/// let body = batch_body(&[("getblockcount", &*p), ("getbestblockhash", &*p)]);
/// assert!(body.starts_with(r#"[{"jsonrpc":"1.0","id":0,"method":"getblockcount""#));
/// ```
pub fn batch_body(calls: &[(&str, &RawValue)]) -> String {
    let mut out = String::from("[");
    for (i, (method, params)) in calls.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_request(&mut out, method, params, i as u64);
    }
    out.push(']');
    out
}

fn push_request(out: &mut String, method: &str, params: &RawValue, id: u64) {
    use std::fmt::Write;
    // A method name is a Rust string; serde_json escapes it (cannot fail for a str).
    let name = serde_json::to_string(method).unwrap_or_else(|_| "\"\"".to_owned());
    let _ = write!(
        out,
        r#"{{"jsonrpc":"1.0","id":{id},"method":{name},"params":{}}}"#,
        params.get()
    );
}
