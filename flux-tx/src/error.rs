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
        /// Which part is wrong.
        #[source]
        problem: OutPointProblem,
    },
    /// A fluxnode transaction version that is neither 5 nor 6.
    #[error("unknown fluxnode transaction version {text:?} (expected 5 or 6)")]
    UnknownFluxnodeVersion {
        /// The text given.
        text: String,
    },
    /// The operation needs a transparent (v1..v4) transaction but got a fluxnode one, or the
    /// reverse.
    #[error("wrong transaction kind: not a {expected} transaction")]
    WrongKind {
        /// The kind the operation needs.
        expected: TxKind,
    },
    /// A message signature (a fluxnode START's or CONFIRM's) that cannot be parsed or does not
    /// recover a key.
    #[error("invalid message signature: {0}")]
    MessageSignature(#[source] flux_primitives::message::Error),
    /// A key of another network where a fluxnode START is built (a testnet WIF in a mainnet
    /// START, or the reverse).
    #[error("a {found} {role} key cannot sign a {expected} fluxnode START")]
    StartKeyNetwork {
        /// Which key.
        role: crate::fluxnode_sign::StartKeyRole,
        /// The START's network.
        expected: flux_primitives::Network,
        /// The key's network.
        found: flux_primitives::Network,
    },
    /// The transaction builder was given something it cannot build or sign (see
    /// [`crate::builder::BuildError`]).
    #[error(transparent)]
    Build(#[from] crate::builder::BuildError),
    /// A build or signing request is missing a field, has an invalid one, or has fields that
    /// contradict each other.
    #[error("invalid field `{field}`: {problem}")]
    Spec {
        /// The offending field's JSON path as spelled in the specification
        /// (`inputs[0].wif`, `delegates.public_keys`).
        field: String,
        /// What is wrong with it.
        problem: SpecProblem,
    },
}

/// Which part of a `txid:vout` text is wrong ([`Error::InvalidOutPoint`]).
///
/// ```
/// use flux_tx::error::OutPointProblem;
/// let e = "abc".parse::<flux_tx::OutPoint>().unwrap_err();
/// assert!(matches!(e, flux_tx::Error::InvalidOutPoint { problem: OutPointProblem::NoSeparator, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OutPointProblem {
    /// No `:` between txid and output index.
    #[error("no ':' between txid and output index")]
    NoSeparator,
    /// The txid is not 64 hex digits.
    #[error("bad txid: {0}")]
    Txid(#[source] flux_primitives::Error),
    /// The output index is not a number from 0 to 4294967295.
    #[error("the output index is not a number from 0 to 4294967295")]
    Vout,
}

/// The kinds of transaction an operation may need ([`Error::WrongKind`]).
///
/// ```
/// assert_eq!(flux_tx::error::TxKind::Fluxnode.to_string(), "fluxnode");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TxKind {
    /// A transparent (v1..v4) transaction.
    Transparent,
    /// A fluxnode (v5/v6 START or CONFIRM) transaction.
    Fluxnode,
}

impl std::fmt::Display for TxKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TxKind::Transparent => "transparent (v1..v4)",
            TxKind::Fluxnode => "fluxnode",
        })
    }
}

