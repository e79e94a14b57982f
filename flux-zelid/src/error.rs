//! The one error type of this crate.

use thiserror::Error;

use crate::header::HeaderForm;

/// Everything that can go wrong in `flux-zelid`. Each variant says which input was wrong and
/// how; none of them is ever turned into a successful login.
///
/// [`Error::kind`] gives a stable code per variant, and [`Error::is_verdict`] separates
/// "checked, and it does not hold" from "the input was unusable", so that every front end
/// (the `flux` tool, flux-wasm, a backend) draws that line in the same place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    // ---- signatures ----------------------------------------------------------------------
    /// A message signature (compact or Ethereum) that cannot be parsed or does not verify:
    /// flux-primitives' signature errors, whole.
    #[error(transparent)]
    Signature(#[from] flux_primitives::message::Error),
    /// A Bitcoin-style signature was checked against an Ethereum address or the reverse.
    #[error("{scheme} signature cannot be checked against {address}")]
    SchemeMismatch {
        /// The scheme of the signature given.
        scheme: Scheme,
        /// The address.
        address: String,
    },

    // ---- signers -------------------------------------------------------------------------
    /// A signer (ZelID, Flux address or public key) that cannot be parsed.
    #[error("invalid signer {text:?}: {source}")]
    Signer {
        /// The signer as given.
        text: String,
        /// Why flux-primitives refused it.
        source: flux_primitives::Error,
    },
    /// An Ethereum address that cannot be parsed.
    #[error("invalid Ethereum address {address:?}: {problem}")]
    EthAddress {
        /// The address as given.
        address: String,
        /// Why.
        problem: EthAddressProblem,
    },

    // ---- login phrases, sessions and zelidauth ------------------------------------------------
    /// A login phrase that does not have FluxOS's form.
    #[error("login phrase is not valid: {0}")]
    PhraseFormat(PhraseProblem),
    /// The phrase is older than the window allows.
    #[error("login phrase from {phrase_ms} ms is too old at {now_ms} ms (window {window_ms} ms)")]
    PhraseExpired {
        /// Timestamp in the phrase.
        phrase_ms: u64,
        /// The time of the check.
        now_ms: u64,
        /// The window that applied.
        window_ms: u64,
    },
    /// The phrase's timestamp is later than the time of the check.
    #[error("login phrase from {phrase_ms} ms is in the future at {now_ms} ms")]
    PhraseFromFuture {
        /// Timestamp in the phrase.
        phrase_ms: u64,
        /// The time of the check.
        now_ms: u64,
    },
    /// The phrase was not issued by this verifier, has expired from its store, or was used.
    #[error("login phrase was not issued here or was already used")]
    PhraseUnknown,
    /// A ZelID that FluxOS does not accept for login (`1…` base58 or `0x…` hex only).
    #[error("ZelID {zelid:?} is not valid: {problem}")]
    ZelId {
        /// The ZelID as given.
        zelid: String,
        /// Why.
        problem: ZelIdProblem,
    },
    /// A zelidauth header that cannot be parsed.
    #[error("zelidauth header is not valid: {0}")]
    Header(HeaderProblem),
    /// A zelidauth header longer than [`crate::header::MAX_HEADER_LEN`] as given
    /// (`form: None`), or whose fields would be longer than that when written in `form`.
    #[error("zelidauth header is {len} bytes{}, at most {max}", form.map(|f| format!(" as {f}")).unwrap_or_default())]
    HeaderTooLong {
        /// `None`: the header as given; `Some(form)`: the header re-emitted in that form.
        form: Option<HeaderForm>,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A required field is missing.
    #[error("field {field} is missing")]
    MissingField {
        /// Its name.
        field: &'static str,
    },
    /// No session exists for this ZelID and phrase (logged out, expired or never logged in).
    #[error("no session for this ZelID and login phrase")]
    NoSession,
    /// The ZelID is authenticated but does not hold the privilege asked for.
    #[error("ZelID {zelid} does not have privilege {level}")]
    NotPrivileged {
        /// The ZelID.
        zelid: String,
        /// FluxOS's name of the privilege level asked for.
        level: &'static str,
    },

    // ---- from flux-primitives ------------------------------------------------------------
    /// Any other flux-primitives error (keys, addresses).
    #[error(transparent)]
    Primitives(flux_primitives::Error),
}

impl From<flux_primitives::Error> for Error {
    /// Signature errors become [`Error::Signature`] (by variant, so compact and Ethereum
    /// signatures fail the same way), everything else [`Error::Primitives`].
    fn from(e: flux_primitives::Error) -> Self {
        match e {
            flux_primitives::Error::Message(m) => Error::Signature(m),
            other => Error::Primitives(other),
        }
    }
}

impl Error {
    /// A stable snake_case code for the variant (signature errors pass flux-primitives'
    /// codes through, so `wrong_signer` means the same in both crates).
    ///
    /// ```
    /// use flux_zelid::{verify_message, Magic};
    ///
    /// let err = verify_message(Magic::Bitcoin, b"hi", "AAAA", "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W")
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), "signature_length");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Signature(e) => e.kind(),
            Error::SchemeMismatch { .. } => "scheme_mismatch",
            Error::Signer { .. } => "invalid_signer",
            Error::EthAddress { .. } => "invalid_eth_address",
            Error::PhraseFormat(_) => "invalid_login_phrase",
            Error::PhraseExpired { .. } => "phrase_expired",
            Error::PhraseFromFuture { .. } => "phrase_from_future",
            Error::PhraseUnknown => "phrase_unknown",
            Error::ZelId { .. } => "invalid_zelid",
            Error::Header(_) => "invalid_header",
            Error::HeaderTooLong { .. } => "header_too_long",
            Error::MissingField { .. } => "missing_field",
            Error::NoSession => "no_session",
            Error::NotPrivileged { .. } => "not_privileged",
            Error::Primitives(e) => e.kind(),
        }
    }

    /// True when the error means "checked, and it does not hold" (a signature by another
    /// key or none at all, a phrase outside its window, a privilege not held) rather than
    /// "the input was unusable". A login phrase that is not known or has no session is a
    /// verdict too: the credentials were read and refused.
    ///
    /// ```
    /// use flux_zelid::Error;
    ///
    /// assert!(Error::PhraseExpired { phrase_ms: 0, now_ms: 2, window_ms: 1 }.is_verdict());
    /// assert!(!Error::MissingField { field: "signature" }.is_verdict());
    /// ```
    pub fn is_verdict(&self) -> bool {
        match self {
            Error::Signature(e) => e.is_verdict(),
            Error::PhraseExpired { .. }
            | Error::PhraseFromFuture { .. }
            | Error::PhraseUnknown
            | Error::NoSession
            | Error::NotPrivileged { .. } => true,
            _ => false,
        }
    }
}

