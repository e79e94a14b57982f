//! Errors of the app model.
//!
//! (The crate-wide error of `flux-client` belongs to the RPC side; the app model keeps its own
//! enum so that the two can grow in parallel. Each variant has a stable [`AppError::kind`].)

use super::js_json::ParseError;

/// What went wrong formatting, validating or pricing an app specification.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// FluxOS's formatter refuses the spec; `message` is FluxOS's own (`error.message`).
    #[error("{message}")]
    InvalidSpec {
        /// FluxOS's message, e.g. `Missing Flux App specification parameter version`.
        message: String,
    },
    /// The input is not JSON.
    #[error("{0}")]
    Json(ParseError),
    /// JSON that JavaScript would read but this implementation declines (too deep, lone
    /// surrogate): no verdict is given rather than a wrong one.
    #[error("{0}")]
    Unsupported(ParseError),
    /// A formatted spec that has no typed form ([`crate::app::spec::AppSpec::from_js`]).
    #[error("spec does not fit the typed form: {message}")]
    Shape {
        /// serde's explanation.
        message: String,
    },
    /// An app message that cannot be built (spec not an object, unknown type).
    #[error("app message: {message}")]
    Message {
        /// What is wrong.
        message: String,
    },
    /// A signature that does not verify (or cannot be read); flux-zelid's error.
    #[error("{0}")]
    Signature(flux_zelid::Error),
    /// An app payment that cannot be built (see [`crate::app::payment::PaymentError`]).
    #[error("{0}")]
    Payment(crate::app::payment::PaymentError),
    /// Pricing is impossible: no price epoch applies at the height, or the epochs are bad.
    #[error("price: {message}")]
    Price {
        /// What is missing.
        message: String,
    },
}

impl AppError {
    /// Stable machine-readable code: `invalid_spec`, `invalid_json`, `unsupported_json`,
    /// `spec_shape`, `price`, `invalid_app_message`, flux-zelid's code for a signature, or the
    /// payment's code ([`crate::app::payment::PaymentError::kind`]).
    ///
    /// ```
    /// use flux_client::app::error::AppError;
    /// let e = AppError::InvalidSpec { message: "Missing Flux App specification parameter version".into() };
    /// assert_eq!(e.kind(), "invalid_spec");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::InvalidSpec { .. } => "invalid_spec",
            AppError::Json(_) => "invalid_json",
            AppError::Unsupported(_) => "unsupported_json",
            AppError::Shape { .. } => "spec_shape",
            AppError::Price { .. } => "price",
            AppError::Message { .. } => "invalid_app_message",
            AppError::Signature(e) => e.kind(),
            AppError::Payment(e) => e.kind(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        AppError::InvalidSpec {
            message: message.into(),
        }
    }
}

impl From<ParseError> for AppError {
    fn from(e: ParseError) -> Self {
        if e.is_limit() {
            AppError::Unsupported(e)
        } else {
            AppError::Json(e)
        }
    }
}