/// What is wrong with a field of a JSON specification ([`Error::Spec`]). Fields that name
/// another field hold its JSON name.
///
/// ```
/// use flux_tx::error::SpecProblem;
/// assert_eq!(SpecProblem::Required.to_string(), "is required");
/// assert_eq!(SpecProblem::IntegerRange { max: 7 }.to_string(), "must be an integer from 0 to 7");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SpecProblem {
    /// The specification (or a nested part) is not a JSON object.
    #[error("must be a JSON object")]
    NotObject,
    /// A required field is missing (or null).
    #[error("is required")]
    Required,
    /// Not a JSON string.
    #[error("must be a string")]
    NotString,
    /// Not a JSON array.
    #[error("must be an array")]
    NotArray,
    /// Not an integer from 0 to `max`.
    #[error("must be an integer from 0 to {max}")]
    IntegerRange {
        /// The largest value allowed.
        max: u64,
    },
    /// Not an amount in zatoshis within fluxd's `MoneyRange`.
    #[error("zatoshis within MoneyRange required")]
    NotAmount,
    /// Not hex.
    #[error("not hex: {0}")]
    NotHex(#[source] HexProblem),
    /// A field the specification does not have (a misspelling?).
    #[error("unknown field")]
    Unknown,
    /// A value flux-primitives refuses (a WIF, txid, network name, public key or address).
    #[error("{0}")]
    Primitives(#[source] flux_primitives::Error),
    /// A value the typed builder refuses (an address of another network, not transparent).
    #[error("{0}")]
    Build(#[source] crate::builder::BuildError),
    /// A version this builder does not write.
    #[error("must be {allowed}, got {got}")]
    Version {
        /// The version given.
        got: u64,
        /// The versions built, in words (`4`, `5 or 6`).
        allowed: &'static str,
    },
    /// A signature hash type other than ALL, NONE, SINGLE (optionally |ANYONECANPAY).
    #[error("{text:?} is not ALL, NONE, SINGLE (|ANYONECANPAY)")]
    NonStandardSighash {
        /// The text given.
        text: String,
    },
    /// A choice among names (`delegates.type`) that is none of them.
    #[error("must be {allowed}, got {got:?}")]
    NotOneOf {
        /// The text given.
        got: String,
        /// The names allowed, in words.
        allowed: &'static str,
    },
    /// Exactly one of several fields must be given (an output's `address`, `script`,
    /// `data`).
    #[error("give exactly one of {fields}")]
    ExactlyOneOf {
        /// The fields, in words.
        fields: &'static str,
    },
    /// The field cannot be given together with `other` (`instead`: what to give in its
    /// place, when there is something).
    #[error("contradicts {other}{}", instead.map(|f| format!(" (use {f})")).unwrap_or_default())]
    Contradicts {
        /// The other field.
        other: &'static str,
        /// The field to give instead, if any.
        instead: Option<&'static str>,
    },
    /// A required field, unless `alternative` is given.
    #[error("is required (or {alternative})")]
    RequiredOr {
        /// The fields that can replace it.
        alternative: &'static str,
    },
    /// The field is used only together with `other`.
    #[error("only with {other}")]
    OnlyWith {
        /// The other field (or value).
        other: &'static str,
    },
    /// The field is required when `other` is given.
    #[error("is required with {other}")]
    RequiredWith {
        /// The other field (or value).
        other: &'static str,
    },
    /// The field does not agree with `other` (a public key that is not the WIF's).
    #[error("does not match {other}")]
    Mismatch {
        /// The other field.
        other: &'static str,
    },
    /// What the field asks for needs a version 6 START (P2SH collateral, delegates).
    #[error("needs a version 6 START")]
    NeedsVersion6,
    /// A list with too few or too many entries.
    #[error("{min} to {max} entries, got {got}")]
    Count {
        /// Entries given.
        got: usize,
        /// The fewest allowed.
        min: usize,
        /// The most allowed.
        max: usize,
    },
    /// A list that must have one entry per input.
    #[error("{given} given for {expected} inputs")]
    PerInput {
        /// Entries given.
        given: usize,
        /// Inputs the transaction has.
        expected: usize,
    },
    /// Delegate data fluxd refuses: keys that are not valid compressed public keys, or a
    /// type other than update or signing.
    #[error("delegate keys must be valid compressed public keys, type update or signing")]
    InvalidDelegates,
    /// A script that must be a standard m-of-n multisig script is not one.
    #[error("not a standard multisig script")]
    NotMultisig,
    /// The signing key is not one of the redeem script's.
    #[error("the signing key is not in the redeem script")]
    KeyNotInRedeemScript,
}

/// Why a string is not hex (as the `hex` crate says it, as a type this crate owns).
///
/// ```
/// use flux_tx::error::HexProblem;
/// assert_eq!(HexProblem::OddLength.to_string(), "Odd number of digits");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HexProblem {
    /// A character that is not a hex digit.
    #[error("Invalid character {c:?} at position {index}")]
    InvalidCharacter {
        /// The character.
        c: char,
        /// Its index.
        index: usize,
    },
    /// An odd number of digits.
    #[error("Odd number of digits")]
    OddLength,
    /// A length the decoder did not expect.
    #[error("Invalid string length")]
    InvalidLength,
}

impl From<hex::FromHexError> for HexProblem {
    fn from(e: hex::FromHexError) -> Self {
        match e {
            hex::FromHexError::InvalidHexCharacter { c, index } => {
                HexProblem::InvalidCharacter { c, index }
            }
            hex::FromHexError::OddLength => HexProblem::OddLength,
            hex::FromHexError::InvalidStringLength => HexProblem::InvalidLength,
        }
    }
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
            Error::WrongKind { .. } => "wrong_kind",
            Error::MessageSignature(_) => "crypto",
            Error::StartKeyNetwork { .. } => "wrong_network",
            Error::Build(e) => e.kind(),
            Error::Spec { .. } => "invalid_spec",
        }
    }

    /// Shorthand for [`Error::Spec`].
    ///
    /// ```
    /// use flux_tx::error::SpecProblem;
    /// let e = flux_tx::Error::spec("inputs[0].vout", SpecProblem::Required);
    /// assert_eq!(e.to_string(), "invalid field `inputs[0].vout`: is required");
    /// assert_eq!(e.kind(), "invalid_spec");
    /// ```
    pub fn spec(field: impl Into<String>, problem: SpecProblem) -> Self {
        Error::Spec {
            field: field.into(),
            problem,
        }
    }
}
