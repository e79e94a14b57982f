//! The crate's one error type.

use std::time::Duration;

/// The most of an HTTP error body kept in [`Error::Http`] (the rest is cut: a hostile node
/// must not make an error message arbitrarily large).
pub const HTTP_BODY_KEPT: usize = 1024;

/// Everything that can go wrong talking to fluxd, as one enum a program can match.
///
/// Every variant that concerns a call names its method. [`Error::kind`] is a stable
/// snake_case code (`flux rpc` prints it), [`Error::code`] fluxd's RPC code or the HTTP
/// status.
///
/// ```
/// use flux_client::rpc::codes;
/// use flux_client::Error;
///
/// let e = Error::Rpc { method: "getblock".into(), code: codes::INVALID_ADDRESS_OR_KEY,
///                      message: "Block not found".into() };
/// assert_eq!(e.kind(), "rpc");
/// assert_eq!(e.code(), Some(-5));
/// assert!(e.is_not_found());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection failed, or broke while the request or response was on the wire.
    #[error("{method}: cannot talk to the node: {message}")]
    Transport {
        /// The RPC method.
        method: String,
        /// What the HTTP stack said.
        message: String,
        /// True when the connection was never established, so the request was not sent
        /// (on wasm32, where fetch() does not tell a refused connection from a reset:
        /// when fetch() failed before any response; see the crate's transport notes).
        before_send: bool,
    },
    /// No complete answer within the timeout.
    #[error("{method}: no complete answer within {} ms", timeout.as_millis())]
    Timeout {
        /// The RPC method.
        method: String,
        /// The timeout that expired.
        timeout: Duration,
    },
    /// An HTTP status without a JSON-RPC answer in the body (plain-text 500 "Work queue
    /// depth exceeded", 503 during shutdown, 403, a proxy's HTML page...).
    #[error("{method}: HTTP {status}: {body}")]
    Http {
        /// The RPC method.
        method: String,
        /// The HTTP status code.
        status: u16,
        /// The start of the body as text (at most [`HTTP_BODY_KEPT`] bytes).
        body: String,
    },
    /// The node refused the credentials (HTTP 401), or they could not be read.
    #[error("{method}: authentication failed: {message}")]
    Auth {
        /// The RPC method.
        method: String,
        /// Why.
        message: String,
    },
    /// fluxd answered with a JSON-RPC error (codes in [`crate::rpc::codes`]).
    #[error("{method}: fluxd error {code}: {message}")]
    Rpc {
        /// The RPC method.
        method: String,
        /// fluxd's error code (`RPCErrorCode`).
        code: i64,
        /// fluxd's message.
        message: String,
    },
    /// The answer is not what the method returns (not JSON, a missing field, a bad amount,
    /// bytes that do not decode as a block...).
    #[error("{method}: cannot decode the answer: {message}")]
    Decode {
        /// The RPC method.
        method: String,
        /// What did not fit.
        message: String,
    },
    /// The response body passed the configured cap; reading stopped there.
    #[error("{method}: response larger than {limit} bytes")]
    TooLarge {
        /// The RPC method.
        method: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// FluxOS answered with its error envelope `{"status":"error","data":{code?,name?,message}}`
    /// (usually with HTTP 200). `method` is the route (`/apps/appregister`).
    /// [`Error::try_another_node`] says whether another node may do better.
    #[error("{method}: FluxOS error: {message}")]
    FluxOs {
        /// The route.
        method: String,
        /// FluxOS's `data.code` as text (a number such as `401`, or a string), if any.
        code: Option<String>,
        /// FluxOS's `data.name` (`Error`, `Unauthorized`, `DOS`, `CONNERROR`...), if any.
        name: Option<String>,
        /// FluxOS's `data.message` (`Unknown error` when it sent none).
        message: String,
    },
    /// Input refused before anything was sent (a transaction that does not decode, a bad
    /// URL, an unreadable or malformed `flux.conf`).
    #[error("{what}: {message}")]
    InvalidInput {
        /// What was refused.
        what: String,
        /// Why.
        message: String,
    },
}

