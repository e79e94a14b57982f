//! The one error type of this crate.

use thiserror::Error;

/// Everything that can go wrong in `flux-consensus`. Each variant says what was wrong and,
/// for bytes, where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed bytes or strings, from the shared codec.
    #[error(transparent)]
    Primitives(#[from] flux_primitives::Error),
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
    /// A compact target ("nBits") that is negative, zero or overflows 256 bits.
    #[error("invalid compact target {bits:#010x}: {reason}")]
    InvalidCompactTarget {
        /// The nBits value.
        bits: u32,
        /// Negative, zero or overflow.
        reason: &'static str,
    },
    /// A block or header field held a value the format does not allow.
    #[error("invalid {field}: {reason}")]
    InvalidField {
        /// Field name.
        field: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A difficulty computation needed more previous headers than the caller supplied.
    #[error("need the header at height {height} to compute {what}")]
    MissingHeader {
        /// The height needed.
        height: u32,
        /// What was being computed.
        what: &'static str,
    },
}
