//! # flux-consensus
//!
//! Flux blocks and headers (PoW and Proof-of-Node), merkle, Equihash, difficulty, subsidy and block checks.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[cfg(feature = "proptest")]
pub mod arbitrary;
pub mod equihash;
mod error;

pub use error::Error;
pub mod block;
pub mod block_view;
pub mod check;
pub mod difficulty;
pub mod header;
pub mod header_chain;
pub mod json;
pub mod merkle;
pub mod params;
pub mod pon;
pub mod rules;
pub mod subsidy;
pub mod target;
