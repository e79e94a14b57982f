//! fluxd's methods, typed: one struct per response (every field public; unknown fields
//! ignored, absent optional ones tolerated, amounts exact), constructors that build each
//! request, and (with `http`) `Client` methods that send them.
//!
//! Field names and types follow fluxd's source (RunOnFlux/fluxd `src/rpc/*.cpp`).
//! Raw blocks, headers and transactions are decoded by flux-consensus and flux-tx, so what
//! a program gets is what the bytes say, not what the node's JSON says about them.
//!
//! ```
//! use flux_client::rpc::method::Method;
//! use flux_client::rpc::methods;
//! let m = methods::get_block_hash(2_020_000);
//! assert_eq!(m.name(), "getblockhash");
//! let raw = serde_json::value::RawValue::from_string(
//!     "\"d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb\"".into()).unwrap();
//! assert_eq!(m.decode(&raw).unwrap().to_string(),
//!     "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb");
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::method::{decode_json, Method};
use crate::Error;

mod address;
mod blocks;
mod chain;
mod fluxnode;
mod transactions;
mod util;

pub use address::*;
pub use blocks::*;
pub use chain::*;
pub use fluxnode::*;
pub use transactions::*;
pub use util::*;

/// A method whose result is read with serde into `T`.
///
/// ```
/// use flux_client::rpc::method::Method;
/// let m = flux_client::rpc::methods::get_block_count();
/// let raw = serde_json::value::RawValue::from_string("7".into()).unwrap();
/// assert_eq!(m.decode(&raw).unwrap(), 7);
/// ```
#[derive(Debug, Clone)]
pub struct Typed<T> {
    name: &'static str,
    params: Result<Box<RawValue>, Error>,
    _out: PhantomData<fn() -> T>,
}

impl<T> Typed<T> {
    /// A method named `name` with these parameters (a tuple or slice).
    ///
    /// ```
    /// let m = flux_client::rpc::methods::Typed::<u32>::new("getblockcount", &[(); 0]);
    /// ```
    pub fn new<P: serde::Serialize + ?Sized>(name: &'static str, params: &P) -> Self {
        Typed {
            name,
            params: super::request::params(params),
            _out: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Method for Typed<T> {
    type Output = T;

    fn name(&self) -> &str {
        self.name
    }

    fn params(&self) -> Result<Box<RawValue>, Error> {
        self.params.clone()
    }

    fn decode(&self, result: &RawValue) -> Result<T, Error> {
        decode_json(self.name, result)
    }
}

/// Reads a JSON string of hex into bytes (for raw blocks, headers, transactions).
pub(crate) fn hex_result(method: &str, result: &RawValue) -> Result<Vec<u8>, Error> {
    let text: String = decode_json(method, result)?;
    hex::decode(text.trim()).map_err(|e| Error::decode(method, format!("not hex: {e}")))
}

/// serde helpers for fluxd's loosely typed fields.
pub(crate) mod de {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};
    use serde_json::value::RawValue;

    fn short(text: &str) -> String {
        text.chars().take(40).collect()
    }

    /// A number fluxd prints either as a decimal string (`"0"`) or bare (`0`).
    fn quoted_or_bare<'de, D: Deserializer<'de>, T: std::str::FromStr>(
        d: D,
        what: &str,
    ) -> Result<T, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get();
        let digits = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        digits
            .parse::<T>()
            .map_err(|_| D::Error::custom(format!("not {what}: {}", short(text))))
    }

    /// A UNIX time fluxd prints as a string (`"1700000000"`) or as the number 0.
    pub fn unix_time<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        quoted_or_bare(d, "a UNIX time")
    }

    /// An index fluxd prints as a decimal string (`"outidx": "0"`) or a number.
    pub fn index<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        quoted_or_bare(d, "an index")
    }
}
