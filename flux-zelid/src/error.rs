//! The one error type of this crate.

use thiserror::Error;

/// Everything that can go wrong in `flux-zelid`. Each variant says which input was wrong and
/// how; none of them is ever turned into a successful login.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    // ---- signature encoding ----------------------------------------------------------------
    /// The signature text is not base64 (or `0x` hex for Ethereum signatures).
    #[error("signature is not valid {encoding}: {reason}")]
    SignatureEncoding {
        /// `base64` or `hex`.
        encoding: &'static str,
        /// What the decoder said.
        reason: String,
    },
    /// A compact signature must be exactly 65 bytes.
    #[error("signature has {len} bytes, a compact signature has 65")]
    SignatureLength {
        /// Bytes found.
        len: usize,
    },
    /// The header byte (first byte) of a compact signature is outside the accepted range.
    #[error("signature header byte {byte} is outside {allowed}")]
    SignatureHeader {
        /// The header byte found.
        byte: u8,
        /// The range the header rule accepts.
        allowed: &'static str,
    },
    /// r or s is zero or not below the curve order, or no public key can be recovered.
    #[error("signature does not recover a public key: {reason}")]
    Unrecoverable {
        /// What secp256k1 said.
        reason: String,
    },
    /// The signature is well formed, but was made by another key.
    #[error("signature was made by {recovered}, not by {expected}")]
    WrongSigner {
        /// The signer the caller expected (address or key, as given).
        expected: String,
        /// The address (or key) the signature recovers to.
        recovered: String,
    },
    /// The signature recovers the expected key, but its header says the other serialization
    /// (compressed vs uncompressed), so it hashes to a different address.
    #[error("signature header says {header} key but {expected} is the {other} key's address")]
    CompressionMismatch {
        /// The signer the caller expected.
        expected: String,
        /// `compressed` or `uncompressed`, from the header byte.
        header: &'static str,
        /// The other form.
        other: &'static str,
    },

    // ---- keys and signers -------------------------------------------------------------------
    /// A private key (WIF or hex) that cannot be used.
    #[error("invalid private key: {reason}")]
    PrivateKey {
        /// Why.
        reason: String,
    },
    /// A public key that is not a valid secp256k1 point in SEC1 form.
    #[error("invalid public key: {reason}")]
    PublicKey {
        /// Why.
        reason: String,
    },
    /// An address (ZelID, Flux t-address or Ethereum address) that cannot be parsed.
    #[error("invalid address {address:?}: {reason}")]
    Address {
        /// The address as given.
        address: String,
        /// Why.
        reason: String,
    },
    /// An address that exists but can never sign a message (P2SH `t3…`/`t2…`).
    #[error("address {address} is not a key address and cannot sign messages")]
    NotAKeyAddress {
        /// The address.
        address: String,
    },
    /// A Bitcoin-style signature was checked against an Ethereum address or the reverse.
    #[error("{signature_kind} signature cannot be checked against {address}")]
    SchemeMismatch {
        /// `compact` or `ethereum`.
        signature_kind: &'static str,
        /// The address.
        address: String,
    },

    // ---- login phrases, sessions and zelidauth ------------------------------------------------
    /// A login phrase that does not have FluxOS's form.
    #[error("login phrase is not valid: {reason}")]
    PhraseFormat {
        /// Why.
        reason: String,
    },
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
    #[error("ZelID {zelid:?} is not valid: {reason}")]
    ZelId {
        /// The ZelID as given.
        zelid: String,
        /// Why.
        reason: String,
    },
    /// A zelidauth header that cannot be parsed.
    #[error("zelidauth header is not valid: {reason}")]
    Header {
        /// Why.
        reason: String,
    },
    /// A zelidauth header longer than [`crate::header::MAX_HEADER_LEN`] as given
    /// (`form: None`), or whose fields would be longer than that when written in `form`.
    #[error("zelidauth header is {len} bytes{}, at most {max}", form.map(|f| format!(" as {f}")).unwrap_or_default())]
    HeaderTooLong {
        /// `None`: the header as given; `Some(form)`: the header re-emitted in that form.
        form: Option<crate::header::HeaderForm>,
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
        /// The privilege level asked for.
        level: String,
    },

    // ---- app messages and JSON ---------------------------------------------------------------
    /// An app message that cannot be built or checked.
    #[error("app message is not valid: {reason}")]
    AppMessage {
        /// Why.
        reason: String,
    },
    /// A value JSON.stringify would not write the way FluxOS reads it.
    #[error("JSON value is not valid: {reason}")]
    Json {
        /// Why.
        reason: String,
    },

    // ---- from flux-primitives ------------------------------------------------------------
    /// Any other flux-primitives error (the message-signature ones map onto the variants
    /// above, so compact and Ethereum signatures fail the same way).
    #[error(transparent)]
    Primitives(flux_primitives::Error),
}

impl From<flux_primitives::Error> for Error {
    fn from(e: flux_primitives::Error) -> Self {
        use flux_primitives::Error as P;
        match e {
            P::InvalidBase64 { reason, .. } => Error::SignatureEncoding {
                encoding: "base64",
                reason,
            },
            P::InvalidLength {
                what: "message signature",
                actual,
                ..
            } => Error::SignatureLength { len: actual },
            P::SignatureHeader { byte, allowed } => Error::SignatureHeader { byte, allowed },
            P::SignatureUnrecoverable { reason } => Error::Unrecoverable { reason },
            P::WrongSigner {
                expected,
                recovered,
            } => Error::WrongSigner {
                expected,
                recovered,
            },
            P::CompressionMismatch {
                expected,
                header,
                other,
            } => Error::CompressionMismatch {
                expected,
                header,
                other,
            },
            P::NotAKeyAddress { address, .. } => Error::NotAKeyAddress { address },
            other => Error::Primitives(other),
        }
    }
}
