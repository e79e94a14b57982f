//! The one error type of this crate.

use thiserror::Error;

use crate::subsidy::Tier;

/// Everything that can go wrong in `flux-consensus`. Each variant says what was wrong and,
/// for bytes, where; [`Error::kind`] gives a stable code per variant.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed bytes or strings, from the shared codec.
    #[error(transparent)]
    Primitives(#[from] flux_primitives::Error),
    /// A transaction inside a block that does not decode.
    #[error("transaction {index}: {source}")]
    Tx {
        /// Its position in the block (0 = coinbase).
        index: usize,
        /// What was wrong with it.
        source: flux_tx::Error,
    },
    /// An Equihash parameter set this verifier cannot handle.
    #[error("unsupported Equihash parameters ({n},{k}): {reason}")]
    EquihashParams {
        /// `n`.
        n: u32,
        /// `k`.
        k: u32,
        /// Why.
        reason: &'static str,
    },
    /// An Equihash solution of the wrong size for its parameter set.
    #[error("Equihash ({n},{k}) solution must be {expected} bytes, got {actual}")]
    EquihashSolutionLength {
        /// `n`.
        n: u32,
        /// `k`.
        k: u32,
        /// Required size.
        expected: usize,
        /// Size given.
        actual: usize,
    },
    /// An Equihash solution whose size matches no parameter set Flux uses.
    #[error("no Flux Equihash parameter set has {len}-byte solutions")]
    EquihashUnknownSolutionSize {
        /// The solution size.
        len: usize,
    },
    /// An Equihash input (108-byte header prefix) or nonce (32 bytes) of the wrong size.
    #[error("Equihash {what} must be {expected} bytes, got {actual}")]
    EquihashInputLength {
        /// `"input"` or `"nonce"`.
        what: &'static str,
        /// Required size.
        expected: usize,
        /// Size given.
        actual: usize,
    },
    /// A header of the other era where a PoW (or PoN) header is needed.
    #[error("a {expected} header is needed")]
    WrongHeaderKind {
        /// `"PoW"` or `"PoN"`.
        expected: &'static str,
    },
    /// A compact target ("nBits") that is negative, zero or overflows 256 bits.
    #[error("invalid compact target {bits:#010x}: {reason}")]
    InvalidCompactTarget {
        /// The nBits value.
        bits: u32,
        /// Negative, zero or overflow.
        reason: &'static str,
    },
    /// Compact-target text that is not 1 to 8 hex digits.
    #[error("compact target must be 1 to 8 hex digits (got {len} characters)")]
    InvalidCompactTargetText {
        /// Characters given (after any `0x`).
        len: usize,
    },
    /// A name that is not a fluxnode tier.
    #[error("unknown fluxnode tier (cumulus, nimbus or stratus)")]
    UnknownTier,
    /// A name that is not a block kind.
    #[error("unknown block kind (POW or PON)")]
    UnknownBlockKind,
    /// A `getblock` verbosity other than 1 or 2.
    #[error("verbosity must be 1 (txids) or 2 (decoded transactions), got {value}")]
    InvalidVerbosity {
        /// The value given.
        value: u8,
    },
    /// A fluxnode payee that is neither a transparent address of the network nor
    /// scriptPubKey hex.
    #[error("{tier} payee is neither a transparent address nor scriptPubKey hex: {source}")]
    InvalidPayee {
        /// The tier.
        tier: Tier,
        /// Why it is not an address.
        source: flux_primitives::Error,
    },
    /// A fluxnode payee address that is not transparent (it has no scriptPubKey).
    #[error("{tier} payee is not a transparent address")]
    NotTransparentPayee {
        /// The tier.
        tier: Tier,
    },
    /// Two payees given for one tier.
    #[error("{tier} payee given more than once")]
    DuplicatePayee {
        /// The tier.
        tier: Tier,
    },
    /// A list of previous headers where entry `index` does not decode.
    #[error("previous header {index}: {source}")]
    PrevHeaderDecode {
        /// Position in the list (0 = oldest).
        index: usize,
        /// Why.
        source: flux_primitives::Error,
    },
    /// A list of previous headers where entry `index` does not link to the one before.
    #[error("previous header {index} does not link to header {}", index.saturating_sub(1))]
    PrevHeadersNotLinked {
        /// Position in the list (0 = oldest).
        index: usize,
    },
    /// More previous headers than fit below the tip height (the oldest would be below
    /// genesis).
    #[error("{count} headers do not fit at or below height {tip_height}")]
    TooManyHeaders {
        /// Headers given.
        count: usize,
        /// Height of the newest.
        tip_height: u32,
    },
    /// A list of previous headers that is not one header per height, oldest first.
    #[error(
        "previous headers must be consecutive, oldest first: height {height} follows {previous}"
    )]
    PrevHeadersNotConsecutive {
        /// The height found.
        height: u32,
        /// The height before it.
        previous: u32,
    },
    /// JSON input that does not parse into the expected shape.
    #[error("expected {expected} (JSON line {line}, column {column})")]
    Json {
        /// The shape expected.
        expected: &'static str,
        /// Line of the problem (1-based).
        line: usize,
        /// Column of the problem (1-based).
        column: usize,
    },
    /// A difficulty computation needed more previous headers than the caller supplied.
    #[error("need the header at height {height} to compute {what}")]
    MissingHeader {
        /// The height needed.
        height: u32,
        /// What was being computed.
        what: &'static str,
    },
    /// LWMA run on a chain of fewer blocks than its window (fluxd asserts; no network
    /// reaches it).
    #[error("LWMA at height {height} needs more than {window} previous blocks")]
    LwmaChainTooShort {
        /// The height of the last block.
        height: i64,
        /// The averaging window.
        window: i64,
    },
}

impl Error {
    /// A stable, snake_case code for the variant (for programs, the CLI's
    /// `{"error": {"kind"}}` and JavaScript callers).
    ///
    /// ```
    /// use flux_consensus::Error;
    /// assert_eq!(Error::UnknownTier.kind(), "unknown_tier");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Primitives(_) => "primitives",
            Error::Tx { .. } => "transaction",
            Error::EquihashParams { .. } => "equihash_params",
            Error::EquihashSolutionLength { .. } => "equihash_solution_length",
            Error::EquihashUnknownSolutionSize { .. } => "equihash_unknown_solution_size",
            Error::EquihashInputLength { .. } => "equihash_input_length",
            Error::WrongHeaderKind { .. } => "wrong_header_kind",
            Error::InvalidCompactTarget { .. } => "invalid_compact_target",
            Error::InvalidCompactTargetText { .. } => "invalid_compact_target_text",
            Error::UnknownTier => "unknown_tier",
            Error::UnknownBlockKind => "unknown_block_kind",
            Error::InvalidVerbosity { .. } => "invalid_verbosity",
            Error::InvalidPayee { .. } => "invalid_payee",
            Error::NotTransparentPayee { .. } => "not_transparent_payee",
            Error::DuplicatePayee { .. } => "duplicate_payee",
            Error::PrevHeaderDecode { .. } => "prev_header_decode",
            Error::PrevHeadersNotLinked { .. } => "prev_headers_not_linked",
            Error::TooManyHeaders { .. } => "too_many_headers",
            Error::PrevHeadersNotConsecutive { .. } => "prev_headers_not_consecutive",
            Error::Json { .. } => "json",
            Error::MissingHeader { .. } => "missing_header",
            Error::LwmaChainTooShort { .. } => "lwma_chain_too_short",
        }
    }
}
