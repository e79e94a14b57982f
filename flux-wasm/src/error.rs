//! The one error type of the bindings: the `{"error": {"kind", "message"}}` the `flux` tool
//! prints, which JavaScript receives as an `Error` with a `kind` property.

use std::fmt;

/// A failed call: a stable snake_case `kind` and a sentence for people, both exactly as the
/// `flux` command prints them for the same input.
///
/// ```
/// use flux_wasm::Failure;
///
/// let f = Failure::input("transaction is not valid hex: Odd number of digits");
/// assert_eq!(f.kind, "invalid_input");
/// assert_eq!(f.to_string(), "transaction is not valid hex: Odd number of digits");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Stable category: `invalid_input` (malformed data), `invalid_argument` (a bad option
    /// value), `usage` (the input object itself has the wrong shape).
    pub kind: &'static str,
    /// What went wrong, for a person.
    pub message: String,
    /// The number the failing party gave, as the command prints it beside `kind`: fluxd's
    /// RPC code for `rpc`, the HTTP status for `http`.
    pub code: Option<i64>,
}

impl Failure {
    /// Malformed data: bad hex, a transaction or block that does not decode, ...
    ///
    /// ```
    /// assert_eq!(flux_wasm::Failure::input("bad").kind, "invalid_input");
    /// ```
    pub fn input(err: impl fmt::Display) -> Self {
        Failure {
            kind: "invalid_input",
            message: err.to_string(),
            code: None,
        }
    }

    /// An option with a value the command does not accept (an unknown network, ...).
    ///
    /// ```
    /// assert_eq!(flux_wasm::Failure::argument("bad").kind, "invalid_argument");
    /// ```
    pub fn argument(err: impl fmt::Display) -> Self {
        Failure {
            kind: "invalid_argument",
            message: err.to_string(),
            code: None,
        }
    }

    /// The input object does not have the function's shape (a missing or unknown field, a
    /// field of the wrong type): what the command line reports as a usage error.
    ///
    /// ```
    /// assert_eq!(flux_wasm::Failure::usage("txDecode: missing field `hex`").kind, "usage");
    /// ```
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            kind: "usage",
            message: message.into(),
            code: None,
        }
    }

    /// A library error under the library's own stable code, as the command reports it.
    ///
    /// ```
    /// let e = flux_primitives::PrivateKey::from_wif("nope").unwrap_err();
    /// let f = flux_wasm::Failure::from(e.clone());
    /// assert_eq!((f.kind, f.message), (e.kind(), e.to_string()));
    /// ```
    pub fn library(kind: &'static str, err: impl fmt::Display) -> Self {
        Failure {
            kind,
            message: err.to_string(),
            code: None,
        }
    }
}

impl From<flux_primitives::Error> for Failure {
    fn from(e: flux_primitives::Error) -> Self {
        Failure::library(e.kind(), e)
    }
}

impl From<flux_consensus::Error> for Failure {
    fn from(e: flux_consensus::Error) -> Self {
        Failure::library(e.kind(), e)
    }
}

impl From<flux_tx::Error> for Failure {
    fn from(e: flux_tx::Error) -> Self {
        Failure::library(e.kind(), e)
    }
}

impl From<flux_zelid::Error> for Failure {
    fn from(e: flux_zelid::Error) -> Self {
        Failure::library(e.kind(), e)
    }
}

/// A node's or the client's failure, with its RPC code or HTTP status as `code` (as `flux os`
/// and `flux app register` print it).
impl From<flux_client::Error> for Failure {
    fn from(e: flux_client::Error) -> Self {
        Failure {
            code: e.code(),
            ..Failure::library(e.kind(), &e)
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
