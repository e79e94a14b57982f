//! A typed RPC method: its name, its parameters and how its result is read. Pure, so that
//! batches, the fuzz target and other transports share the parsers.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::Error;

/// One fluxd RPC with a typed result.
///
/// The typed methods of [`crate::rpc::methods`] implement it; [`Call`] is the untyped one.
///
/// ```
/// use flux_client::rpc::method::{Call, Method};
/// let call = Call::new("getblockcount", flux_client::rpc::request::no_params());
/// let raw = serde_json::value::RawValue::from_string("2000000".into()).unwrap();
/// assert_eq!(call.decode(&raw).unwrap().get(), "2000000");
/// ```
pub trait Method {
    /// What the result decodes to.
    type Output;

    /// The RPC method name.
    fn name(&self) -> &str;

    /// The parameters as a JSON array.
    fn params(&self) -> Result<Box<RawValue>, Error>;

    /// Reads the `result` (exactly as the node sent it). Errors name the method.
    fn decode(&self, result: &RawValue) -> Result<Self::Output, Error>;

    /// Turns some errors into results (e.g. "already in chain" for `sendrawtransaction`);
    /// by default every error stays an error.
    fn recover(&self, err: Error) -> Result<Self::Output, Error> {
        Err(err)
    }

    /// True when sending the request twice is harmless even if the first one may have been
    /// processed (reads). `sendrawtransaction` says false: it is then retried only when the
    /// node certainly did not process it.
    fn idempotent(&self) -> bool {
        true
    }
}

/// Reads `result` as `T`, naming `method` in the error.
///
/// ```
/// use flux_client::rpc::method::decode_json;
/// let raw = serde_json::value::RawValue::from_string("[1,2]".into()).unwrap();
/// let v: Vec<u32> = decode_json("getx", &raw).unwrap();
/// assert_eq!(v, [1, 2]);
/// assert_eq!(decode_json::<String>("getx", &raw).unwrap_err().kind(), "decode");
/// ```
pub fn decode_json<T: DeserializeOwned>(method: &str, result: &RawValue) -> Result<T, Error> {
    serde_json::from_str(result.get()).map_err(|e| Error::decode(method, e))
}

/// Any method, untyped: the result comes back as the node's own JSON text, number tokens
/// untouched.
///
/// ```
/// use flux_client::rpc::method::{Call, Method};
/// let call = Call::with_params("getblock", &("00", 0)).unwrap();
/// assert_eq!(call.params().unwrap().get(), r#"["00",0]"#);
/// ```
#[derive(Debug, Clone)]
pub struct Call {
    method: String,
    params: Box<RawValue>,
}

impl Call {
    /// A call with its parameters already as a JSON array.
    ///
    /// ```
    /// let c = flux_client::rpc::method::Call::new("getinfo", flux_client::rpc::request::no_params());
    /// assert_eq!(flux_client::rpc::method::Method::name(&c), "getinfo");
    /// ```
    pub fn new(method: impl Into<String>, params: Box<RawValue>) -> Call {
        Call {
            method: method.into(),
            params,
        }
    }

    /// A call whose parameters are serialized from `params` (a tuple, slice or `Vec`).
    ///
    /// ```
    /// let c = flux_client::rpc::method::Call::with_params("getblockhash", &[5]).unwrap();
    /// ```
    pub fn with_params<T: serde::Serialize + ?Sized>(
        method: impl Into<String>,
        params: &T,
    ) -> Result<Call, Error> {
        Ok(Call::new(method, crate::rpc::request::params(params)?))
    }
}

impl Method for Call {
    type Output = Box<RawValue>;

    fn name(&self) -> &str {
        &self.method
    }

    fn params(&self) -> Result<Box<RawValue>, Error> {
        Ok(self.params.clone())
    }

    fn decode(&self, result: &RawValue) -> Result<Box<RawValue>, Error> {
        Ok(result.to_owned())
    }

    fn idempotent(&self) -> bool {
        // An arbitrary method may have effects (sendrawtransaction, stop, ...).
        false
    }
}