/// A signature scheme, in [`Error::SchemeMismatch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// 65-byte compact recoverable signatures (Bitcoin/Zelcash message magic).
    Compact,
    /// Ethereum `personal_sign`.
    Ethereum,
}

impl std::fmt::Display for Scheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scheme::Compact => "compact",
            Scheme::Ethereum => "ethereum",
        })
    }
}

/// Why an Ethereum address was refused, in [`Error::EthAddress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EthAddressProblem {
    /// It does not start with `0x`.
    NoPrefix,
    /// Not exactly 40 hex characters after `0x`.
    NotFortyHex,
    /// Mixed case with a wrong EIP-55 checksum.
    Checksum,
}

impl std::fmt::Display for EthAddressProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EthAddressProblem::NoPrefix => "does not start with 0x",
            EthAddressProblem::NotFortyHex => "needs exactly 40 hex characters after 0x",
            EthAddressProblem::Checksum => "mixed-case address with a wrong EIP-55 checksum",
        })
    }
}

/// Why a login phrase was refused, in [`Error::PhraseFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhraseProblem {
    /// Shorter than FluxOS accepts at login.
    TooShort {
        /// Its length in bytes.
        len: usize,
        /// The minimum.
        min: usize,
    },
    /// Longer than FluxOS accepts without a login.
    TooLongWithoutLogin {
        /// Its length in bytes.
        len: usize,
        /// The maximum.
        max: usize,
    },
    /// It does not start with a 13-digit millisecond timestamp.
    NoTimestamp,
}

impl std::fmt::Display for PhraseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhraseProblem::TooShort { len, min } => {
                write!(f, "{len} characters, at least {min} needed")
            }
            PhraseProblem::TooLongWithoutLogin { len, max } => {
                write!(f, "{len} characters, at most {max} without a login")
            }
            PhraseProblem::NoTimestamp => {
                f.write_str("does not start with a 13-digit millisecond timestamp")
            }
        }
    }
}

/// Why a ZelID was refused, in [`Error::ZelId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ZelIdProblem {
    /// Neither `1…` nor `0x…`.
    Prefix,
    /// A `1…` ZelID must have 25 to 34 characters.
    Length,
    /// A `1…` ZelID with a character outside base58.
    NotBase58,
    /// An `0x…` ZelID must have exactly 40 hex characters.
    NotFortyHex,
}

impl std::fmt::Display for ZelIdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ZelIdProblem::Prefix => "a ZelID starts with 1 or 0x",
            ZelIdProblem::Length => "a 1… ZelID has 25 to 34 characters",
            ZelIdProblem::NotBase58 => "not base58",
            ZelIdProblem::NotFortyHex => "an 0x ZelID has 40 hex characters",
        })
    }
}

/// Why a zelidauth header could not be read, in [`Error::Header`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// It starts with `{` but is not JSON (line and column of serde_json's complaint).
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not an object.
    NotAnObject,
    /// A field that is not a string.
    NotAString {
        /// The field.
        field: &'static str,
    },
    /// A field given twice in the URL-encoded form.
    Duplicate {
        /// The field.
        field: &'static str,
    },
    /// A `%` escape cut short at this byte offset.
    TruncatedEscape {
        /// Offset of the `%`.
        offset: usize,
    },
    /// A `%` escape whose two characters are not hex, at this byte offset.
    BadEscape {
        /// Offset of the `%`.
        offset: usize,
    },
    /// The decoded bytes are not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderProblem::NotJson { line, column } => {
                write!(f, "not JSON (line {line}, column {column})")
            }
            HeaderProblem::NotAnObject => f.write_str("JSON is not an object"),
            HeaderProblem::NotAString { field } => write!(f, "field {field} is not a string"),
            HeaderProblem::Duplicate { field } => write!(f, "field {field} appears twice"),
            HeaderProblem::TruncatedEscape { offset } => {
                write!(f, "truncated %-escape at offset {offset}")
            }
            HeaderProblem::BadEscape { offset } => write!(f, "bad %-escape at offset {offset}"),
            HeaderProblem::NotUtf8 => f.write_str("not UTF-8 after decoding"),
        }
    }
}
