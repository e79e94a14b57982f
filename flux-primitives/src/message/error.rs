//! Why a message signature could not be parsed or did not verify.

use thiserror::Error;

use crate::address::AddressKind;

/// A message signature that cannot be parsed, or that was checked and does not hold.
///
/// One small enum for every signature scheme built on this module (compact signatures here,
/// Ethereum `personal_sign` in flux-zelid), so that callers draw the line between "bad
/// input" and "checked, not valid" in one place: [`Error::is_verdict`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// The signature text is not base64.
    #[error("signature is not valid base64: {0}")]
    Base64(base64::DecodeError),
    /// The signature text is not hex (Ethereum signatures are `0x` + 130 hex characters).
    #[error("signature is not valid hex")]
    Hex,
    /// A signature must be exactly 65 bytes.
    #[error("signature has {len} bytes, a compact signature has 65")]
    Length {
        /// Bytes found.
        len: usize,
    },
    /// The header byte (the first byte, or `v` for Ethereum) is outside the accepted range.
    #[error("signature header byte {byte} is outside {allowed}")]
    Header {
        /// The byte found.
        byte: u8,
        /// The range the rule accepts.
        allowed: &'static str,
    },
    /// r or s is zero or not below the curve order, or no public key has this signature.
    #[error("signature does not recover a public key: {0}")]
    Unrecoverable(secp256k1::Error),
    /// The signature is well formed, but was made by another key.
    #[error("signature was made by {recovered}, not by {expected}")]
    WrongSigner {
        /// The signer expected (address or hex key, as given).
        expected: String,
        /// The signer recovered, written the same way.
        recovered: String,
    },
    /// The signature recovers the expected key, but its header declares the other
    /// serialization (compressed vs uncompressed), whose key id differs.
    #[error("signature header says {header} key but {expected} is the {other} key's address")]
    CompressionMismatch {
        /// The signer expected.
        expected: String,
        /// `compressed` or `uncompressed`, from the header byte.
        header: &'static str,
        /// The other form.
        other: &'static str,
    },
    /// The address does not commit to a key (fluxd: "Address does not refer to key"), so
    /// it cannot sign messages.
    #[error("address {address} does not refer to a key ({kind}), so it cannot sign messages")]
    NotAKeyAddress {
        /// The address.
        address: String,
        /// Its kind.
        kind: AddressKind,
    },
}

impl Error {
    /// A stable snake_case code for the variant.
    ///
    /// ```
    /// use flux_primitives::message::{HeaderRule, MessageSignature};
    ///
    /// let err = MessageSignature::from_bytes(&[31; 64], HeaderRule::Strict).unwrap_err();
    /// assert_eq!(err.kind(), "signature_length");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Base64(_) => "signature_encoding",
            Error::Hex => "signature_encoding",
            Error::Length { .. } => "signature_length",
            Error::Header { .. } => "signature_header",
            Error::Unrecoverable(_) => "signature_unrecoverable",
            Error::WrongSigner { .. } => "wrong_signer",
            Error::CompressionMismatch { .. } => "compression_mismatch",
            Error::NotAKeyAddress { .. } => "not_a_key_address",
        }
    }

    /// True when the signature was checked and does not hold (a well-formed signature by
    /// another key, or one that recovers no key at all), false when the input itself was
    /// unusable. A verifier answers "not valid" for the first kind and "bad input" for the
    /// second.
    ///
    /// ```
    /// use flux_primitives::message::Error;
    ///
    /// assert!(Error::WrongSigner { expected: "1a".into(), recovered: "1b".into() }.is_verdict());
    /// assert!(!Error::Length { len: 64 }.is_verdict());
    /// ```
    pub fn is_verdict(&self) -> bool {
        matches!(
            self,
            Error::WrongSigner { .. } | Error::CompressionMismatch { .. } | Error::Unrecoverable(_)
        )
    }
}
