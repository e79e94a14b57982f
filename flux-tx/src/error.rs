//! The one error type of this crate.

use thiserror::Error;

/// Everything that can go wrong in `flux-tx`: malformed transaction bytes, impossible
/// signature-hash requests, bad keys or signatures, and build specifications that are
/// missing or contradicting fields.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// A lower-level decoding error (truncation, bad `CompactSize`, trailing bytes...).
    #[error(transparent)]
    Primitives(#[from] flux_primitives::Error),
    /// An overwintered transaction whose version is neither 3 nor 4 (fluxd: "Unknown
    /// transaction format").
    #[error("unknown overwintered transaction version {version} at offset {offset}")]
    UnknownVersion {
        /// The 31-bit version read from the header word.
        version: u32,
        /// Offset of the header word.
        offset: usize,
    },
    /// An overwintered transaction whose version group id does not match its version.
    #[error("unknown version group id {group_id:#010x} for version {version} at offset {offset}")]
    UnknownVersionGroupId {
        /// The version group id read.
        group_id: u32,
        /// The transaction version it came with.
        version: u32,
        /// Offset of the version group id.
        offset: usize,
    },
    /// A fluxnode transaction whose `nType` is neither START (2) nor CONFIRM (4).
    #[error("unknown fluxnode transaction type {n_type} at offset {offset} (expected 2 START or 4 CONFIRM)")]
    UnknownFluxnodeType {
        /// The `nType` byte read.
        n_type: i8,
        /// Its offset.
        offset: usize,
    },
    /// A Sprout (PHGR13) proof point whose lead byte fluxd refuses to deserialize.
    #[error("lead byte {byte:#04x} of a Sprout proof point at offset {offset} not recognized")]
    BadProofPoint {
        /// The lead byte found.
        byte: u8,
        /// Its offset.
        offset: usize,
    },
    /// A signature hash was requested for an input the transaction does not have.
    #[error("input index {index} out of range: the transaction has {inputs} inputs")]
    InputOutOfRange {
        /// The index asked for.
        index: usize,
        /// How many inputs there are.
        inputs: usize,
    },
    /// SIGHASH_SINGLE on an input without a matching output: fluxd cannot compute the hash
    /// and the signature check fails (Zcash removed Bitcoin's "hash = 1" behaviour).
    #[error("SIGHASH_SINGLE for input {index} but the transaction has only {outputs} outputs")]
    SingleWithoutOutput {
        /// The input index.
        index: usize,
        /// How many outputs there are.
        outputs: usize,
    },
    /// A signature hash type that is neither a name (`ALL`, `NONE`, `SINGLE`, optionally
    /// `|ANYONECANPAY`) nor a number.
    #[error("unknown signature hash type {text:?} (expected ALL, NONE or SINGLE, optionally |ANYONECANPAY, or a number)")]
    UnknownSighashType {
        /// The text given.
        text: String,
    },
    /// An outpoint that is not `txid:vout`.
    #[error("invalid outpoint {text:?} (expected <64 hex digits txid>:<output index>)")]
    InvalidOutPoint {
        /// The text given.
        text: String,
    },
    /// A fluxnode transaction version that is neither 5 nor 6.
    #[error("unknown fluxnode transaction version {text:?} (expected 5 or 6)")]
    UnknownFluxnodeVersion {
        /// The text given.
        text: String,
    },
    /// The operation needs a transparent (v1..v4) transaction but got a fluxnode one, or the
    /// reverse.
    #[error("wrong transaction kind: {0}")]
    WrongKind(&'static str),
    /// A private key, public key or signature could not be used.
    #[error("invalid {what}: {reason}")]
    Crypto {
        /// What was being parsed or used.
        what: &'static str,
        /// Why it failed.
        reason: String,
    },
    /// The transaction builder was given something it cannot build or sign (see
    /// [`crate::builder::BuildError`]).
    #[error(transparent)]
    Build(#[from] crate::builder::BuildError),
    /// A build or signing request is missing a field, has an invalid one, or has fields that
    /// contradict each other.
    #[error("invalid field `{field}`: {reason}")]
    Spec {
        /// Name of the offending field (as spelled in the JSON specification).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    /// A stable, snake_case code for the variant (for programs and for the CLI's
    /// `{"error": {"kind": ...}}`); a lower-level error keeps its own code.
    ///
    /// ```
    /// let e = "nope".parse::<flux_tx::OutPoint>().unwrap_err();
    /// assert_eq!(e.kind(), "invalid_outpoint");
    /// let e = flux_tx::Transaction::from_bytes(&[]).unwrap_err();
    /// assert_eq!(e.kind(), "unexpected_eof");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Primitives(e) => e.kind(),
            Error::UnknownVersion { .. } => "unknown_version",
            Error::UnknownVersionGroupId { .. } => "unknown_version_group_id",
            Error::UnknownFluxnodeType { .. } => "unknown_fluxnode_type",
            Error::BadProofPoint { .. } => "bad_proof_point",
            Error::InputOutOfRange { .. } => "input_out_of_range",
            Error::SingleWithoutOutput { .. } => "single_without_output",
            Error::UnknownSighashType { .. } => "unknown_sighash_type",
            Error::InvalidOutPoint { .. } => "invalid_outpoint",
            Error::UnknownFluxnodeVersion { .. } => "unknown_fluxnode_version",
            Error::WrongKind(_) => "wrong_kind",
            Error::Crypto { .. } => "crypto",
            Error::Build(e) => e.kind(),
            Error::Spec { .. } => "invalid_spec",
        }
    }

    /// Shorthand for [`Error::Spec`].
    pub fn spec(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Spec {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Crypto`].
    pub fn crypto(what: &'static str, reason: impl ToString) -> Self {
        Error::Crypto {
            what,
            reason: reason.to_string(),
        }
    }
}