impl Error {
    /// A stable snake_case code for the variant: `transport`, `timeout`, `http`, `auth`,
    /// `rpc`, `decode`, `too_large`, `fluxos` or `invalid_input`.
    ///
    /// ```
    /// let e = flux_client::Error::TooLarge { method: "getblock".into(), limit: 10 };
    /// assert_eq!(e.kind(), "too_large");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Transport { .. } => "transport",
            Error::Timeout { .. } => "timeout",
            Error::Http { .. } => "http",
            Error::Auth { .. } => "auth",
            Error::Rpc { .. } => "rpc",
            Error::Decode { .. } => "decode",
            Error::TooLarge { .. } => "too_large",
            Error::FluxOs { .. } => "fluxos",
            Error::InvalidInput { .. } => "invalid_input",
        }
    }

    /// fluxd's RPC code for [`Error::Rpc`], the HTTP status for [`Error::Http`].
    ///
    /// ```
    /// let e = flux_client::Error::Http { method: "getinfo".into(), status: 503, body: String::new() };
    /// assert_eq!(e.code(), Some(503));
    /// ```
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::Rpc { code, .. } => Some(*code),
            Error::Http { status, .. } => Some(i64::from(*status)),
            _ => None,
        }
    }

    /// The method the error concerns (`None` for [`Error::InvalidInput`]).
    ///
    /// ```
    /// let e = flux_client::Error::TooLarge { method: "getblock".into(), limit: 10 };
    /// assert_eq!(e.method(), Some("getblock"));
    /// ```
    pub fn method(&self) -> Option<&str> {
        match self {
            Error::Transport { method, .. }
            | Error::Timeout { method, .. }
            | Error::Http { method, .. }
            | Error::Auth { method, .. }
            | Error::Rpc { method, .. }
            | Error::Decode { method, .. }
            | Error::TooLarge { method, .. }
            | Error::FluxOs { method, .. } => Some(method),
            Error::InvalidInput { .. } => None,
        }
    }

    /// True for fluxd's "not found" answers (RPC −5: unknown block, transaction or address).
    ///
    /// ```
    /// let e = flux_client::Error::Rpc { method: "getrawtransaction".into(), code: -5,
    ///     message: "No information available about transaction".into() };
    /// assert!(e.is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        self.rpc_code() == Some(crate::rpc::codes::INVALID_ADDRESS_OR_KEY)
    }

    /// fluxd's RPC code, only for [`Error::Rpc`].
    ///
    /// ```
    /// let e = flux_client::Error::Rpc { method: "x".into(), code: -28, message: "Loading".into() };
    /// assert_eq!(e.rpc_code(), Some(flux_client::rpc::codes::IN_WARMUP));
    /// ```
    pub fn rpc_code(&self) -> Option<i64> {
        match self {
            Error::Rpc { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// True when the node did not process the request and asking again later is safe for
    /// every method, `sendrawtransaction` included: HTTP 503 (shutting down), a plain-text
    /// "Work queue depth exceeded", RPC −28 (warming up), or a connection that was never
    /// established.
    ///
    /// ```
    /// let e = flux_client::Error::Http { method: "getinfo".into(), status: 500,
    ///     body: "Work queue depth exceeded".into() };
    /// assert!(e.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Http { status: 503, .. } => true,
            Error::Http { status, body, .. } => {
                *status == 500 && body.contains("Work queue depth exceeded")
            }
            Error::Rpc { code, .. } => *code == crate::rpc::codes::IN_WARMUP,
            Error::Transport { before_send, .. } => *before_send,
            _ => false,
        }
    }

    /// A decode error for `method`.
    pub(crate) fn decode(method: &str, message: impl std::fmt::Display) -> Error {
        Error::Decode {
            method: method.to_owned(),
            message: message.to_string(),
        }
    }

    /// Refused input.
    pub(crate) fn input(what: &str, message: impl std::fmt::Display) -> Error {
        Error::InvalidInput {
            what: what.to_owned(),
            message: message.to_string(),
        }
    }
}

/// Cuts `body` to at most [`HTTP_BODY_KEPT`] bytes of (lossy) text, on a char boundary.
pub(crate) fn capped_text(body: &[u8]) -> String {
    let cut = body.get(..HTTP_BODY_KEPT).unwrap_or(body);
    let mut s = String::from_utf8_lossy(cut).into_owned();
    if body.len() > HTTP_BODY_KEPT {
        s.push('…');
    }
    s.trim().to_owned()
}
